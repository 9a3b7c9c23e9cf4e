import { resolveAutoscaling, resolveIam, resolveSecurityGroup, resolveServiceSettings, resolveTaskRole } from './service-defaults';
import type { ContainerConfig, ResolvedConfig, ResolvedContainer, ServiceConfig } from './types';

export const DEFAULT_AGENT_IMAGE = 'public.ecr.aws/datadog/agent:7';
export const DEFAULT_SITE = 'datadoghq.com';
export const DEFAULT_LOG_RETENTION_DAYS = 30;
export const DEFAULT_LOG_ROUTER_IMAGE = 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable';

/**
 * The embedded default: the task of the public write-up "Datadog Agent can now start in read-only mode, so I tried it
 * on ECS Fargate" (Classmethod). Family `datadog-agent-readonly`, 1 vCPU and 3 GiB, Tokyo (named explicitly), no
 * application container, and a placeholder secret ARN to replace with your own.
 */
export const EMBEDDED_DEFAULT_CONFIG: ServiceConfig = {
  name: 'datadog-agent-readonly',
  cpu: 1024,
  memory: 3072,
  region: 'ap-northeast-1',
  datadog: {
    site: DEFAULT_SITE,
    apiKeySecretArn: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key-AbCdEf',
  },
};

/** The region field of an ARN (`arn:aws:secretsmanager:eu-west-1:...` → `eu-west-1`). */
export function arnRegion(arn: string): string {
  return arn.split(':')[3] ?? '';
}

/** Where the region of a config comes from: its `region`, or the API key secret's ARN. */
export function regionSource(config: ServiceConfig): 'region' | 'datadog.apiKeySecretArn' {
  return config.region !== undefined ? 'region' : 'datadog.apiKeySecretArn';
}

/** The image's short name: its last path segment without tag or digest (`public.ecr.aws/nginx/nginx:1.27` → `nginx`). */
export function imageShortName(image: string): string {
  const path = image.split('@')[0].replace(/:[^:/]*$/, '');
  return path.split('/').pop() ?? path;
}

/** The image tag (`nginx:1.27` → `1.27`), or undefined for an untagged or digest-only image. */
export function imageTag(image: string): string | undefined {
  const match = /:([^:/@]+)$/.exec(image.split('@')[0]);
  return match ? match[1] : undefined;
}

export function resolveContainer(c: ContainerConfig): ResolvedContainer {
  return {
    name: c.name,
    image: c.image,
    port: c.port,
    protocol: c.protocol ?? 'tcp',
    writablePaths: c.writablePaths ?? [],
    environment: c.environment ?? {},
    secrets: c.secrets ?? {},
    cpu: c.cpu,
    memory: c.memory,
    essential: c.essential ?? true,
    command: c.command,
    user: c.user,
    healthCheck: c.healthCheck && {
      command: c.healthCheck.command,
      intervalSeconds: c.healthCheck.intervalSeconds ?? 30,
      timeoutSeconds: c.healthCheck.timeoutSeconds ?? 5,
      retries: c.healthCheck.retries ?? 3,
      startPeriodSeconds: c.healthCheck.startPeriodSeconds ?? 0,
    },
    dependsOn: c.dependsOn ?? [],
    service: c.service ?? c.name,
    version: c.version ?? imageTag(c.image),
    logSource: c.logSource ?? imageShortName(c.image),
  };
}

/** Applies every documented default. The input must already be valid (see `validateConfig`). */
export function resolveConfig(config: ServiceConfig): ResolvedConfig {
  const dd = config.datadog;
  return {
    name: config.name,
    cpu: config.cpu ?? 1024,
    memory: config.memory ?? 3072,
    // Never a silent guess: the region the API key secret lives in, which the config must otherwise name.
    region: config.region ?? arnRegion(dd.apiKeySecretArn),
    cpuArchitecture: config.cpuArchitecture ?? 'X86_64',
    tags: config.tags ?? {},
    datadog: {
      site: dd.site ?? DEFAULT_SITE,
      apiKeySecretArn: dd.apiKeySecretArn,
      image: dd.image ?? DEFAULT_AGENT_IMAGE,
      env: dd.env,
      tags: dd.tags ?? {},
      apmEnabled: dd.apmEnabled ?? true,
      cpu: dd.cpu,
      memory: dd.memory,
      environment: dd.environment ?? {},
      transport: dd.transport ?? 'unix',
      processCollection: dd.processCollection ?? false,
    },
    secretsKmsKeyArns: config.secretsKmsKeyArns ?? [],
    containers: (config.containers ?? []).map(resolveContainer),
    network: {
      subnetIds: config.network?.subnetIds ?? [],
      securityGroupIds: config.network?.securityGroupIds ?? [],
      assignPublicIp: config.network?.assignPublicIp ?? false,
    },
    cluster: {
      existingClusterArn: config.cluster?.existingClusterArn,
      containerInsights: config.cluster?.containerInsights ?? 'enabled',
    },
    logs: {
      retentionInDays: config.logs?.retentionInDays ?? DEFAULT_LOG_RETENTION_DAYS,
      kmsKeyArn: config.logs?.kmsKeyArn,
      destination: config.logs?.destination ?? 'cloudwatch',
      router: {
        image: config.logs?.router?.image ?? DEFAULT_LOG_ROUTER_IMAGE,
        cpu: config.logs?.router?.cpu,
        memory: config.logs?.router?.memory,
      },
    },
    service: resolveServiceSettings(config),
    taskRole: resolveTaskRole(config),
    iam: resolveIam(config),
    loadBalancers: config.loadBalancers ?? [],
    securityGroup: resolveSecurityGroup(config),
    ...(config.autoscaling !== undefined && { autoscaling: resolveAutoscaling(config) }),
    ...(config.ephemeralStorageGiB !== undefined && { ephemeralStorageGiB: config.ephemeralStorageGiB }),
  };
}
