/**
 * The module's input variables. Defaults come from the config, so a generated module carries the user's values;
 * optional object attributes carry the same defaults as `resolveConfig`.
 */
import {
  CONTAINER_INSIGHTS_MODES,
  CPU_ARCHITECTURES,
  describeFargateMemory,
  FARGATE_CPU_VALUES,
  LOG_RETENTION_DAYS,
  MAX_CONTAINERS_PER_TASK,
} from '../config/constraints';
import { imageShortName, imageTag, resolveConfig, resolveContainer } from '../config/defaults';
import type { ResolvedConfig, ResolvedContainer } from '../config/types';
import { applyServiceVariables, SERVICE_VARIABLE_SHAPES, serviceVariableValues } from './service-variables';
import type { Value, VariableSpec } from './types';
import { validationsOf } from './validations';

/** Defaults of optional container attributes, read from `resolveContainer` itself so they are never retyped. */
const RESOLVED = resolveContainer({ name: 'app', image: 'app', healthCheck: { command: [] } });
const RESOLVED_DATADOG = resolveConfig({ name: 'app', datadog: { apiKeySecretArn: 'arn' } }).datadog;
export const CONTAINER_DEFAULTS = { protocol: RESOLVED.protocol, essential: RESOLVED.essential } as const;
export const HEALTH_CHECK_DEFAULTS = {
  interval_seconds: RESOLVED.healthCheck!.intervalSeconds,
  timeout_seconds: RESOLVED.healthCheck!.timeoutSeconds,
  retries: RESOLVED.healthCheck!.retries,
  start_period_seconds: RESOLVED.healthCheck!.startPeriodSeconds,
} as const;

const DATADOG_TYPE = `object({
  site               = optional(string, "${RESOLVED_DATADOG.site}")
  api_key_secret_arn = string
  image              = optional(string, "${RESOLVED_DATADOG.image}")
  env                = optional(string)
  tags               = optional(map(string), {})
  apm_enabled        = optional(bool, ${RESOLVED_DATADOG.apmEnabled})
  cpu                = optional(number)
  memory             = optional(number)
  environment        = optional(map(string), {})
  transport          = optional(string, "${RESOLVED_DATADOG.transport}")
  process_collection = optional(bool, ${RESOLVED_DATADOG.processCollection})
})`;

const RESOLVED_LOGS = resolveConfig({ name: 'app', datadog: { apiKeySecretArn: 'arn' } }).logs;

const LOG_ROUTER_TYPE = `object({
  image  = optional(string, "${RESOLVED_LOGS.router.image}")
  cpu    = optional(number)
  memory = optional(number)
})`;

const CONTAINERS_TYPE = `list(object({
  name           = string
  image          = string
  port           = optional(number)
  protocol       = optional(string, "${CONTAINER_DEFAULTS.protocol}")
  writable_paths = optional(list(string), [])
  environment    = optional(map(string), {})
  secrets        = optional(map(string), {})
  cpu            = optional(number)
  memory         = optional(number)
  essential      = optional(bool, ${CONTAINER_DEFAULTS.essential})
  command        = optional(list(string))
  user           = optional(string)
  health_check = optional(object({
    command              = list(string)
    interval_seconds     = optional(number, ${HEALTH_CHECK_DEFAULTS.interval_seconds})
    timeout_seconds      = optional(number, ${HEALTH_CHECK_DEFAULTS.timeout_seconds})
    retries              = optional(number, ${HEALTH_CHECK_DEFAULTS.retries})
    start_period_seconds = optional(number, ${HEALTH_CHECK_DEFAULTS.start_period_seconds})
  }))
  depends_on = optional(list(object({
    container_name = string
    condition      = string
  })), [])
  service    = optional(string)
  version    = optional(string)
  log_source = optional(string)
}))`;

