/**
 * `fix`: rewrites a task definition into the read-only form. Every container gets a read-only root; the Datadog Agent
 * (found by its image) gets its writable volumes, the config init container and its health check; containers that
 * feed the agent's config run before it; applications get the sockets, the agent dependency and somewhere to write;
 * secrets move to `secrets`; missing log configurations and execution roles come from flags. What fix cannot infer
 * is a flag, and every missing one is named at once. Everything else is kept as it was, and a second run changes
 * nothing.
 */

import { DATADOG_API_KEY_LIKE } from '../../config/constraints';
import { DEFAULT_AGENT_IMAGE, resolveConfig } from '../../config/defaults';
import type { ResolvedConfig } from '../../config/types';
import type { Problem } from '../../errors';
import {
  ACCEPT_LABEL_PREFIX,
  AGENT_HEALTH_CHECK,
  AGENT_WRITABLE_PATHS,
  APM_SOCKET,
  CONFIG_VOLUME,
  DOGSTATSD_SOCKET,
  INIT_CONTAINER_NAME,
  INIT_COPY_COMMAND,
  INIT_STAGING_PATH,
  ROOT_USER_REASON,
  SOCKETS_PATH,
} from '../../model/datadog';
import { agentContainer, agentEnvironment, awslogs, initContainer, writableVolumeName } from '../../model/task-definition';
import { isEssential, objectsOf } from '../access';
import { AGENT_CONFIG_PATH, copies, findAgent, findInit, isUsableInit, normalisePath, writableMount } from '../datadog-roles';
import { API_KEY_ENV } from '../rules/datadog-api-key';
import { CREDENTIAL_ENV_NAMES } from '../rules/ecs-8-credentials-env';
import { isRootUser } from '../rules/ecs-20-non-root-user';
import { KNOWN_KEYS, miscasedKeys, NESTED_CONTAINER_KEYS } from '../rules/known-keys';
import { isObject, Json } from '../subject';
import { arrayAt, objectAt, plain, renameKey, setKey } from './edit';
import { FixErrors } from './errors';
import { FixOptions, validateFixOptions } from './options';
import { knownImage, TEMP_PATH } from './writable-paths';

export type { FixOptions, WritableRequest } from './options';

export interface FixChange {
  /** The Terraform resource changed, e.g. `aws_ecs_task_definition.this`; absent for task definition JSON. */
  readonly resource?: string;
  /** The container changed; absent for task-level changes. */
  readonly container?: string;
  readonly description: string;
}

/** What the input can hold besides containers. */
export interface FixScope {
  /**
   * Whether task-level keys (volumes, executionRoleArn) belong to the input; false for a bare container definitions
   * array, whose task volumes fix reports instead. @default true
   */
  readonly taskLevel?: boolean;
}

const ACCEPT_ROOT = `${ACCEPT_LABEL_PREFIX}ECS.20`;
/** Stands in for a flag that was not given; never written, since fix then throws. */
const MISSING = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:missing-flag';
const KEY_SHAPED = /^[0-9a-fA-F]{32}$/;
/** Agent variables fix never adds to an existing agent: where and what it reports is the user's choice. */
const USER_OWNED_AGENT_ENV: readonly string[] = ['DD_SITE', 'DD_ENV', 'DD_TAGS', 'DD_APM_ENABLED'];
const CWS_IMAGE = /(^|\/)datadog\/cws-instrumentation([:@]|$)/;

/** A config for the model's builders, carrying what the builders read here. */
function builderConfig(image: string, apiKeySecretArn?: string, site?: string, env?: string): ResolvedConfig {
  return resolveConfig({
    name: 'datadog',
    datadog: { image, apiKeySecretArn: apiKeySecretArn ?? MISSING, ...(site !== undefined && { site }), ...(env !== undefined && { env }) },
  });
}

const containerName = (def: Json): string => (typeof def.name === 'string' ? def.name : '(unnamed)');

type Note = (def: Json | undefined, description: string) => void;

/** The parts a task's containers play. */
interface Roles {
  readonly agent?: Json;
  readonly init?: Json;
  /** Write into the agent's config volumes (or the agent waits for them): they run first and never wait for the agent. */
  readonly feeders: Json[];
  /** Datadog's helpers and the log router: neither applications nor the agent. */
  readonly helpers: Json[];
  readonly applications: Json[];
}

function isHelper(def: Json): boolean {
  return isObject(def.firelensConfiguration) || (typeof def.image === 'string' && CWS_IMAGE.test(def.image)) || def.name === 'cws-instrumentation-init';
}

