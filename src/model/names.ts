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
  /** The role the task definition names: created (with the IAM path) or brought by `iam.executionRoleArn`. */
  readonly executionRoleArn: string;
  /** The role the task definition names: created (with the IAM path) or brought by `iam.taskRoleArn`. */
  readonly taskRoleArn: string;
}

/** Partition and account of an ARN: `arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:x` → aws, 123456789012. */
export function arnParts(arn: string): { partition: string; service: string; region: string; accountId: string } {
  const [, partition, service, region, accountId] = arn.split(':');
  return { partition, service, region, accountId };
}

/** `<service>-<region>-<purpose>`, e.g. `orders-eu-west-1-execution`. */
export function roleName(service: string, region: string, purpose: 'execution' | 'task'): string {
  return `${service}-${region}-${purpose}`;
}

export function names(config: ResolvedConfig): DerivedNames {
  const { partition, accountId } = arnParts(config.datadog.apiKeySecretArn);
  // IAM names are unique per account across regions: the region in the name lets one service run in several regions.
  const executionRole = roleName(config.name, config.region, 'execution');
  const taskRole = roleName(config.name, config.region, 'task');
  const path = config.iam.path;
  return {
    family: config.name,
    service: config.name,
    cluster: config.name,
    logGroup: `/ecs/${config.name}`,
    executionRole,
    taskRole,
    partition,
    accountId,
    executionRoleArn: config.iam.executionRoleArn ?? `arn:${partition}:iam::${accountId}:role${path}${executionRole}`,
    taskRoleArn: config.iam.taskRoleArn ?? `arn:${partition}:iam::${accountId}:role${path}${taskRole}`,
  };
}
