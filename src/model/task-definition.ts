import type { ResolvedConfig, ResolvedContainer } from '../config/types';
import {
  AGENT_ENVIRONMENT_DEFAULTS,
  agentPortMappings,
  agentTransportEnvironment,
  APPLICATION_ENVIRONMENT_DEFAULTS,
  applicationTransportEnvironment,
  PROCESS_COLLECTION_ENVIRONMENT,
} from './agent-settings';
import {
  ACCEPT_LABEL_PREFIX,
  AGENT_CONTAINER_NAME,
  AGENT_HEALTH_CHECK,
  AGENT_WRITABLE_PATHS,
  CONFIG_VOLUME,
  ECS_EXEC_WRITABLE_PATHS,
  INIT_CONTAINER_NAME,
  INIT_COPY_COMMAND,
  INIT_STAGING_PATH,
  LOG_MAX_BUFFER_SIZE,
  ROOT_USER_REASON,
  SERVICE_TAG_LABELS,
  SOCKETS_PATH,
  SOCKETS_VOLUME,
} from './datadog';
import type { ContainerDefinition, KeyValuePair, LogConfiguration, MountPoint, TaskDefinition, Volume } from './ecs-types';
import { datadogLogConfiguration, LOG_ROUTER_CONTAINER_NAME, LOG_ROUTER_WRITABLE_PATHS, logRouterContainer, logsToDatadog } from './log-router';
import { names } from './names';
import { compareCodePoints } from './order';

/** Environment as ECS wants it: a list sorted by name, so output never depends on key order. */
export function toEnvironment(env: Readonly<Record<string, string>>): KeyValuePair[] {
  return Object.keys(env)
    .sort(compareCodePoints)
    .map((name) => ({ name, value: env[name] }));
}

