/**
 * The reusable construct, written once against `Framework`; `cdktf.ts` and `cdktn.ts` instantiate it.
 * Every resource gets its logical id from its construct path, so any number of services and the user's own resources
 * (of any name) share a stack. One method per concern: add a feature as a method and call it from the constructor.
 */
import { randomUUID } from 'node:crypto';
import { Construct } from 'constructs';
import { resolveConfig } from '../src/config/defaults';
import type { ResolvedConfig, ServiceConfig } from '../src/config/types';
import { validateConfig } from '../src/config/validate';
import { Errors } from '../src/errors';
import { DeploymentModel, deploymentModel } from '../src/model/deployment';
import type { PolicyDocument, RoleModel } from '../src/model/iam';
import { TF } from '../src/model/terraform-refs';
import type { ClusterLike, Dependable, EcsServiceConfig, Framework, LogGroupLike, RoleLike, ScalingPolicyLike, ScalingTargetLike, SecurityGroupLike, ServiceLike, TaskDefinitionLike } from './framework';
import { TerraformText } from './terraform-text';

/**
 * The props: the keys of the config file (`schema/config.schema.json`), typed and documented the same way. Values that
 * can come from another resource accept tokens (a secret's `.arn`, a VPC module's subnet ids, an ECR repository URL):
 * `datadog.apiKeySecretArn`, `datadog.image`, `containers[].image`, `containers[].secrets` and `.environment` values,
 * `network.subnetIds` and `.securityGroupIds` (a list token or its items), `cluster.existingClusterArn`,
 * `logs.kmsKeyArn`, `secretsKmsKeyArns[]`. Literal values are validated like the config file; tokens are left to
 * Terraform. Every other string is literal text, written exactly as given.
 */
export interface DatadogReadonlyServiceProps extends Omit<ServiceConfig, 'region'> {
  /** Region of the awslogs log driver. @default the region of the stack's AWS provider (`data.aws_region`) */
  readonly region?: string;
}

export interface DatadogReadonlyServiceOptions {
  /**
   * `detect`: a framework token in a token-accepting prop is a reference. `literal`: every string is literal text, as
   * in a config file (the CLI's stacks use this). @default "detect"
   */
  readonly tokens?: 'detect' | 'literal';
}

/** The model's own references in policies and ARNs, and the construct's attribute that each stands for. */
type References = Map<string, string>;

/**
 * An ECS Fargate service in which every container, the Datadog Agent sidecar included, has a read-only root
 * filesystem. It serialises the deployment model and decides nothing itself. Its tags go on every taggable resource
 * (the AWS provider merges them with its `default_tags`).
 */
export class DatadogReadonlyServiceCore extends Construct {
  /** The props with every default applied (tokens kept). */
  readonly config: ResolvedConfig;
  readonly model: DeploymentModel;
  /** Absent when the service runs in an existing cluster. */
  readonly cluster?: ClusterLike;
  /** ARN of the cluster the service runs in. */
  readonly clusterArn: string;
  readonly logGroup: LogGroupLike;
  /** Absent when the props bring their own execution role (`iam.executionRoleArn`). */
  readonly executionRole?: RoleLike;
  /** Absent when the props bring their own task role (`iam.taskRoleArn`). */
  readonly taskRole?: RoleLike;
  /** ARNs of the roles the task definition names: created, or brought by the props. */
  readonly executionRoleArn: string;
  readonly taskRoleArn: string;
  /** The service waits for these: a task started before them cannot pull images or read the API key secret. */
  readonly rolePolicies: readonly Dependable[];
  /** The service's own security group (`securityGroup`), when created. */
  readonly securityGroup?: SecurityGroupLike;
  /** The Application Auto Scaling target (`autoscaling`), when configured. */
  readonly scalingTarget?: ScalingTargetLike;
  readonly scalingPolicies: readonly ScalingPolicyLike[];
  readonly taskDefinition: TaskDefinitionLike;
  readonly service: ServiceLike;

  protected readonly framework: Framework;
  protected readonly text: TerraformText;
  protected readonly references: References;

