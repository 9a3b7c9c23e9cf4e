/**
 * `fix`: rewrites a task definition into the read-only form. Every container gets a read-only root; the Datadog Agent
 * gets its writable volumes, the config init container and its health check; application containers get the sockets
 * and the agent dependency; missing log configurations and a plaintext DD_API_KEY are repaired. Everything else is
 * kept as it was, and a second run changes nothing.
 */

import { API_KEY_SECRET_ARN, matches } from '../../config/constraints';
import { DEFAULT_AGENT_IMAGE, resolveConfig } from '../../config/defaults';
import type { ResolvedConfig } from '../../config/types';
import {
  ACCEPT_LABEL_PREFIX,
  AGENT_HEALTH_CHECK,
  AGENT_WRITABLE_PATHS,
  APM_SOCKET,
  CONFIG_VOLUME,
  DOGSTATSD_SOCKET,
  INIT_COPY_COMMAND,
  INIT_STAGING_PATH,
  ROOT_USER_REASON,
  SOCKETS_PATH,
} from '../../model/datadog';
import { agentContainer, agentEnvironment, awslogs, initContainer } from '../../model/task-definition';
import { isEssential, objectsOf } from '../access';
import { AGENT_CONFIG_PATH, copies, findAgent, findInit, normalisePath, writableMount } from '../datadog-roles';
import { FixErrors } from './errors';
import { API_KEY_ENV } from '../rules/datadog-api-key';
import { isRootUser } from '../rules/ecs-20-non-root-user';
import { KNOWN_KEYS, miscasedKeys, NESTED_CONTAINER_KEYS } from '../rules/known-keys';
import { isObject, Json } from '../subject';
import { arrayAt, objectAt, plain, renameKey, setKey } from './edit';

export interface FixOptions {
  /** Secrets Manager or SSM ARN for DD_API_KEY. Needed when the key is in plain environment or with `addAgent`. @default none */
  readonly apiKeySecretArn?: string;
  /** Add the Datadog Agent (and its init container) when the task has none. @default false */
  readonly addAgent?: boolean;
}

export interface FixChange {
  /** The Terraform resource changed, e.g. `aws_ecs_task_definition.this`; absent for task definition JSON. */
  readonly resource?: string;
  /** The container changed; absent for task-level changes. */
  readonly container?: string;
  readonly description: string;
}

interface Ref {
  def: Json;
}

const ACCEPT_ROOT = `${ACCEPT_LABEL_PREFIX}ECS.20`;

/** A config for the model's builders, carrying only what the builders read here: the agent image and the key ARN. */
function builderConfig(image: string, apiKeySecretArn?: string): ResolvedConfig {
  return resolveConfig({
    name: 'datadog',
    datadog: { image, apiKeySecretArn: apiKeySecretArn ?? 'arn:aws:secretsmanager:us-east-1:000000000000:secret:unused' },
  });
}

const containerName = (def: Json): string => (typeof def.name === 'string' ? def.name : '(unnamed)');

/**
 * Fixes one task definition object (RegisterTaskDefinition shape) in place and lists what changed. Throws a UserError
 * when the input cannot be fixed without more information; the object may then be half changed, so pass a copy
 * (`fixDocument` does).
 */
