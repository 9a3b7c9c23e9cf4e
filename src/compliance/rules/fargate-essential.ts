import { containersOf, fromFindings, isEssential } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** FARGATE.ESSENTIAL: at least one container is essential (`essential` defaults to true). */
export function oneEssential(subject: Subject): RuleResult {
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  if (containers.list.some((c) => isEssential(c.def))) return fromFindings([]);
  const message = containers.list.length === 0 ? 'the task has no containers' : 'every container has essential false; at least one must be essential';
  return fromFindings([{ message, path: subject.taskPath('containerDefinitions') }]);
}
