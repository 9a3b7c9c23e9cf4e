import type { ContainerInsightsMode, ResolvedConfig } from '../config/types';
import type { TaskDefinition } from './ecs-types';
import { ecsTasksTrustPolicy, executionPolicy, RoleModel, taskPolicy } from './iam';
import { DerivedNames, names } from './names';
import { taskDefinition } from './task-definition';
import { TF } from './terraform-refs';

export type ClusterModel =
  | { readonly create: true; readonly name: string; readonly containerInsights: ContainerInsightsMode }
  | { readonly create: false; readonly arn: string };

export interface LogGroupModel {
  readonly name: string;
  readonly retentionInDays: number;
  readonly kmsKeyArn?: string;
}

export interface ServiceModel {
  readonly name: string;
  readonly clusterArn: string;
  readonly desiredCount: number;
  readonly launchType: 'FARGATE';
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
  /** The task definition with concrete role ARNs, as `register-task-definition` takes it. */
  readonly taskDefinition: TaskDefinition;
  readonly service: ServiceModel;
}

export function deploymentModel(config: ResolvedConfig): DeploymentModel {
  const n = names(config);
  const cluster: ClusterModel = config.cluster.existingClusterArn
    ? { create: false, arn: config.cluster.existingClusterArn }
    : { create: true, name: n.cluster, containerInsights: config.cluster.containerInsights };
  return {
    names: n,
    region: config.region,
    tags: config.tags,
    cluster,
    logGroup: { name: n.logGroup, retentionInDays: config.logs.retentionInDays, kmsKeyArn: config.logs.kmsKeyArn },
    executionRole: {
      name: n.executionRole,
      description: `ECS task execution role of ${config.name}: image pull, logs, the Datadog API key secret`,
      assumeRolePolicy: ecsTasksTrustPolicy(),
      policyName: 'execution',
      policy: executionPolicy(config),
    },
    taskRole: {
      name: n.taskRole,
      description: `ECS task role of ${config.name}: what the Datadog Agent reads from ECS`,
      assumeRolePolicy: ecsTasksTrustPolicy(),
      policyName: 'datadog-agent',
      policy: taskPolicy(config),
    },
    taskDefinition: taskDefinition(config),
    service: {
      name: n.service,
      clusterArn: cluster.create ? TF.clusterArn : cluster.arn,
      desiredCount: config.service.desiredCount,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      subnetIds: config.network.subnetIds,
      securityGroupIds: config.network.securityGroupIds,
      assignPublicIp: config.network.assignPublicIp,
      circuitBreaker: { enable: true, rollback: true },
      propagateTags: 'SERVICE',
      enableEcsManagedTags: true,
      enableExecuteCommand: config.service.enableExecuteCommand,
    },
  };
}
