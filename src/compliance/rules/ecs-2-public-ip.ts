import { compliant, fromFindings, known, notApplicable } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** ECS.2: the service does not assign public IP addresses. */
export function noPublicIp(subject: Subject): RuleResult {
  const service = subject.service;
  if (!service) return notApplicable('no ECS service in the input');
  const value = known('the service assignPublicIp', service.assignPublicIp);
  if (!value.ok) return value.result;
  if (value.value !== true) return compliant();
  return fromFindings([{ message: `service ${service.name} assigns a public IP address (assignPublicIp ENABLED)`, path: service.assignPublicIpPath }]);
}
