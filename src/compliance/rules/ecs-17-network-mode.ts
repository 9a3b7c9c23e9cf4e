import { fromFindings, taskValue } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** ECS.17: the task does not use host networking. */
export function noHostNetworkMode(subject: Subject): RuleResult {
  const mode = taskValue(subject, 'networkMode');
  if (!mode.ok) return mode.result;
  return fromFindings(mode.value === 'host' ? [{ message: 'networkMode is "host"', path: subject.taskPath('networkMode') }] : []);
}
