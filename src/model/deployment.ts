import type { CapacityProvider, ContainerInsightsMode, ResolvedConfig } from '../config/types';
import { CAPACITY_PROVIDERS } from '../config/service-constraints';
import { autoscaling, type AutoscalingModel } from './autoscaling';
import type { TaskDefinition } from './ecs-types';
import { ecsTasksTrustPolicy, executionPolicy, RoleModel, taskPolicy } from './iam';
import { APPLICATION_POLICY_NAME, applicationPolicy, type ApplicationPolicyDocument, roleSettings } from './iam-roles';
import { loadBalancers, type LoadBalancerModel } from './load-balancing';
import { securityGroup, type SecurityGroupModel } from './security-group';
import { DerivedNames, names } from './names';
import { taskDefinition } from './task-definition';
import { TF } from './terraform-refs';

export type ClusterModel =
  | {
      readonly create: true;
      readonly name: string;
      readonly containerInsights: ContainerInsightsMode;
      /** Capacity providers associated with the cluster: FARGATE and FARGATE_SPOT when the service uses a strategy. */
      readonly capacityProviders: readonly CapacityProvider[];
    }
  | { readonly create: false; readonly arn: string };

export interface LogGroupModel {
  readonly name: string;
  readonly retentionInDays: number;
  readonly kmsKeyArn?: string;
}

export interface CapacityProviderStrategyModel {
  readonly capacityProvider: CapacityProvider;
  readonly weight: number;
  readonly base: number;
}

export interface ServiceModel {
  readonly name: string;
  readonly clusterArn: string;
  /** The initial count; the service ignores later changes (`lifecycle.ignore_changes`), autoscaling or operators own it. */
  readonly desiredCount: number;
  /** Absent when a capacity provider strategy places the tasks. */
  readonly launchType?: 'FARGATE';
  readonly capacityProviderStrategy: readonly CapacityProviderStrategyModel[];
  readonly loadBalancers: readonly LoadBalancerModel[];
  readonly healthCheckGracePeriodSeconds?: number;
  readonly deploymentMinimumHealthyPercent: number;
  readonly deploymentMaximumPercent: number;
  readonly waitForSteadyState: boolean;
  readonly serviceRegistryArn?: string;
  readonly platformVersion: 'LATEST';
  readonly subnetIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  readonly assignPublicIp: boolean;
  readonly circuitBreaker: { readonly enable: true; readonly rollback: true };
  readonly propagateTags: 'SERVICE';
  readonly enableEcsManagedTags: true;
  readonly enableExecuteCommand: boolean;
}

/** Everything one deployment consists of. Renderers serialise this and decide nothing. */
export interface DeploymentModel {
  readonly names: DerivedNames;
  readonly region: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly cluster: ClusterModel;
  readonly logGroup: LogGroupModel;
  readonly executionRole: RoleModel;
  readonly taskRole: RoleModel;
  /** The applications' inline policy on a created task role. */
  readonly applicationPolicy?: { readonly name: string; readonly policy: ApplicationPolicyDocument };
  readonly securityGroup?: SecurityGroupModel;
  readonly autoscaling?: AutoscalingModel;
  /** The task definition with concrete role ARNs, as `register-task-definition` takes it. */
  readonly taskDefinition: TaskDefinition;
  readonly service: ServiceModel;
}

export function deploymentModel(config: ResolvedConfig): DeploymentModel {
  const n = names(config);
  const cluster: ClusterModel = config.cluster.existingClusterArn
    ? { create: false, arn: config.cluster.existingClusterArn }
    : {
        create: true,
        name: n.cluster,
        containerInsights: config.cluster.containerInsights,
        capacityProviders: config.service.capacityProviderStrategy.length > 0 ? [...CAPACITY_PROVIDERS] : [],
      };
  const settings = roleSettings(config);
  const sg = securityGroup(config);
  const appPolicy = applicationPolicy(config);
  const s = config.service;
  return {
    names: n,
    region: config.region,
    tags: config.tags,
    cluster,
    logGroup: { name: n.logGroup, retentionInDays: config.logs.retentionInDays, kmsKeyArn: config.logs.kmsKeyArn },
    executionRole: {
      create: config.iam.executionRoleArn === undefined,
      arn: n.executionRoleArn,
      ...settings,
      managedPolicyArns: [],
      name: n.executionRole,
      description: `ECS task execution role of ${config.name}: image pull, logs, the Datadog API key secret`,
      assumeRolePolicy: ecsTasksTrustPolicy(),
      policyName: 'execution',
      policy: executionPolicy(config),
    },
    taskRole: {
      create: config.iam.taskRoleArn === undefined,
      arn: n.taskRoleArn,
      ...settings,
      managedPolicyArns: config.iam.taskRoleArn === undefined ? [...config.taskRole.managedPolicyArns] : [],
      name: n.taskRole,
      description: `ECS task role of ${config.name}: what the Datadog Agent reads from ECS, and the applications' permissions`,
      assumeRolePolicy: ecsTasksTrustPolicy(),
      policyName: 'datadog-agent',
      policy: taskPolicy(config),
    },
    ...(appPolicy && config.iam.taskRoleArn === undefined && { applicationPolicy: { name: APPLICATION_POLICY_NAME, policy: appPolicy } }),
    ...(sg && { securityGroup: sg }),
    ...(config.autoscaling && { autoscaling: autoscaling(config) }),
    taskDefinition: taskDefinition(config),
    service: {
      name: n.service,
      clusterArn: cluster.create ? TF.clusterArn : cluster.arn,
      desiredCount: s.desiredCount,
      ...(s.capacityProviderStrategy.length === 0 && { launchType: 'FARGATE' as const }),
      capacityProviderStrategy: s.capacityProviderStrategy.map((c) => ({ ...c })),
      loadBalancers: loadBalancers(config),
      ...(s.healthCheckGracePeriodSeconds !== undefined && { healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds }),
      deploymentMinimumHealthyPercent: s.deploymentMinimumHealthyPercent,
      deploymentMaximumPercent: s.deploymentMaximumPercent,
      waitForSteadyState: s.waitForSteadyState,
      ...(s.serviceRegistryArn !== undefined && { serviceRegistryArn: s.serviceRegistryArn }),
      platformVersion: 'LATEST',
      subnetIds: config.network.subnetIds,
      securityGroupIds: [...config.network.securityGroupIds, ...(sg ? [TF.securityGroupId] : [])],
      assignPublicIp: config.network.assignPublicIp,
      circuitBreaker: { enable: true, rollback: true },
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      enableExecuteCommand: config.service.enableExecuteCommand,
    },
  };
}
