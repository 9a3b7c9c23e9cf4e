/**
 * Terraform JSON syntax helpers shared by the CDKTF stacks. In `*.tf.json` every string in expression mode is a
 * template, so literal text escapes `${` and `%{`; expressions are written as `"${<expr>}"`.
 */
import { randomUUID } from 'node:crypto';
import { compareCodePoints } from '../src/model/order';
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

/**
 * Strings on their way through CDKTF to a file this project writes itself (the module). CDKTF resolves a stack twice
 * and reads token markers (`${TfToken[...]}`) in every string and key, and drops the keys `__proto__` (as a plain
 * object's prototype) and `//` (as its own metadata). Such a string travels as a placeholder, and `cleanJson` puts the
 * text back after synthesis.
 */
export class ProtectedText {
  private readonly nonce = randomUUID();
  private readonly texts = new Map<string, string>();

  /** `text`, or a placeholder for it when CDKTF would change or drop it. */
  protect(text: string): string {
    if (!/TfToken\[/.test(text) && text !== '__proto__' && text !== '//') return text;
    const placeholder = `\u0000ecs-datadog-readonly:${this.nonce}:${this.texts.size}\u0000`;
    this.texts.set(placeholder, text);
    return placeholder;
  }

  /** The text a placeholder stands for; any other string as it is. */
  restore(text: string): string {
    return this.texts.get(text) ?? text;
  }
}

/** An object with exactly these own keys, `__proto__` included (an assignment would set the prototype instead). */
export function jsonObject(entries: Iterable<readonly [string, Json]>): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

/** A module value in expression mode (attributes, locals): literal strings escaped, expressions interpolated. */
export function expressionJson(value: Value, text: ProtectedText): Json {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return text.protect(escapeTemplate(value));
  if (isExpr(value)) return text.protect(interpolate(value.expr));
  if (Array.isArray(value)) return value.map((item) => expressionJson(item, text));
  return jsonObject(Object.entries(value as Readonly<Record<string, Value>>).map(([key, item]) => [text.protect(escapeTemplate(key)), expressionJson(item, text)]));
}

/** A module value in literal mode (variable defaults): Terraform takes it as plain JSON, so nothing is escaped. */
export function literalJson(value: Value, where: string, text: ProtectedText): Json {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return text.protect(value);
  if (isExpr(value)) throw new Error(`${where}: a variable default must be a literal value, got the expression ${value.expr}`);
  if (Array.isArray(value)) return value.map((item, i) => literalJson(item, `${where}[${i}]`, text));
  return jsonObject(Object.entries(value as Readonly<Record<string, Value>>).map(([key, item]) => [text.protect(key), literalJson(item, `${where}.${key}`, text)]));
}

/**
 * Drops CDKTF's `"//"` metadata everywhere and sorts object keys by code point, so output is byte-stable. With
 * `text`, placeholders become their text again (after the metadata is gone, so a user's `//` key stays).
 */
export function cleanJson(value: unknown, text?: ProtectedText): Json {
  if (typeof value === 'string') return text ? text.restore(value) : value;
  if (value === null || typeof value !== 'object') return value as Json;
  if (Array.isArray(value)) return value.map((item) => cleanJson(item, text));
  const entries = Object.keys(value)
    .filter((key) => key !== '//')
    .map((key) => [text ? text.restore(key) : key, cleanJson((value as Record<string, unknown>)[key], text)] as const);
  return jsonObject(entries.sort(([a], [b]) => compareCodePoints(a, b)));
}

/** Two-space JSON with a trailing newline. */
export function formatJson(value: Json): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
