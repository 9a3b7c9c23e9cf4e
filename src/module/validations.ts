/**
 * The Terraform `validation` blocks of the module, generated from the constraint table (`src/config/constraints.ts`)
 * and the rules of `validateConfig`. Each message names the variable (and attribute), the allowed values and a fix;
 * terraform adds the value given.
 */
import {
  API_KEY_SECRET_ARN,
  CONTAINER_CPU_RANGE,
  CONTAINER_IMAGE,
  CONTAINER_USER,
  CONTAINER_INSIGHTS_MODES,
  CONTAINER_MEMORY_RANGE,
  CPU_ARCHITECTURES,
  DATADOG_API_KEY_LIKE,
  DATADOG_SITE,
  DEPENDS_ON_CONDITIONS,
  describeFargateMemory,
  DESIRED_COUNT_RANGE,
  ECS_CLUSTER_ARN,
  ECS_NAME,
  ENV_NAME,
  FARGATE_CPU_VALUES,
  FARGATE_SIZES,
  HEALTH_CHECK_COMMAND_PREFIXES,
  HEALTH_CHECK_LIMITS,
  HEALTHY_CONDITION,
  KMS_KEY_ARN,
  AGENT_TRANSPORTS,
  LOG_DESTINATIONS,
  LOG_RETENTION_DAYS,
  LOG_SOURCE,
  MAX_CONTAINERS_PER_TASK,
  PatternConstraint,
  PORT_PROTOCOLS,
  PORT_RANGE,
  SECRET_ENVIRONMENT_NAMES,
  SECURITY_GROUP_ID,
  SERVICE_NAME,
  SUBNET_ID,
  WRITABLE_PATH,
} from '../config/constraints';
import { AGENT_ENVIRONMENT_DEFAULTS, AGENT_ENVIRONMENT_OWNERS, PROCESS_COLLECTION_EXEC_REASON } from '../model/agent-settings';
import { AGENT_CONTAINER_NAME, AGENT_WRITABLE_PATHS, APM_PORT, DOGSTATSD_PORT, ECS_EXEC_WRITABLE_PATHS, INIT_CONTAINER_NAME, SOCKETS_PATH } from '../model/datadog';
import { INIT_ROUTER_IMAGE_PATTERN, LOG_ROUTER_CONTAINER_NAME, LOG_ROUTER_WRITABLE_PATHS } from '../model/log-router';
import { hclList, hclString } from './hcl';
import { writablePathsExpr, writableVolumeNameExpr } from './locals';
import { SERVICE_VALIDATION_RULES } from './service-validations';
import type { Validation } from './types';

/** One validation rule of one variable. */
export interface ValidationRule extends Validation {
  /** Stable identifier, e.g. `memory-fargate-size`. */
  readonly id: string;
  /** The variable whose `validation` block this is. */
  readonly variable: string;
  /** What the rule checks, in the variable's notation, e.g. `containers[*].port`. */
  readonly attribute: string;
}

/** Application containers per task: the Fargate maximum less the Datadog init and agent containers. */
export const MAX_APPLICATION_CONTAINERS = MAX_CONTAINERS_PER_TASK - 2;

const API_KEY_NAME = 'DD_API_KEY';
const CREDENTIAL_NAMES = SECRET_ENVIRONMENT_NAMES.filter((n) => n !== API_KEY_NAME);
const RESERVED_NAMES = [INIT_CONTAINER_NAME, AGENT_CONTAINER_NAME, LOG_ROUTER_CONTAINER_NAME];
const AGENT_PORTS = [DOGSTATSD_PORT, APM_PORT];
const DATADOG_VOLUMES = [...AGENT_WRITABLE_PATHS, ...LOG_ROUTER_WRITABLE_PATHS].map((p) => p.volume);
const LOGS_TO_DATADOG = 'var.log_destination == "datadog"';
/** Application containers per task when the log router is there too. */
export const MAX_APPLICATION_CONTAINERS_WITH_ROUTER = MAX_CONTAINERS_PER_TASK - 3;
const EXIT_CONDITIONS = DEPENDS_ON_CONDITIONS.filter((c) => c === 'COMPLETE' || c === 'SUCCESS');

