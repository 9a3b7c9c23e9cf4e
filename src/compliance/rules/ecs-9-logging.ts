import { containerFinding, containersOf, fromFindings } from '../access';
import { isObject, Subject } from '../subject';
import type { RuleResult } from '../types';

/** ECS.9: every container has a log driver. */
export function logConfiguration(subject: Subject): RuleResult {
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  return fromFindings(
    containers.list
      .filter((c) => {
        const log = c.def.logConfiguration;
        return !isObject(log) || typeof log.logDriver !== 'string' || log.logDriver === '';
      })
      .map((c) =>
        containerFinding(
          subject,
          c,
          isObject(c.def.logConfiguration) ? ['logConfiguration', 'logDriver'] : ['logConfiguration'],
          `container "${c.name}" has no logConfiguration.logDriver`,
        ),
      ),
  );
}
