import { resolveAutoscaling, resolveIam, resolveSecurityGroup, resolveServiceSettings, resolveTaskRole } from './service-defaults';
import type { ContainerConfig, ResolvedConfig, ResolvedContainer, ServiceConfig } from './types';

export const DEFAULT_AGENT_IMAGE = 'public.ecr.aws/datadog/agent:7';
export const DEFAULT_SITE = 'datadoghq.com';
export const DEFAULT_REGION = 'ap-northeast-1';
export const DEFAULT_LOG_RETENTION_DAYS = 30;

/**
 * The embedded default: the task of the read-only Datadog article. Family `datadog-agent-readonly`, 1 vCPU and 3 GiB,
 * Tokyo, no application container, and a placeholder secret ARN to replace with your own.
 */
export const EMBEDDED_DEFAULT_CONFIG: ServiceConfig = {
  name: 'datadog-agent-readonly',
  cpu: 1024,
  memory: 3072,
  region: DEFAULT_REGION,
  datadog: {
    site: DEFAULT_SITE,
    apiKeySecretArn: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key-AbCdEf',
  },
};

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
  };
}

/** Applies every documented default. The input must already be valid (see `validateConfig`). */
export function resolveConfig(config: ServiceConfig): ResolvedConfig {
  const dd = config.datadog;
  return {
    name: config.name,
    cpu: config.cpu ?? 1024,
    memory: config.memory ?? 3072,
    region: config.region ?? DEFAULT_REGION,
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
