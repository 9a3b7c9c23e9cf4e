import { fromFindings, taskValue } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** ECS.3: the task does not share the host's process namespace. */
export function noHostPidMode(subject: Subject): RuleResult {
  const pidMode = taskValue(subject, 'pidMode');
  if (!pidMode.ok) return pidMode.result;
  return fromFindings(pidMode.value === 'host' ? [{ message: 'pidMode is "host"', path: subject.taskPath('pidMode') }] : []);
}
