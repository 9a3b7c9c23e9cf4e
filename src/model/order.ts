/**
 * The one ordering of strings in every output: by Unicode code point, which is the byte order of UTF-8 and the order
 * in which Terraform sorts (`sort`, `keys`, `for` over a map). JavaScript's default sort compares UTF-16 code units,
 * which puts U+10000 and above before U+E000..U+FFFF; `localeCompare` depends on the locale.
 */

/** Negative, zero or positive as `a` sorts before, with or after `b` by code point. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** A code unit's rank by code point: surrogates (which encode U+10000 and above) after U+E000..U+FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** A sorted copy, by code point. */
export function sortedByCodePoint(values: Iterable<string>): string[] {
  return [...values].sort(compareCodePoints);
}