/** Names of the containers `from` waits for, directly or through others. */
function waitsFor(containers: readonly Json[], from: Json): Set<string> {
  const byName = new Map(containers.map((c) => [c.name, c]));
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const { item } of objectsOf(current.dependsOn)) {
      const name = item.containerName;
      if (typeof name !== 'string' || seen.has(name)) continue;
      seen.add(name);
      const next = byName.get(name);
      if (next) stack.push(next);
    }
  }
  return seen;
}

function rolesOf(containers: readonly Json[]): Roles {
  const refs = containers.map((def) => ({ def }));
  const agentRef = findAgent(refs);
  const agent = agentRef?.def;
  const found = agentRef && findInit(refs, agentRef)?.def;
  const init = found && isUsableInit(found) ? found : undefined;
  const agentVolumes = new Set(
    agent ? objectsOf(agent.mountPoints).filter(({ item }) => normalisePath(item.containerPath) !== SOCKETS_PATH).map(({ item }) => item.sourceVolume) : [],
  );
  const agentWaitsFor = agent ? waitsFor(containers, agent) : new Set<string>();
  const feeders: Json[] = [];
  const helpers: Json[] = [];
  const applications: Json[] = [];
  for (const c of containers) {
    if (c === agent || c === init) continue;
    if (isHelper(c)) helpers.push(c);
    else if (
      agent &&
      (objectsOf(c.mountPoints).some(({ item }) => agentVolumes.has(item.sourceVolume) && item.readOnly !== true) || agentWaitsFor.has(c.name as string))
    )
      feeders.push(c);
    else applications.push(c);
  }
  return { agent, init, feeders, helpers, applications };
}

/** Whether anything in the container reads a secret at start: needs an execution role. */
function usesSecrets(c: Json): boolean {
  const log = isObject(c.logConfiguration) ? c.logConfiguration : {};
  return (
    objectsOf(c.secrets).length > 0 ||
    objectsOf(log.secretOptions).length > 0 ||
    (isObject(c.repositoryCredentials) && c.repositoryCredentials.credentialsParameter !== undefined)
  );
}

const logsToAwslogs = (c: Json) => isObject(c.logConfiguration) && c.logConfiguration.logDriver === 'awslogs';

/**
 * Fixes one task definition object (RegisterTaskDefinition shape) in place and lists what changed. Throws a UserError
 * when the input cannot be fixed without more information, naming all of it; the object may then be half changed, so
 * pass a copy (`fixDocument` does).
 */
