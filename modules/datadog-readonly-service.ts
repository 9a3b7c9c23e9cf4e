import { Construct } from 'constructs';
import { TerraformStack } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { ResolvedConfig } from '../src/config/types';
import { DeploymentModel, deploymentModel } from '../src/model/deployment';
import type { RoleModel } from '../src/model/iam';
import { escapeTemplate } from './terraform-json';

export interface DatadogReadonlyServiceProps {
  /** The deployment to serialise. Give either `model` or `config`. @default derived from `config` */
  readonly model?: DeploymentModel;
  /** A resolved config, turned into a deployment model with `deploymentModel`. @default none */
  readonly config?: ResolvedConfig;
}

/** Terraform address names, the same as `src/model/terraform-refs.ts` and the HCL module use. */
export const ADDRESS = { resource: 'this', data: 'current', executionRole: 'execution', taskRole: 'task' } as const;

/**
 * An ECS Fargate service in which every container, the Datadog Agent sidecar included, has a read-only root
 * filesystem. It serialises a `DeploymentModel` and decides nothing itself. Tags come from the provider's
 * `default_tags`. Every resource has a stable address (`aws_ecs_service.this`, `aws_iam_role.execution`, ...), so a
 * stack holds at most one of these; use one stack per service.
 */
export class DatadogReadonlyService extends Construct {
  readonly model: DeploymentModel;
  /** Absent when the service runs in an existing cluster. */
  readonly cluster?: EcsCluster;
  readonly logGroup: CloudwatchLogGroup;
  readonly executionRole: IamRole;
  readonly taskRole: IamRole;
  readonly taskDefinition: EcsTaskDefinition;
  readonly service: EcsService;
  /** The service waits for these: a task started before them cannot pull images or read the API key secret. */
  private readonly rolePolicies: IamRolePolicy[] = [];

  constructor(scope: Construct, id: string, props: DatadogReadonlyServiceProps) {
    super(scope, id);
    if ((props.model === undefined) === (props.config === undefined)) {
      throw new Error(`DatadogReadonlyService ${id}: give exactly one of props.model and props.config`);
    }
    const others = TerraformStack.of(this)
      .node.findAll()
      .filter((c) => c !== this && c instanceof DatadogReadonlyService);
    if (others.length > 0) {
      throw new Error(
        `DatadogReadonlyService ${id}: the stack already holds ${others[0].node.path}; its resources have fixed addresses ` +
          '(aws_ecs_service.this, ...), so put each service in its own stack',
      );
    }
    const model = props.model ?? deploymentModel(props.config as ResolvedConfig);
    this.model = model;

    // Read by the trust and execution policies through `${data.aws_*.current.*}` references.
    new DataAwsCallerIdentity(this, 'caller-identity').overrideLogicalId(ADDRESS.data);
    new DataAwsPartition(this, 'partition').overrideLogicalId(ADDRESS.data);
    new DataAwsRegion(this, 'region').overrideLogicalId(ADDRESS.data);

    if (model.cluster.create) {
      this.cluster = new EcsCluster(this, 'cluster', {
        name: model.cluster.name,
        setting: [{ name: 'containerInsights', value: model.cluster.containerInsights }],
      });
      this.cluster.overrideLogicalId(ADDRESS.resource);
    }

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: model.logGroup.name,
      retentionInDays: model.logGroup.retentionInDays,
      ...(model.logGroup.kmsKeyArn !== undefined && { kmsKeyId: model.logGroup.kmsKeyArn }),
    });
    this.logGroup.overrideLogicalId(ADDRESS.resource);

    this.executionRole = this.role('execution-role', ADDRESS.executionRole, model.executionRole);
    this.taskRole = this.role('task-role', ADDRESS.taskRole, model.taskRole);

    const td = model.taskDefinition;
    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: td.family,
      // Literal JSON, readable from the synthesised .tf.json; only `${`/`%{` are escaped for Terraform's templates.
      containerDefinitions: escapeTemplate(JSON.stringify(td.containerDefinitions)),
      cpu: td.cpu,
      memory: td.memory,
      networkMode: td.networkMode,
      requiresCompatibilities: td.requiresCompatibilities && [...td.requiresCompatibilities],
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      runtimePlatform: td.runtimePlatform && { ...td.runtimePlatform },
      volume: (td.volumes ?? []).map((v) => ({ name: v.name })),
    });
    this.taskDefinition.overrideLogicalId(ADDRESS.resource);

    const svc = model.service;
    this.service = new EcsService(this, 'service', {
      name: svc.name,
      cluster: this.cluster ? this.cluster.arn : svc.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: svc.desiredCount,
      launchType: svc.launchType,
      platformVersion: svc.platformVersion,
      propagateTags: svc.propagateTags,
      enableEcsManagedTags: svc.enableEcsManagedTags,
      enableExecuteCommand: svc.enableExecuteCommand,
      networkConfiguration: {
        subnets: [...svc.subnetIds],
        securityGroups: [...svc.securityGroupIds],
        assignPublicIp: svc.assignPublicIp,
      },
      deploymentCircuitBreaker: { enable: svc.circuitBreaker.enable, rollback: svc.circuitBreaker.rollback },
      dependsOn: this.rolePolicies,
    });
    this.service.overrideLogicalId(ADDRESS.resource);
  }

  /** An IAM role with its inline policy; both get the same address name. */
  private role(id: string, address: string, role: RoleModel): IamRole {
    const iamRole = new IamRole(this, id, {
      name: role.name,
      description: role.description,
      // The policy documents carry `${...}` Terraform references on purpose (account, partition, region, log group).
      assumeRolePolicy: JSON.stringify(role.assumeRolePolicy),
    });
    iamRole.overrideLogicalId(address);
    const policy = new IamRolePolicy(this, `${id}-policy`, {
      name: role.policyName,
      role: iamRole.id,
      policy: JSON.stringify(role.policy),
    });
    policy.overrideLogicalId(address);
    this.rolePolicies.push(policy);
    return iamRole;
  }
}
