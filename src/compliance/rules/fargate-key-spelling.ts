import { containerFinding, containersOf, fromFindings, objectsOf } from '../access';
import { isObject, Subject } from '../subject';
import type { RuleFinding, RuleResult, Segment } from '../types';
import { miscasedKeys, NESTED_CONTAINER_KEYS } from './known-keys';

const message = (where: string, key: string, expected: string) =>
  `${where} has key "${key}", which ECS ignores; the key is "${expected}"`;

/** FARGATE.KEY_SPELLING: keys are spelt as ECS spells them (ECS ignores `readOnlyRootFilesystem`). */
export function keySpelling(subject: Subject): RuleResult {
  const findings: RuleFinding[] = [];
  if (subject.kind === 'task-definition' || subject.kind === 'describe-task-definition') {
    for (const { key, expected } of miscasedKeys(subject.taskDefinition as Record<string, unknown>, 'task')) {
      findings.push({ message: message('the task definition', key, expected), path: subject.taskPath(key) });
    }
  }
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  for (const c of containers.list) {
    const where = `container "${c.name}"`;
    for (const { key, expected } of miscasedKeys(c.def, 'container')) findings.push(containerFinding(subject, c, [key], message(where, key, expected)));
    for (const [field, keys] of Object.entries(NESTED_CONTAINER_KEYS)) {
      const value = c.def[field];
      const items: { path: Segment[]; item: Record<string, unknown> }[] = Array.isArray(value)
        ? objectsOf(value).map(({ index, item }) => ({ path: [field, index], item }))
        : isObject(value)
          ? [{ path: [field], item: value }]
          : [];
      for (const { path, item } of items) {
        for (const { key, expected } of miscasedKeys(item, keys)) findings.push(containerFinding(subject, c, [...path, key], message(`${where} ${field}`, key, expected)));
      }
    }
  }
  return fromFindings(findings);
}
