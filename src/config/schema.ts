/**
 * The JSON Schema of the config file, built from the constraint table and the documented defaults. The package ships
 * it as `schema/config.schema.json` (`ecs-datadog-readonly schema` prints it) so editors can complete and check
 * configs; `validateConfig` uses the same object.
 */
import { AGENT_ENVIRONMENT_DEFAULTS, AGENT_ENVIRONMENT_OWNERS, PROCESS_COLLECTION_EXEC_REASON } from '../model/agent-settings';
import * as C from './constraints';
import * as SC from './service-constraints';
import { SERVICE_FEATURE_PROPERTIES, SERVICE_SETTINGS_PROPERTIES } from './service-schema';
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig, resolveContainer } from './defaults';
import type {
  ClusterConfig,
  ContainerConfig,
  ContainerDependency,
  DatadogConfig,
  HealthCheckConfig,
  LogRouterConfig,
  LogsConfig,
  NetworkConfig,
  ServiceConfig,
  ServiceSettingsConfig,
} from './types';

export type JsonSchema = { readonly [keyword: string]: unknown };

/** One schema per key of T, optional keys included: the compiler keeps the schema and the types in step. */
type PropertySchemas<T> = { readonly [K in keyof Required<T>]: JsonSchema };

export const JSON_SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

/** Every pattern constraint of the table, by pattern source: the validator explains a failed pattern with it. */
export const PATTERN_CONSTRAINTS: ReadonlyMap<string, C.PatternConstraint> = new Map(
  [...Object.values(C), ...Object.values(SC)]
    .filter((v): v is C.PatternConstraint => typeof v === 'object' && v !== null && 'pattern' in v && 'description' in v)
    .map((c) => [c.pattern, c]),
);

/** The defaults of every optional key, computed by the resolver itself so they are never retyped. */
const D = resolveConfig({ name: 'x', datadog: { apiKeySecretArn: EMBEDDED_DEFAULT_CONFIG.datadog.apiKeySecretArn } });
const DC = resolveContainer({ name: 'app', image: 'app' });

function str(description: string, c?: C.PatternConstraint, extra: Record<string, unknown> = {}): JsonSchema {
  if (!c) return { type: 'string', description, ...extra };
  return { type: 'string', description: `${description} Must be ${c.description}.`, pattern: c.pattern, examples: [c.example], ...extra };
}

function int(description: string, range: { readonly min: number; readonly max: number }, extra: Record<string, unknown> = {}): JsonSchema {
  return { type: 'integer', description, minimum: range.min, maximum: range.max, ...extra };
}

function oneOf<T extends string | number>(description: string, values: readonly T[], extra: Record<string, unknown> = {}): JsonSchema {
  const type = typeof values[0] === 'number' ? 'integer' : 'string';
  return { type, description, enum: [...values], ...extra };
}

function bool(description: string, def: boolean): JsonSchema {
  return { type: 'boolean', description, default: def };
}

function object<T>(description: string, properties: PropertySchemas<T>, required: readonly (keyof T & string)[] = []): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    ...(required.length > 0 && { required: [...required] }),
    properties,
  };
}

function stringMap(description: string, keys: JsonSchema, values: JsonSchema): JsonSchema {
  return { type: 'object', description, propertyNames: keys, additionalProperties: values, default: {} };
}

const envName: JsonSchema = { type: 'string', pattern: C.ENV_NAME.pattern };
const secretArn = (description: string): JsonSchema => str(description, C.API_KEY_SECRET_ARN);

const healthCheck = object<HealthCheckConfig>(
  'Container health check. Other containers may depend on this one with condition HEALTHY only when it has one.',
  {
    command: {
      type: 'array',
      description: `The command: first "${C.HEALTH_CHECK_COMMAND_PREFIXES.join('" or "')}", then the command and its arguments.`,
      minItems: 2,
      items: { type: 'string' },
      examples: [['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1']],
    },
    intervalSeconds: int('Seconds between checks.', C.HEALTH_CHECK_LIMITS.intervalSeconds, { default: 30 }),
    timeoutSeconds: int('Seconds before a check fails.', C.HEALTH_CHECK_LIMITS.timeoutSeconds, { default: 5 }),
    retries: int('Failed checks before the container is unhealthy.', C.HEALTH_CHECK_LIMITS.retries, { default: 3 }),
    startPeriodSeconds: int('Grace period in seconds before failed checks count.', C.HEALTH_CHECK_LIMITS.startPeriodSeconds, { default: 0 }),
  },
  ['command'],
);

const dependency = object<ContainerDependency>(
  'Start after another application container reaches a condition.',
  {
    containerName: str('Name of another application container of this config.', C.ECS_NAME),
    condition: oneOf(
      'START: started; COMPLETE: exited (needs essential: false); SUCCESS: exited 0 (needs essential: false); HEALTHY: passes its health check (needs healthCheck).',
      C.DEPENDS_ON_CONDITIONS,
    ),
  },
  ['containerName', 'condition'],
);

