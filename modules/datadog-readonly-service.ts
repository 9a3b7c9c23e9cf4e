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
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TF } from '../src/model/terraform-refs';
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
  /** Absent when the model brings its own execution role. */
  readonly executionRole?: IamRole;
  /** Absent when the model brings its own task role. */
  readonly taskRole?: IamRole;
  /** Absent unless the model creates a security group. */
  readonly securityGroup?: SecurityGroup;
  /** Absent without autoscaling. */
  readonly scalingTarget?: AppautoscalingTarget;
  readonly scalingPolicies: AppautoscalingPolicy[] = [];
  readonly taskDefinition: EcsTaskDefinition;
  readonly service: EcsService;
  /** The service waits for these: a task started before them cannot pull images or read the API key secret. */
  private readonly rolePolicies: (IamRolePolicy | IamRolePolicyAttachment)[] = [];

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

    this.executionRole = model.executionRole.create ? this.role('execution-role', ADDRESS.executionRole, model.executionRole) : undefined;
    this.taskRole = model.taskRole.create ? this.role('task-role', ADDRESS.taskRole, model.taskRole) : undefined;
    if (this.taskRole) this.applicationPermissions(this.taskRole);
    const capacityProviders = this.clusterCapacityProviders();
    this.securityGroup = this.serviceSecurityGroup();

    const td = model.taskDefinition;
    this.taskDefinition = new EcsTaskDefinition(this, 'task-definition', {
      family: td.family,
      // Literal JSON, readable from the synthesised .tf.json; only `${`/`%{` are escaped for Terraform's templates.
      containerDefinitions: escapeTemplate(JSON.stringify(td.containerDefinitions)),
      cpu: td.cpu,
      memory: td.memory,
      networkMode: td.networkMode,
      requiresCompatibilities: td.requiresCompatibilities && [...td.requiresCompatibilities],
      executionRoleArn: this.executionRole ? this.executionRole.arn : model.executionRole.arn,
      taskRoleArn: this.taskRole ? this.taskRole.arn : model.taskRole.arn,
      runtimePlatform: td.runtimePlatform && { ...td.runtimePlatform },
      volume: (td.volumes ?? []).map((v) => ({ name: v.name })),
      ...(td.ephemeralStorage && { ephemeralStorage: { sizeInGib: td.ephemeralStorage.sizeInGiB } }),
      // The service moves to the new revision before the old one is deregistered.
      lifecycle: { createBeforeDestroy: true },
    });
    this.taskDefinition.overrideLogicalId(ADDRESS.resource);

    const svc = model.service;
    this.service = new EcsService(this, 'service', {
      name: svc.name,
      cluster: this.cluster ? this.cluster.arn : svc.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: svc.desiredCount,
      ...(svc.launchType !== undefined && { launchType: svc.launchType }),
      ...(svc.capacityProviderStrategy.length > 0 && {
        capacityProviderStrategy: svc.capacityProviderStrategy.map((c) => ({ capacityProvider: c.capacityProvider, weight: c.weight, base: c.base })),
      }),
      ...(svc.loadBalancers.length > 0 && {
        loadBalancer: svc.loadBalancers.map((lb) => ({ targetGroupArn: lb.targetGroupArn, containerName: lb.containerName, containerPort: lb.containerPort })),
      }),
      ...(svc.healthCheckGracePeriodSeconds !== undefined && { healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds }),
      deploymentMinimumHealthyPercent: svc.deploymentMinimumHealthyPercent,
      deploymentMaximumPercent: svc.deploymentMaximumPercent,
      waitForSteadyState: svc.waitForSteadyState,
      ...(svc.serviceRegistryArn !== undefined && { serviceRegistries: { registryArn: svc.serviceRegistryArn } }),
      // Autoscaling (or an operator) owns the running count after creation.
      lifecycle: { ignoreChanges: ['desired_count'] },
      platformVersion: svc.platformVersion,
      propagateTags: svc.propagateTags,
      enableEcsManagedTags: svc.enableEcsManagedTags,
      enableExecuteCommand: svc.enableExecuteCommand,
      networkConfiguration: {
        subnets: [...svc.subnetIds],
        securityGroups: svc.securityGroupIds.map((id) => (id === TF.securityGroupId && this.securityGroup ? this.securityGroup.id : id)),
        assignPublicIp: svc.assignPublicIp,
      },
      deploymentCircuitBreaker: { enable: svc.circuitBreaker.enable, rollback: svc.circuitBreaker.rollback },
      dependsOn: [...this.rolePolicies, ...(capacityProviders ? [capacityProviders] : [])],
    });
    this.service.overrideLogicalId(ADDRESS.resource);
    this.scalingTarget = this.autoscaling();
  }

  /** The applications' inline policy and managed policies on the created task role. */
  private applicationPermissions(taskRole: IamRole): void {
    const app = this.model.applicationPolicy;
    if (app) {
      const policy = new IamRolePolicy(this, 'task-role-application-policy', { name: app.name, role: taskRole.id, policy: JSON.stringify(app.policy) });
      policy.overrideLogicalId('application');
      this.rolePolicies.push(policy);
    }
    for (const arn of [...this.model.taskRole.managedPolicyArns].sort()) {
      // Keyed by the policy name, the way the HCL module's for_each keys them by ARN.
      const attachment = new IamRolePolicyAttachment(this, `task-role-${arn.split('/').pop()}`, { role: taskRole.name, policyArn: arn });
      this.rolePolicies.push(attachment);
    }
  }

  /** FARGATE and FARGATE_SPOT on a created cluster when the service uses a capacity provider strategy. */
  private clusterCapacityProviders(): EcsClusterCapacityProviders | undefined {
    const cluster = this.model.cluster;
    if (!cluster.create || cluster.capacityProviders.length === 0 || !this.cluster) return undefined;
    const providers = new EcsClusterCapacityProviders(this, 'cluster-capacity-providers', { clusterName: this.cluster.name, capacityProviders: [...cluster.capacityProviders] });
    providers.overrideLogicalId(ADDRESS.resource);
    return providers;
  }

  /** The service's own security group: ingress on the application ports from the given sources, egress anywhere. */
  private serviceSecurityGroup(): SecurityGroup | undefined {
    const sg = this.model.securityGroup;
    if (!sg) return undefined;
    const group = new SecurityGroup(this, 'security-group', { namePrefix: sg.namePrefix, description: sg.description, vpcId: sg.vpcId, lifecycle: { createBeforeDestroy: true } });
    group.overrideLogicalId(ADDRESS.resource);
    for (const rule of sg.ingress) {
      new VpcSecurityGroupIngressRule(this, `ingress-${rule.key}`, {
        securityGroupId: group.id,
        ipProtocol: rule.ipProtocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        ...(rule.referencedSecurityGroupId !== undefined && { referencedSecurityGroupId: rule.referencedSecurityGroupId }),
        ...(rule.cidrIpv4 !== undefined && { cidrIpv4: rule.cidrIpv4 }),
      });
    }
    new VpcSecurityGroupEgressRule(this, 'egress', { securityGroupId: group.id, ipProtocol: sg.egress.ipProtocol, cidrIpv4: sg.egress.cidrIpv4 }).overrideLogicalId(ADDRESS.resource);
    return group;
  }

  /** The Application Auto Scaling target of the desired count and its target-tracking policies. */
  private autoscaling(): AppautoscalingTarget | undefined {
    const a = this.model.autoscaling;
    if (!a) return undefined;
    const target = new AppautoscalingTarget(this, 'scaling-target', {
      serviceNamespace: a.serviceNamespace,
      scalableDimension: a.scalableDimension,
      resourceId: a.resourceId,
      minCapacity: a.minCapacity,
      maxCapacity: a.maxCapacity,
      dependsOn: [this.service],
    });
    target.overrideLogicalId(ADDRESS.resource);
    for (const p of a.policies) {
      const policy = new AppautoscalingPolicy(this, `scaling-policy-${p.key}`, {
        name: p.name,
        policyType: a.policyType,
        serviceNamespace: target.serviceNamespace,
        scalableDimension: target.scalableDimension,
        resourceId: target.resourceId,
        targetTrackingScalingPolicyConfiguration: {
          targetValue: p.targetValue,
          scaleInCooldown: p.scaleInCooldownSeconds,
          scaleOutCooldown: p.scaleOutCooldownSeconds,
          predefinedMetricSpecification: { predefinedMetricType: p.metric },
        },
      });
      this.scalingPolicies.push(policy);
    }
    return target;
  }

  /** An IAM role with its inline policy; both get the same address name. */
  private role(id: string, address: string, role: RoleModel): IamRole {
    const iamRole = new IamRole(this, id, {
      name: role.name,
      path: role.path,
      ...(role.permissionsBoundaryArn !== undefined && { permissionsBoundary: role.permissionsBoundaryArn }),
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
