/**
 * Template views of HCL blocks: attributes already encoded and aligned, nested blocks with their indentation, so the
 * `block` partial only places text.
 */
import { type BlockSpec, expr, type ResourceSpec, type Value } from '../../module/types';
import { attributeName, encodeString, encodeValue } from './encode';
import { alignAttributes, indentation } from './layout';

export interface AttributeView {
  readonly indent: string;
  readonly lhs: string;
  readonly rhs: string;
}

export interface BlockView {
  readonly indent: string;
  /** e.g. `resource "aws_ecs_service" "this"`. */
  readonly header: string;
  /** No attributes and no nested blocks: written `{}` on the header line. */
  readonly empty: boolean;
  /** The closing brace with its indentation. */
  readonly closing: string;
  /** Attribute groups, separated by a blank line. */
  readonly groups: readonly (readonly AttributeView[])[];
  readonly blocks: readonly NestedBlockView[];
}

export interface NestedBlockView extends BlockView {
  /** A blank line before the block. */
  readonly separated: boolean;
}

/** Attributes of a body at `depth`, in the given order, `=` aligned. */
export function attributeViews(attributes: readonly (readonly [string, Value | undefined])[], depth: number): AttributeView[] {
  const indent = indentation(depth);
  const present = attributes.filter((entry): entry is readonly [string, Value] => entry[1] !== undefined);
  return alignAttributes(present.map(([name, value]) => ({ key: attributeName(name), value: encodeValue(value, depth) }))).map(
    (a) => ({ indent, ...a }),
  );
}

/** A block header: the type, then its labels as quoted strings. */
export function header(type: string, ...labels: readonly string[]): string {
  return [attributeName(type), ...labels.map((label) => encodeString(label))].join(' ');
}

/** A block view at `depth` from its header, attribute groups (empty ones dropped) and nested blocks. */
export function blockView(
  depth: number,
  head: string,
  groups: readonly (readonly (readonly [string, Value | undefined])[])[],
  nested: readonly ((depth: number) => BlockView)[] = [],
): BlockView {
  const attributeGroups = groups.map((g) => attributeViews(g, depth + 1)).filter((g) => g.length > 0);
  const blocks = nested.map((make, i) => ({ ...make(depth + 1), separated: i > 0 || attributeGroups.length > 0 }));
  const empty = attributeGroups.length === 0 && blocks.length === 0;
  return { indent: indentation(depth), header: head, empty, closing: `${indentation(depth)}}`, groups: attributeGroups, blocks };
}

function entries(attributes: Readonly<Record<string, Value>>): (readonly [string, Value])[] {
  return Object.keys(attributes).map((k) => [k, attributes[k]] as const);
}

/** A nested block, or a `dynamic` block whose `content` holds the body, iterator named after the block type. */
export function nestedBlockView(spec: BlockSpec): (depth: number) => BlockView {
  const body = (depth: number, head: string): BlockView =>
    blockView(depth, head, [entries(spec.attributes)], (spec.blocks ?? []).map(nestedBlockView));
  if (!spec.forEach) return (depth) => body(depth, header(spec.type));
  const forEach = spec.forEach;
  return (depth) => blockView(depth, header('dynamic', spec.type), [[['for_each', forEach]]], [(d) => body(d, 'content')]);
}

/** `depends_on` as a list of addresses, or undefined when the resource has none. */
function dependsOn(spec: ResourceSpec): Value | undefined {
  return spec.dependsOn && spec.dependsOn.length > 0 ? expr(`[${spec.dependsOn.join(', ')}]`) : undefined;
}

/** The `lifecycle` block as a nested block, or none. */
function lifecycleBlocks(spec: ResourceSpec): BlockSpec[] {
  const l = spec.lifecycle;
  if (!l) return [];
  const attributes: Record<string, Value> = {};
  if (l.createBeforeDestroy) attributes.create_before_destroy = true;
  if (l.ignoreChanges && l.ignoreChanges.length > 0) attributes.ignore_changes = expr(`[${l.ignoreChanges.join(', ')}]`);
  return Object.keys(attributes).length > 0 ? [{ type: 'lifecycle', attributes }] : [];
}

/** `resource` or `data` block: `count` or `for_each` first, then the attributes, `depends_on`, nested blocks, `lifecycle`. */
export function resourceView(spec: ResourceSpec): BlockView {
  return blockView(
    0,
    header(spec.kind, spec.type, spec.name),
    [[['count', spec.count], ['for_each', spec.forEach]], entries(spec.attributes), [['depends_on', dependsOn(spec)]]],
    [...(spec.blocks ?? []), ...lifecycleBlocks(spec)].map(nestedBlockView),
  );
}