const container = object<ContainerConfig>(
  'An application container. Its root filesystem is read-only; it reaches the agent over the Unix sockets in /var/run/datadog.',
  {
    name: str('Container name, unique in the task (datadog-agent and datadog-init are taken).', C.ECS_NAME),
    image: str('Container image.', C.CONTAINER_IMAGE),
    port: int('Container port (hostPort is the same on Fargate). Not 8125 or 8126, which the agent uses.', C.PORT_RANGE),
    protocol: oneOf('Protocol of the port.', C.PORT_PROTOCOLS, { default: DC.protocol }),
    writablePaths: {
      type: 'array',
      description: 'Absolute paths the container writes to; each becomes a task volume mounted read-write.',
      items: str('A writable path.', C.WRITABLE_PATH),
      default: DC.writablePaths,
    },
    environment: stringMap('Plain environment variables; never secrets (use "secrets"). Values must not be empty (ECS drops empty values, so Terraform would replace the task definition on every apply).', envName, { type: 'string', minLength: 1 }),
    secrets: stringMap('Secrets: environment variable name to a Secrets Manager or SSM parameter ARN.', envName, secretArn('Secret ARN.')),
    cpu: int('CPU units reserved for the container (default: shares the task).', C.CONTAINER_CPU_RANGE),
    memory: int('Hard memory limit in MiB (default: shares the task).', C.CONTAINER_MEMORY_RANGE),
    essential: bool('When an essential container stops, the task stops.', DC.essential),
    command: { type: 'array', description: "Command and arguments (default: the image's CMD).", items: { type: 'string' } },
    user: str("User (and group) the container runs as (default: the image's USER). A non-root user passes Security Hub ECS.20; it must be able to write the container's writablePaths.", C.CONTAINER_USER),
    healthCheck,
    dependsOn: {
      type: 'array',
      description: 'Start-up dependencies on other application containers; the dependency on the agent (HEALTHY) is always added.',
      items: dependency,
      default: DC.dependsOn,
    },
    service: str('Datadog service name (DD_SERVICE); default: the container name.', undefined, { minLength: 1 }),
    version: str('Datadog version (DD_VERSION); default: the image tag.', undefined, { minLength: 1 }),
    logSource: str("Log source (dd_source) when logs.destination is datadog; default: the image's short name (nginx for public.ecr.aws/nginx/nginx:1.27).", C.LOG_SOURCE),
  },
  ['name', 'image'],
);

const datadog = object<DatadogConfig>(
  'The Datadog Agent sidecar.',
  {
    site: str('Datadog site (DD_SITE).', C.DATADOG_SITE, { default: D.datadog.site }),
    apiKeySecretArn: secretArn('ARN of the Secrets Manager secret or SSM parameter that holds the API key. Never the key itself.'),
    image: str('Agent image, also used by the init container.', C.CONTAINER_IMAGE, { default: D.datadog.image }),
    env: str('Unified service tagging environment (DD_ENV).', undefined, { minLength: 1 }),
    tags: stringMap('Extra host tags for the agent (DD_TAGS); values must not be empty.', { type: 'string', minLength: 1 }, { type: 'string', minLength: 1 }),
    apmEnabled: bool('Accept traces (DD_APM_ENABLED).', D.datadog.apmEnabled),
    cpu: int('CPU units reserved for the agent container.', C.CONTAINER_CPU_RANGE),
    memory: int('Memory limit of the agent container in MiB.', C.CONTAINER_MEMORY_RANGE),
    environment: stringMap(
      `Extra agent environment variables, applied last (e.g. DD_DOCKER_LABELS_AS_TAGS, DD_PROXY_HTTPS). Datadog's defaults may be overridden: ${Object.entries(AGENT_ENVIRONMENT_DEFAULTS).map(([k, v]) => `${k}=${v}`).join(', ')}. Refused: ${Object.keys(AGENT_ENVIRONMENT_OWNERS).join(', ')} (set by other keys) and AWS credentials.`,
      envName,
      { type: 'string' },
    ),
    transport: oneOf('How applications reach the agent. unix: sockets in /var/run/datadog, mounted read-only in each application. tcp: DD_AGENT_HOST=127.0.0.1 with DD_DOGSTATSD_PORT and DD_TRACE_AGENT_PORT (Datadog\'s advice for a non-root agent), no socket mount.', C.AGENT_TRANSPORTS, { default: D.datadog.transport }),
    processCollection: bool(`Live process collection: pidMode "task" and DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED. Not with service.enableExecuteCommand: ${PROCESS_COLLECTION_EXEC_REASON}.`, D.datadog.processCollection),
  },
  ['apiKeySecretArn'],
);

const network = object<NetworkConfig>('Service networking (awsvpc).', {
  subnetIds: { type: 'array', description: 'Subnets of the service (or set them at deploy time).', items: str('Subnet id.', C.SUBNET_ID), default: D.network.subnetIds },
  securityGroupIds: { type: 'array', description: 'Security groups of the service.', items: str('Security group id.', C.SECURITY_GROUP_ID), default: D.network.securityGroupIds },
  assignPublicIp: bool('Give tasks a public IP (Security Hub ECS.2 fails when true).', D.network.assignPublicIp),
});