export function fixTaskDefinition(td: Json, options: FixOptions = {}, scope: FixScope = {}): FixChange[] {
  validateFixOptions(options);
  const taskLevel = scope.taskLevel ?? true;
  if (!Array.isArray(td.containerDefinitions) || !td.containerDefinitions.every(isObject)) throw FixErrors.noContainers();
  const family = isObject(td.runtimePlatform) ? td.runtimePlatform.operatingSystemFamily : undefined;
  if (typeof family === 'string' && family.startsWith('WINDOWS')) throw FixErrors.windows(family);
  const containers = td.containerDefinitions as Json[];
  // A container array is assumed to run on Fargate (this tool's target); a task definition says so itself.
  const fargate = !taskLevel || (Array.isArray(td.requiresCompatibilities) && td.requiresCompatibilities.includes('FARGATE'));
  const changes: FixChange[] = [];
  const note: Note = (def, description) => changes.push({ ...(def && { container: containerName(def) }), description });
  const needs: Problem[] = [];
  const need = (problem: Problem) => {
    if (!needs.some((n) => n.path === problem.path && n.message === problem.message)) needs.push(problem);
  };
  const arn = options.apiKeySecretArn ?? MISSING;
  const needArn = (why: string) =>
    need({ path: '--api-key-secret-arn', message: `missing: ${why}`, fix: 'store the Datadog API key in Secrets Manager or SSM Parameter Store and pass --api-key-secret-arn <ARN>' });

  fixKeySpelling(td, containers, note);
  for (const w of options.writable ?? []) {
    if (!containers.some((c) => c.name === w.container)) {
      need({ path: '--writable', message: `no container "${w.container}" in this task definition; its containers are ${containers.map((c) => `"${containerName(c)}"`).join(', ')}`, fix: 'name one of those containers' });
    }
  }

  moveSecrets(containers, arn, options.apiKeySecretArn === undefined ? needArn : undefined, need, note);

  let roles = rolesOf(containers);
  if (!roles.agent && options.addAgent) {
    if (options.apiKeySecretArn === undefined) needArn('--add-agent reads the agent\'s API key from a secret');
    if (options.site === undefined) need({ path: '--site', message: 'missing: --add-agent needs the Datadog site the agent sends to', fix: 'for example --site datadoghq.eu (datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, ap1.datadoghq.com, ddog-gov.com)' });
    if (options.env === undefined) need({ path: '--env', message: 'missing: --add-agent needs the environment tag (DD_ENV) of the task', fix: 'for example --env prod' });
    const built = plain(agentContainer(builderConfig(DEFAULT_AGENT_IMAGE, arn, options.site, options.env)));
    delete built.logConfiguration;
    delete built.dependsOn; // the init dependency is wired below, to whatever init the task ends up with
    built.name = uniqueName(containers, built.name as string);
    containers.unshift(built);
    note(built, `added the Datadog Agent (DD_SITE ${options.site ?? '?'}, DD_ENV ${options.env ?? '?'})`);
    roles = rolesOf(containers);
  }

  const madeReadonly = new Set<Json>();
  for (const c of containers) {
    if (setKey(c, 'readonlyRootFilesystem', true)) {
      madeReadonly.add(c);
      note(c, 'readonlyRootFilesystem set to true');
    }
  }

  const volumes = arrayAt(td, 'volumes');
  const volumeNames = () => new Set(objectsOf(volumes).map(({ item }) => item.name));
  const addedVolumes: string[] = [];
  const ensureVolume = (name: string) => {
    if (!volumeNames().has(name)) {
      volumes.push({ name });
      addedVolumes.push(name);
      if (taskLevel) note(undefined, `added task volume "${name}"`);
    }
  };

  if (roles.agent) {
    // The agent's own volumes first: which container is its init or feeds it depends on them.
    mountAgentVolumes(roles.agent, ensureVolume, note);
    roles = rolesOf(containers);
  }
  const { agent, feeders, helpers, applications } = roles;
  let init = roles.init;
  if (agent) {
    init = wireAgent(containers, agent, init, feeders, fargate, note);
  }

  // Somewhere to write: /tmp and the well-known paths for every user container fix made read-only, plus --writable.
  for (const c of [...applications, ...feeders, ...helpers.filter((h) => isObject(h.firelensConfiguration))]) {
    if (!madeReadonly.has(c)) continue;
    const entry = knownImage(c.image);
    const added = [TEMP_PATH, ...(entry?.paths ?? [])].flatMap((p) => (addWritable(c, p, volumeNames(), ensureVolume) ? [p] : []));
    const from = entry ? ` (${entry.image}: ${entry.source})` : '';
    const made = added.length > 0 ? `made writable: ${added.join(', ')}${from}` : 'already mounts /tmp';
    note(c, `${made}; any other path it writes needs --writable ${containerName(c)}:PATH`);
  }
  for (const w of options.writable ?? []) {
    const c = containers.find((d) => d.name === w.container);
    if (c && addWritable(c, w.path, volumeNames(), ensureVolume)) note(c, `made writable: ${w.path} (--writable)`);
  }

  if (agent) {
    const agentName = agent.name as string;
    const socketsVolume = writableMount(agent, SOCKETS_PATH)!.sourceVolume;
    for (const app of applications) {
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
    // An init exits, so nothing can wait for it to be HEALTHY: SUCCESS is what such a dependency means.
    for (const c of containers) {
      for (const { item } of objectsOf(c.dependsOn)) {
        if (init && item.containerName === init.name && item.condition === 'HEALTHY' && !isObject(init.healthCheck)) {
          item.condition = 'SUCCESS';
          note(c, `waits for "${String(init.name)}" with SUCCESS (an init container exits; it has no health check)`);
        }
      }
    }
  }

  // Logs: awslogs for every container without a log driver, to the group and region given or found.
  const needLogs = containers.filter((c) => !hasLogDriver(c));
  if (needLogs.length > 0) {
    const found = awslogsTemplate(containers);
    const group = options.logGroup ?? found?.group;
    const region = options.region ?? found?.region;
    const names = needLogs.map((c) => `"${containerName(c)}"`).join(', ');
    if (group === undefined) need({ path: '--log-group', message: `missing: ${names} have no log configuration (ECS.9), and no awslogs container gives a group to copy`, fix: 'pass --log-group /ecs/<name> (with --region)' });
    if (region === undefined) need({ path: '--region', message: `missing: the region of the log group for ${names}`, fix: 'pass --region <region>, for example --region eu-west-1' });
    const router = containers.find((c) => isObject(c.firelensConfiguration));
    const firelens = router && firelensTemplate(containers);
    for (const c of needLogs) {
      if (firelens && c !== router && c !== agent && c !== init) {
        // With a FireLens router, a container logs through it like the others do (DATADOG.LOG_ROUTING).
        c.logConfiguration = firelensFor(firelens, containerName(c));
        note(c, `log configuration added (awsfirelens through "${containerName(router)}", like the other containers)`);
        continue;
      }
      const built = plain(awslogs(builderConfig(DEFAULT_AGENT_IMAGE), containerName(c)));
      c.logConfiguration = { ...built, options: { ...(built.options as Json), 'awslogs-group': group ?? '?', 'awslogs-region': region ?? '?' } };
      note(c, `log configuration added (awslogs group ${group ?? '?'} in ${region ?? '?'})`);
    }
  }

  // Execution role: ECS refuses a task that reads secrets (or, on Fargate, logs with awslogs) without one.
  if (taskLevel && (td.executionRoleArn === undefined || td.executionRoleArn === '')) {
    const users = containers.filter((c) => usesSecrets(c) || (fargate && logsToAwslogs(c)));
    if (users.length > 0) {
      if (options.executionRoleArn === undefined) {
        need({
          path: '--execution-role-arn',
          message: `missing: the task has no executionRoleArn, and ${users.map((c) => `"${containerName(c)}"`).join(', ')} read secrets or log with awslogs, which ECS does through the execution role`,
          fix: 'pass --execution-role-arn arn:aws:iam::<account>:role/<name> (a role with AmazonECSTaskExecutionRolePolicy and read access to the secrets)',
        });
      } else {
        td.executionRoleArn = options.executionRoleArn;
        note(undefined, `executionRoleArn set to ${options.executionRoleArn}`);
      }
    }
  }

  if (needs.length > 0) throw FixErrors.cannotFix(needs);
  const cycle = findCycle(containers);
  if (cycle) throw FixErrors.dependencyCycle(cycle);
  if (!taskLevel && addedVolumes.length > 0) {
    note(undefined, `the task definition must declare the volumes ${addedVolumes.map((v) => `"${v}"`).join(', ')} (a container definitions array cannot)`);
  }
  return changes;
}

/** Mounts every path the agent writes to as a writable task volume. */
function mountAgentVolumes(agent: Json, ensureVolume: (name: string) => void, note: Note): void {
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
    ensureVolume(writableMount(agent, p.path)?.sourceVolume ?? p.volume);
  }
}

