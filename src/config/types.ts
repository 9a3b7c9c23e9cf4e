/**
 * The config a platform team writes: one ECS Fargate service with the Datadog Agent as a sidecar.
 * Keys are camelCase; every optional key documents its default. `ResolvedConfig` is the same with defaults applied.
 */

export type CpuArchitecture = 'X86_64' | 'ARM64';
export type ContainerInsightsMode = 'enabled' | 'enhanced';
export type PortProtocol = 'tcp' | 'udp';
export type DependsOnCondition = 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';
/** How applications reach the agent: Unix sockets in a shared volume, or TCP/UDP on localhost. */
export type AgentTransport = 'unix' | 'tcp';
/** Where application containers log: CloudWatch Logs (awslogs) or Datadog through a FireLens log router. */
export type LogDestination = 'cloudwatch' | 'datadog';

export interface HealthCheckConfig {
  /** ECS health check command, e.g. `["CMD-SHELL", "curl -f http://localhost/ || exit 1"]`. */
  readonly command: readonly string[];
  /** @default 30 */
  readonly intervalSeconds?: number;
  /** @default 5 */
  readonly timeoutSeconds?: number;
  /** @default 3 */
  readonly retries?: number;
  /** @default 0 */
  readonly startPeriodSeconds?: number;
}

export interface ContainerDependency {
  readonly containerName: string;
  readonly condition: DependsOnCondition;
}

export interface ContainerConfig {
  /** Container name: letters, digits, `-` and `_`. */
  readonly name: string;
  /** Image reference, e.g. `public.ecr.aws/nginx/nginx:1.27`. */
  readonly image: string;
  /** Container port. @default no port mapping */
  readonly port?: number;
  /** @default "tcp" */
  readonly protocol?: PortProtocol;
  /** Absolute paths the container writes to; each becomes a task volume mounted read-write. @default [] */
  readonly writablePaths?: readonly string[];
  /** Plain environment variables (never secrets). @default {} */
  readonly environment?: Readonly<Record<string, string>>;
  /** Secrets as environment variable name to Secrets Manager or SSM ARN. @default {} */
  readonly secrets?: Readonly<Record<string, string>>;
  /** CPU units reserved for the container. @default none (shares the task's) */
  readonly cpu?: number;
  /** Hard memory limit in MiB. @default none (shares the task's) */
  readonly memory?: number;
  /** @default true */
  readonly essential?: boolean;
  /** @default the image's CMD */
  readonly command?: readonly string[];
  /** User (and group) the container runs as, e.g. `1000:1000`; a non-root user passes Security Hub ECS.20. @default the image's USER */
  readonly user?: string;
  /** @default none */
  readonly healthCheck?: HealthCheckConfig;
  /** Further start-up dependencies on other application containers. The agent dependency is always added. @default [] */
  readonly dependsOn?: readonly ContainerDependency[];
  /** Datadog service name (DD_SERVICE). @default the container name */
  readonly service?: string;
  /** Datadog version (DD_VERSION). @default the image tag, when the image has one */
  readonly version?: string;
  /** Log source (`dd_source`) when logs go to Datadog. @default the image's short name (`nginx` for `public.ecr.aws/nginx/nginx:1.27`), as the Agent names container log sources */
  readonly logSource?: string;
}

export interface DatadogConfig {
  /** Datadog site. @default "datadoghq.com" */
  readonly site?: string;
  /** ARN of the Secrets Manager secret or SSM parameter holding the API key. Never the key itself. */
  readonly apiKeySecretArn: string;
  /** Agent image, also used by the init container. @default "public.ecr.aws/datadog/agent:7" */
  readonly image?: string;
  /** Unified service tagging environment (DD_ENV). @default none */
  readonly env?: string;
  /** Extra host tags for the agent (DD_TAGS), as key to value. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** @default true */
  readonly apmEnabled?: boolean;
  /** CPU units reserved for the agent container. @default none */
  readonly cpu?: number;
  /** Memory limit of the agent container in MiB. @default none */
  readonly memory?: number;
  /**
   * Extra agent environment variables, applied last (e.g. `DD_DOCKER_LABELS_AS_TAGS`, proxies). Names the tool sets
   * from another key are refused (see `AGENT_ENVIRONMENT_OWNERS`); Datadog's defaults may be overridden. @default {}
   */
  readonly environment?: Readonly<Record<string, string>>;
  /** How applications reach the agent. `tcp`: `DD_AGENT_HOST=127.0.0.1` and ports, no socket mount. @default "unix" */
  readonly transport?: AgentTransport;
  /** Live process collection: the task shares one process namespace (`pidMode: task`). Not with ECS Exec. @default false */
  readonly processCollection?: boolean;
}

export interface NetworkConfig {
  /** @default [] (set them at deploy time) */
  readonly subnetIds?: readonly string[];
  /** @default [] */
  readonly securityGroupIds?: readonly string[];
  /** @default false (Security Hub ECS.2) */
  readonly assignPublicIp?: boolean;
}