  constructor(scope: Construct, id: string, props: DatadogReadonlyServiceProps, framework: Framework, options: DatadogReadonlyServiceOptions = {}) {
    super(scope, id);
    this.framework = framework;
    const detect = (options.tokens ?? 'detect') === 'detect';
    this.text = new TerraformText(framework, detect);
    const regionPlaceholder = `ecs-datadog-readonly-region-${randomUUID()}`;
    this.config = validatedConfig(this.node.path, props, detect ? framework.isUnresolved : undefined, regionPlaceholder);

    const lookups = this.addLookups();
    // Without `region`, the config carries a placeholder for the provider's region; every string written maps it.
    this.text.placeholder(regionPlaceholder, lookups.region);
    this.references = new Map([
      [TF.accountId, lookups.accountId],
      [TF.partition, lookups.partition],
      [TF.region, lookups.region],
    ]);
    this.cluster = this.addCluster();
    this.clusterArn = this.cluster ? this.cluster.arn : this.text.value(this.config.cluster.existingClusterArn as string);
    this.references.set(TF.clusterArn, this.clusterArn);
    this.logGroup = this.addLogGroup();
    this.references.set(TF.logGroupArn, this.logGroup.arn);

    this.model = deploymentModel(this.config);
    const execution = this.model.executionRole.create ? this.addRole('execution-role', this.model.executionRole) : undefined;
    const task = this.model.taskRole.create ? this.addRole('task-role', this.model.taskRole) : undefined;
    this.executionRole = execution?.role;
    this.taskRole = task?.role;
    this.executionRoleArn = execution ? execution.role.arn : this.text.value(this.model.executionRole.arn);
    this.taskRoleArn = task ? task.role.arn : this.text.value(this.model.taskRole.arn);
    this.references.set(TF.executionRoleArn, this.executionRoleArn);
    this.references.set(TF.taskRoleArn, this.taskRoleArn);
    this.rolePolicies = [...(execution ? [execution.policy] : []), ...(task ? [task.policy, ...this.addApplicationPermissions(task.role)] : [])];
    const capacityProviders = this.addClusterCapacityProviders();
    this.securityGroup = this.addSecurityGroup();

    this.taskDefinition = this.addTaskDefinition();
    this.references.set(TF.taskDefinitionArn, this.taskDefinition.arn);
    this.service = this.addService(capacityProviders ? [capacityProviders] : []);
    const scaling = this.addAutoscaling();
    this.scalingTarget = scaling?.target;
    this.scalingPolicies = scaling?.policies ?? [];
  }

  /** Tags of every taggable resource, or nothing when there are none. */
  protected get tags(): { tags?: Record<string, string> } {
    return Object.keys(this.config.tags).length > 0 ? { tags: this.text.map(this.config.tags) } : {};
  }

  /** Account, partition and region of the provider, read by the trust and execution policies. */
  protected addLookups(): { accountId: string; partition: string; region: string } {
    const aws = this.framework.aws;
    return {
      accountId: new aws.DataAwsCallerIdentity(this, 'caller-identity', {}).accountId,
      partition: new aws.DataAwsPartition(this, 'partition', {}).partition,
      region: new aws.DataAwsRegion(this, 'region', {}).region,
    };
  }

  protected addCluster(): ClusterLike | undefined {
    if (this.config.cluster.existingClusterArn !== undefined) return undefined;
    return new this.framework.aws.EcsCluster(this, 'cluster', {
      name: this.text.literal(this.config.name),
      setting: [{ name: 'containerInsights', value: this.text.literal(this.config.cluster.containerInsights) }],
      ...this.tags,
    });
  }

  protected addLogGroup(): LogGroupLike {
    const logs = this.config.logs;
    return new this.framework.aws.CloudwatchLogGroup(this, 'log-group', {
      name: this.text.literal(`/ecs/${this.config.name}`),
      retentionInDays: logs.retentionInDays,
      ...(logs.kmsKeyArn !== undefined && { kmsKeyId: this.text.value(logs.kmsKeyArn) }),
      ...this.tags,
    });
  }

  /** An IAM role with its inline policy. */
  protected addRole(id: string, model: RoleModel): { role: RoleLike; policy: Dependable } {
    const aws = this.framework.aws;
    const role = new aws.IamRole(this, id, {
      // `<name>-<region>-<purpose>`: without a region prop, the region is the provider's (a reference).
      name: this.text.withReferences(model.name, this.references),
      path: this.text.literal(model.path),
      ...(model.permissionsBoundaryArn !== undefined && { permissionsBoundary: this.text.value(model.permissionsBoundaryArn) }),
      description: this.text.literal(model.description),
      assumeRolePolicy: this.policyJson(model.assumeRolePolicy),
      ...this.tags,
    });
    const policy = new aws.IamRolePolicy(this, `${id}-policy`, {
      name: this.text.literal(model.policyName),
      role: role.id,
      policy: this.policyJson(model.policy),
    });
    return { role, policy };
  }

