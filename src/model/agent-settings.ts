/**
 * The agent's own settings beyond the read-only wiring: Datadog's defaults, the user's extra variables, the transport
 * applications reach the agent over, and process collection. `agentEnvironment` and `applicationEnvironment`
 * (task-definition.ts) read these, so the CLI, both modules and `fix --add-agent` get the same agent.
 */
import type { ResolvedConfig } from '../config/types';
import { APM_PORT, APM_SOCKET, DOGSTATSD_PORT, DOGSTATSD_SOCKET } from './datadog';

/** What Datadog's own ECS tools set by default; each may be overridden through `datadog.environment`. */
export const AGENT_ENVIRONMENT_DEFAULTS: Readonly<Record<string, string>> = {
  // ECS Explorer: task and container data.
  DD_ECS_TASK_COLLECTION_ENABLED: 'true',
  // DogStatsD origin detection, with the client half on the applications.
  DD_DOGSTATSD_ORIGIN_DETECTION: 'true',
  DD_DOGSTATSD_TAG_CARDINALITY: 'orchestrator',
};

/** Datadog's default on every application container; the container's own environment may override it. */
export const APPLICATION_ENVIRONMENT_DEFAULTS: Readonly<Record<string, string>> = {
  DD_DOGSTATSD_ORIGIN_DETECTION_CLIENT: 'true',
};

/** The agent's live process collection (with `pidMode: task`). */
export const PROCESS_COLLECTION_ENVIRONMENT: Readonly<Record<string, string>> = {
  DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED: 'true',
};

/** Localhost, where applications reach the agent over TCP/UDP in the task's shared network namespace (awsvpc). */
export const AGENT_HOST = '127.0.0.1';

/**
 * Agent variables the tool sets itself, with the config key that sets them. `datadog.environment` may not name them:
 * an override would contradict that key or break the wiring the applications are given (socket paths, ports).
 * Datadog's defaults above are not in this table: overriding them is safe.
 */
export const AGENT_ENVIRONMENT_OWNERS: Readonly<Record<string, string>> = {
  DD_API_KEY: 'datadog.apiKeySecretArn (the key travels only as a secret)',
  ECS_FARGATE: 'the task (always true on Fargate)',
  DD_SITE: 'datadog.site',
  DD_APM_ENABLED: 'datadog.apmEnabled',
  DD_APM_RECEIVER_SOCKET: 'datadog.transport (the applications are given this socket)',
  DD_APM_RECEIVER_PORT: `datadog.transport (the applications are given port ${APM_PORT})`,
  DD_DOGSTATSD_SOCKET: 'datadog.transport (the applications are given this socket)',
  DD_DOGSTATSD_PORT: `datadog.transport (the applications are given port ${DOGSTATSD_PORT})`,
  DD_ENV: 'datadog.env',
  DD_TAGS: 'datadog.tags',
  DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED: 'datadog.processCollection (it also sets pidMode)',
};

/** How the agent listens: sockets in the shared volume for `unix`, nothing extra for `tcp` (its default ports). */
export function agentTransportEnvironment(config: ResolvedConfig): Record<string, string> {
  const dd = config.datadog;
  if (dd.transport === 'tcp') return {};
  return {
    ...(dd.apmEnabled && { DD_APM_RECEIVER_SOCKET: APM_SOCKET }),
    DD_DOGSTATSD_SOCKET: DOGSTATSD_SOCKET,
  };
}

/** How an application reaches the agent: socket URLs for `unix`, localhost and ports for `tcp`; APM only when on. */
export function applicationTransportEnvironment(config: ResolvedConfig): Record<string, string> {
  const dd = config.datadog;
  if (dd.transport === 'tcp') {
    return {
      DD_AGENT_HOST: AGENT_HOST,
      DD_DOGSTATSD_PORT: String(DOGSTATSD_PORT),
      ...(dd.apmEnabled && { DD_TRACE_AGENT_PORT: String(APM_PORT) }),
    };
  }
  return {
    ...(dd.apmEnabled && { DD_TRACE_AGENT_URL: `unix://${APM_SOCKET}` }),
    DD_DOGSTATSD_URL: `unix://${DOGSTATSD_SOCKET}`,
  };
}

/** The agent's port mappings: DogStatsD always, APM only when it is on. */
export function agentPortMappings(config: ResolvedConfig): { containerPort: number; hostPort: number; protocol: 'tcp' | 'udp' }[] {
  return [
    { containerPort: DOGSTATSD_PORT, hostPort: DOGSTATSD_PORT, protocol: 'udp' },
    ...(config.datadog.apmEnabled ? [{ containerPort: APM_PORT, hostPort: APM_PORT, protocol: 'tcp' as const }] : []),
  ];
}

/** Ports an application container may not listen on: the agent's, in the same network namespace. */
export function agentPorts(apmEnabled: boolean): number[] {
  return apmEnabled ? [DOGSTATSD_PORT, APM_PORT] : [DOGSTATSD_PORT];
}

/** Why process collection and ECS Exec are refused together. */
export const PROCESS_COLLECTION_EXEC_REASON =
  'process collection needs pidMode "task", and ECS Exec does not work in tasks that share one process namespace ' +
  '(aws/containers-roadmap#2268)';
