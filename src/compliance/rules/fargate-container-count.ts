import { MAX_CONTAINERS_PER_TASK } from '../../config/constraints';
import { containersOf, fromFindings } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** FARGATE.CONTAINER_COUNT: at most ten containers per task definition. */
export function containerCount(subject: Subject): RuleResult {
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  const count = containers.list.length;
  return fromFindings(
    count > MAX_CONTAINERS_PER_TASK
      ? [{ message: `the task has ${count} containers; at most ${MAX_CONTAINERS_PER_TASK} are allowed`, path: subject.taskPath('containerDefinitions') }]
      : [],
  );
}
