import { containerFinding, containersOf, fromFindings, unlessFargate } from '../access';
import { isObject, Subject } from '../subject';
import type { RuleResult } from '../types';

export const FARGATE_LOG_DRIVERS: readonly string[] = ['awslogs', 'splunk', 'awsfirelens'];

/** FARGATE.LOG_DRIVER: Fargate supports only the awslogs, splunk and awsfirelens log drivers. */
export function fargateLogDriver(subject: Subject): RuleResult {
  const notFargate = unlessFargate(subject);
  if (notFargate) return notFargate;
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  return fromFindings(
    containers.list.flatMap((c) => {
      const log = c.def.logConfiguration;
      if (!isObject(log) || log.logDriver === undefined || FARGATE_LOG_DRIVERS.includes(log.logDriver as string)) return [];
      return [containerFinding(subject, c, ['logConfiguration', 'logDriver'], `container "${c.name}" uses log driver ${JSON.stringify(log.logDriver)}; Fargate allows ${FARGATE_LOG_DRIVERS.join(', ')}`)];
    }),
  );
}
