/** A pure validator of JSON values against a shape table: unknown keys, wrong types, values outside an enum. */

import { closest, distance } from 'fastest-levenshtein';
import { DATADOG_API_KEY_LIKE } from '../../config/constraints';
import type { Segment } from '../types';
import { CONTAINER_DEFINITION, TASK_DEFINITION } from './register-task-definition';
import type { Member, Shape, Structure } from './types';

export type ShapeIssueKind =
  /** A key the structure does not have; ECS drops it. */
  | 'unknown-key'
  /** A key of the structure spelt another way (`readOnlyRootFilesystem`, `log_configuration`); ECS drops it. */
  | 'miscased-key'
  /** A describe-task-definition key in a RegisterTaskDefinition input. */
  | 'describe-only'
  | 'wrong-type'
  | 'not-in-enum'
  | 'missing-required'
  /** A union with no member or more than one. */
  | 'union';

export interface ShapeIssue {
  readonly kind: ShapeIssueKind;
  /** Path of the offending key or value, relative to the validated value. */
  readonly path: readonly Segment[];
  /** What is wrong and what ECS expects. Never echoes a value that looks like a Datadog key. */
  readonly message: string;
  /** For `miscased-key` and close `unknown-key`s: the key ECS spells. */
  readonly expected?: string;
}

export interface ShapeOptions {
  /** Accept the describe-only keys (the input is describe-task-definition output). @default false */
  readonly describe?: boolean;
  /** What messages call the validated value, e.g. `container "app"`. @default "the value" */
  readonly name?: string;
}

const fold = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');

const typeName = (shape: Shape): string => {
  switch (shape.kind) {
    case 'string':
      return shape.enum ? `one of ${shape.enum.map((v) => JSON.stringify(v)).join(', ')}` : 'a string';
    case 'integer':
      return 'an integer';
    case 'boolean':
      return 'true or false';
    case 'timestamp':
      return 'a timestamp';
    case 'list':
      return 'a list';
    case 'map':
      return 'an object of strings';
    case 'structure':
      return `an object (${shape.name})`;
  }
};

const jsonType = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;

/** A key as messages show it: quoted, unless it looks like a Datadog key. */
const quoteKey = (key: string): string => (DATADOG_API_KEY_LIKE.test(key) ? '(a key that looks like a Datadog API key)' : JSON.stringify(key));

/** A value as messages show it: short scalars only, and never one that looks like a Datadog key. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    if (DATADOG_API_KEY_LIKE.test(value)) return 'a string that looks like a Datadog API key';
    return value.length <= 64 ? JSON.stringify(value) : `a string of ${value.length} characters`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return jsonType(value);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The member a mis-spelt key stands for: same letters ignoring case, `_` and `-`, or one or two edits away. */
function likelyKey(structure: Structure, key: string, byFold: Map<string, string>): string | undefined {
  const folded = fold(key);
  const exact = byFold.get(folded);
  if (exact !== undefined) return exact;
  if (folded.length < 4) return undefined;
  const near = closest(folded, [...byFold.keys()]);
  return distance(folded, near) <= (folded.length >= 8 ? 2 : 1) ? byFold.get(near) : undefined;
}

const foldIndex = new WeakMap<Structure, Map<string, string>>();
function foldsOf(structure: Structure): Map<string, string> {
  let index = foldIndex.get(structure);
  if (!index) {
    index = new Map(Object.keys(structure.members).map((k) => [fold(k), k]));
    foldIndex.set(structure, index);
  }
  return index;
}

/** A structure's members by key (own keys only: `__proto__` or `constructor` in the input is not a member). */
const memberIndex = new WeakMap<Structure, Map<string, Member>>();
function membersOf(structure: Structure): Map<string, Member> {
  let index = memberIndex.get(structure);
  if (!index) {
    index = new Map(Object.entries(structure.members));
    memberIndex.set(structure, index);
  }
  return index;
}

const requiredIndex = new WeakMap<Structure, string[]>();
function requiredOf(structure: Structure): string[] {
  let keys = requiredIndex.get(structure);
  if (!keys) {
    keys = Object.entries(structure.members).flatMap(([key, member]) => (member.required ? [key] : []));
    requiredIndex.set(structure, keys);
  }
  return keys;
}

