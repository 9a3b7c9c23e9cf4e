/**
 * Logs to Datadog through FireLens: the log router container (aws-for-fluent-bit on a read-only root) and the
 * `awsfirelens` log configuration of the application containers, as Datadog's Fargate page gives them.
 */
import type { ResolvedConfig, ResolvedContainer } from '../config/types';
import { ACCEPT_LABEL_PREFIX } from './datadog';
import type { ContainerDefinition, LogConfiguration } from './ecs-types';

export const LOG_ROUTER_CONTAINER_NAME = 'datadog-log-router';

/** One task volume per path the router writes to, mounted read-write in the router only. */
export const LOG_ROUTER_WRITABLE_PATHS: readonly { readonly volume: string; readonly path: string; readonly reason: string }[] = [
  {
    volume: 'datadog-log-router-tmp',
    path: '/tmp',
    reason: "Fluent Bit's temporary files and file buffers (the S3 output's default store_dir is /tmp/fluent-bit/s3; fluent/fluent-bit#7308)",
  },
];

/** The router runs as root: FireLens needs it (aws/aws-for-fluent-bit#713). */
export const LOG_ROUTER_USER = '0';

export const LOG_ROUTER_ROOT_REASON =
  'The FireLens log router (aws-for-fluent-bit) must run as root to read the configuration and socket ECS mounts into ' +
  'it (aws/aws-for-fluent-bit#713). Its root filesystem stays read-only; only /tmp is a writable task volume.';

/** ECS metadata (cluster, task ARN, task definition) on every log record. */
export const FIRELENS_OPTIONS = { 'enable-ecs-log-metadata': 'true' } as const;

/** The option name of the API key in Datadog's Fluent Bit output; its value comes from `secretOptions`. */
export const FIRELENS_API_KEY_OPTION = 'apikey';

/** Datadog's HTTP log intake of a site: `http-intake.logs.<site>`. */
export function logIntakeHost(site: string): string {
  return `http-intake.logs.${site}`;
}

export function logsToDatadog(config: ResolvedConfig): boolean {
  return config.logs.destination === 'datadog';
}

/** `dd_tags` of an application's logs: the agent's tags and its unified service tags, `key:value` comma-separated, by key. */
export function logTags(config: ResolvedConfig, c: ResolvedContainer): string {
  const tags: Record<string, string> = {
    ...config.datadog.tags,
    ...(config.datadog.env !== undefined && { env: config.datadog.env }),
    ...(c.version !== undefined && { version: c.version }),
  };
  return Object.keys(tags)
    .sort()
    .map((k) => `${k}:${tags[k]}`)
    .join(',');
}

/** An application container's `awsfirelens` log configuration to Datadog, the API key from the same secret as the agent's. */
export function datadogLogConfiguration(config: ResolvedConfig, c: ResolvedContainer): LogConfiguration {
  const tags = logTags(config, c);
  return {
    logDriver: 'awsfirelens',
    options: {
      Name: 'datadog',
      Host: logIntakeHost(config.datadog.site),
      TLS: 'on',
      provider: 'ecs',
      dd_service: c.service,
      dd_source: c.logSource,
      ...(tags !== '' && { dd_tags: tags }),
    },
    secretOptions: [{ name: FIRELENS_API_KEY_OPTION, valueFrom: config.datadog.apiKeySecretArn }],
  };
}

/**
 * The FireLens log router. Not essential, as Datadog's ECS module and construct default it: a router that stops
 * costs logs, not the application.
 */
export function logRouterContainer(config: ResolvedConfig, logConfiguration: LogConfiguration): ContainerDefinition {
  const router = config.logs.router;
  return {
    name: LOG_ROUTER_CONTAINER_NAME,
    image: router.image,
    essential: false,
    readonlyRootFilesystem: true,
    user: LOG_ROUTER_USER,
    ...(router.cpu !== undefined && { cpu: router.cpu }),
    ...(router.memory !== undefined && { memory: router.memory }),
    firelensConfiguration: { type: 'fluentbit', options: { ...FIRELENS_OPTIONS } },
    mountPoints: LOG_ROUTER_WRITABLE_PATHS.map((p) => ({ sourceVolume: p.volume, containerPath: p.path, readOnly: false })),
    logConfiguration,
    dockerLabels: { [`${ACCEPT_LABEL_PREFIX}ECS.20`]: LOG_ROUTER_ROOT_REASON },
  };
}

/** Whether an image is an `init` variant of aws-for-fluent-bit (tag `init`, `init-*`), which writes under `/init`. */
export const INIT_ROUTER_IMAGE_PATTERN = ':init(-[^:/@]*)?(@.*)?$';
