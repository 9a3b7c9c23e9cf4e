/**
 * JSON that `fix` can rewrite without changing a value it does not own. JSON.parse silently turns 1e400 into
 * Infinity (written back as null), 99999999999999999999 into 100000000000000000000, -0 into 0, and keeps only the
 * last of duplicate keys; invalid UTF-8 becomes U+FFFD when decoded. Such input is refused with its path (exit 2).
 */

import { UserError } from '../../errors';
import { ComplianceErrors } from '../errors';
import { formatPath } from '../subject';
import type { Segment } from '../types';

/** Deeper than any task definition or Terraform JSON (about 10 levels); deeper input is refused, never recursed into. */
export const MAX_JSON_DEPTH = 64;

const refuse = (file: string, path: readonly Segment[], what: string, fix: string) =>
  new UserError(`${file}: ${what} at ${formatPath(path)}; fix would change it when it writes the file back, so nothing was written.`, [
    { path: formatPath(path), message: what, fix },
  ]);

/** Decodes UTF-8 strictly (a leading BOM is dropped). Throws a UserError naming the byte offset of invalid UTF-8. */
export function decodeUtf8(file: string, bytes: Uint8Array): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw ComplianceErrors.notUtf8(file, 'UTF-16 (it starts with a UTF-16 byte order mark)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lossy = Buffer.from(new TextDecoder('utf-8').decode(bytes), 'utf8');
    let offset = 0;
    while (offset < bytes.length && offset < lossy.length && bytes[offset] === lossy[offset]) offset++;
    throw new UserError(`${file}: is not valid UTF-8 (at byte ${offset}); fix would replace the bytes with U+FFFD, so nothing was written. Save the file as UTF-8.`);
  }
}

/** Whether a JSON number literal reads back as the same number: finite, not -0, and no digits lost. */
function exactNumber(literal: string): boolean {
  const value = Number(literal);
  if (!Number.isFinite(value) || Object.is(value, -0)) return false;
  return sameDecimal(literal, String(value));
}

/** Two decimal numerals denote the same value (sign, significant digits and exponent compared). */
function sameDecimal(a: string, b: string): boolean {
  const norm = (text: string) => {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m) return text;
    const digits = `${m[2]}${m[3] ?? ''}`;
    let exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0);
    const trimmedStart = digits.replace(/^0+/, '');
    if (trimmedStart === '') return '0';
    const trimmed = trimmedStart.replace(/0+$/, '');
    exp += trimmedStart.length - trimmed.length;
    return `${m[1]}${trimmed}e${exp}`;
  };
  return norm(a) === norm(b);
}

interface Frame {
  readonly kind: 'object' | 'array';
  readonly keys: Set<string>;
  index: number;
  key?: string;
  readonly path: Segment[];
}

/**
 * Checks JSON text that JSON.parse accepts: no duplicate keys, no number that JSON.parse would change, no nesting
 * deeper than MAX_JSON_DEPTH. Iterative, so any depth is safe to scan.
 */
export function assertFaithfulJson(file: string, text: string): void {
  const stack: Frame[] = [];
  const here = (): Segment[] => {
    const top = stack[stack.length - 1];
    if (!top) return [];
    return [...top.path, top.kind === 'array' ? top.index : (top.key ?? '')];
  };
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const path = here();
      if (stack.length >= MAX_JSON_DEPTH) {
        throw new UserError(`${file}: nested more than ${MAX_JSON_DEPTH} levels deep at ${formatPath(path)}; no task definition is, so nothing was written.`);
      }
      stack.push({ kind: ch === '{' ? 'object' : 'array', keys: new Set(), index: 0, path });
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      expectKey = false;
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top.kind === 'array') top.index++;
      else expectKey = true;
    } else if (ch === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === 'object') {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) {
          throw refuse(file, [...top.path, key], `duplicate key ${JSON.stringify(key)}`, 'keep one of the entries with that key (JSON.parse would keep only the last)');
        }
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = end;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      let end = i + 1;
      while (end < text.length && /[0-9eE.+-]/.test(text[end])) end++;
      const literal = text.slice(i, end);
      if (!exactNumber(literal)) {
        throw refuse(file, here(), `the number ${literal.length > 40 ? `${literal.slice(0, 37)}...` : literal} cannot be kept exactly (it is out of range, -0, or has more digits than a double holds)`, 'write it as a string, or as a number that a 64-bit double holds exactly');
      }
      i = end - 1;
    }
  }
}
