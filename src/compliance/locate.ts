/**
 * Line and column of a JSON path in a JSON text, for reports and SARIF regions. Only the paths a report shows are
 * looked up: each lookup scans from the start of the text, skipping the values it does not enter, and line starts
 * are indexed once per text on first use.
 */

import { isObject } from './subject';
import type { Segment } from './types';

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units (SARIF's default column kind). */
  readonly column: number;
}

/**
 * A function from path to the position of the deepest part of the path that exists in `text`. With `document` (the
 * text parsed), a key or item the document lacks ends the walk without scanning for it: most findings are about a
 * key that is missing.
 */
export function locator(text: string, document?: unknown): (path: readonly Segment[]) => Position {
  let lineStarts: number[] | undefined;
  const at = (offset: number): Position => {
    lineStarts ??= indexLines(text);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  const scans = new Map<number, Scan>();
  return (path) => at(offsetOf(text, path, scans, document));
}

/**
 * What is known of one object or array of the text: the children scanned so far (key or index → offset of the key or
 * item, and of the value) and where scanning resumes. Each container is scanned at most once, however many findings
 * point into it, so locating all the findings of a file is linear in its size.
 */
interface Scan {
  readonly children: Map<Segment, [found: number, value: number]>;
  /** Offset of the next child to scan; -1 when the container is scanned to its end. */
  next: number;
  /** Index of the next child (arrays). */
  index: number;
}

function indexLines(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

const skipWs = (text: string, i: number): number => {
  while (i < text.length && isWs(text.charCodeAt(i))) i++;
  return i;
};

// JSON strings and brackets as the regular expression engine finds them: much faster than a loop over characters
/** A JSON string (the unrolled form: no backtracking). */
const STRING = /"[^"\\]*(?:\\[\s\S][^"\\]*)*"/y;
/** Everything up to the next bracket that is not inside a string, that bracket included. */
const TO_NEXT_BRACKET = /[^"[\]{}]*(?:"[^"\\]*(?:\\[\s\S][^"\\]*)*"[^"[\]{}]*)*[[\]{}]/g;

/** The end (exclusive) of the string starting at `i` (a `"`). */
function stringEnd(text: string, i: number): number {
  STRING.lastIndex = i;
  return STRING.test(text) ? STRING.lastIndex : text.length;
}

/** The end (exclusive) of the value starting at `i`. */
function valueEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22) return stringEnd(text, i);
  if (c !== 0x7b && c !== 0x5b) {
    let j = i;
    for (; j < text.length; j++) {
      const d = text.charCodeAt(j);
      if (isWs(d) || d === 0x2c || d === 0x5d || d === 0x7d) break;
    }
    return j;
  }
  let depth = 0;
  TO_NEXT_BRACKET.lastIndex = i;
  while (TO_NEXT_BRACKET.test(text)) {
    const end = TO_NEXT_BRACKET.lastIndex;
    const d = text.charCodeAt(end - 1);
    if (d === 0x7b || d === 0x5b) depth++;
    else if (--depth === 0) return end;
  }
  return text.length;
}

function scanOf(text: string, open: number, scans: Map<number, Scan>): Scan {
  let scan = scans.get(open);
  if (!scan) {
    const first = skipWs(text, open + 1);
    const close = text.charCodeAt(open) === 0x7b ? 0x7d : 0x5d;
    scan = { children: new Map(), next: text.charCodeAt(first) === close ? -1 : first, index: 0 };
    scans.set(open, scan);
  }
  return scan;
}

/**
 * Scans members of the object at `open` until `segment` is found (or the end). The scan stops at the first match: of
 * duplicate keys (which JSON.parse resolves to the last) the first is shown.
 */
function findMember(text: string, open: number, segment: string, scans: Map<number, Scan>): [number, number] | undefined {
  const scan = scanOf(text, open, scans);
  let hit = scan.children.get(segment);
  while (!hit && scan.next !== -1 && text.charCodeAt(scan.next) === 0x22) {
    const j = scan.next;
    const keyEnd = stringEnd(text, j);
    const raw = text.slice(j + 1, keyEnd - 1);
    const key = raw.includes('\\') ? (JSON.parse(text.slice(j, keyEnd)) as string) : raw;
    const v = skipWs(text, skipWs(text, keyEnd) + 1); // past ':'
    if (!scan.children.has(key)) scan.children.set(key, [j, v]);
    const end = skipWs(text, valueEnd(text, v));
    scan.next = text.charCodeAt(end) === 0x2c ? skipWs(text, end + 1) : -1;
    if (key === segment) hit = scan.children.get(key);
  }
  return hit;
}

/** Scans items of the array at `open` until item `segment` is found (or the end); an item is skipped only to reach a later one. */
function findItem(text: string, open: number, segment: number, scans: Map<number, Scan>): [number, number] | undefined {
  const scan = scanOf(text, open, scans);
  while (!scan.children.has(segment) && scan.next !== -1 && text.charCodeAt(scan.next) !== 0x5d) {
    const j = scan.next;
    if (!scan.children.has(scan.index)) scan.children.set(scan.index, [j, j]);
    if (scan.index === segment) break;
    const end = skipWs(text, valueEnd(text, j));
    scan.next = text.charCodeAt(end) === 0x2c ? skipWs(text, end + 1) : -1;
    scan.index++;
  }
  return scan.children.get(segment);
}

const hasOwn = (value: unknown, key: string): boolean => isObject(value) && Object.prototype.hasOwnProperty.call(value, key);

/** Offset of the key (for an object member) or the item (for an array element) the path ends at. */
function offsetOf(text: string, path: readonly Segment[], scans: Map<number, Scan>, document: unknown): number {
  let i = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  let found = i;
  let node = document;
  for (const segment of path) {
    if (document !== undefined) {
      const present = typeof segment === 'string' ? hasOwn(node, segment) : Array.isArray(node) && segment < node.length;
      if (!present) break;
      node = (node as Record<string | number, unknown>)[segment];
    }
    const c = text.charCodeAt(i);
    const hit =
      c === 0x7b && typeof segment === 'string'
        ? findMember(text, i, segment, scans)
        : c === 0x5b && typeof segment === 'number'
          ? findItem(text, i, segment, scans)
          : undefined;
    if (!hit) break;
    [found, i] = hit;
  }
  return found;
}
