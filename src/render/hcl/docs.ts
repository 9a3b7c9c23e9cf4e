/**
 * The reference part of the module README in terraform-docs' markdown table layout: requirements, providers,
 * resources, inputs and outputs, with the same anchors terraform-docs writes.
 */
import type { ModuleSpec, VariableSpec } from '../../module/types';
import { encodeValue } from './encode';

export const BEGIN_TF_DOCS = '<!-- BEGIN_TF_DOCS -->';
export const END_TF_DOCS = '<!-- END_TF_DOCS -->';

/** `name` is the plain name (for the HTML anchor), `label` the link text with `_` escaped as terraform-docs writes it. */
export interface RequirementRow {
  readonly name: string;
  readonly label: string;
  readonly anchor: string;
  readonly version: string;
}

export interface ResourceRow {
  readonly address: string;
  readonly url: string;
  readonly kind: 'resource' | 'data source';
}

export interface InputRow {
  readonly name: string;
  readonly label: string;
  readonly anchor: string;
  readonly description: string;
  readonly type: string;
  readonly default: string;
  readonly required: 'yes' | 'no';
}

export interface OutputRow {
  readonly name: string;
  readonly label: string;
  readonly anchor: string;
  readonly description: string;
}

export interface DocsView {
  readonly requirements: readonly RequirementRow[];
  readonly providers: readonly RequirementRow[];
  readonly resources: readonly ResourceRow[];
  readonly inputs: readonly InputRow[];
  readonly outputs: readonly OutputRow[];
}

/** Plain text for a table cell: `&` and `<` as entities (no HTML tag can open), `|` escaped, line breaks as `<br>`. */
export function cellText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, '<br>');
}

/** Code for a table cell: a code span when it fits on a line, a `<pre>` block (terraform-docs style) otherwise. */
export function cellCode(code: string): string {
  if (code.includes('\n')) return `<pre>${htmlCode(code).replace(/\n/g, '<br/>')}</pre>`;
  // a code span cannot hide terraform-docs' markers (entities are literal inside it): such code goes in <code>
  if (code.includes('<!--') || code.includes('-->')) return `<code>${htmlCode(code)}</code>`;
  const fence = '`'.repeat(longestRun(code, '`') + 1);
  // a space on both sides keeps a leading or trailing backtick (or space) apart from the fence; Markdown strips it
  const pad = fence.length > 1 || /^[` ]|[` ]$/.test(code) ? ' ' : '';
  return `${fence}${pad}${code.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/**
 * Text inside raw HTML in a table cell is still Markdown: the characters that open links, emphasis, code spans,
 * strikethrough, escapes and table cells are backslash-escaped (as CommonMark allows for any ASCII punctuation), `<`
 * and `&` written as entities, so each shows as itself and no HTML tag nor terraform-docs marker can form.
 */
export function htmlCode(code: string): string {
  // an underscore inside a word (snake_case) cannot start or end emphasis, so it stays as it is
  return code
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|[\\`*[\]~|]/g, (ch) => `\\${ch}`);
}

function longestRun(text: string, ch: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === ch ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/** A code fence for `code`: longer than any run of backticks in it, so the code cannot close it. */
export function codeFence(code: string): string {
  return '`'.repeat(Math.max(3, longestRun(code, '`') + 1));
}

/**
 * HCL for the README that terraform-docs cannot mistake for its markers: a marker can only stand inside a quoted
 * string there, where `\u003C` is the same `<` to Terraform.
 */
export function withoutDocsMarkers(hcl: string): string {
  return hcl.replace(/<(?=!-- (?:BEGIN|END)_TF_DOCS -->)/g, '\\u003C');
}

/** terraform-docs escapes `_` in link texts and targets. */
function escapeUnderscores(name: string): string {
  return name.replace(/_/g, '\\_');
}

function anchor(prefix: string, name: string): string {
  return `${prefix}\\_${escapeUnderscores(name)}`;
}

function byName<T extends { readonly name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function inputRow(v: VariableSpec): InputRow {
  return {
    name: v.name,
    label: escapeUnderscores(v.name),
    anchor: anchor('input', v.name),
    description: cellText(v.description),
    type: cellCode(v.type),
    default: v.default === undefined ? 'n/a' : cellCode(encodeValue(v.default, 0)),
    required: v.default === undefined ? 'yes' : 'no',
  };
}

function registryUrl(source: string, kind: 'resource' | 'data', type: string): string {
  const provider = type.split('_')[0];
  const section = kind === 'resource' ? 'resources' : 'data-sources';
  return `https://registry.terraform.io/providers/${source}/latest/docs/${section}/${type.slice(provider.length + 1)}`;
}

/** The rows of every table, sorted by name as terraform-docs sorts them. */
export function docsView(spec: ModuleSpec): DocsView {
  const providerNames = Object.keys(spec.requiredProviders).sort();
  const requirement = (prefix: string, name: string, version: string): RequirementRow => ({
    name,
    label: escapeUnderscores(name),
    anchor: anchor(prefix, name),
    version,
  });
  return {
    requirements: [
      requirement('requirement', 'terraform', spec.requiredVersion),
      ...providerNames.map((p) => requirement('requirement', p, spec.requiredProviders[p].version)),
    ].map((r) => ({ ...r, version: cellText(r.version) })),
    providers: providerNames.map((p) => requirement('provider', p, cellText(spec.requiredProviders[p].version))),
    resources: [...spec.resources]
      .sort((a, b) => byName({ name: `${a.type}.${a.name}` }, { name: `${b.type}.${b.name}` }))
      .map((r) => {
        const provider = spec.requiredProviders[r.type.split('_')[0]];
        return {
          address: `${r.type}.${r.name}`,
          url: registryUrl(provider ? provider.source : `hashicorp/${r.type.split('_')[0]}`, r.kind, r.type),
          kind: r.kind === 'data' ? 'data source' : 'resource',
        };
      }),
    inputs: [...spec.variables].sort(byName).map(inputRow),
    outputs: [...spec.outputs].sort(byName).map((o) => ({
      name: o.name,
      label: escapeUnderscores(o.name),
      anchor: anchor('output', o.name),
      description: cellText(o.description),
    })),
  };
}