export function fixTaskDefinition(td: Json, options: FixOptions = {}): FixChange[] {
  if (options.apiKeySecretArn !== undefined && !matches(API_KEY_SECRET_ARN, options.apiKeySecretArn)) {
    throw FixErrors.badArn(options.apiKeySecretArn);
  }
  if (!Array.isArray(td.containerDefinitions) || !td.containerDefinitions.every(isObject)) throw FixErrors.noContainers();
  const family = isObject(td.runtimePlatform) ? td.runtimePlatform.operatingSystemFamily : undefined;
  if (typeof family === 'string' && family.startsWith('WINDOWS')) throw FixErrors.windows(family);
  const containers = td.containerDefinitions as Json[];
  const refs = (): Ref[] => containers.map((def) => ({ def }));
  const changes: FixChange[] = [];
  const note = (def: Json | undefined, description: string) => changes.push({ ...(def && { container: containerName(def) }), description });

  // Everything that needs more information is decided before any change.
  const plaintextKey = containers.filter((c) => objectsOf(c.environment).some(({ item }) => item.name === API_KEY_ENV));
  if (plaintextKey.length > 0 && options.apiKeySecretArn === undefined) throw FixErrors.plaintextKeyWithoutArn(plaintextKey.map(containerName));
  let agentRef = findAgent(refs());
  if (!agentRef && options.addAgent && options.apiKeySecretArn === undefined) throw FixErrors.addAgentWithoutArn();
  const logTemplate = awslogsTemplate(containers);

  fixKeySpelling(td, containers, note);
  if (!agentRef && options.addAgent) {
    const built = plain(agentContainer(builderConfig(DEFAULT_AGENT_IMAGE, options.apiKeySecretArn)));
    delete built.logConfiguration;
    containers.unshift(built);
    note(built, 'added the Datadog Agent');
    agentRef = findAgent(refs());
  }
  for (const c of plaintextKey) moveApiKey(c, options.apiKeySecretArn!, note);
  for (const c of containers) if (setKey(c, 'readonlyRootFilesystem', true)) note(c, 'readonlyRootFilesystem set to true');

  const volumes = arrayAt(td, 'volumes');
  const ensureVolume = (name: string) => {
    if (!objectsOf(volumes).some(({ item }) => item.name === name)) {
      volumes.push({ name });
      note(undefined, `added task volume "${name}"`);
    }
  };

  if (agentRef) {
    const agent = agentRef.def;
    const image = typeof agent.image === 'string' ? agent.image : DEFAULT_AGENT_IMAGE;
    const mountedVolume = (path: string) => writableMount(agent, path)?.sourceVolume;
    for (const p of AGENT_WRITABLE_PATHS) {
      const mounts = arrayAt(agent, 'mountPoints');
      const existing = objectsOf(mounts).find(({ item }) => normalisePath(item.containerPath) === p.path);
      if (existing && existing.item.readOnly === true) {
        existing.item.readOnly = false;
        note(agent, `mount at ${p.path} made writable`);
      } else if (!existing) {
        mounts.push({ sourceVolume: p.volume, containerPath: p.path, readOnly: false });
        note(agent, `writable volume "${p.volume}" mounted at ${p.path} (${p.reason})`);
      }
      ensureVolume(mountedVolume(p.path) ?? p.volume);
    }
    const env = arrayAt(agent, 'environment');
    const socketEnv = agentEnvironment(builderConfig(image));
    for (const name of ['DD_APM_RECEIVER_SOCKET', 'DD_DOGSTATSD_SOCKET']) addEnv(agent, env, name, socketEnv[name], note);
    if (!isObject(agent.healthCheck)) {
      agent.healthCheck = { ...AGENT_HEALTH_CHECK, command: [...AGENT_HEALTH_CHECK.command] };
      note(agent, `health check added (${AGENT_HEALTH_CHECK.command.join(' ')})`);
    }
    acceptRootUser(agent, note);

    const configVolume = mountedVolume(AGENT_CONFIG_PATH) ?? CONFIG_VOLUME;
    let init = findInit(refs(), agentRef)?.def;
    if (!init) {
      init = plain(initContainer(builderConfig(image)));
      delete init.logConfiguration;
      init.mountPoints = [{ sourceVolume: configVolume, containerPath: INIT_STAGING_PATH, readOnly: false }];
      containers.splice(containers.indexOf(agent), 0, init);
      note(init, `added the init container that copies the agent's default config into "${configVolume}"`);
    } else {
      fixInit(init, configVolume, note);
    }
    const initName = init.name as string;
    const deps = arrayAt(agent, 'dependsOn');
    const dep = objectsOf(deps).find(({ item }) => item.containerName === initName);
    if (!dep) {
      deps.push({ containerName: initName, condition: 'SUCCESS' });
      note(agent, `waits for "${initName}" with SUCCESS`);
    } else if (dep.item.condition !== 'SUCCESS') {
      dep.item.condition = 'SUCCESS';
      note(agent, `waits for "${initName}" with SUCCESS`);
    }

    const socketsVolume = mountedVolume(SOCKETS_PATH)!;
    const agentName = agent.name as string;
    for (const app of containers.filter((c) => c !== agent && c !== init && !isObject(c.firelensConfiguration))) {
      const mounts = arrayAt(app, 'mountPoints');
      if (!objectsOf(mounts).some(({ item }) => normalisePath(item.containerPath) === SOCKETS_PATH)) {
        mounts.push({ sourceVolume: socketsVolume, containerPath: SOCKETS_PATH, readOnly: true });
        note(app, `mounts the agent sockets (${SOCKETS_PATH}) read-only`);
      }
      const appDeps = arrayAt(app, 'dependsOn');
      if (!objectsOf(appDeps).some(({ item }) => item.containerName === agentName)) {
        appDeps.push({ containerName: agentName, condition: 'HEALTHY' });
        note(app, `waits for "${agentName}" to be HEALTHY`);
      }
      const appEnv = arrayAt(app, 'environment');
      addEnv(app, appEnv, 'DD_TRACE_AGENT_URL', `unix://${APM_SOCKET}`, note);
      addEnv(app, appEnv, 'DD_DOGSTATSD_URL', `unix://${DOGSTATSD_SOCKET}`, note);
    }
  }

  const needLogs = containers.filter((c) => !hasLogDriver(c));
  if (needLogs.length > 0 && !logTemplate) throw FixErrors.noLogGroup(needLogs.map(containerName));
  for (const c of needLogs) {
    const name = containerName(c);
    const built = plain(awslogs(builderConfig(DEFAULT_AGENT_IMAGE), name));
    c.logConfiguration = { ...built, options: { ...(built.options as Json), ...logTemplate! } };
    note(c, `log configuration added (awslogs group ${String(logTemplate!['awslogs-group'])})`);
  }
  return changes;
}

