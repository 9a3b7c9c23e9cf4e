import type { ResolvedConfig } from '../config/types';

/** Every name derived from the service name, in one place. */
export interface DerivedNames {
  readonly family: string;
  readonly service: string;
  readonly cluster: string;
  readonly logGroup: string;
  readonly executionRole: string;
  readonly taskRole: string;
  readonly partition: string;
  readonly accountId: string;
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
}

/** Partition and account of an ARN: `arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:x` → aws, 123456789012. */
export function arnParts(arn: string): { partition: string; service: string; region: string; accountId: string } {
  const [, partition, service, region, accountId] = arn.split(':');
  return { partition, service, region, accountId };
}

export function names(config: ResolvedConfig): DerivedNames {
  const { partition, accountId } = arnParts(config.datadog.apiKeySecretArn);
  const executionRole = `${config.name}-execution`;
  const taskRole = `${config.name}-task`;
  return {
    family: config.name,
    service: config.name,
    cluster: config.name,
    logGroup: `/ecs/${config.name}`,
    executionRole,
    taskRole,
    partition,
    accountId,
    executionRoleArn: `arn:${partition}:iam::${accountId}:role/${executionRole}`,
    taskRoleArn: `arn:${partition}:iam::${accountId}:role/${taskRole}`,
  };
}