const has = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/** How a path step reads in a message: `.key` of a structure, `[0]` of a list, `["key"]` of a map. */
const enum Step {
  Member,
  Item,
  MapKey,
}

/** Whether `validateShape` finds nothing: the same rules, without paths or messages. */
export function conforms(v: unknown, s: Shape, describe: boolean): boolean {
  switch (s.kind) {
    case 'string':
      return typeof v === 'string' && (!s.enum || s.enum.includes(v));
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'timestamp':
      return typeof v === 'string' || typeof v === 'number';
    case 'list':
      if (!Array.isArray(v)) return false;
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (item === null || !conforms(item, s.items, describe)) return false;
      }
      return true;
    case 'map':
      if (!isPlainObject(v)) return false;
      for (const key in v) {
        if (!has(v, key)) continue;
        const item = v[key];
        if (item !== null && !conforms(item, s.values, describe)) return false;
      }
      return true;
    case 'structure': {
      if (!isPlainObject(v)) return false;
      let set = 0;
      const members = membersOf(s);
      for (const key in v) {
        if (!has(v, key)) continue;
        const member = members.get(key);
        if (member === undefined || (member.describeOnly && !describe)) return false;
        const item = v[key];
        if (item === null || item === undefined) continue;
        set++;
        if (!conforms(item, member.shape, describe)) return false;
      }
      for (const key of requiredOf(s)) if (!has(v, key) || v[key] === null) return false;
      return !s.union || set === 1;
    }
  }
}

/**
 * Every way `value` departs from `shape`, with paths below `base`. `null` counts as absent (ECS and Terraform treat it
 * so). Own keys only: a `__proto__` key in parsed JSON is an ordinary unknown key. Paths and messages are built only
 * for what is wrong.
 */
export function validateShape(value: unknown, shape: Shape, base: readonly Segment[] = [], options: ShapeOptions = {}): ShapeIssue[] {
  // most values conform: a check that builds nothing first, and the walk that names each issue only when it fails
  return conforms(value, shape, options.describe === true) ? [] : shapeIssues(value, shape, base, options);
}