/** Task volume name of an application container's writable path: `<container>-<path with / as ->`. */
export function writableVolumeName(containerName: string, path: string): string {
  return `${containerName}-${path.replace(/^\/+/, '').replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * The paths an application container writes to: its own, then (with ECS Exec on) the SSM agent's paths that none of
 * its own already covers.
 */
export function writablePathsOf(config: ResolvedConfig, c: ResolvedContainer): string[] {
  if (!config.service.enableExecuteCommand) return [...c.writablePaths];
  const covered = (p: string) => c.writablePaths.some((own) => p === own || p.startsWith(`${own}/`));
  return [...c.writablePaths, ...ECS_EXEC_WRITABLE_PATHS.filter((p) => !covered(p))];
}

export function awslogs(config: ResolvedConfig, streamPrefix: string): LogConfiguration {
  return {
    logDriver: 'awslogs',
    options: {
      'awslogs-group': names(config).logGroup,
      'awslogs-region': config.region,
      'awslogs-stream-prefix': streamPrefix,
      mode: 'non-blocking',
      'max-buffer-size': LOG_MAX_BUFFER_SIZE,
    },
  };
}

const acceptRootUser = { [`${ACCEPT_LABEL_PREFIX}ECS.20`]: ROOT_USER_REASON };

export function initContainer(config: ResolvedConfig): ContainerDefinition {
  return {
    name: INIT_CONTAINER_NAME,
    image: config.datadog.image,
    essential: false,
    readonlyRootFilesystem: true,
    entryPoint: ['/bin/sh', '-c'],
    command: [INIT_COPY_COMMAND],
    mountPoints: [{ sourceVolume: CONFIG_VOLUME, containerPath: INIT_STAGING_PATH, readOnly: false }],
    logConfiguration: awslogs(config, INIT_CONTAINER_NAME),
    dockerLabels: acceptRootUser,
  };
}

/** `DD_TAGS` value: space-separated `key:value` pairs, sorted by key. */
export function ddTags(tags: Readonly<Record<string, string>>): string {
  return Object.keys(tags)
    .sort(compareCodePoints)
    .map((k) => `${k}:${tags[k]}`)
    .join(' ');
}

/**
 * The agent's environment: the wiring, Datadog's defaults, then `datadog.environment` (applied last; validation keeps
 * it off the names the wiring sets, see `AGENT_ENVIRONMENT_OWNERS`).
 */
export function agentEnvironment(config: ResolvedConfig): Record<string, string> {
  const dd = config.datadog;
  return {
    ECS_FARGATE: 'true',
    DD_SITE: dd.site,
    DD_APM_ENABLED: String(dd.apmEnabled),
    ...agentTransportEnvironment(config),
    ...(dd.env !== undefined && { DD_ENV: dd.env }),
    ...(Object.keys(dd.tags).length > 0 && { DD_TAGS: ddTags(dd.tags) }),
    ...(dd.processCollection && PROCESS_COLLECTION_ENVIRONMENT),
    ...AGENT_ENVIRONMENT_DEFAULTS,
    ...dd.environment,
  };
}

export function agentContainer(config: ResolvedConfig): ContainerDefinition {
  const dd = config.datadog;
  return {
    name: AGENT_CONTAINER_NAME,
    image: dd.image,
    essential: true,
    readonlyRootFilesystem: true,
    ...(dd.cpu !== undefined && { cpu: dd.cpu }),
    ...(dd.memory !== undefined && { memory: dd.memory }),
    environment: toEnvironment(agentEnvironment(config)),
    secrets: [{ name: 'DD_API_KEY', valueFrom: dd.apiKeySecretArn }],
    portMappings: agentPortMappings(config),
    mountPoints: AGENT_WRITABLE_PATHS.map((p) => ({ sourceVolume: p.volume, containerPath: p.path, readOnly: false })),
    dependsOn: [{ containerName: INIT_CONTAINER_NAME, condition: 'SUCCESS' }],
    healthCheck: { ...AGENT_HEALTH_CHECK, command: [...AGENT_HEALTH_CHECK.command] },
    logConfiguration: awslogs(config, AGENT_CONTAINER_NAME),
    dockerLabels: acceptRootUser,
  };
}

/** Environment of an application container: the Datadog wiring and defaults, then the user's own values (which win). */
export function applicationEnvironment(config: ResolvedConfig, c: ResolvedContainer): Record<string, string> {
  return {
    ...applicationTransportEnvironment(config),
    ...APPLICATION_ENVIRONMENT_DEFAULTS,
    ...serviceTags(config, c),
    ...c.environment,
  };
}

/** An application container's logs: to the log group, or to Datadog through the FireLens router. */
export function applicationLogConfiguration(config: ResolvedConfig, c: ResolvedContainer): LogConfiguration {
  return logsToDatadog(config) ? datadogLogConfiguration(config, c) : awslogs(config, c.name);
}

function serviceTags(config: ResolvedConfig, c: ResolvedContainer): Record<string, string> {
  return {
    ...(config.datadog.env !== undefined && { DD_ENV: config.datadog.env }),
    DD_SERVICE: c.service,
    ...(c.version !== undefined && { DD_VERSION: c.version }),
  };
}

function serviceTagLabels(config: ResolvedConfig, c: ResolvedContainer): Record<string, string> {
  return {
    ...(config.datadog.env !== undefined && { [SERVICE_TAG_LABELS.env]: config.datadog.env }),
    [SERVICE_TAG_LABELS.service]: c.service,
    ...(c.version !== undefined && { [SERVICE_TAG_LABELS.version]: c.version }),
  };
}

export function applicationContainer(config: ResolvedConfig, c: ResolvedContainer): ContainerDefinition {
  const mountPoints: MountPoint[] = [
    ...(config.datadog.transport === 'unix' ? [{ sourceVolume: SOCKETS_VOLUME, containerPath: SOCKETS_PATH, readOnly: true }] : []),
    ...writablePathsOf(config, c).map((path) => ({ sourceVolume: writableVolumeName(c.name, path), containerPath: path, readOnly: false })),
  ];
  const secretNames = Object.keys(c.secrets).sort(compareCodePoints);
  return {
    name: c.name,
    image: c.image,
    essential: c.essential,
    readonlyRootFilesystem: true,
    ...(c.user !== undefined && { user: c.user }),
    ...(c.cpu !== undefined && { cpu: c.cpu }),
    ...(c.memory !== undefined && { memory: c.memory }),
    ...(c.command !== undefined && { command: [...c.command] }),
    environment: toEnvironment(applicationEnvironment(config, c)),
    ...(secretNames.length > 0 && { secrets: secretNames.map((name) => ({ name, valueFrom: c.secrets[name] })) }),
    ...(c.port !== undefined && { portMappings: [{ containerPort: c.port, hostPort: c.port, protocol: c.protocol }] }),
    mountPoints,
    dependsOn: [{ containerName: AGENT_CONTAINER_NAME, condition: 'HEALTHY' }, ...c.dependsOn],
    ...(c.healthCheck && {
      healthCheck: {
        command: [...c.healthCheck.command],
        interval: c.healthCheck.intervalSeconds,
        timeout: c.healthCheck.timeoutSeconds,
        retries: c.healthCheck.retries,
        // ECS returns no startPeriod when it is off; writing 0 would differ from what the provider reads back.
        ...(c.healthCheck.startPeriodSeconds > 0 && { startPeriod: c.healthCheck.startPeriodSeconds }),
      },
    }),
    logConfiguration: applicationLogConfiguration(config, c),
    dockerLabels: serviceTagLabels(config, c),
  };
}

/** The FireLens log router, logging to the log group itself, when application logs go to Datadog. */
export function logRouter(config: ResolvedConfig): ContainerDefinition[] {
  return logsToDatadog(config) ? [logRouterContainer(config, awslogs(config, LOG_ROUTER_CONTAINER_NAME))] : [];
}

export function containerDefinitions(config: ResolvedConfig): ContainerDefinition[] {
  return [initContainer(config), agentContainer(config), ...logRouter(config), ...config.containers.map((c) => applicationContainer(config, c))];
}

export function taskVolumes(config: ResolvedConfig): Volume[] {
  return [
    ...AGENT_WRITABLE_PATHS.map((p) => ({ name: p.volume })),
    ...(logsToDatadog(config) ? LOG_ROUTER_WRITABLE_PATHS.map((p) => ({ name: p.volume })) : []),
    ...config.containers.flatMap((c) => writablePathsOf(config, c).map((path) => ({ name: writableVolumeName(c.name, path) }))),
  ];
}

/**
 * The task definition in RegisterTaskDefinition form. Role ARNs name the roles the Terraform creates
 * (`<name>-<region>-execution`, `<name>-<region>-task`, under `iam.path`) in the account and partition of the API key
 * secret, or the roles brought with `iam.executionRoleArn` / `iam.taskRoleArn`.
 */
export function taskDefinition(config: ResolvedConfig): TaskDefinition {
  const n = names(config);
  const tagKeys = Object.keys(config.tags).sort(compareCodePoints);
  return {
    family: n.family,
    taskRoleArn: n.taskRoleArn,
    executionRoleArn: n.executionRoleArn,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: String(config.cpu),
    memory: String(config.memory),
    runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: config.cpuArchitecture },
    // Live process collection: the agent sees the task's other processes.
    ...(config.datadog.processCollection && { pidMode: 'task' }),
    containerDefinitions: containerDefinitions(config),
    volumes: taskVolumes(config),
    ...(config.ephemeralStorageGiB !== undefined && { ephemeralStorage: { sizeInGiB: config.ephemeralStorageGiB } }),
    ...(tagKeys.length > 0 && { tags: tagKeys.map((key) => ({ key, value: config.tags[key] })) }),
  };
}
