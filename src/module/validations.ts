/**
 * The Terraform `validation` blocks of the module, generated from the constraint table (`src/config/constraints.ts`).
 * Each rule names the variable (and attribute) it checks, the allowed values and a fix.
 */
import {
  API_KEY_SECRET_ARN,
  CONTAINER_INSIGHTS_MODES,
  CPU_ARCHITECTURES,
  DATADOG_API_KEY_LIKE,
  DEPENDS_ON_CONDITIONS,
  describeFargateMemory,
  ECS_CLUSTER_ARN,
  ECS_NAME,
  ENV_NAME,
  FARGATE_CPU_VALUES,
  FARGATE_SIZES,
  HEALTHY_CONDITION,
  KMS_KEY_ARN,
  LOG_RETENTION_DAYS,
  MAX_CONTAINERS_PER_TASK,
  PatternConstraint,
  PORT_PROTOCOLS,
  PORT_RANGE,
  SECURITY_GROUP_ID,
  SERVICE_NAME,
  SUBNET_ID,
  WRITABLE_PATH,
} from '../config/constraints';
import { AGENT_CONTAINER_NAME, INIT_CONTAINER_NAME } from '../model/datadog';
import { hclList, hclString } from './hcl';
import type { Validation } from './types';

/** One validation rule of one variable. */
export interface ValidationRule extends Validation {
  /** Stable identifier, e.g. `memory-fargate-size`. */
  readonly id: string;
  /** The variable whose `validation` block this is. */
  readonly variable: string;
  /** What the rule checks, e.g. `containers[*].port`. */
  readonly attribute: string;
}

/** Application containers per task: the Fargate maximum less the Datadog init and agent containers. */
export const MAX_APPLICATION_CONTAINERS = MAX_CONTAINERS_PER_TASK - 2;

/** The Datadog API key must travel as a secret; these names never appear in `environment`. */
export const FORBIDDEN_ENVIRONMENT_NAMES: readonly string[] = ['DD_API_KEY'];

const re = (c: PatternConstraint, value: string) => `can(regex(${hclString(c.pattern)}, ${value}))`;
const all = (items: string) => `alltrue(${items})`;
const strings = (values: readonly string[]) => hclList(values.map(hclString));
const numbers = (values: readonly number[]) => `[${values.join(', ')}]`;
const quoted = (values: readonly (string | number)[]) => values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
/** A condition over each item of a list variable (nested lists flattened). */
const eachContainer = (body: string) => all(`[for c in var.containers : ${body}]`);
const eachOf = (list: string, item: string, body: string) => all(`flatten([for c in var.containers : [for ${item} in ${list} : ${body}]])`);

function pattern(id: string, variable: string, attribute: string, c: PatternConstraint, condition: string): ValidationRule {
  return {
    id,
    variable,
    attribute,
    condition,
    errorMessage: `${attribute}: must be ${c.description}. Fix: use a value such as "${c.example}".`,
  };
}

function fargateMemoryTable(): string {
  const entries = FARGATE_CPU_VALUES.map((cpu) => `${hclString(String(cpu))} = ${numbers(FARGATE_SIZES[cpu])}`);
  return `{ ${entries.join(', ')} }`;
}

function fargateMemoryMessage(): string {
  return FARGATE_CPU_VALUES.map((cpu) => `cpu ${cpu}: ${describeFargateMemory(cpu)}`).join('; ');
}

const reservedNames = [INIT_CONTAINER_NAME, AGENT_CONTAINER_NAME];
const appNames = '[for x in var.containers : x.name]';

