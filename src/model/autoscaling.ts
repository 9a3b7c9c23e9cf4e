/** Application Auto Scaling of the service's desired count: one target, target-tracking policies on CPU and memory. */
import type { ResolvedConfig } from '../config/types';

export type PredefinedMetric = 'ECSServiceAverageCPUUtilization' | 'ECSServiceAverageMemoryUtilization';

export interface ScalingPolicyModel {
  /** `cpu` or `memory`: the module address of the policy. */
  readonly key: 'cpu' | 'memory';
  readonly name: string;
  readonly metric: PredefinedMetric;
  readonly targetValue: number;
  readonly scaleInCooldownSeconds: number;
  readonly scaleOutCooldownSeconds: number;
}

export interface AutoscalingModel {
  readonly serviceNamespace: 'ecs';
  readonly scalableDimension: 'ecs:service:DesiredCount';
  /** `service/<cluster name>/<service name>`. */
  readonly resourceId: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly policyType: 'TargetTrackingScaling';
  readonly policies: readonly ScalingPolicyModel[];
}

/** The name of the cluster of an ECS cluster ARN (`arn:...:cluster/NAME`). */
export function clusterNameOf(arn: string): string {
  return arn.split('/')[1];
}

export function autoscaling(config: ResolvedConfig): AutoscalingModel | undefined {
  const a = config.autoscaling;
  if (!a) return undefined;
  const cluster = config.cluster.existingClusterArn ? clusterNameOf(config.cluster.existingClusterArn) : config.name;
  const policy = (key: 'cpu' | 'memory', metric: PredefinedMetric, targetValue: number): ScalingPolicyModel => ({
    key,
    name: `${config.name}-${key}`,
    metric,
    targetValue,
    scaleInCooldownSeconds: a.scaleInCooldownSeconds,
    scaleOutCooldownSeconds: a.scaleOutCooldownSeconds,
  });
  return {
    serviceNamespace: 'ecs',
    scalableDimension: 'ecs:service:DesiredCount',
    resourceId: `service/${cluster}/${config.name}`,
    minCapacity: a.minCapacity,
    maxCapacity: a.maxCapacity,
    policyType: 'TargetTrackingScaling',
    policies: [
      policy('cpu', 'ECSServiceAverageCPUUtilization', a.cpuTargetPercent),
      ...(a.memoryTargetPercent !== undefined ? [policy('memory', 'ECSServiceAverageMemoryUtilization', a.memoryTargetPercent)] : []),
    ],
  };
}