/** Wires the agent: its volumes, sockets, health check and init container; the containers that feed it run first. */
function wireAgent(
  containers: Json[],
  agent: Json,
  found: Json | undefined,
  feeders: readonly Json[],
  fargate: boolean,
  note: Note,
): Json {
  const image = typeof agent.image === 'string' ? agent.image : DEFAULT_AGENT_IMAGE;
  const mountedVolume = (path: string) => writableMount(agent, path)?.sourceVolume;
  const env = arrayAt(agent, 'environment');
  // The generator's agent environment, but what says where and what the agent reports (site, env, tags, APM): that is the user's.
  for (const [name, value] of Object.entries(agentEnvironment(builderConfig(image)))) {
    if (USER_OWNED_AGENT_ENV.includes(name) || (name === 'ECS_FARGATE' && !fargate)) continue;
    addEnv(agent, env, name, value, note);
  }
  if (!isObject(agent.healthCheck)) {
    agent.healthCheck = { ...AGENT_HEALTH_CHECK, command: [...AGENT_HEALTH_CHECK.command] };
    note(agent, `health check added (${AGENT_HEALTH_CHECK.command.join(' ')})`);
  }
  acceptRootUser(agent, note);

  const configVolume = mountedVolume(AGENT_CONFIG_PATH) ?? CONFIG_VOLUME;
  let init = found;
  if (!init) {
    init = plain(initContainer(builderConfig(image)));
    delete init.logConfiguration;
    init.name = uniqueName(containers, INIT_CONTAINER_NAME);
    init.mountPoints = [{ sourceVolume: configVolume, containerPath: INIT_STAGING_PATH, readOnly: false }];
    containers.splice(containers.indexOf(agent), 0, init);
    note(init, `added the init container that copies the agent's default config into "${configVolume}"`);
  } else {
    fixInit(init, configVolume, note);
  }
  const agentName = agent.name as string;
  const deps = arrayAt(agent, 'dependsOn');
  const waitFor = (target: Json, condition: string) => {
    const name = target.name as string;
    const dep = objectsOf(deps).find(({ item }) => item.containerName === name);
    if (!dep) {
      deps.push({ containerName: name, condition });
      note(agent, `waits for "${name}" with ${condition}`);
    } else if (condition === 'SUCCESS' && dep.item.condition !== 'SUCCESS' && target === init) {
      dep.item.condition = 'SUCCESS';
      note(agent, `waits for "${name}" with SUCCESS`);
    }
  };
  waitFor(init, 'SUCCESS');
  for (const feeder of feeders) {
    const own = arrayAt(feeder, 'dependsOn');
    const kept = own.filter((d) => !(isObject(d) && d.containerName === agentName));
    if (kept.length !== own.length) {
      feeder.dependsOn = kept;
      note(feeder, `no longer waits for "${agentName}": it writes the agent's configuration, so it runs first`);
    }
    if ((feeder.dependsOn as unknown[]).length === 0) delete feeder.dependsOn;
    waitFor(feeder, isEssential(feeder) ? 'START' : 'SUCCESS');
  }
  return init;
}

