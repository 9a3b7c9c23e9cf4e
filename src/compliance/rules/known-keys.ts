/** The keys of the RegisterTaskDefinition API (from the shape table), to catch keys ECS ignores because they are spelt differently. */

import { CONTAINER_DEFINITION, REGISTER_KEYS } from '../shape';
import type { Structure } from '../shape';
import type { Json } from '../subject';

const structureOf = (field: string): Structure | undefined => {
  const shape = CONTAINER_DEFINITION.members[field].shape;
  const inner = shape.kind === 'list' ? shape.items : shape;
  return inner.kind === 'structure' ? inner : undefined;
};

/** Nested objects of a container whose keys are checked too. */
export const NESTED_CONTAINER_KEYS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.keys(CONTAINER_DEFINITION.members).flatMap((field) => {
    const s = structureOf(field);
    return s ? [[field, Object.keys(s.members)]] : [];
  }),
);

export const KNOWN_KEYS: { readonly container: readonly string[]; readonly task: readonly string[] } = {
  container: Object.keys(CONTAINER_DEFINITION.members),
  task: REGISTER_KEYS,
};

const fold = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');
const foldIndex = new WeakMap<readonly string[], Map<string, string>>();

/** Keys of `obj` that are a known key spelt another way (`readOnlyRootFilesystem`, `log_configuration`). */
export function miscasedKeys(
  obj: Json,
  scope: keyof typeof KNOWN_KEYS | readonly string[],
): { key: string; expected: string }[] {
  const known: readonly string[] = typeof scope === 'string' ? KNOWN_KEYS[scope] : scope;
  let byFold = foldIndex.get(known);
  if (!byFold) {
    byFold = new Map(known.map((k) => [fold(k), k]));
    foldIndex.set(known, byFold);
  }
  const out: { key: string; expected: string }[] = [];
  for (const key of Object.keys(obj)) {
    const expected = byFold.get(fold(key));
    if (expected !== undefined && expected !== key) out.push({ key, expected });
  }
  return out;
}