export interface ClusterConfig {
  /** Use this existing cluster instead of creating one. @default create a cluster named after the service */
  readonly existingClusterArn?: string;
  /** Container Insights mode of a created cluster (Security Hub ECS.12). @default "enabled" */
  readonly containerInsights?: ContainerInsightsMode;
}

export interface LogRouterConfig {
  /** FireLens log router image; never an `init` variant (it writes under `/init`). @default "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable" */
  readonly image?: string;
  /** CPU units reserved for the log router. @default none */
  readonly cpu?: number;
  /** Memory limit of the log router in MiB. @default none */
  readonly memory?: number;
}

export interface LogsConfig {
  /** @default 30 */
  readonly retentionInDays?: number;
  /** KMS key that encrypts the log group. @default none (CloudWatch-managed encryption) */
  readonly kmsKeyArn?: string;
  /**
   * Where application containers log. `datadog`: through a FireLens log router to Datadog's log intake; the Datadog
   * containers and the router itself keep logging to the log group. @default "cloudwatch"
   */
  readonly destination?: LogDestination;
  /** The FireLens log router (with destination `datadog`). @default the aws-for-fluent-bit stable image */
  readonly router?: LogRouterConfig;
}

export type CapacityProvider = 'FARGATE' | 'FARGATE_SPOT';

export interface CapacityProviderStrategyItemConfig {
  readonly capacityProvider: CapacityProvider;
  /** Relative share of the tasks. @default 1 */
  readonly weight?: number;
  /** Tasks placed on this provider before the weights apply. @default 0 */
  readonly base?: number;
}

export interface ServiceSettingsConfig {
  /** Initial task count; the service ignores later changes (autoscaling or operators own it). @default 1 */
  readonly desiredCount?: number;
  /**
   * ECS Exec. When on, every application container gets the SSM agent's paths as writable task volumes, and the task
   * role the SSM message channels. @default false
   */
  readonly enableExecuteCommand?: boolean;
  /** Seconds ECS ignores failing load balancer health checks after a task starts; only with `loadBalancers`. @default none (ECS: 0) */
  readonly healthCheckGracePeriodSeconds?: number;
  /** Capacity providers (FARGATE, FARGATE_SPOT), used instead of the launch type. @default [] (launch type FARGATE) */
  readonly capacityProviderStrategy?: readonly CapacityProviderStrategyItemConfig[];
  /** @default 100 */
  readonly deploymentMinimumHealthyPercent?: number;
  /** @default 200 */
  readonly deploymentMaximumPercent?: number;
  /** Apply waits until the deployment is steady, so a rolled-back deployment fails the apply. @default true */
  readonly waitForSteadyState?: boolean;
  /** Cloud Map service ARN the tasks register in. @default none */
  readonly serviceRegistryArn?: string;
}