/** The walk of `validateShape` without the pre-check. */
export function shapeIssues(value: unknown, shape: Shape, base: readonly Segment[] = [], options: ShapeOptions = {}): ShapeIssue[] {
  const issues: ShapeIssue[] = [];
  const name = options.name ?? 'the value';
  const segments: Segment[] = [];
  const steps: Step[] = [];
  const here = (...more: Segment[]): Segment[] => [...base, ...segments, ...more];
  const where = (): string => {
    let field = '';
    segments.forEach((seg, i) => {
      const step = steps[i];
      field += step === Step.Item ? `[${String(seg)}]` : step === Step.MapKey ? `[${quoteKey(String(seg))}]` : field === '' ? String(seg) : `.${String(seg)}`;
    });
    return field === '' ? name : `${name} ${field}`;
  };
  const enter = (segment: Segment, step: Step, v: unknown, s: Shape) => {
    segments.push(segment);
    steps.push(step);
    visit(v, s);
    segments.pop();
    steps.pop();
  };
  const visit = (v: unknown, s: Shape): void => {
    const wrong = (): void => void issues.push({ kind: 'wrong-type', path: here(), message: `${where()} is ${jsonType(v)}; ECS expects ${typeName(s)}` });
    switch (s.kind) {
      case 'string':
        if (typeof v !== 'string') return wrong();
        if (s.enum && !s.enum.includes(v)) {
          const near = s.enum.find((e) => e.toLowerCase() === v.toLowerCase());
          issues.push({
            kind: 'not-in-enum',
            path: here(),
            message: `${where()} is ${describeValue(v)}; ECS accepts ${s.enum.map((e) => JSON.stringify(e)).join(', ')}${near ? ` (case-sensitive: "${near}")` : ''}`,
          });
        }
        return;
      case 'integer':
        if (typeof v !== 'number' || !Number.isInteger(v)) {
          const numeric = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v);
          issues.push({
            kind: 'wrong-type',
            path: here(),
            message: `${where()} is ${typeof v === 'number' ? `the number ${v}` : jsonType(v)}; ECS expects an integer${numeric ? ` (write ${v.trim()} without quotes)` : ''}`,
          });
        }
        return;
      case 'boolean':
        if (typeof v !== 'boolean') {
          const textual = v === 'true' || v === 'false';
          issues.push({
            kind: 'wrong-type',
            path: here(),
            message: `${where()} is ${jsonType(v)}; ECS expects true or false${textual ? ` (write ${String(v)} without quotes)` : ''}`,
          });
        }
        return;
      case 'timestamp':
        if (typeof v !== 'string' && typeof v !== 'number') wrong();
        return;
      case 'list':
        if (!Array.isArray(v)) return wrong();
        for (let i = 0; i < v.length; i++) {
          const item: unknown = v[i];
          if (item === null) {
            segments.push(i);
            steps.push(Step.Item);
            issues.push({ kind: 'wrong-type', path: here(), message: `${where()} is null; ECS expects ${typeName(s.items)}` });
            segments.pop();
            steps.pop();
          } else enter(i, Step.Item, item, s.items);
        }
        return;
      case 'map':
        if (!isPlainObject(v)) return wrong();
        for (const key in v) {
          if (!has(v, key)) continue;
          const item = v[key];
          if (item !== null) enter(key, Step.MapKey, item, s.values);
        }
        return;
      case 'structure':
        if (!isPlainObject(v)) return wrong();
        visitStructure(v, s);
    }
  };
  const visitStructure = (obj: Record<string, unknown>, s: Structure): void => {
    let set = 0;
    const members = membersOf(s);
    for (const key in obj) {
      if (!has(obj, key)) continue;
      const member = members.get(key);
      if (member === undefined) {
        const expected = likelyKey(s, key, foldsOf(s));
        const present = expected !== undefined && has(obj, expected);
        const exactFold = expected !== undefined && fold(expected) === fold(key);
        issues.push({
          kind: exactFold ? 'miscased-key' : 'unknown-key',
          path: here(key),
          message:
            `${where()} has key ${quoteKey(key)}, which is not a ${s.name} key, so ECS drops it` +
            (expected === undefined ? '' : present ? ` ("${expected}" is set too; remove this one)` : `; the key is "${expected}"`),
          ...(expected !== undefined && { expected }),
        });
        continue;
      }
      if (member.describeOnly && !options.describe) {
        issues.push({
          kind: 'describe-only',
          path: here(key),
          message: `${where()} has key "${key}", which only describe-task-definition returns; RegisterTaskDefinition does not take it (remove it, or run fix)`,
        });
        continue;
      }
      const item = obj[key];
      if (item === null || item === undefined) continue;
      set++;
      enter(key, Step.Member, item, member.shape);
    }
    for (const key of requiredOf(s)) {
      if (!has(obj, key) || obj[key] === null) {
        issues.push({ kind: 'missing-required', path: here(key), message: `${where()} has no "${key}"; ECS requires it (${typeName(s.members[key].shape)})` });
      }
    }
    if (s.union && set !== 1) {
      issues.push({
        kind: 'union',
        path: here(),
        message: `${where()} must set exactly one of ${Object.keys(s.members).map((k) => `"${k}"`).join(', ')}`,
      });
    }
  };
  visit(value, shape);
  return issues;
}

/**
 * A task definition against the RegisterTaskDefinition input, containers included. With `describe`, the
 * describe-task-definition keys are accepted.
 */
export function validateTaskDefinitionShape(taskDefinition: unknown, options: ShapeOptions = {}, base: readonly Segment[] = []): ShapeIssue[] {
  return validateShape(taskDefinition, TASK_DEFINITION, base, { name: 'the task definition', ...options });
}

/** One container definition against the ContainerDefinition structure. */
export function validateContainerDefinitionShape(container: unknown, base: readonly Segment[] = [], name = 'the container'): ShapeIssue[] {
  return validateShape(container, CONTAINER_DEFINITION, base, { name });
}