const re = (c: PatternConstraint, value: string) => `can(regex(${hclString(c.pattern)}, ${value}))`;
const strings = (values: readonly string[]) => hclList(values.map(hclString));
const numbers = (values: readonly number[]) => `[${values.join(', ')}]`;
const quoted = (values: readonly (string | number)[]) => values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
const whole = (value: string, range: { readonly min: number; readonly max: number }) =>
  `${value} >= ${range.min} && ${value} <= ${range.max} && floor(${value}) == ${value}`;
const optional = (value: string, check: string) => `${value} == null ? true : (${check})`;
/** True for every container. */
const eachContainer = (body: string) => `alltrue([for c in var.containers : ${body}])`;
/** True for every item of a list computed per container (`c` is the container). */
const eachOf = (list: string, item: string, body: string) => `alltrue(flatten([for c in var.containers : [for ${item} in ${list} : ${body}]]))`;
const appNames = '[for x in var.containers : x.name]';
const looksLikeApiKey = (value: string) => `can(regex(${hclString(DATADOG_API_KEY_LIKE.source)}, ${value}))`;
/** `a` equals `b` or one lies inside the other. */
const overlaps = (a: string, b: string) => `(${a} == ${b} || startswith(${a}, format("%s/", ${b})) || startswith(${b}, format("%s/", ${a})))`;

