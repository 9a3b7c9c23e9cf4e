/**
 * A config written as JSON, read with `JSON.parse` instead of the YAML parser. It serves only the common case, a valid
 * JSON object with no duplicate key: anything else (YAML, a syntax error, a duplicate key, an invalid config) goes
 * through the YAML path, which reports each problem with its line. The value is the one the YAML path reads.
 */

/** Every string of a JSON text, and whether a colon follows it (then it is a key). */
const STRING_MAYBE_KEY = /"[^"\\]*(?:\\[\s\S][^"\\]*)*"(\s*:)?/g;

/** The number of object keys in a JSON text: strings followed by a colon. */
function keysInText(text: string): number {
  let keys = 0;
  STRING_MAYBE_KEY.lastIndex = 0;
  for (let m = STRING_MAYBE_KEY.exec(text); m !== null; m = STRING_MAYBE_KEY.exec(text)) if (m[1] !== undefined) keys++;
  return keys;
}

/** The number of object keys in a parsed value. */
function keysInValue(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + keysInValue(item), 0);
  if (typeof value !== 'object' || value === null) return 0;
  let keys = 0;
  for (const item of Object.values(value)) keys += 1 + keysInValue(item);
  return keys;
}

/**
 * The config object of a JSON text, or undefined when the text is not a JSON object or holds a duplicate key
 * (`JSON.parse` keeps the last one silently, so the parsed value has fewer keys than the text).
 */
export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (!/^\s*\{/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return keysInValue(value) === keysInText(text) ? (value as Record<string, unknown>) : undefined;
}
