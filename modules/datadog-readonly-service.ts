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
import type { ClusterLike, Dependable, Framework, LogGroupLike, RoleLike, ServiceLike, TaskDefinitionLike } from './framework';
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
  readonly executionRole: RoleLike;
  readonly taskRole: RoleLike;
  /** The service waits for these: a task started before them cannot pull images or read the API key secret. */
  readonly rolePolicies: readonly Dependable[];
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
    this.references = new Map([
      [TF.accountId, lookups.accountId],
      [TF.partition, lookups.partition],
      [TF.region, lookups.region],
      [regionPlaceholder, lookups.region],
    ]);
    this.cluster = this.addCluster();
    this.clusterArn = this.cluster ? this.cluster.arn : this.text.value(this.config.cluster.existingClusterArn as string);
    this.references.set(TF.clusterArn, this.clusterArn);
    this.logGroup = this.addLogGroup();
    this.references.set(TF.logGroupArn, this.logGroup.arn);

    this.model = deploymentModel(this.config);
    const execution = this.addRole('execution-role', this.model.executionRole);
    const task = this.addRole('task-role', this.model.taskRole);
    this.executionRole = execution.role;
    this.taskRole = task.role;
    this.rolePolicies = [execution.policy, task.policy];
    this.references.set(TF.executionRoleArn, this.executionRole.arn);
    this.references.set(TF.taskRoleArn, this.taskRole.arn);

    this.taskDefinition = this.addTaskDefinition();
    this.references.set(TF.taskDefinitionArn, this.taskDefinition.arn);
    this.service = this.addService();
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
      name: this.text.literal(model.name),
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
      // Literal JSON, readable in the synthesised .tf.json; the region and the props' tokens are references.
      containerDefinitions: this.text.withReferences(JSON.stringify(td.containerDefinitions), this.references),
      cpu: td.cpu,
      memory: td.memory,
      networkMode: td.networkMode,
      requiresCompatibilities: td.requiresCompatibilities && [...td.requiresCompatibilities],
      executionRoleArn: this.executionRole.arn,
      taskRoleArn: this.taskRole.arn,
      runtimePlatform: td.runtimePlatform && { ...td.runtimePlatform },
      ...this.processNamespace(),
      volume: (td.volumes ?? []).map((v) => ({ name: this.text.literal(v.name) })),
      ...this.tags,
    });
  }

  /** Process collection (`datadog.processCollection`): the task's containers share one process namespace. */
  protected processNamespace(): { pidMode?: string } {
    const pidMode = this.model.taskDefinition.pidMode;
    return pidMode !== undefined ? { pidMode } : {};
  }

  protected addService(): ServiceLike {
    const svc = this.model.service;
    return new this.framework.aws.EcsService(this, 'service', {
      name: this.text.literal(svc.name),
      cluster: this.clusterArn,
      taskDefinition: this.taskDefinition.arn,
      desiredCount: svc.desiredCount,
      launchType: svc.launchType,
      platformVersion: svc.platformVersion,
      propagateTags: svc.propagateTags,
      enableEcsManagedTags: svc.enableEcsManagedTags,
      enableExecuteCommand: svc.enableExecuteCommand,
      networkConfiguration: {
        subnets: this.list(svc.subnetIds),
        securityGroups: this.list(svc.securityGroupIds),
        assignPublicIp: svc.assignPublicIp,
      },
      deploymentCircuitBreaker: { enable: svc.circuitBreaker.enable, rollback: svc.circuitBreaker.rollback },
      dependsOn: [...this.rolePolicies],
      ...this.tags,
    });
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