/** Mounts a new task volume at `path` unless a writable mount already covers it. Returns whether it added one. */
function addWritable(c: Json, path: string, taken: Set<unknown>, ensureVolume: (name: string) => void): boolean {
  const mounts = arrayAt(c, 'mountPoints');
  const covered = objectsOf(mounts).some(({ item }) => {
    const at = normalisePath(item.containerPath);
    return at === path || (item.readOnly !== true && path.startsWith(`${at === '/' ? '' : at}/`));
  });
  if (covered) return false;
  const base = writableVolumeName(containerName(c), path);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  mounts.push({ sourceVolume: name, containerPath: path, readOnly: false });
  ensureVolume(name);
  return true;
}

/** A container name not used yet and not named by any dependsOn (a dangling dependency must not come to point at it). */
function uniqueName(containers: readonly Json[], base: string): string {
  const used = new Set<unknown>(containers.flatMap((c) => [c.name, ...objectsOf(c.dependsOn).map(({ item }) => item.containerName)]));
  let name = base;
  for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
  return name;
}

/**
 * Secrets: `environment[].valueFrom` moves to `secrets`; a Datadog-key-shaped value (in environment or log options)
 * moves to `secrets`/`secretOptions` with the key's ARN; AWS credentials in plain environment (ECS.8) cannot be moved.
 */
function moveSecrets(
  containers: readonly Json[],
  arn: string,
  needArn: ((why: string) => void) | undefined,
  need: (problem: Problem) => void,
  note: Note,
): void {
  for (const c of containers) {
    const name = containerName(c);
    if (Array.isArray(c.environment)) {
      const kept: unknown[] = [];
      for (const [index, e] of c.environment.entries()) {
        if (!isObject(e) || typeof e.name !== 'string') {
          kept.push(e);
          continue;
        }
        const at = `containerDefinitions["${name}"].environment[${index}]`;
        if (typeof e.valueFrom === 'string') {
          addSecret(c, e.name, e.valueFrom, need, at);
          note(c, `${e.name} moved from environment (valueFrom) to secrets`);
          continue;
        }
        const value = typeof e.value === 'string' ? e.value : '';
        if ((CREDENTIAL_ENV_NAMES as readonly string[]).includes(e.name)) {
          need({
            path: at,
            message: `${e.name} is an AWS credential in plain environment (ECS.8); fix does not move credentials`,
            fix: e.name === 'ECS_ENGINE_AUTH_DATA' ? 'remove it and use repositoryCredentials with a Secrets Manager secret' : 'remove it and give the task a taskRoleArn with the permissions instead',
          });
          kept.push(e);
        } else if (e.name === API_KEY_ENV || KEY_SHAPED.test(value.trim())) {
          needArn?.(`${at} (${e.name}) holds a Datadog API key in plain environment`);
          addSecret(c, e.name, arn, need, at);
          note(c, `${e.name} moved from plain environment to secrets (valueFrom the --api-key-secret-arn ARN)`);
        } else {
          if (DATADOG_API_KEY_LIKE.test(value)) {
            need({ path: at, message: `${e.name} holds a Datadog-key-shaped value inside a longer value; fix cannot move part of a value`, fix: 'build the value from a secret in the application, or store the whole value in a secret and list it under secrets' });
          }
          kept.push(e);
        }
      }
      if (kept.length !== c.environment.length) {
        if (kept.length > 0) c.environment = kept;
        else delete c.environment;
      }
    }
    const log = c.logConfiguration;
    if (isObject(log) && isObject(log.options)) {
      for (const [key, value] of Object.entries(log.options)) {
        if (typeof value !== 'string') continue;
        const at = `containerDefinitions["${name}"].logConfiguration.options.${key}`;
        if (KEY_SHAPED.test(value.trim()) || (/^api_?key$/i.test(key) && value !== '')) {
          needArn?.(`${at} holds a Datadog API key in a plain log option`);
          delete log.options[key];
          const secretOptions = arrayAt(log, 'secretOptions');
          if (!objectsOf(secretOptions).some(({ item }) => item.name === key)) secretOptions.push({ name: key, valueFrom: arn });
          note(c, `log option ${key} moved to secretOptions (valueFrom the --api-key-secret-arn ARN)`);
        } else if (DATADOG_API_KEY_LIKE.test(value)) {
          need({ path: at, message: 'holds a Datadog-key-shaped value inside a longer value; fix cannot move part of a value', fix: 'pass the key through secretOptions instead' });
        }
      }
    }
  }
}

