/**
 * The few framework pieces the construct uses, so one construct source serves CDKTF (`cdktf`, `@cdktf/provider-aws`)
 * and CDK Terrain (`cdktn`, `@cdktn/provider-aws`). `cdktf.ts` and `cdktn.ts` fill it in; they are the only files
 * here that import a framework (and `module-stack.ts`, which only the CLI's CDKTF renderer uses).
 */
import type { Construct } from 'constructs';

/** Anything another resource can depend on (`dependsOn`). */
export interface Dependable {
  readonly fqn: string;
}

export interface ResolveContextLike {
  registerPostProcessor(postProcessor: { postProcess(input: unknown, context: unknown): unknown }): void;
}

export interface ResolvableLike {
  readonly creationStack: string[];
  resolve(context: ResolveContextLike): unknown;
  toString(): string;
}

type Tags = { readonly [key: string]: string };

type Ctor<Config, Instance> = new (scope: Construct, id: string, config: Config) => Instance;

export interface LogGroupConfig {
  readonly name: string;
  readonly retentionInDays?: number;
  readonly kmsKeyId?: string;
  readonly tags?: Tags;
}
export interface ClusterConfig {
  readonly name: string;
  readonly setting?: Array<{ readonly name: string; readonly value: string }>;
  readonly tags?: Tags;
}
export interface LifecycleConfig {
  readonly createBeforeDestroy?: boolean;
  readonly ignoreChanges?: string[];
}
export interface RoleConfig {
  readonly name: string;
  readonly path?: string;
  readonly permissionsBoundary?: string;
  readonly description?: string;
  readonly assumeRolePolicy: string;
  readonly tags?: Tags;
}
export interface RolePolicyConfig {
  readonly name: string;
  readonly role: string;
  readonly policy: string;
}
export interface TaskDefinitionConfig {
  readonly family: string;
  readonly containerDefinitions: string;
  readonly cpu?: string;
  readonly memory?: string;
  readonly networkMode?: string;
  readonly requiresCompatibilities?: string[];
  readonly executionRoleArn?: string;
  readonly taskRoleArn?: string;
  readonly runtimePlatform?: { readonly operatingSystemFamily?: string; readonly cpuArchitecture?: string };
  readonly pidMode?: string;
  readonly volume?: Array<{ readonly name: string }>;
  readonly ephemeralStorage?: { readonly sizeInGib: number };
  readonly lifecycle?: LifecycleConfig;
  readonly tags?: Tags;
}
export interface EcsServiceConfig {
  readonly name: string;
  readonly cluster?: string;
  readonly taskDefinition?: string;
  readonly desiredCount?: number;
  readonly launchType?: string;
  readonly platformVersion?: string;
  readonly propagateTags?: string;
  readonly enableEcsManagedTags?: boolean;
  readonly enableExecuteCommand?: boolean;
  readonly networkConfiguration?: { readonly subnets: string[]; readonly securityGroups?: string[]; readonly assignPublicIp?: boolean };
  readonly deploymentCircuitBreaker?: { readonly enable: boolean; readonly rollback: boolean };
  readonly capacityProviderStrategy?: Array<{ readonly capacityProvider: string; readonly weight?: number; readonly base?: number }>;
  readonly loadBalancer?: Array<{ readonly targetGroupArn: string; readonly containerName: string; readonly containerPort: number }>;
  readonly healthCheckGracePeriodSeconds?: number;
  readonly deploymentMinimumHealthyPercent?: number;
  readonly deploymentMaximumPercent?: number;
  readonly waitForSteadyState?: boolean;
  readonly serviceRegistries?: { readonly registryArn: string };
  readonly lifecycle?: LifecycleConfig;
  readonly dependsOn?: Dependable[];
  readonly tags?: Tags;
}
export interface RolePolicyAttachmentConfig {
  readonly role: string;
  readonly policyArn: string;
}
export interface ClusterCapacityProvidersConfig {
  readonly clusterName: string;
  readonly capacityProviders: string[];
}
export interface SecurityGroupConfig {
  readonly namePrefix: string;
  readonly description?: string;
  readonly vpcId?: string;
  readonly lifecycle?: LifecycleConfig;
  readonly tags?: Tags;
}
export interface SecurityGroupRuleConfig {
  readonly securityGroupId: string;
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly referencedSecurityGroupId?: string;
  readonly cidrIpv4?: string;
  readonly tags?: Tags;
}
export interface ScalingTargetConfig {
  readonly serviceNamespace: string;
  readonly scalableDimension: string;
  readonly resourceId: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly dependsOn?: Dependable[];
  readonly tags?: Tags;
}
export interface ScalingPolicyConfig {
  readonly name: string;
  readonly policyType: string;
  readonly serviceNamespace: string;
  readonly scalableDimension: string;
  readonly resourceId: string;
  readonly targetTrackingScalingPolicyConfiguration: {
    readonly targetValue: number;
    readonly scaleInCooldown?: number;
    readonly scaleOutCooldown?: number;
    readonly predefinedMetricSpecification: { readonly predefinedMetricType: string };
  };
}
export interface ProviderConfig {
  readonly region?: string;
  readonly defaultTags?: Array<{ readonly tags?: Tags }>;
}