const cluster = object<ClusterConfig>('The ECS cluster.', {
  existingClusterArn: str('Use this existing cluster instead of creating one named after the service.', C.ECS_CLUSTER_ARN),
  containerInsights: oneOf('Container Insights of a created cluster (Security Hub ECS.12).', C.CONTAINER_INSIGHTS_MODES, { default: D.cluster.containerInsights }),
});

const logRouter = object<LogRouterConfig>('The FireLens log router (with destination datadog): read-only root, /tmp as a writable task volume, runs as root (an accepted ECS.20), logs to the log group.', {
  image: str('Log router image, an aws-for-fluent-bit (Fluent Bit) image; never an init variant (init, init-*), which writes under /init.', C.CONTAINER_IMAGE, { default: D.logs.router.image }),
  cpu: int('CPU units reserved for the log router.', C.CONTAINER_CPU_RANGE),
  memory: int('Memory limit of the log router in MiB.', C.CONTAINER_MEMORY_RANGE),
});

const logs = object<LogsConfig>('Logging: the CloudWatch log group, and where application logs go.', {
  retentionInDays: oneOf('Retention in days (0: never expire).', C.LOG_RETENTION_DAYS, { default: D.logs.retentionInDays }),
  kmsKeyArn: str('KMS key that encrypts the log group (default: CloudWatch-managed encryption).', C.KMS_KEY_ARN),
  destination: oneOf('Where application containers log. cloudwatch: the log group (awslogs). datadog: a FireLens log router sends them to Datadog\'s log intake (awsfirelens, Name datadog), the API key from datadog.apiKeySecretArn; the Datadog containers and the router keep logging to the log group.', C.LOG_DESTINATIONS, { default: D.logs.destination }),
  router: logRouter,
});

const service = object<ServiceSettingsConfig>('The ECS service.', {
  desiredCount: int('Number of tasks the service starts with; later changes are ignored (autoscaling or operators own the count).', C.DESIRED_COUNT_RANGE, { default: D.service.desiredCount }),
  enableExecuteCommand: bool('ECS Exec. When on, every application container gets the SSM agent\'s paths (/managed-agents, /var/lib/amazon/ssm, /var/log/amazon/ssm) as writable task volumes, and the task role the SSM message channels.', D.service.enableExecuteCommand),
  ...SERVICE_SETTINGS_PROPERTIES,
});

const maxApplicationContainers = C.MAX_CONTAINERS_PER_TASK - 2;

const rootProperties: PropertySchemas<ServiceConfig> = {
  name: str('Task family, service and cluster name; also prefixes the IAM roles.', C.SERVICE_NAME),
  cpu: oneOf('Task CPU units (a Fargate size).', C.FARGATE_CPU_VALUES, { default: D.cpu }),
  memory: {
    type: 'integer',
    description: `Task memory in MiB, one of the values Fargate allows for the cpu: ${C.FARGATE_CPU_VALUES.map((cpu) => `${cpu}: ${C.describeFargateMemory(cpu)}`).join('; ')}.`,
    minimum: Math.min(...Object.values(C.FARGATE_SIZES).flat()),
    maximum: Math.max(...Object.values(C.FARGATE_SIZES).flat()),
    default: D.memory,
  },
  region: str('AWS region (default: the region of datadog.apiKeySecretArn).', C.AWS_REGION),
  cpuArchitecture: oneOf('CPU architecture of the task.', C.CPU_ARCHITECTURES, { default: D.cpuArchitecture }),
  tags: stringMap('Tags on every resource; values must not be empty (the provider then plans a change on every run).', { type: 'string', minLength: 1 }, { type: 'string', minLength: 1 }),
  datadog,
  secretsKmsKeyArns: {
    type: 'array',
    description: 'Customer managed KMS keys that encrypt the API key secret or the containers\' secrets; the execution role may decrypt with exactly these (secrets under AWS managed keys need none).',
    items: str('A KMS key ARN.', C.KMS_KEY_ARN),
    default: [],
  },
  containers: {
    type: 'array',
    description: `Application containers, at most ${maxApplicationContainers}: a Fargate task holds at most ${C.MAX_CONTAINERS_PER_TASK} containers and two are the Datadog init and agent containers.`,
    maxItems: maxApplicationContainers,
    items: container,
    default: [],
  },
  network,
  cluster,
  logs,
  service,
  ...SERVICE_FEATURE_PROPERTIES,
};

/** The JSON Schema of a config file (draft-07, which editors and yaml-language-server support best). */
export function configJsonSchema(): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DRAFT,
    title: 'ecs-datadog-readonly config',
    description:
      'One ECS Fargate service with the Datadog Agent as a sidecar; every container runs with a read-only root filesystem.',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'datadog'],
    properties: {
      $schema: { type: 'string', description: 'Location of this JSON Schema, for editors. Ignored by the tool.' },
      ...rootProperties,
    },
  };
}

/** The shipped `schema/config.schema.json`: two-space JSON with a final newline. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