  /** A policy document whose `TF` references point at this construct's resources and lookups. */
  protected policyJson(document: PolicyDocument): string {
    return this.text.withReferences(JSON.stringify(document), this.references);
  }

  protected addTaskDefinition(): TaskDefinitionLike {
    const td = this.model.taskDefinition;
    return new this.framework.aws.EcsTaskDefinition(this, 'task-definition', {
      family: this.text.literal(td.family),
      // Literal JSON, readable in the synthesised .tf.json; the default region and the props' tokens are references.
      // User text here may look like a model reference (`${aws_iam_role.execution.arn}`) and stays literal.
      containerDefinitions: this.text.value(JSON.stringify(td.containerDefinitions)),
      cpu: td.cpu,
      memory: td.memory,
      networkMode: td.networkMode,
      requiresCompatibilities: td.requiresCompatibilities && [...td.requiresCompatibilities],
      executionRoleArn: this.executionRoleArn,
      taskRoleArn: this.taskRoleArn,
      runtimePlatform: td.runtimePlatform && { ...td.runtimePlatform },
      ...this.processNamespace(),
      volume: (td.volumes ?? []).map((v) => ({ name: this.text.literal(v.name) })),
      ...(td.ephemeralStorage && { ephemeralStorage: { sizeInGib: td.ephemeralStorage.sizeInGiB } }),
      // The service moves to the new revision before the old one is deregistered.
      lifecycle: { createBeforeDestroy: true },
      ...this.tags,
    });
  }

  /** Process collection (`datadog.processCollection`): the task's containers share one process namespace. */
  protected processNamespace(): { pidMode?: string } {
    const pidMode = this.model.taskDefinition.pidMode;
    return pidMode !== undefined ? { pidMode } : {};
  }

  protected addService(dependencies: readonly Dependable[] = []): ServiceLike {
    const svc = this.model.service;
    const given = svc.securityGroupIds.filter((id) => id !== TF.securityGroupId);
    return new this.framework.aws.EcsService(this, 'service', {
      name: this.text.literal(svc.name),
      cluster: this.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: svc.desiredCount,
      ...(svc.launchType !== undefined && { launchType: svc.launchType }),
      ...this.serviceDeployment(),
      platformVersion: svc.platformVersion,
      propagateTags: svc.propagateTags,
      enableEcsManagedTags: svc.enableEcsManagedTags,
      enableExecuteCommand: svc.enableExecuteCommand,
      networkConfiguration: {
        subnets: this.list(svc.subnetIds),
        securityGroups: [...this.list(given), ...(this.securityGroup ? [this.securityGroup.id] : [])],
        assignPublicIp: svc.assignPublicIp,
      },
      deploymentCircuitBreaker: { enable: svc.circuitBreaker.enable, rollback: svc.circuitBreaker.rollback },
      dependsOn: [...this.rolePolicies, ...dependencies],
      ...this.tags,
    });
  }

  /**
   * Load balancers, capacity providers, deployment limits, steady-state wait and Cloud Map (`loadBalancers`,
   * `service.*`); the service ignores later desired count changes (autoscaling or an operator owns the count).
   */
  protected serviceDeployment(): Partial<EcsServiceConfig> {
    const svc = this.model.service;
    return {
      ...(svc.capacityProviderStrategy.length > 0 && {
        capacityProviderStrategy: svc.capacityProviderStrategy.map((c) => ({ capacityProvider: c.capacityProvider, weight: c.weight, base: c.base })),
      }),
      ...(svc.loadBalancers.length > 0 && {
        loadBalancer: svc.loadBalancers.map((lb) => ({ targetGroupArn: this.text.value(lb.targetGroupArn), containerName: this.text.literal(lb.containerName), containerPort: lb.containerPort })),
      }),
      ...(svc.healthCheckGracePeriodSeconds !== undefined && { healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds }),
      deploymentMinimumHealthyPercent: svc.deploymentMinimumHealthyPercent,
      deploymentMaximumPercent: svc.deploymentMaximumPercent,
      waitForSteadyState: svc.waitForSteadyState,
      ...(svc.serviceRegistryArn !== undefined && { serviceRegistries: { registryArn: this.text.value(svc.serviceRegistryArn) } }),
      lifecycle: { ignoreChanges: ['desired_count'] },
    };
  }