function rule(id: string, attribute: string, condition: string, message: string, variable = attribute.split(/[.[]/)[0]): ValidationRule {
  return { id, variable, attribute, condition, errorMessage: `${attribute}: ${message}` };
}

function pattern(id: string, attribute: string, c: PatternConstraint, condition: string, every = false): ValidationRule {
  return rule(id, attribute, condition, `${every ? 'every item must' : 'must'} be ${c.description}. Fix: use a value such as "${c.example}".`);
}

function range(id: string, attribute: string, value: string, r: { readonly min: number; readonly max: number }, fix: string, each = eachContainer): ValidationRule {
  return rule(id, attribute, each(optional(value, whole(value, r))), `must be a whole number from ${r.min} to ${r.max}. Fix: ${fix}`);
}

function fargateMemoryTable(): string {
  return `{ ${FARGATE_CPU_VALUES.map((cpu) => `${hclString(String(cpu))} = ${numbers(FARGATE_SIZES[cpu])}`).join(', ')} }`;
}

const isFargateCpu = `contains(${numbers(FARGATE_CPU_VALUES)}, var.cpu)`;
const reserved = (key: 'cpu' | 'memory') =>
  `(var.datadog.${key} == null ? 0 : var.datadog.${key}) + (${LOGS_TO_DATADOG} && var.log_router.${key} != null ? var.log_router.${key} : 0) + sum(concat([0], [for c in var.containers : c.${key} == null ? 0 : c.${key}]))`;

const HEALTH_CHECK_ATTRIBUTES: Record<keyof typeof HEALTH_CHECK_LIMITS, string> = {
  intervalSeconds: 'interval_seconds',
  timeoutSeconds: 'timeout_seconds',
  retries: 'retries',
  startPeriodSeconds: 'start_period_seconds',
};

const volumeNames = `concat(${strings(DATADOG_VOLUMES)}, flatten([for c in var.containers : [for p in distinct(${writablePathsExpr('c')}) : ${writableVolumeNameExpr('c.name', 'p')}]]))`;

/**
 * No dependency cycle: from every container, follow depends_on up to MAX_APPLICATION_CONTAINERS steps and never come
 * back. `[for x in [value] : ...]` binds a value to a name, so each step names the previous set instead of repeating it.
 */
function noDependencyCycle(): string {
  // A dependency on itself is reported by containers-depends-on-target, so it is left out of the graph.
  const graph = '{ for c in var.containers : c.name => [for d in c.depends_on : d.container_name if d.container_name != c.name]... }';
  const step = ' : distinct(concat(r, flatten([for n in r : flatten(lookup(g, n, []))])))])';
  let reach = 'flatten(g[s])';
  for (let i = 1; i < MAX_APPLICATION_CONTAINERS; i++) reach = `one([for r in [\n  ${reach.replace(/\n/g, '\n  ')}\n]${step}`;
  return `alltrue([for g in [${graph}] : alltrue([for s in keys(g) : !contains(\n  ${reach.replace(/\n/g, '\n  ')},\n  s,\n)])])`;
}

const API_KEY_MESSAGE =
  "a key or value looks like a Datadog API key (32 hexadecimal characters); the module must never hold the key itself. Fix: remove it; store the key in Secrets Manager or SSM and set datadog.api_key_secret_arn to its ARN (a container's own secrets go into its secrets, as ARNs).";

/** No key or value of the variable, at any depth, looks like a Datadog API key (its JSON text is searched). */
function noApiKey(variable: string): ValidationRule {
  return rule(`${variable}-api-key`, variable, `!${looksLikeApiKey(`jsonencode(var.${variable})`)}`, API_KEY_MESSAGE);
}

/** Every validation rule of the module: the core ones, then those of the service features. */
const CORE_VALIDATION_RULES: readonly ValidationRule[] = [
  pattern('name-pattern', 'name', SERVICE_NAME, re(SERVICE_NAME, 'var.name')),
  rule(
    'cpu-fargate-size',
    'cpu',
    isFargateCpu,
    `must be one of ${FARGATE_CPU_VALUES.join(', ')} (Fargate task CPU units). Fix: pick the size that fits, e.g. 1024 for 1 vCPU.`,
  ),
  rule(
    'cpu-reservations',
    'cpu',
    `${reserved('cpu')} <= var.cpu`,
    "the containers reserve more CPU units (datadog.cpu + log_router.cpu + containers[*].cpu) than the task's cpu. Fix: raise the task's cpu or lower the containers'.",
  ),
  rule(
    'memory-fargate-size',
    'memory',
    `!${isFargateCpu} || contains(lookup(${fargateMemoryTable()}, tostring(var.cpu), []), var.memory)`,
    `must be a memory size (MiB) Fargate allows for the cpu: ${FARGATE_CPU_VALUES.map((cpu) => `cpu ${cpu}: ${describeFargateMemory(cpu)}`).join('; ')}. Fix: set memory to a value listed for your cpu, or change cpu.`,
  ),
  rule(
    'memory-reservations',
    'memory',
    `${reserved('memory')} <= var.memory`,
    "the containers reserve more MiB (datadog.memory + log_router.memory + containers[*].memory) than the task's memory. Fix: raise the task's memory or lower the containers'.",
  ),
  rule('cpu-architecture', 'cpu_architecture', `contains(${strings(CPU_ARCHITECTURES)}, var.cpu_architecture)`, `must be one of ${quoted(CPU_ARCHITECTURES)}. Fix: use "X86_64" unless every image is built for ARM64.`),
  rule('tags-keys', 'tags', 'alltrue([for k in keys(var.tags) : k != ""])', 'keys must not be empty. Fix: name every tag, e.g. team = "payments".'),
  noApiKey('tags'),
  pattern('datadog-site', 'datadog.site', DATADOG_SITE, re(DATADOG_SITE, 'var.datadog.site')),
  pattern('datadog-api-key-secret-arn', 'datadog.api_key_secret_arn', API_KEY_SECRET_ARN, re(API_KEY_SECRET_ARN, 'var.datadog.api_key_secret_arn')),
  pattern('datadog-image', 'datadog.image', CONTAINER_IMAGE, re(CONTAINER_IMAGE, 'var.datadog.image')),
  rule('datadog-tags-keys', 'datadog.tags', 'alltrue([for k in keys(var.datadog.tags) : k != ""])', 'keys must not be empty. Fix: name every tag, e.g. team = "payments".'),
  noApiKey('datadog'),
  rule('datadog-transport', 'datadog.transport', `contains(${strings(AGENT_TRANSPORTS)}, var.datadog.transport)`, `must be one of ${quoted(AGENT_TRANSPORTS)}. Fix: use "unix" (sockets, the default) or "tcp" (localhost ports, for a non-root agent).`),
  pattern('datadog-environment-names', 'datadog.environment', ENV_NAME, `alltrue([for n in keys(var.datadog.environment) : ${re(ENV_NAME, 'n')}])`, true),
  rule(
    'datadog-environment-owned',
    'datadog.environment',
    `length(setintersection(keys(var.datadog.environment), ${strings(Object.keys(AGENT_ENVIRONMENT_OWNERS))})) == 0`,
    `must not set ${quoted(Object.keys(AGENT_ENVIRONMENT_OWNERS))}: the module sets them from datadog.api_key_secret_arn, site, apm_enabled, transport, env, tags and process_collection. Datadog's defaults ${Object.keys(AGENT_ENVIRONMENT_DEFAULTS).join(', ')} may be overridden. Fix: remove them and set the attribute instead.`,
  ),
  rule(
    'datadog-environment-credentials',
    'datadog.environment',
    `length(setintersection(keys(var.datadog.environment), ${strings(CREDENTIAL_NAMES)})) == 0`,
    `must not set ${quoted(CREDENTIAL_NAMES)} as plain environment variables (Security Hub ECS.8). Fix: remove them; the agent uses the task role.`,
  ),
  rule(
    'datadog-process-collection-exec',
    'datadog.process_collection',
    '!(var.datadog.process_collection && var.enable_execute_command)',
    `cannot be true together with enable_execute_command: ${PROCESS_COLLECTION_EXEC_REASON}. Fix: turn one of them off.`,
  ),
  range('datadog-cpu', 'datadog.cpu', 'var.datadog.cpu', CONTAINER_CPU_RANGE, 'leave it out to share the task CPU, or reserve e.g. 256.', (body) => body),
  range('datadog-memory', 'datadog.memory', 'var.datadog.memory', CONTAINER_MEMORY_RANGE, 'leave it out to share the task memory, or set e.g. 512.', (body) => body),
  rule(
    'containers-count',
    'containers',
    `length(var.containers) <= ${MAX_APPLICATION_CONTAINERS}`,
    `must have at most ${MAX_APPLICATION_CONTAINERS} entries: a Fargate task holds at most ${MAX_CONTAINERS_PER_TASK} containers and two are the Datadog init and agent containers. Fix: split the containers over several services.`,
  ),
  rule(
    'containers-count-log-router',
    'containers',
    `!(${LOGS_TO_DATADOG}) || length(var.containers) <= ${MAX_APPLICATION_CONTAINERS_WITH_ROUTER}`,
    `must have at most ${MAX_APPLICATION_CONTAINERS_WITH_ROUTER} entries with log_destination "datadog": a Fargate task holds at most ${MAX_CONTAINERS_PER_TASK} containers and three are the Datadog init, agent and log router containers. Fix: split the containers over several services, or log to "cloudwatch".`,
  ),
  noApiKey('containers'),
  pattern('containers-name-pattern', 'containers[*].name', ECS_NAME, eachContainer(re(ECS_NAME, 'c.name'))),
  rule(
    'containers-name-unique',
    'containers[*].name',
    `length(distinct(${appNames})) == length(var.containers)`,
    'must be unique in the task. Fix: rename the containers that share a name.',
  ),
  rule(
    'containers-name-reserved',
    'containers[*].name',
    eachContainer(`!contains(${strings(RESERVED_NAMES)}, c.name)`),
    `must not be ${quoted(RESERVED_NAMES)}, the names of the Datadog containers the module adds. Fix: choose another name.`,
  ),
  pattern('containers-image', 'containers[*].image', CONTAINER_IMAGE, eachContainer(re(CONTAINER_IMAGE, 'c.image'))),
  pattern('containers-user', 'containers[*].user', CONTAINER_USER, eachContainer(optional('c.user', re(CONTAINER_USER, 'c.user')))),
  pattern('containers-log-source', 'containers[*].log_source', LOG_SOURCE, eachContainer(optional('c.log_source', re(LOG_SOURCE, 'c.log_source')))),
  range('containers-port-range', 'containers[*].port', 'c.port', PORT_RANGE, 'use the port the container listens on, e.g. 8080, or leave port out.'),
  rule(
    'containers-port-agent',
    'containers[*].port',
    eachContainer(optional('c.port', `!contains(var.datadog.apm_enabled ? ${numbers(AGENT_PORTS)} : ${numbers([DOGSTATSD_PORT])}, c.port)`)),
    `must not be ${AGENT_PORTS.join(' or ')}: the agent listens on ${DOGSTATSD_PORT}/udp (DogStatsD) and, with datadog.apm_enabled, ${APM_PORT}/tcp (APM) in the same network namespace. Fix: use another port.`,
  ),
  rule('containers-protocol', 'containers[*].protocol', eachContainer(`contains(${strings(PORT_PROTOCOLS)}, c.protocol)`), `must be one of ${quoted(PORT_PROTOCOLS)}. Fix: use "tcp" (the default) or "udp".`),
  pattern('containers-writable-paths', 'containers[*].writable_paths', WRITABLE_PATH, eachOf('c.writable_paths', 'p', re(WRITABLE_PATH, 'p')), true),
  rule(
    'containers-writable-paths-sockets',
    'containers[*].writable_paths',
    `var.datadog.transport != "unix" || ${eachOf('c.writable_paths', 'p', `!${overlaps('p', hclString(SOCKETS_PATH))}`)}`,
    `must not be or overlap ${SOCKETS_PATH}, where the agent's sockets are mounted read-only in every application container (datadog.transport "unix"). Fix: choose another path, or use transport "tcp".`,
  ),
  rule(
    'containers-writable-paths-overlap',
    'containers[*].writable_paths',
    `alltrue(flatten([for c in var.containers : [for i, p in c.writable_paths : [for j, q in c.writable_paths : j >= i || !${overlaps('p', 'q')}]]]))`,
    'must not repeat or nest within one container; a writable directory is writable below it already. Fix: keep only the outer path.',
  ),
  rule(
    'containers-writable-paths-volumes',
    'containers[*].writable_paths',
    `length(distinct(${volumeNames})) == length(${volumeNames})`,
    `each path becomes a task volume named <container>-<path with / as ->, and two of these names (or one of them and a Datadog volume: ${DATADOG_VOLUMES.join(', ')}, or one that ECS Exec adds for ${ECS_EXEC_WRITABLE_PATHS.join(', ')}) are the same. Fix: rename the container or choose another path.`,
  ),
  pattern('containers-environment-names', 'containers[*].environment', ENV_NAME, eachOf('keys(c.environment)', 'n', re(ENV_NAME, 'n')), true),
  rule(
    'containers-environment-api-key',
    'containers[*].environment',
    eachContainer(`!contains(keys(c.environment), ${hclString(API_KEY_NAME)})`),
    `must not set ${API_KEY_NAME}: the Datadog API key must not be a plain environment variable; the agent reads it from datadog.api_key_secret_arn and applications send to the agent without a key. Fix: remove it.`,
  ),
  rule(
    'containers-environment-credentials',
    'containers[*].environment',
    eachContainer(`length(setintersection(keys(c.environment), ${strings(CREDENTIAL_NAMES)})) == 0`),
    `must not set ${quoted(CREDENTIAL_NAMES)} as plain environment variables (Security Hub ECS.8). Fix: move them to secrets as Secrets Manager or SSM parameter ARNs, or use the task role.`,
  ),
  pattern('containers-secret-names', 'containers[*].secrets', ENV_NAME, eachOf('keys(c.secrets)', 'n', re(ENV_NAME, 'n')), true),
  pattern('containers-secret-arns', 'containers[*].secrets', API_KEY_SECRET_ARN, eachOf('values(c.secrets)', 'a', re(API_KEY_SECRET_ARN, 'a')), true),
  range('containers-cpu', 'containers[*].cpu', 'c.cpu', CONTAINER_CPU_RANGE, 'leave it out to share the task CPU, or reserve e.g. 256.'),
  range('containers-memory', 'containers[*].memory', 'c.memory', CONTAINER_MEMORY_RANGE, 'leave it out to share the task memory, or set e.g. 512.'),
  rule(
    'containers-health-check-command',
    'containers[*].health_check.command',
    eachContainer(optional('c.health_check', `length(c.health_check.command) >= 2 && try(contains(${strings(HEALTH_CHECK_COMMAND_PREFIXES)}, c.health_check.command[0]), false)`)),
    `must start with ${quoted(HEALTH_CHECK_COMMAND_PREFIXES)}, followed by the command. Fix: e.g. ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"].`,
  ),
  ...(Object.keys(HEALTH_CHECK_LIMITS) as (keyof typeof HEALTH_CHECK_LIMITS)[]).map((key) =>
    range(
      `containers-health-check-${HEALTH_CHECK_ATTRIBUTES[key].replace(/_/g, '-')}`,
      `containers[*].health_check.${HEALTH_CHECK_ATTRIBUTES[key]}`,
      `c.health_check.${HEALTH_CHECK_ATTRIBUTES[key]}`,
      HEALTH_CHECK_LIMITS[key],
      'use a value in the range ECS accepts, or leave it out for the default.',
      (body) => eachContainer(optional('c.health_check', body)),
    ),
  ),
  rule(
    'containers-depends-on-condition',
    'containers[*].depends_on[*].condition',
    eachOf('c.depends_on', 'd', `contains(${strings(DEPENDS_ON_CONDITIONS)}, d.condition)`),
    `must be one of ${quoted(DEPENDS_ON_CONDITIONS)}. Fix: use "${HEALTHY_CONDITION}" for a container with a health_check, else "START".`,
  ),
  rule(
    'containers-depends-on-target',
    'containers[*].depends_on[*].container_name',
    eachOf('c.depends_on', 'd', `d.container_name != c.name && contains(${appNames}, d.container_name)`),
    `must name another application container of this task; every application container already waits for ${AGENT_CONTAINER_NAME} to be ${HEALTHY_CONDITION}. Fix: use the name of another container, or remove the dependency.`,
  ),
  rule(
    'containers-depends-on-healthy',
    'containers[*].depends_on[*].condition',
    eachOf('c.depends_on', 'd', `d.condition != ${hclString(HEALTHY_CONDITION)} || contains([for x in var.containers : x.name if x.health_check != null], d.container_name)`),
    `${HEALTHY_CONDITION} needs a health_check on the container depended on. Fix: add a health_check to that container, or use condition "START".`,
  ),
  rule(
    'containers-depends-on-exit',
    'containers[*].depends_on[*].condition',
    eachOf('c.depends_on', 'd', `!contains(${strings(EXIT_CONDITIONS)}, d.condition) || contains([for x in var.containers : x.name if !x.essential], d.container_name)`),
    `${EXIT_CONDITIONS.join(' and ')} need the container depended on to have essential = false (an essential container must keep running). Fix: set essential = false on that container, or use "START" or "${HEALTHY_CONDITION}".`,
  ),
  rule(
    'containers-depends-on-cycle',
    'containers[*].depends_on',
    noDependencyCycle(),
    'must not form a dependency cycle (a container that waits, directly or through others, for itself); ECS would never start these containers. Fix: remove one of the dependencies of the cycle.',
  ),
  pattern('subnet-ids', 'subnet_ids', SUBNET_ID, `alltrue([for s in var.subnet_ids : ${re(SUBNET_ID, 's')}])`, true),
  pattern('security-group-ids', 'security_group_ids', SECURITY_GROUP_ID, `alltrue([for s in var.security_group_ids : ${re(SECURITY_GROUP_ID, 's')}])`, true),
  range('desired-count', 'desired_count', 'var.desired_count', DESIRED_COUNT_RANGE, 'use 1 for one running task, 0 to stop the service.', (body) => body),
  pattern('existing-cluster-arn', 'existing_cluster_arn', ECS_CLUSTER_ARN, optional('var.existing_cluster_arn', re(ECS_CLUSTER_ARN, 'var.existing_cluster_arn'))),
  rule(
    'container-insights',
    'container_insights',
    `contains(${strings(CONTAINER_INSIGHTS_MODES)}, var.container_insights)`,
    `must be one of ${quoted(CONTAINER_INSIGHTS_MODES)} (Security Hub ECS.12 needs Container Insights on). Fix: use "enabled".`,
  ),
  rule(
    'log-retention',
    'log_retention_in_days',
    `contains(${numbers(LOG_RETENTION_DAYS)}, var.log_retention_in_days)`,
    `must be one of ${LOG_RETENTION_DAYS.join(', ')} (0 keeps events forever). Fix: use the nearest allowed value, e.g. 30.`,
  ),
  pattern('secrets-kms-key-arns', 'secrets_kms_key_arns', KMS_KEY_ARN, `alltrue([for k in var.secrets_kms_key_arns : ${re(KMS_KEY_ARN, 'k')}])`, true),
  pattern('log-kms-key-arn', 'log_kms_key_arn', KMS_KEY_ARN, optional('var.log_kms_key_arn', re(KMS_KEY_ARN, 'var.log_kms_key_arn'))),
  rule('log-destination', 'log_destination', `contains(${strings(LOG_DESTINATIONS)}, var.log_destination)`, `must be one of ${quoted(LOG_DESTINATIONS)}. Fix: use "cloudwatch" (the log group) or "datadog" (FireLens to Datadog).`),
  pattern('log-router-image', 'log_router.image', CONTAINER_IMAGE, re(CONTAINER_IMAGE, 'var.log_router.image')),
  rule(
    'log-router-image-init',
    'log_router.image',
    `!can(regex(${hclString(INIT_ROUTER_IMAGE_PATTERN)}, var.log_router.image))`,
    'must not be an init variant of aws-for-fluent-bit (tag init or init-*): it writes under /init, which a read-only root filesystem refuses (aws/aws-for-fluent-bit#824, #928). Fix: use the stable tag or a plain version tag.',
  ),
  range('log-router-cpu', 'log_router.cpu', 'var.log_router.cpu', CONTAINER_CPU_RANGE, 'leave it out to share the task CPU, or reserve e.g. 64.', (body) => body),
  range('log-router-memory', 'log_router.memory', 'var.log_router.memory', CONTAINER_MEMORY_RANGE, 'leave it out to share the task memory, or set e.g. 128.', (body) => body),
];

export const VALIDATION_RULES: readonly ValidationRule[] = [...CORE_VALIDATION_RULES, ...SERVICE_VALIDATION_RULES];

/** The validation blocks of one variable. */
export function validationsOf(variable: string): Validation[] {
  return VALIDATION_RULES.filter((r) => r.variable === variable).map(({ condition, errorMessage }) => ({ condition, errorMessage }));
}
