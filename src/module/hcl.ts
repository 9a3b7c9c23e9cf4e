/**
 * Small builders for HCL native-syntax expressions. Every expression they produce also evaluates inside a
 * `"${ ... }"` string of Terraform JSON, multi-line ones included (checked with terraform 1.11).
 */
import { isExpr, type Value } from './types';

/** A quoted HCL string literal: `\`, `"` and control characters escaped, `${` and `%{` written as `$${` and `%%{`. */
export function hclString(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `"${out.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words HCL reads as a literal or a keyword in key position. */
const RESERVED_KEYS = new Set(['null', 'true', 'false', 'for', 'in', 'if']);

/** An object key: bare when it is a plain identifier, else quoted. */
export function hclKey(key: string): string {
  return IDENTIFIER.test(key) && !RESERVED_KEYS.has(key) ? key : hclString(key);
}

function indent(text: string): string {
  return text.replace(/\n/g, '\n  ');
}

/** An object constructor from keys to expression texts, one attribute a line. */
export function hclObject(fields: Readonly<Record<string, string>>): string {
  const keys = Object.keys(fields);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `  ${hclKey(k)} = ${indent(fields[k])}`).join('\n')}\n}`;
}

/** A tuple constructor from expression texts. */
export function hclList(items: readonly string[]): string {
  if (items.length === 0) return '[]';
  const oneLine = `[${items.join(', ')}]`;
  if (!oneLine.includes('\n') && oneLine.length <= 100) return oneLine;
  return `[\n${items.map((i) => `  ${indent(i)},`).join('\n')}\n]`;
}

/** An object without the attributes whose value is null: absent means absent in the JSON Terraform writes. */
export function withoutNulls(objectExpr: string): string {
  return `{ for k, v in ${objectExpr} : k => v if v != null }`;
}

/** `cond ? a : b` with the parts on their own lines when long. */
export function hclIf(condition: string, then: string, otherwise: string): string {
  return `${condition} ? ${then} : ${otherwise}`;
}

/**
 * A literal value as an HCL expression. Strings that contain one of `refs` (placeholder text → HCL reference) become
 * templates interpolating that reference; every other string stays literal text.
 */
export function hclLiteral(value: Value, refs: Readonly<Record<string, string>> = {}): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return templateWithRefs(value, refs);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (isExpr(value)) return value.expr;
  if (Array.isArray(value)) return hclList(value.map((v) => hclLiteral(v, refs)));
  const entries = value as { readonly [key: string]: Value };
  const fields: Record<string, string> = {};
  for (const key of Object.keys(entries)) fields[key] = hclLiteral(entries[key], refs);
  return hclObject(fields);
}

function templateWithRefs(text: string, refs: Readonly<Record<string, string>>): string {
  const placeholders = Object.keys(refs).filter((p) => text.includes(p));
  if (placeholders.length === 0) return hclString(text);
  const pattern = new RegExp(placeholders.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let out = '"';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    out += hclString(text.slice(last, match.index)).slice(1, -1);
    out += '${' + refs[match[0]] + '}';
    last = (match.index ?? 0) + match[0].length;
  }
  return out + hclString(text.slice(last)).slice(1, -1) + '"';
}