function addSecret(c: Json, name: string, valueFrom: string, need: (problem: Problem) => void, at: string): void {
  const secrets = arrayAt(c, 'secrets');
  const existing = objectsOf(secrets).find(({ item }) => item.name === name);
  if (!existing) secrets.push({ name, valueFrom });
  else if (existing.item.valueFrom !== valueFrom && valueFrom !== MISSING) {
    need({ path: at, message: `${name} is also in secrets with another valueFrom; fix does not choose between them`, fix: `keep one of the two ${name} entries` });
  }
}

function hasLogDriver(c: Json): boolean {
  return isObject(c.logConfiguration) && typeof c.logConfiguration.logDriver === 'string' && c.logConfiguration.logDriver !== '';
}

/** The log configuration of the first container that logs through FireLens to Datadog. */
function firelensTemplate(containers: readonly Json[]): Json | undefined {
  for (const c of containers) {
    const log = c.logConfiguration;
    if (isObject(log) && log.logDriver === 'awsfirelens' && isObject(log.options) && String(log.options.Name).toLowerCase() === 'datadog') return log;
  }
  return undefined;
}

/** A copy of a FireLens log configuration for another container: its own service name, no source of the template's. */
function firelensFor(template: Json, name: string): Json {
  const copy = plain(template);
  const options = copy.options as Json;
  delete options.dd_source;
  if ('dd_service' in options) options.dd_service = name;
  return copy;
}

/** Group and region of the first container that logs with awslogs to a group in a region. */
function awslogsTemplate(containers: readonly Json[]): { group: string; region: string } | undefined {
  for (const c of containers) {
    const log = c.logConfiguration;
    if (!isObject(log) || log.logDriver !== 'awslogs' || !isObject(log.options)) continue;
    const { 'awslogs-group': group, 'awslogs-region': region } = log.options;
    if (typeof group === 'string' && typeof region === 'string') return { group, region };
  }
  return undefined;
}

function addEnv(def: Json, env: unknown[], name: string, value: string, note: Note): void {
  if (objectsOf(env).some(({ item }) => item.name === name)) return;
  env.push({ name, value });
  note(def, `environment ${name}=${value}`);
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

/** A dependsOn cycle as the names along it, or undefined. */
export function findCycle(containers: readonly Json[]): string[] | undefined {
  const byName = new Map(containers.map((c) => [c.name, c]));
  const state = new Map<unknown, 'open' | 'done'>();
  for (const start of containers) {
    if (state.has(start.name)) continue;
    const path: Json[] = [];
    const stack: { def: Json; next: number }[] = [{ def: start, next: 0 }];
    state.set(start.name, 'open');
    path.push(start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const deps = objectsOf(top.def.dependsOn);
      if (top.next >= deps.length) {
        state.set(top.def.name, 'done');
        stack.pop();
        path.pop();
        continue;
      }
      const target = byName.get(deps[top.next++].item.containerName);
      if (!target) continue;
      const s = state.get(target.name);
      if (s === 'open') return path.slice(path.indexOf(target)).map(containerName);
      if (s === undefined) {
        state.set(target.name, 'open');
        stack.push({ def: target, next: 0 });
        path.push(target);
      }
    }
  }
  return undefined;
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
