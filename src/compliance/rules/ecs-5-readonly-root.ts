import { containerFinding, containersOf, fromFindings } from '../access';
import type { Subject } from '../subject';
import type { RuleFinding, RuleResult } from '../types';
import { miscasedKeys } from './known-keys';

/** ECS.5: every container has `readonlyRootFilesystem: true`; an absent key counts as writable. */
export function readonlyRootFilesystem(subject: Subject): RuleResult {
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  const findings: RuleFinding[] = [];
  for (const c of containers.list) {
    const value = c.def.readonlyRootFilesystem;
    if (value === true) continue;
    const miscased = miscasedKeys(c.def, 'container').find((k) => k.expected === 'readonlyRootFilesystem');
    const why =
      value === undefined
        ? miscased
          ? `has no readonlyRootFilesystem (ECS ignores the misspelt "${miscased.key}"), so its root filesystem is writable`
          : 'has no readonlyRootFilesystem, so its root filesystem is writable'
        : value === false
          ? 'has readonlyRootFilesystem false'
          : `has readonlyRootFilesystem ${JSON.stringify(value)}, which is not the boolean true`;
    findings.push(containerFinding(subject, c, ['readonlyRootFilesystem'], `container "${c.name}" ${why}`));
  }
  return fromFindings(findings);
}
