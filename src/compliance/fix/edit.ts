/** Small in-place edits that keep an object's key order: existing keys stay where they are, new keys go last. */

import { isObject, Json } from '../subject';

/** Sets `key`, in place when it exists. Returns whether anything changed. */
export function setKey(obj: Json, key: string, value: unknown): boolean {
  if (key in obj && JSON.stringify(obj[key]) === JSON.stringify(value)) return false;
  obj[key] = value;
  return true;
}

/** Renames `from` to `to` at the same position; when `to` exists already, `from` is dropped. */
export function renameKey(obj: Json, from: string, to: string): void {
  const hadTarget = to in obj;
  const entries = Object.entries(obj);
  for (const key of Object.keys(obj)) delete obj[key];
  for (const [key, value] of entries) {
    if (key === from) {
      if (!hadTarget) obj[to] = value;
    } else obj[key] = value;
  }
}

/** The array at `obj[key]`, created (last) when absent. */
export function arrayAt(obj: Json, key: string): unknown[] {
  if (!Array.isArray(obj[key])) obj[key] = [];
  return obj[key] as unknown[];
}

/** The object at `obj[key]`, created (last) when absent. */
export function objectAt(obj: Json, key: string): Json {
  if (!isObject(obj[key])) obj[key] = {};
  return obj[key] as Json;
}

/** A deep copy of plain JSON data, detached from any readonly model type. */
export function plain<T>(value: T): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** Removes `null` object values and array elements everywhere, in place; returns how many were removed. */
export function dropNulls(value: unknown): number {
  let removed = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        if (current[i] === null) {
          current.splice(i, 1);
          removed++;
        } else stack.push(current[i]);
      }
    } else if (isObject(current)) {
      for (const [key, v] of Object.entries(current)) {
        if (v === null) {
          delete current[key];
          removed++;
        } else stack.push(v);
      }
    }
  }
  return removed;
}