type Note = (def: Json | undefined, description: string) => void;

function hasLogDriver(c: Json): boolean {
  return isObject(c.logConfiguration) && typeof c.logConfiguration.logDriver === 'string' && c.logConfiguration.logDriver !== '';
}

/** Group and region of the first container that logs with awslogs to a group in a region. */
function awslogsTemplate(containers: readonly Json[]): Json | undefined {
  for (const c of containers) {
    const log = c.logConfiguration;
    if (!isObject(log) || log.logDriver !== 'awslogs' || !isObject(log.options)) continue;
    const { 'awslogs-group': group, 'awslogs-region': region } = log.options;
    if (typeof group === 'string' && typeof region === 'string') return { 'awslogs-group': group, 'awslogs-region': region };
  }
  return undefined;
}

function addEnv(def: Json, env: unknown[], name: string, value: string, note: Note): void {
  if (objectsOf(env).some(({ item }) => item.name === name)) return;
  env.push({ name, value });
  note(def, `environment ${name}=${value}`);
}

function moveApiKey(c: Json, arn: string, note: Note): void {
  c.environment = (c.environment as unknown[]).filter((e) => !(isObject(e) && e.name === API_KEY_ENV));
  const secrets = arrayAt(c, 'secrets');
  if (!objectsOf(secrets).some(({ item }) => item.name === API_KEY_ENV)) secrets.push({ name: API_KEY_ENV, valueFrom: arn });
  note(c, `${API_KEY_ENV} moved from plain environment to secrets (valueFrom ${arn})`);
}

function acceptRootUser(def: Json, note: Note): void {
  if (!isRootUser(def.user)) return;
  const labels = objectAt(def, 'dockerLabels');
  if (ACCEPT_ROOT in labels) return;
  labels[ACCEPT_ROOT] = ROOT_USER_REASON;
  note(def, `ECS.20 accepted with the label ${ACCEPT_ROOT} (the reason is in the label)`);
}

function fixInit(init: Json, configVolume: string, note: Note): void {
  if (isEssential(init) && setKey(init, 'essential', false)) note(init, 'essential set to false');
  const mounts = arrayAt(init, 'mountPoints');
  const mount = objectsOf(mounts).find(({ item }) => item.sourceVolume === configVolume);
  if (!mount) {
    mounts.push({ sourceVolume: configVolume, containerPath: INIT_STAGING_PATH, readOnly: false });
    note(init, `mounts "${configVolume}" at ${INIT_STAGING_PATH}`);
  } else if (mount.item.readOnly === true) {
    mount.item.readOnly = false;
    note(init, `mount of "${configVolume}" made writable`);
  }
  if (!copies(init) && init.entryPoint === undefined && init.command === undefined) {
    init.entryPoint = ['/bin/sh', '-c'];
    init.command = [INIT_COPY_COMMAND];
    note(init, 'copy command added');
  }
  acceptRootUser(init, note);
}

function fixKeySpelling(td: Json, containers: Json[], note: Note): void {
  for (const { key, expected } of miscasedKeys(td, 'task')) {
    renameKey(td, key, expected);
    note(undefined, `key "${key}" renamed to "${expected}"`);
  }
  for (const c of containers) {
    for (const { key, expected } of miscasedKeys(c, KNOWN_KEYS.container)) {
      renameKey(c, key, expected);
      note(c, `key "${key}" renamed to "${expected}"`);
    }
    for (const [field, keys] of Object.entries(NESTED_CONTAINER_KEYS)) {
      const items = Array.isArray(c[field]) ? (c[field] as unknown[]).filter(isObject) : isObject(c[field]) ? [c[field] as Json] : [];
      for (const item of items) {
        for (const { key, expected } of miscasedKeys(item, keys)) {
          renameKey(item, key, expected);
          note(c, `key "${field}.${key}" renamed to "${expected}"`);
        }
      }
    }
  }
}
