/** What the Datadog Agent needs on a read-only root filesystem, stated once. */

export const AGENT_CONTAINER_NAME = 'datadog-agent';
export const INIT_CONTAINER_NAME = 'datadog-init';

export interface AgentWritablePath {
  /** Task volume name. */
  readonly volume: string;
  /** Path in the agent container. */
  readonly path: string;
  readonly reason: string;
}

/** One task volume per path the agent writes to; all mounted read-write in the agent. */
export const AGENT_WRITABLE_PATHS: readonly AgentWritablePath[] = [
  { volume: 'datadog-config', path: '/etc/datadog-agent', reason: 'start-up scripts create symlinks and remove default check files' },
  { volume: 'datadog-run', path: '/opt/datadog-agent/run', reason: 'runtime state: transaction logs, caches, checkpoints' },
  { volume: 'datadog-sockets', path: '/var/run/datadog', reason: 'APM and DogStatsD Unix sockets' },
  { volume: 'datadog-tmp', path: '/tmp', reason: 'diagnostics and flares' },
  { volume: 'datadog-logs', path: '/var/log/datadog', reason: "the agent's own log file" },
];

export const CONFIG_VOLUME = 'datadog-config';
export const SOCKETS_VOLUME = 'datadog-sockets';
export const SOCKETS_PATH = '/var/run/datadog';
export const APM_SOCKET = `${SOCKETS_PATH}/apm.socket`;
export const DOGSTATSD_SOCKET = `${SOCKETS_PATH}/dsd.socket`;

/** Where the init container sees the config volume while it copies the image's `/etc/datadog-agent` into it. */
export const INIT_STAGING_PATH = '/opt/datadog-agent-config';
/** No-clobber recursive copy, dotfiles included; exits non-zero on failure so the agent never starts half-configured. */
export const INIT_COPY_COMMAND = `cp -vnR /etc/datadog-agent/. ${INIT_STAGING_PATH}/`;

export const DOGSTATSD_PORT = 8125;
export const APM_PORT = 8126;

export const AGENT_HEALTH_CHECK = {
  command: ['CMD-SHELL', 'agent health'],
  interval: 30,
  timeout: 5,
  retries: 3,
  startPeriod: 15,
} as const;

export const LOG_MAX_BUFFER_SIZE = '25m';

/**
 * Where the SSM agent of ECS Exec writes inside each container. With ECS Exec on, every application container gets
 * them as writable task volumes, since its root filesystem is read-only.
 */
export const ECS_EXEC_WRITABLE_PATHS: readonly string[] = ['/managed-agents', '/var/lib/amazon/ssm', '/var/log/amazon/ssm'];

/** Docker label prefix that carries an accepted compliance finding with its reason: `<prefix><RULE_ID>` = reason. */
export const ACCEPT_LABEL_PREFIX = 'ecs-datadog-readonly.accept.';

export const ROOT_USER_REASON =
  'The stock Datadog Agent image runs as root, and Fargate task volumes are root-owned, so a non-root agent or init ' +
  'container cannot write the volumes it needs. Every root filesystem stays read-only.';

/** Unified service tagging docker labels. */
export const SERVICE_TAG_LABELS = {
  env: 'com.datadoghq.tags.env',
  service: 'com.datadoghq.tags.service',
  version: 'com.datadoghq.tags.version',
} as const;