/** One IAM policy statement in IAM JSON spelling. */
export interface PolicyStatementConfig {
  readonly Sid?: string;
  /** @default "Allow" */
  readonly Effect?: 'Allow' | 'Deny';
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  /** Condition operator to condition key to value(s). @default none */
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface TaskRoleConfig {
  /** Permissions of the application containers, as IAM statements. @default [] */
  readonly policyStatements?: readonly PolicyStatementConfig[];
  /** Managed policies attached to the task role. @default [] */
  readonly managedPolicyArns?: readonly string[];
}

export interface IamConfig {
  /** Bring your own execution role: it is not created and no policy is attached to it. @default create one */
  readonly executionRoleArn?: string;
  /** Bring your own task role: it is not created and no policy is attached to it. @default create one */
  readonly taskRoleArn?: string;
  /** Permissions boundary of the created roles. @default none */
  readonly permissionsBoundaryArn?: string;
  /** IAM path of the created roles. @default "/" */
  readonly path?: string;
}

export interface LoadBalancerConfig {
  /** ARN of an existing target group (target type ip). */
  readonly targetGroupArn: string;
  /** The application container that receives the traffic. */
  readonly containerName: string;
  /** Its port (the container's `port`). */
  readonly containerPort: number;
}

export interface SecurityGroupConfig {
  /** Create a security group for the service. @default true */
  readonly create?: boolean;
  /** VPC of the security group (that of the subnets); required when create is true. */
  readonly vpcId?: string;
  /** Security groups (e.g. the load balancer's) allowed in on the containers' ports. @default [] */
  readonly ingressSecurityGroupIds?: readonly string[];
  /** IPv4 CIDR blocks allowed in on the containers' ports. @default [] */
  readonly ingressCidrBlocks?: readonly string[];
}

export interface AutoscalingConfig {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Target average CPU utilisation of the service. @default 75 */
  readonly cpuTargetPercent?: number;
  /** Target average memory utilisation of the service. @default none (no memory policy) */
  readonly memoryTargetPercent?: number;
  /** @default 300 */
  readonly scaleInCooldownSeconds?: number;
  /** @default 60 */
  readonly scaleOutCooldownSeconds?: number;
}

export interface ServiceConfig {
  /** Task family, service and cluster name; also prefixes the IAM roles. */
  readonly name: string;
  /** Task CPU units (a Fargate size). @default 1024 */
  readonly cpu?: number;
  /** Task memory in MiB, allowed for the cpu by Fargate. @default 3072 */
  readonly memory?: number;
  /** AWS region. @default the region of `datadog.apiKeySecretArn` */
  readonly region?: string;
  /** @default "X86_64" */
  readonly cpuArchitecture?: CpuArchitecture;
  /** Tags on every resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  readonly datadog: DatadogConfig;
  /**
   * Customer managed KMS keys that encrypt the API key secret or the containers' secrets; the execution role may
   * decrypt with exactly these. @default [] (secrets under AWS managed keys need none)
   */
  readonly secretsKmsKeyArns?: readonly string[];
  /** Application containers. @default [] */
  readonly containers?: readonly ContainerConfig[];
  readonly network?: NetworkConfig;
  readonly cluster?: ClusterConfig;
  readonly logs?: LogsConfig;
  readonly service?: ServiceSettingsConfig;
  /** Permissions of the applications. @default none */
  readonly taskRole?: TaskRoleConfig;
  /** Bring-your-own roles, permissions boundary and path. @default create both roles under "/" */
  readonly iam?: IamConfig;
  /** Target groups the service registers its tasks in. @default [] */
  readonly loadBalancers?: readonly LoadBalancerConfig[];
  /** A security group created for the service, beside `network.securityGroupIds`. @default none */
  readonly securityGroup?: SecurityGroupConfig;
  /** Application Auto Scaling of the desired count. @default none */
  readonly autoscaling?: AutoscalingConfig;
  /** Ephemeral storage of the task in GiB (21 to 200). @default Fargate's 20 GiB */
  readonly ephemeralStorageGiB?: number;
}

type DeepRequired<T> = { readonly [K in keyof T]-?: T[K] };

export interface ResolvedHealthCheck extends DeepRequired<HealthCheckConfig> {}

export interface ResolvedContainer {
  readonly name: string;
  readonly image: string;
  readonly port?: number;
  readonly protocol: PortProtocol;
  readonly writablePaths: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly secrets: Readonly<Record<string, string>>;
  readonly cpu?: number;
  readonly memory?: number;
  readonly essential: boolean;
  readonly command?: readonly string[];
  readonly user?: string;
  readonly healthCheck?: ResolvedHealthCheck;
  readonly dependsOn: readonly ContainerDependency[];
  readonly service: string;
  readonly version?: string;
  readonly logSource: string;
}

export interface ResolvedConfig {
  readonly name: string;
  readonly cpu: number;
  readonly memory: number;
  readonly region: string;
  readonly cpuArchitecture: CpuArchitecture;
  readonly tags: Readonly<Record<string, string>>;
  readonly datadog: {
    readonly site: string;
    readonly apiKeySecretArn: string;
    readonly image: string;
    readonly env?: string;
    readonly tags: Readonly<Record<string, string>>;
    readonly apmEnabled: boolean;
    readonly cpu?: number;
    readonly memory?: number;
    readonly environment: Readonly<Record<string, string>>;
    readonly transport: AgentTransport;
    readonly processCollection: boolean;
  };
  readonly secretsKmsKeyArns: readonly string[];
  readonly containers: readonly ResolvedContainer[];
  readonly network: DeepRequired<NetworkConfig>;
  readonly cluster: { readonly existingClusterArn?: string; readonly containerInsights: ContainerInsightsMode };
  readonly logs: {
    readonly retentionInDays: number;
    readonly kmsKeyArn?: string;
    readonly destination: LogDestination;
    readonly router: { readonly image: string; readonly cpu?: number; readonly memory?: number };
  };
  readonly service: ResolvedServiceSettings;
  readonly taskRole: ResolvedTaskRole;
  readonly iam: ResolvedIam;
  readonly loadBalancers: readonly LoadBalancerConfig[];
  readonly securityGroup: ResolvedSecurityGroup;
  readonly autoscaling?: ResolvedAutoscaling;
  readonly ephemeralStorageGiB?: number;
}

export interface ResolvedServiceSettings {
  readonly desiredCount: number;
  readonly enableExecuteCommand: boolean;
  readonly healthCheckGracePeriodSeconds?: number;
  readonly capacityProviderStrategy: readonly DeepRequired<CapacityProviderStrategyItemConfig>[];
  readonly deploymentMinimumHealthyPercent: number;
  readonly deploymentMaximumPercent: number;
  readonly waitForSteadyState: boolean;
  readonly serviceRegistryArn?: string;
}

export interface ResolvedTaskRole {
  readonly policyStatements: readonly PolicyStatementConfig[];
  readonly managedPolicyArns: readonly string[];
}

export interface ResolvedIam {
  readonly executionRoleArn?: string;
  readonly taskRoleArn?: string;
  readonly permissionsBoundaryArn?: string;
  readonly path: string;
}

export interface ResolvedSecurityGroup {
  readonly create: boolean;
  readonly vpcId?: string;
  readonly ingressSecurityGroupIds: readonly string[];
  readonly ingressCidrBlocks: readonly string[];
}

export interface ResolvedAutoscaling {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly cpuTargetPercent: number;
  readonly memoryTargetPercent?: number;
  readonly scaleInCooldownSeconds: number;
  readonly scaleOutCooldownSeconds: number;
}