  /** The applications' permissions on the created task role (`taskRole`): an inline policy and managed policies. */
  protected addApplicationPermissions(taskRole: RoleLike): Dependable[] {
    const aws = this.framework.aws;
    const out: Dependable[] = [];
    const app = this.model.applicationPolicy;
    if (app) {
      out.push(new aws.IamRolePolicy(this, 'task-role-application-policy', { name: this.text.literal(app.name), role: taskRole.id, policy: this.text.value(JSON.stringify(app.policy)) }));
    }
    [...this.model.taskRole.managedPolicyArns].sort().forEach((arn, i) => {
      out.push(new aws.IamRolePolicyAttachment(this, `task-role-managed-policy-${i}`, { role: taskRole.name, policyArn: this.text.value(arn) }));
    });
    return out;
  }

  /** FARGATE and FARGATE_SPOT on a created cluster when the service uses a capacity provider strategy. */
  protected addClusterCapacityProviders(): Dependable | undefined {
    const cluster = this.model.cluster;
    if (!cluster.create || cluster.capacityProviders.length === 0 || !this.cluster) return undefined;
    return new this.framework.aws.EcsClusterCapacityProviders(this, 'cluster-capacity-providers', { clusterName: this.cluster.name, capacityProviders: [...cluster.capacityProviders] });
  }

  /** The service's own security group (`securityGroup`): ingress on the application ports, egress anywhere. */
  protected addSecurityGroup(): SecurityGroupLike | undefined {
    const sg = this.model.securityGroup;
    if (!sg) return undefined;
    const aws = this.framework.aws;
    const group = new aws.SecurityGroup(this, 'security-group', {
      namePrefix: this.text.literal(sg.namePrefix),
      description: this.text.literal(sg.description),
      vpcId: this.text.value(sg.vpcId),
      lifecycle: { createBeforeDestroy: true },
      ...this.tags,
    });
    sg.ingress.forEach((rule, i) => {
      new aws.VpcSecurityGroupIngressRule(this, `security-group-ingress-${i}`, {
        securityGroupId: group.id,
        ipProtocol: rule.ipProtocol,
        fromPort: rule.fromPort,
        toPort: rule.toPort,
        ...(rule.referencedSecurityGroupId !== undefined && { referencedSecurityGroupId: this.text.value(rule.referencedSecurityGroupId) }),
        ...(rule.cidrIpv4 !== undefined && { cidrIpv4: this.text.value(rule.cidrIpv4) }),
        ...this.tags,
      });
    });
    new aws.VpcSecurityGroupEgressRule(this, 'security-group-egress', { securityGroupId: group.id, ipProtocol: sg.egress.ipProtocol, cidrIpv4: sg.egress.cidrIpv4, ...this.tags });
    return group;
  }

  /** The Application Auto Scaling target of the desired count and its target-tracking policies (`autoscaling`). */
  protected addAutoscaling(): { target: ScalingTargetLike; policies: ScalingPolicyLike[] } | undefined {
    const a = this.model.autoscaling;
    if (!a) return undefined;
    const aws = this.framework.aws;
    const target = new aws.AppautoscalingTarget(this, 'scaling-target', {
      serviceNamespace: a.serviceNamespace,
      scalableDimension: a.scalableDimension,
      resourceId: this.text.value(a.resourceId),
      minCapacity: a.minCapacity,
      maxCapacity: a.maxCapacity,
      dependsOn: [this.service],
      ...this.tags,
    });
    const policies = a.policies.map(
      (p) =>
        new aws.AppautoscalingPolicy(this, `scaling-policy-${p.key}`, {
          name: this.text.literal(p.name),
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
        }),
    );
    return { target, policies };
  }

  /** A list of user values, or a list token (one `#{TfToken[...]}` item) as it is. */
  protected list(values: readonly string[]): string[] {
    if (this.text.userTokens && values.length === 1 && values[0].startsWith('#{TfToken[') && this.framework.isUnresolved(values)) return [...values];
    return values.map((v) => this.text.value(v));
  }
}

/** The props validated by the config file's own rules (each problem at `props.<path>`), with every default applied. */
function validatedConfig(
  constructPath: string,
  props: DatadogReadonlyServiceProps,
  isToken: ((value: unknown) => boolean) | undefined,
  regionPlaceholder: string,
): ResolvedConfig {
  const raw = withoutUndefined(props);
  const problems = validateConfig(raw, { isToken });
  if (problems.length > 0) throw Errors.invalidProps(constructPath, problems.map(({ at: _at, ...p }) => ({ ...p, path: `props.${p.path}` })));
  const config = resolveConfig(raw as ServiceConfig);
  return props.region === undefined ? { ...config, region: regionPlaceholder } : config;
}

/** Props as a TypeScript user writes them may hold `key: undefined`; the config rules see them as absent. */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  );
}