/** Keeps the keys whose value is defined, so an absent optional attribute stays absent. */
function defined(fields: Record<string, Value | undefined>): { [key: string]: Value } {
  const out: { [key: string]: Value } = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

const unlessDefault = <T>(value: T, fallback: T): T | undefined => (value === fallback ? undefined : value);

/**
 * A container as the `containers` variable takes it: snake_case, attributes equal to their default left out
 * (`service` when it is the name, `version` when it is the image tag), so the module derives them: the module's
 * defaults are what a config test through the variables exercises.
 */
export function containerVariableValue(c: ResolvedContainer): { [key: string]: Value } {
  const hc = c.healthCheck;
  return defined({
    name: c.name,
    image: c.image,
    port: c.port,
    protocol: unlessDefault(c.protocol, CONTAINER_DEFAULTS.protocol),
    writable_paths: c.writablePaths.length > 0 ? [...c.writablePaths] : undefined,
    environment: Object.keys(c.environment).length > 0 ? { ...c.environment } : undefined,
    secrets: Object.keys(c.secrets).length > 0 ? { ...c.secrets } : undefined,
    cpu: c.cpu,
    memory: c.memory,
    essential: unlessDefault(c.essential, CONTAINER_DEFAULTS.essential),
    command: c.command && [...c.command],
    user: c.user,
    health_check:
      hc &&
      defined({
        command: [...hc.command],
        interval_seconds: unlessDefault(hc.intervalSeconds, HEALTH_CHECK_DEFAULTS.interval_seconds),
        timeout_seconds: unlessDefault(hc.timeoutSeconds, HEALTH_CHECK_DEFAULTS.timeout_seconds),
        retries: unlessDefault(hc.retries, HEALTH_CHECK_DEFAULTS.retries),
        start_period_seconds: unlessDefault(hc.startPeriodSeconds, HEALTH_CHECK_DEFAULTS.start_period_seconds),
      }),
    depends_on: c.dependsOn.length > 0 ? c.dependsOn.map((d) => ({ container_name: d.containerName, condition: d.condition })) : undefined,
    service: unlessDefault(c.service, c.name),
    version: unlessDefault(c.version, imageTag(c.image)),
    log_source: unlessDefault(c.logSource, imageShortName(c.image)),
  });
}

/** The value of every variable for a config (the defaults of a generated module, or a tfvars file). */
export function moduleVariableValues(config: ResolvedConfig): Record<string, Value> {
  const dd = config.datadog;
  return {
    name: config.name,
    cpu: config.cpu,
    memory: config.memory,
    cpu_architecture: config.cpuArchitecture,
    tags: { ...config.tags },
    datadog: defined({
      site: dd.site,
      api_key_secret_arn: dd.apiKeySecretArn,
      image: dd.image,
      env: dd.env,
      tags: { ...dd.tags },
      apm_enabled: dd.apmEnabled,
      cpu: dd.cpu,
      memory: dd.memory,
      environment: { ...dd.environment },
      transport: dd.transport,
      process_collection: dd.processCollection,
    }),
    containers: config.containers.map(containerVariableValue),
    secrets_kms_key_arns: [...config.secretsKmsKeyArns],
    subnet_ids: [...config.network.subnetIds],
    security_group_ids: [...config.network.securityGroupIds],
    assign_public_ip: config.network.assignPublicIp,
    desired_count: config.service.desiredCount,
    existing_cluster_arn: config.cluster.existingClusterArn ?? null,
    container_insights: config.cluster.containerInsights,
    log_retention_in_days: config.logs.retentionInDays,
    log_kms_key_arn: config.logs.kmsKeyArn ?? null,
    enable_execute_command: config.service.enableExecuteCommand,
    log_destination: config.logs.destination,
    log_router: defined({ image: config.logs.router.image, cpu: config.logs.router.cpu, memory: config.logs.router.memory }),
    ...serviceVariableValues(config),
  };
}

interface VariableShape {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  /** @default false: a null value falls back to the default */
  readonly nullable?: boolean;
}

const SHAPES: readonly VariableShape[] = [
  { name: 'name', type: 'string', description: 'Name of the task family, service and cluster; prefixes the IAM roles (<name>-<region>-execution, <name>-<region>-task: IAM names are unique per account across regions) and names the log group /ecs/<name>.' },
  { name: 'cpu', type: 'number', description: `Task CPU units, a Fargate size: ${FARGATE_CPU_VALUES.join(', ')}.` },
  {
    name: 'memory',
    type: 'number',
    description: `Task memory in MiB, one of the values Fargate allows for cpu (${FARGATE_CPU_VALUES.map((cpu) => `${cpu}: ${describeFargateMemory(cpu)}`).join('; ')}).`,
  },
  { name: 'cpu_architecture', type: 'string', description: `CPU architecture of the task: ${CPU_ARCHITECTURES.join(' or ')}.` },
  { name: 'tags', type: 'map(string)', description: 'Tags on every resource; the service propagates them to its tasks.' },
  {
    name: 'datadog',
    type: DATADOG_TYPE,
    description:
      'Datadog Agent sidecar; required, with no default, since a placeholder would plan and apply while every task fails to start. api_key_secret_arn (required: Secrets Manager secret ARN, optionally with :JSON_KEY:VERSION_STAGE:VERSION_ID, or SSM parameter ARN holding the API key, never the key itself), site, agent image (also used by the init container), env (DD_ENV), tags (DD_TAGS), apm_enabled, the agent container cpu and memory, environment (extra agent variables, applied last; Datadog\'s defaults DD_ECS_TASK_COLLECTION_ENABLED, DD_DOGSTATSD_ORIGIN_DETECTION and DD_DOGSTATSD_TAG_CARDINALITY may be overridden, the variables the module sets itself may not), transport ("unix": sockets in /var/run/datadog; "tcp": DD_AGENT_HOST=127.0.0.1 and ports, no socket mount) and process_collection (pidMode "task"; not with enable_execute_command).',
  },
  {
    name: 'containers',
    type: CONTAINERS_TYPE,
    description:
      `Application containers, at most ${MAX_CONTAINERS_PER_TASK - 2} (a Fargate task holds ${MAX_CONTAINERS_PER_TASK}, two are the Datadog containers; ${MAX_CONTAINERS_PER_TASK - 3} with log_destination "datadog", which adds the log router). Each runs with a read-only root filesystem; writable_paths become task volumes. The module adds the Datadog wiring: with datadog.transport "unix" the sockets volume read-only at /var/run/datadog, DD_TRACE_AGENT_URL (with APM) and DD_DOGSTATSD_URL, with "tcp" DD_AGENT_HOST, DD_DOGSTATSD_PORT and DD_TRACE_AGENT_PORT (with APM); DD_DOGSTATSD_ORIGIN_DETECTION_CLIENT, DD_ENV, DD_SERVICE (default: the container name), DD_VERSION (default: the image tag), unified service tagging labels, a HEALTHY dependency on the agent, and awslogs logging or, with log_destination "datadog", awsfirelens to Datadog (dd_source: log_source, default the image's short name).`,
  },
  {
    name: 'secrets_kms_key_arns',
    type: 'list(string)',
    description: 'Customer managed KMS keys that encrypt the API key secret or the containers\' secrets; the execution role may decrypt with exactly these (secrets under AWS managed keys need none).',
  },
  { name: 'subnet_ids', type: 'list(string)', description: 'Subnets of the service tasks (awsvpc); at least one.' },
  { name: 'security_group_ids', type: 'list(string)', description: 'Security groups of the service tasks.' },
  { name: 'assign_public_ip', type: 'bool', description: 'Give tasks a public IP (Security Hub ECS.2 fails when true).' },
  { name: 'desired_count', type: 'number', description: 'Number of tasks the service starts with. Later changes are ignored (lifecycle ignore_changes), so autoscaling or an operator owns the count.' },
  { name: 'existing_cluster_arn', type: 'string', description: 'Run the service in this existing ECS cluster; null creates a cluster named after the service.', nullable: true },
  {
    name: 'container_insights',
    type: 'string',
    description: `Container Insights mode of a created cluster: ${CONTAINER_INSIGHTS_MODES.join(' or ')} (Security Hub ECS.12).`,
  },
  {
    name: 'log_retention_in_days',
    type: 'number',
    description: `Retention of the log group in days, one of ${LOG_RETENTION_DAYS.join(', ')} (0 keeps events forever).`,
  },
  { name: 'log_kms_key_arn', type: 'string', description: 'KMS key ARN that encrypts the log group; null uses CloudWatch-managed encryption.', nullable: true },
  { name: 'enable_execute_command', type: 'bool', description: 'ECS Exec. When on, every application container gets the SSM agent\'s paths (/managed-agents, /var/lib/amazon/ssm, /var/log/amazon/ssm) as writable task volumes, and the task role the SSM message channels.' },
  {
    name: 'log_destination',
    type: 'string',
    description:
      'Where application containers log: "cloudwatch" (awslogs to the log group) or "datadog" (a FireLens log router sends them to Datadog\'s log intake, the API key from datadog.api_key_secret_arn; the Datadog containers and the router log to the log group).',
  },
  {
    name: 'log_router',
    type: LOG_ROUTER_TYPE,
    description: 'The FireLens log router when log_destination is "datadog": image (aws-for-fluent-bit, never an init variant), cpu and memory. Read-only root with /tmp as a task volume; runs as root (an accepted ECS.20).',
  },
  ...SERVICE_VARIABLE_SHAPES,
];

/** The variable names, in declaration order. */
export const VARIABLE_NAMES: readonly string[] = SHAPES.map((s) => s.name);

export function moduleVariables(config: ResolvedConfig): VariableSpec[] {
  const values = moduleVariableValues(config);
  return SHAPES.map((s) => ({
    name: s.name,
    type: s.type,
    description: s.description,
    // A service needs subnets: without any in the config, the caller must pass them. The API key secret is always
    // the caller's: a default would plan and apply cleanly, and every task would then fail to start.
    ...(!(s.name === 'subnet_ids' && config.network.subnetIds.length === 0) && s.name !== 'datadog' && { default: values[s.name] }),
    nullable: s.nullable ?? false,
    validations: validationsOf(s.name),
  }));
}

type Obj = { readonly [key: string]: unknown };

function keep(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null));
}

