import { compliant, fromFindings, known, notApplicable } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** Platform versions Security Hub ECS.10 accepts for Linux Fargate services. */
export const LATEST_PLATFORM_VERSIONS: readonly string[] = ['LATEST', '1.4.0'];

/** ECS.10: a Fargate service runs on the latest platform version. */
export function latestPlatformVersion(subject: Subject): RuleResult {
  const service = subject.service;
  if (!service) return notApplicable('no ECS service in the input');
  const launchType = known('the service launchType', service.launchType);
  if (!launchType.ok) return launchType.result;
  const fargate = launchType.value === 'FARGATE' || (service.capacityProviders ?? []).some((p) => p.startsWith('FARGATE'));
  if (!fargate) return notApplicable(`service ${service.name} does not launch on Fargate`);
  const version = known('the service platformVersion', service.platformVersion);
  if (!version.ok) return version.result;
  if (version.value === undefined) return compliant('platformVersion is unset, so ECS uses LATEST');
  return fromFindings(
    LATEST_PLATFORM_VERSIONS.includes(version.value)
      ? []
      : [{ message: `service ${service.name} pins platform version "${version.value}"`, path: service.platformVersionPath }],
  );
}
