/** Defaults of the production service features (see `service-constraints.ts`). */
import type { ResolvedAutoscaling, ResolvedIam, ResolvedSecurityGroup, ResolvedServiceSettings, ResolvedTaskRole, ServiceConfig } from './types';

export const DEFAULT_IAM_PATH = '/';
export const DEFAULT_CPU_TARGET_PERCENT = 75;
export const DEFAULT_SCALE_IN_COOLDOWN_SECONDS = 300;
export const DEFAULT_SCALE_OUT_COOLDOWN_SECONDS = 60;
export const DEFAULT_MINIMUM_HEALTHY_PERCENT = 100;
export const DEFAULT_MAXIMUM_PERCENT = 200;
export const DEFAULT_CAPACITY_PROVIDER_WEIGHT = 1;
export const DEFAULT_CAPACITY_PROVIDER_BASE = 0;

export function resolveServiceSettings(config: ServiceConfig): ResolvedServiceSettings {
  const s = config.service;
  return {
    desiredCount: s?.desiredCount ?? 1,
    enableExecuteCommand: s?.enableExecuteCommand ?? false,
    ...(s?.healthCheckGracePeriodSeconds !== undefined && { healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds }),
    capacityProviderStrategy: (s?.capacityProviderStrategy ?? []).map((c) => ({
      capacityProvider: c.capacityProvider,
      weight: c.weight ?? DEFAULT_CAPACITY_PROVIDER_WEIGHT,
      base: c.base ?? DEFAULT_CAPACITY_PROVIDER_BASE,
    })),
    deploymentMinimumHealthyPercent: s?.deploymentMinimumHealthyPercent ?? DEFAULT_MINIMUM_HEALTHY_PERCENT,
    deploymentMaximumPercent: s?.deploymentMaximumPercent ?? DEFAULT_MAXIMUM_PERCENT,
    waitForSteadyState: s?.waitForSteadyState ?? true,
    ...(s?.serviceRegistryArn !== undefined && { serviceRegistryArn: s.serviceRegistryArn }),
  };
}

export function resolveTaskRole(config: ServiceConfig): ResolvedTaskRole {
  return { policyStatements: config.taskRole?.policyStatements ?? [], managedPolicyArns: config.taskRole?.managedPolicyArns ?? [] };
}

export function resolveIam(config: ServiceConfig): ResolvedIam {
  const iam = config.iam;
  return {
    ...(iam?.executionRoleArn !== undefined && { executionRoleArn: iam.executionRoleArn }),
    ...(iam?.taskRoleArn !== undefined && { taskRoleArn: iam.taskRoleArn }),
    ...(iam?.permissionsBoundaryArn !== undefined && { permissionsBoundaryArn: iam.permissionsBoundaryArn }),
    path: iam?.path ?? DEFAULT_IAM_PATH,
  };
}

/** Without a `securityGroup` section nothing is created; with one, `create` defaults to true. */
export function resolveSecurityGroup(config: ServiceConfig): ResolvedSecurityGroup {
  const sg = config.securityGroup;
  return {
    create: sg === undefined ? false : (sg.create ?? true),
    ...(sg?.vpcId !== undefined && { vpcId: sg.vpcId }),
    ingressSecurityGroupIds: sg?.ingressSecurityGroupIds ?? [],
    ingressCidrBlocks: sg?.ingressCidrBlocks ?? [],
  };
}

export function resolveAutoscaling(config: ServiceConfig): ResolvedAutoscaling | undefined {
  const a = config.autoscaling;
  if (!a) return undefined;
  return {
    minCapacity: a.minCapacity,
    maxCapacity: a.maxCapacity,
    cpuTargetPercent: a.cpuTargetPercent ?? DEFAULT_CPU_TARGET_PERCENT,
    ...(a.memoryTargetPercent !== undefined && { memoryTargetPercent: a.memoryTargetPercent }),
    scaleInCooldownSeconds: a.scaleInCooldownSeconds ?? DEFAULT_SCALE_IN_COOLDOWN_SECONDS,
    scaleOutCooldownSeconds: a.scaleOutCooldownSeconds ?? DEFAULT_SCALE_OUT_COOLDOWN_SECONDS,
  };
}