function objectOr(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : undefined;
}

/**
 * The config (camelCase, as a config file writes it) that sets the given module variables on top of `base`: the
 * inverse of `moduleVariableValues`, so a tfvars value can be checked by `validateConfig`. Values are not checked.
 */
export function configFromVariableValues(vars: Readonly<Record<string, unknown>>, base: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  const section = (key: string, fields: Record<string, unknown>) => {
    const merged = keep({ ...(objectOr(out[key]) ?? {}), ...fields });
    if (Object.keys(merged).length > 0) out[key] = merged;
    else delete out[key];
  };
  const has = (key: string) => Object.prototype.hasOwnProperty.call(vars, key);
  const set = (key: string, target: string) => {
    if (has(key)) out[target] = vars[key];
  };
  set('name', 'name');
  set('cpu', 'cpu');
  set('memory', 'memory');
  set('cpu_architecture', 'cpuArchitecture');
  set('tags', 'tags');
  const dd = objectOr(vars.datadog);
  if (dd) {
    out.datadog = keep({
      site: dd.site,
      apiKeySecretArn: dd.api_key_secret_arn,
      image: dd.image,
      env: dd.env,
      tags: dd.tags,
      apmEnabled: dd.apm_enabled,
      cpu: dd.cpu,
      memory: dd.memory,
      environment: dd.environment,
      transport: dd.transport,
      processCollection: dd.process_collection,
    });
  }
  set('secrets_kms_key_arns', 'secretsKmsKeyArns');
  if (Array.isArray(vars.containers)) {
    out.containers = vars.containers.map((raw) => {
      const c = objectOr(raw) ?? {};
      const hc = objectOr(c.health_check);
      return keep({
        name: c.name,
        image: c.image,
        port: c.port,
        protocol: c.protocol,
        writablePaths: c.writable_paths,
        environment: c.environment,
        secrets: c.secrets,
        cpu: c.cpu,
        memory: c.memory,
        essential: c.essential,
        command: c.command,
        user: c.user,
        healthCheck:
          hc &&
          keep({
            command: hc.command,
            intervalSeconds: hc.interval_seconds,
            timeoutSeconds: hc.timeout_seconds,
            retries: hc.retries,
            startPeriodSeconds: hc.start_period_seconds,
          }),
        dependsOn: Array.isArray(c.depends_on)
          ? c.depends_on.map((d) => {
              const dep = objectOr(d) ?? {};
              return keep({ containerName: dep.container_name, condition: dep.condition });
            })
          : undefined,
        service: c.service,
        version: c.version,
        logSource: c.log_source,
      });
    });
  }
  const pick = (key: string) => (has(key) ? vars[key] : undefined);
  if (['subnet_ids', 'security_group_ids', 'assign_public_ip'].some(has)) {
    section('network', { subnetIds: pick('subnet_ids'), securityGroupIds: pick('security_group_ids'), assignPublicIp: pick('assign_public_ip') });
  }
  if (['existing_cluster_arn', 'container_insights'].some(has)) {
    section('cluster', { existingClusterArn: pick('existing_cluster_arn'), containerInsights: pick('container_insights') });
  }
  if (['log_retention_in_days', 'log_kms_key_arn', 'log_destination', 'log_router'].some(has)) {
    const router = objectOr(pick('log_router'));
    section('logs', {
      retentionInDays: pick('log_retention_in_days'),
      kmsKeyArn: pick('log_kms_key_arn'),
      destination: pick('log_destination'),
      router: router && keep({ image: router.image, cpu: router.cpu, memory: router.memory }),
    });
  }
  if (['desired_count', 'enable_execute_command'].some(has)) {
    section('service', { desiredCount: pick('desired_count'), enableExecuteCommand: pick('enable_execute_command') });
  }
  applyServiceVariables(vars, out);
  return out;
}
