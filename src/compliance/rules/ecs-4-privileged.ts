import { containerFinding, containersOf, fromFindings } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** ECS.4: no container is privileged. */
export function noPrivileged(subject: Subject): RuleResult {
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  return fromFindings(
    containers.list
      .filter((c) => c.def.privileged === true)
      .map((c) => containerFinding(subject, c, ['privileged'], `container "${c.name}" is privileged`)),
  );
}