export interface LogGroupLike extends Dependable {
  readonly arn: string;
  readonly name: string;
}
export interface ClusterLike extends Dependable {
  readonly arn: string;
  readonly name: string;
}
export interface RoleLike extends Dependable {
  readonly arn: string;
  readonly name: string;
  readonly id: string;
}
export interface TaskDefinitionLike extends Dependable {
  readonly arn: string;
  readonly family: string;
}
export interface ServiceLike extends Dependable {
  readonly id: string;
  readonly name: string;
}
export interface SecurityGroupLike extends Dependable {
  readonly id: string;
}
export interface ScalingTargetLike extends Dependable {
  readonly resourceId: string;
  readonly serviceNamespace: string;
  readonly scalableDimension: string;
}
export interface ScalingPolicyLike extends Dependable {
  readonly arn: string;
}

/** The AWS provider classes the construct creates, from the framework's provider package (deep imports). */
export interface AwsClasses {
  readonly CloudwatchLogGroup: Ctor<LogGroupConfig, LogGroupLike>;
  readonly DataAwsCallerIdentity: Ctor<Record<string, never>, { readonly accountId: string }>;
  readonly DataAwsPartition: Ctor<Record<string, never>, { readonly partition: string }>;
  readonly DataAwsRegion: Ctor<Record<string, never>, { readonly region: string }>;
  readonly EcsCluster: Ctor<ClusterConfig, ClusterLike>;
  readonly EcsService: Ctor<EcsServiceConfig, ServiceLike>;
  readonly EcsTaskDefinition: Ctor<TaskDefinitionConfig, TaskDefinitionLike>;
  readonly IamRole: Ctor<RoleConfig, RoleLike>;
  readonly IamRolePolicy: Ctor<RolePolicyConfig, Dependable>;
  readonly IamRolePolicyAttachment: Ctor<RolePolicyAttachmentConfig, Dependable>;
  readonly EcsClusterCapacityProviders: Ctor<ClusterCapacityProvidersConfig, Dependable>;
  readonly SecurityGroup: Ctor<SecurityGroupConfig, SecurityGroupLike>;
  readonly VpcSecurityGroupIngressRule: Ctor<SecurityGroupRuleConfig, Dependable>;
  readonly VpcSecurityGroupEgressRule: Ctor<SecurityGroupRuleConfig, Dependable>;
  readonly AppautoscalingTarget: Ctor<ScalingTargetConfig, ScalingTargetLike>;
  readonly AppautoscalingPolicy: Ctor<ScalingPolicyConfig, ScalingPolicyLike>;
  readonly AwsProvider: Ctor<ProviderConfig, unknown>;
}

export interface Framework {
  /** `cdktf` or `cdktn`, for messages. */
  readonly name: string;
  /** The package a user installs for this framework, for messages. */
  readonly packages: string;
  /** The framework's `Token.isUnresolved`. */
  readonly isUnresolved: (value: unknown) => boolean;
  /** The framework's `Token.asString`. */
  readonly asString: (value: ResolvableLike) => string;
  readonly aws: AwsClasses;
}
