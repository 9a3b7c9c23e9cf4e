/**
 * Line and column of a JSON path in a JSON text, for reports and SARIF regions. Only the paths a report shows are
 * looked up: each lookup scans from the start of the text, skipping the values it does not enter, and line starts
 * are indexed once per text on first use.
 */

import type { Segment } from './types';

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units (SARIF's default column kind). */
  readonly column: number;
}

/** A function from path to the position of the deepest part of the path that exists in `text`. */
export function locator(text: string): (path: readonly Segment[]) => Position {
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
  // offsets of the values (and keys) of path prefixes already walked, so findings in one container scan it once
  const walked = new Map<string, [value: number, found: number]>();
  return (path) => at(offsetOf(text, path, walked));
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

/** The end (exclusive) of the string starting at `i` (a `"`). */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return text.length;
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
  for (let j = i; j < text.length; j++) {
    const d = text.charCodeAt(j);
    if (d === 0x22) {
      // inline string skip: the hot path
      for (j++; j < text.length; j++) {
        const e = text.charCodeAt(j);
        if (e === 0x5c) j++;
        else if (e === 0x22) break;
      }
    } else if (d === 0x7b || d === 0x5b) depth++;
    else if (d === 0x7d || d === 0x5d) {
      if (--depth === 0) return j + 1;
    }
  }
  return text.length;
}

/** Offset of the key (for an object member) or the item (for an array element) the path ends at. */
function offsetOf(text: string, path: readonly Segment[], walked: Map<string, [number, number]>): number {
  let i = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  let found = i;
  let start = 0;
  let prefix = '';
  for (let n = path.length; n > 0; n--) {
    const key = path.slice(0, n).join('\u0000');
    const hit = walked.get(key);
    if (hit) {
      [i, found] = hit;
      start = n;
      prefix = key;
      break;
    }
  }
  for (let n = start; n < path.length; n++) {
    const segment = path[n];
    const c = text.charCodeAt(i);
    let next = -1;
    if (c === 0x7b && typeof segment === 'string') {
      let j = skipWs(text, i + 1);
      while (j < text.length && text.charCodeAt(j) === 0x22) {
        const keyEnd = stringEnd(text, j);
        const raw = text.slice(j + 1, keyEnd - 1);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(j, keyEnd)) as string) : raw;
        const v = skipWs(text, skipWs(text, keyEnd) + 1); // past ':'
        const end = valueEnd(text, v);
        // JSON.parse keeps the last of duplicate keys, so the last match wins here too
        if (key === segment) {
          found = j;
          next = v;
        }
        j = skipWs(text, end);
        if (text.charCodeAt(j) === 0x2c) j = skipWs(text, j + 1);
        else break;
      }
    } else if (c === 0x5b && typeof segment === 'number') {
      let j = skipWs(text, i + 1);
      let index = 0;
      while (index < segment && j < text.length && text.charCodeAt(j) !== 0x5d) {
        j = skipWs(text, valueEnd(text, j));
        if (text.charCodeAt(j) !== 0x2c) break;
        j = skipWs(text, j + 1);
        index++;
      }
      if (index === segment && j < text.length && text.charCodeAt(j) !== 0x5d) {
        found = j;
        next = j;
      }
    }
    if (next === -1) break;
    i = next;
    prefix = n === 0 ? String(segment) : `${prefix}\u0000${String(segment)}`;
    walked.set(prefix, [i, found]);
  }
  return found;
}
