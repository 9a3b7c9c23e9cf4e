import { containerFinding, containersOf, fromFindings, notApplicable, objectsOf, taskValue } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** FARGATE.HOST_PORT: with awsvpc networking, hostPort is omitted or equal to containerPort. */
export function hostPortMatches(subject: Subject): RuleResult {
  const mode = taskValue(subject, 'networkMode');
  if (!mode.ok) return mode.result;
  if (mode.value !== 'awsvpc') return notApplicable('the task does not use awsvpc networking');
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  return fromFindings(
    containers.list.flatMap((c) =>
      objectsOf(c.def.portMappings)
        .filter(({ item }) => item.hostPort !== undefined && item.hostPort !== item.containerPort)
        .map(({ index, item }) =>
          containerFinding(subject, c, ['portMappings', index, 'hostPort'], `container "${c.name}" maps hostPort ${String(item.hostPort)} to containerPort ${String(item.containerPort)}; with awsvpc they must be equal`),
        ),
    ),
  );
}
