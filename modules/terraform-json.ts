/**
 * Terraform JSON syntax helpers shared by the CDKTF stacks. In `*.tf.json` every string in expression mode is a
 * template, so literal text escapes `${` and `%{`; expressions are written as `"${<expr>}"`.
 */
import { isExpr, Value } from '../src/module/types';

/** A JSON value as Terraform JSON syntax reads it. */
export type Json = null | string | number | boolean | Json[] | { [key: string]: Json };

/** Literal text as a Terraform JSON template: `${` → `$${`, `%{` → `%%{`. */
export function escapeTemplate(text: string): string {
  return text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/** An HCL expression as a Terraform JSON string. */
export function interpolate(expression: string): string {
  return `\${${expression}}`;
}

/** A module value in expression mode (attributes, locals): literal strings escaped, expressions interpolated. */
export function expressionJson(value: Value): Json {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return escapeTemplate(value);
  if (isExpr(value)) return interpolate(value.expr);
  if (Array.isArray(value)) return value.map(expressionJson);
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value as Readonly<Record<string, Value>>)) out[escapeTemplate(key)] = expressionJson(item);
  return out;
}

/** A module value in literal mode (variable defaults): Terraform takes it as plain JSON, so nothing is escaped. */
export function literalJson(value: Value, where: string): Json {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (isExpr(value)) throw new Error(`${where}: a variable default must be a literal value, got the expression ${value.expr}`);
  if (Array.isArray(value)) return value.map((item, i) => literalJson(item, `${where}[${i}]`));
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value as Readonly<Record<string, Value>>)) out[key] = literalJson(item, `${where}.${key}`);
  return out;
}

/** Drops CDKTF's `"//"` metadata everywhere and sorts object keys by code point, so output is byte-stable. */
export function cleanJson(value: unknown): Json {
  if (value === null || typeof value !== 'object') return value as Json;
  if (Array.isArray(value)) return value.map(cleanJson);
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value).sort()) {
    if (key === '//') continue;
    out[key] = cleanJson((value as Record<string, unknown>)[key]);
  }
  return out;
}

/** Two-space JSON with a trailing newline. */
export function formatJson(value: Json): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