/** Every validation rule of the module, in variable order. */
export const VALIDATION_RULES: readonly ValidationRule[] = [
  pattern('name-pattern', 'name', 'name', SERVICE_NAME, re(SERVICE_NAME, 'var.name')),
  {
    id: 'cpu-fargate-size',
    variable: 'cpu',
    attribute: 'cpu',
    condition: `contains(${numbers(FARGATE_CPU_VALUES)}, var.cpu)`,
    errorMessage: `cpu: must be one of ${FARGATE_CPU_VALUES.join(', ')} (Fargate task CPU units). Fix: pick the size that fits, e.g. 1024 for 1 vCPU.`,
  },
  {
    id: 'memory-fargate-size',
    variable: 'memory',
    attribute: 'memory',
    condition: `contains(lookup(${fargateMemoryTable()}, tostring(var.cpu), []), var.memory)`,
    errorMessage: `memory: must be a Fargate memory size (MiB) allowed for cpu (${fargateMemoryMessage()}). Fix: pick a memory value listed for your cpu, or change cpu.`,
  },
  {
    id: 'cpu-architecture',
    variable: 'cpu_architecture',
    attribute: 'cpu_architecture',
    condition: `contains(${strings(CPU_ARCHITECTURES)}, var.cpu_architecture)`,
    errorMessage: `cpu_architecture: must be one of ${quoted(CPU_ARCHITECTURES)}. Fix: use "X86_64" unless every image is built for ARM64.`,
  },
  pattern(
    'datadog-api-key-secret-arn',
    'datadog',
    'datadog.api_key_secret_arn',
    API_KEY_SECRET_ARN,
    re(API_KEY_SECRET_ARN, 'var.datadog.api_key_secret_arn'),
  ),
  {
    id: 'containers-count',
    variable: 'containers',
    attribute: 'containers',
    condition: `length(var.containers) <= ${MAX_APPLICATION_CONTAINERS}`,
    errorMessage: `containers: must hold at most ${MAX_APPLICATION_CONTAINERS} application containers (a Fargate task holds ${MAX_CONTAINERS_PER_TASK}, two of them are the Datadog init and agent containers). Fix: split the containers over several services.`,
  },
  {
    id: 'containers-unique-names',
    variable: 'containers',
    attribute: 'containers[*].name',
    condition: `length(distinct(${appNames})) == length(var.containers)`,
    errorMessage: 'containers[*].name: must be unique within the task. Fix: rename the containers that share a name.',
  },
  pattern('containers-name-pattern', 'containers', 'containers[*].name', ECS_NAME, eachContainer(re(ECS_NAME, 'c.name'))),
  {
    id: 'containers-name-reserved',
    variable: 'containers',
    attribute: 'containers[*].name',
    condition: eachContainer(`!contains(${strings(reservedNames)}, c.name)`),
    errorMessage: `containers[*].name: must not be ${quoted(reservedNames)} (the Datadog containers of the task). Fix: rename the container.`,
  },
  {
    id: 'containers-port-range',
    variable: 'containers',
    attribute: 'containers[*].port',
    condition: eachContainer(`c.port == null ? true : (c.port >= ${PORT_RANGE.min} && c.port <= ${PORT_RANGE.max} && floor(c.port) == c.port)`),
    errorMessage: `containers[*].port: must be a whole number from ${PORT_RANGE.min} to ${PORT_RANGE.max}. Fix: use the port the container listens on, e.g. 8080, or leave port out.`,
  },
  {
    id: 'containers-protocol',
    variable: 'containers',
    attribute: 'containers[*].protocol',
    condition: eachContainer(`contains(${strings(PORT_PROTOCOLS)}, c.protocol)`),
    errorMessage: `containers[*].protocol: must be one of ${quoted(PORT_PROTOCOLS)}. Fix: use "tcp" (the default) or "udp".`,
  },
  pattern('containers-writable-paths', 'containers', 'containers[*].writable_paths', WRITABLE_PATH, eachOf('c.writable_paths', 'p', re(WRITABLE_PATH, 'p'))),
  pattern('containers-environment-names', 'containers', 'containers[*].environment', ENV_NAME, eachOf('keys(c.environment)', 'n', re(ENV_NAME, 'n'))),
  {
    id: 'containers-environment-api-key-name',
    variable: 'containers',
    attribute: 'containers[*].environment',
    condition: eachContainer(`length(setintersection(keys(c.environment), ${strings(FORBIDDEN_ENVIRONMENT_NAMES)})) == 0`),
    errorMessage: `containers[*].environment: must not set ${quoted(FORBIDDEN_ENVIRONMENT_NAMES)}; the API key never travels as plain text. Fix: remove it; the agent reads the key from datadog.api_key_secret_arn.`,
  },
  {
    id: 'containers-environment-api-key-value',
    variable: 'containers',
    attribute: 'containers[*].environment',
    condition: eachOf('values(c.environment)', 'v', `!can(regex(${hclString(DATADOG_API_KEY_LIKE.source)}, v))`),
    errorMessage: 'containers[*].environment: a value looks like a Datadog API key (32 hexadecimal characters); secrets never go into environment. Fix: store it in Secrets Manager or SSM and reference its ARN in secrets.',
  },
  pattern('containers-secret-names', 'containers', 'containers[*].secrets', ENV_NAME, eachOf('keys(c.secrets)', 'n', re(ENV_NAME, 'n'))),
  pattern('containers-secret-arns', 'containers', 'containers[*].secrets', API_KEY_SECRET_ARN, eachOf('values(c.secrets)', 'a', re(API_KEY_SECRET_ARN, 'a'))),
  {
    id: 'containers-depends-on-condition',
    variable: 'containers',
    attribute: 'containers[*].depends_on[*].condition',
    condition: eachOf('c.depends_on', 'd', `contains(${strings(DEPENDS_ON_CONDITIONS)}, d.condition)`),
    errorMessage: `containers[*].depends_on[*].condition: must be one of ${quoted(DEPENDS_ON_CONDITIONS)}. Fix: use "${HEALTHY_CONDITION}" for a container with a health check, else "START".`,
  },
  {
    id: 'containers-depends-on-target',
    variable: 'containers',
    attribute: 'containers[*].depends_on[*].container_name',
    condition: eachOf('c.depends_on', 'd', `d.container_name != c.name && contains(${appNames}, d.container_name)`),
    errorMessage: 'containers[*].depends_on[*].container_name: must name another application container of this task (the Datadog agent dependency is always added). Fix: use the name of one of the other containers, or remove the dependency.',
  },
  {
    id: 'containers-depends-on-healthy',
    variable: 'containers',
    attribute: 'containers[*].depends_on[*].condition',
    condition: eachOf(
      'c.depends_on',
      'd',
      `d.condition != "${HEALTHY_CONDITION}" || contains([for x in var.containers : x.name if x.health_check != null], d.container_name)`,
    ),
    errorMessage: `containers[*].depends_on[*].condition: "${HEALTHY_CONDITION}" is allowed only on a container with a health_check. Fix: add a health_check to the container depended on, or use "START".`,
  },
  {
    id: 'containers-depends-on-exit',
    variable: 'containers',
    attribute: 'containers[*].depends_on[*].condition',
    condition: eachOf(
      'c.depends_on',
      'd',
      `!contains(["COMPLETE", "SUCCESS"], d.condition) || contains([for x in var.containers : x.name if !x.essential], d.container_name)`,
    ),
    errorMessage: 'containers[*].depends_on[*].condition: "COMPLETE" and "SUCCESS" are allowed only on a container with essential = false. Fix: set essential = false on the container depended on, or use "START".',
  },
  {
    id: 'subnet-ids',
    variable: 'subnet_ids',
    attribute: 'subnet_ids',
    condition: all(`[for s in var.subnet_ids : ${re(SUBNET_ID, 's')}]`),
    errorMessage: `subnet_ids: every item must be ${SUBNET_ID.description}. Fix: use ids such as "${SUBNET_ID.example}".`,
  },
  {
    id: 'security-group-ids',
    variable: 'security_group_ids',
    attribute: 'security_group_ids',
    condition: all(`[for s in var.security_group_ids : ${re(SECURITY_GROUP_ID, 's')}]`),
    errorMessage: `security_group_ids: every item must be ${SECURITY_GROUP_ID.description}. Fix: use ids such as "${SECURITY_GROUP_ID.example}".`,
  },
  {
    id: 'desired-count',
    variable: 'desired_count',
    attribute: 'desired_count',
    condition: 'var.desired_count >= 0 && floor(var.desired_count) == var.desired_count',
    errorMessage: 'desired_count: must be a whole number, 0 or more. Fix: use 1 for one running task, 0 to stop the service.',
  },
  pattern(
    'existing-cluster-arn',
    'existing_cluster_arn',
    'existing_cluster_arn',
    ECS_CLUSTER_ARN,
    `var.existing_cluster_arn == null ? true : ${re(ECS_CLUSTER_ARN, 'var.existing_cluster_arn')}`,
  ),
  {
    id: 'container-insights',
    variable: 'container_insights',
    attribute: 'container_insights',
    condition: `contains(${strings(CONTAINER_INSIGHTS_MODES)}, var.container_insights)`,
    errorMessage: `container_insights: must be one of ${quoted(CONTAINER_INSIGHTS_MODES)} (Security Hub ECS.12 requires it on). Fix: use "enabled".`,
  },
  {
    id: 'log-retention',
    variable: 'log_retention_in_days',
    attribute: 'log_retention_in_days',
    condition: `contains(${numbers(LOG_RETENTION_DAYS)}, var.log_retention_in_days)`,
    errorMessage: `log_retention_in_days: must be one of ${LOG_RETENTION_DAYS.join(', ')} (0 keeps events forever). Fix: use the nearest allowed value, e.g. 30.`,
  },
  pattern('log-kms-key-arn', 'log_kms_key_arn', 'log_kms_key_arn', KMS_KEY_ARN, `var.log_kms_key_arn == null ? true : ${re(KMS_KEY_ARN, 'var.log_kms_key_arn')}`),
];

/** The validation blocks of one variable. */
export function validationsOf(variable: string): Validation[] {
  return VALIDATION_RULES.filter((r) => r.variable === variable).map(({ condition, errorMessage }) => ({ condition, errorMessage }));
}
