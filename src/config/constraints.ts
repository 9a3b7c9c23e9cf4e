/**
 * The constraint table: every rule on a config value, stated once.
 *
 * The TypeScript validation, the JSON Schema and the Terraform `validation` blocks of both modules are all derived
 * from this table, so a CLI user and a Terraform user get the same rule and the same message.
 */

/** Fargate task sizes: cpu units to the allowed memory values in MiB. */
export const FARGATE_SIZES: Readonly<Record<number, readonly number[]>> = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

/** CloudWatch Logs retention values in days (0 keeps events forever). */
export const LOG_RETENTION_DAYS: readonly number[] = [
  0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

export const CPU_ARCHITECTURES = ['X86_64', 'ARM64'] as const;
export const CONTAINER_INSIGHTS_MODES = ['enabled', 'enhanced'] as const;
export const PORT_PROTOCOLS = ['tcp', 'udp'] as const;
export const HEALTHY_CONDITION = 'HEALTHY';
export const AGENT_TRANSPORTS = ['unix', 'tcp'] as const;
export const LOG_DESTINATIONS = ['cloudwatch', 'datadog'] as const;
export const DEPENDS_ON_CONDITIONS = ['START', 'COMPLETE', 'SUCCESS', 'HEALTHY'] as const;

/** At most this many containers per Fargate task definition, the two Datadog containers included. */
export const MAX_CONTAINERS_PER_TASK = 10;

/**
 * A pattern shared by TypeScript (RegExp) and Terraform (RE2 `regex()`); so it uses no look-around and no
 * back-references.
 */
export interface PatternConstraint {
  readonly pattern: string;
  /** What a value must look like, for messages. */
  readonly description: string;
  /** A value that matches, for messages and tests. */
  readonly example: string;
}

/** ECS names: family, container, volume. */
export const ECS_NAME: PatternConstraint = {
  pattern: '^[A-Za-z0-9_-]{1,255}$',
  description: '1 to 255 letters, digits, hyphens (-) and underscores (_)',
  example: 'web-api',
};

/**
 * The service name also names the IAM roles `<name>-<region>-execution` and `<name>-<region>-task`: IAM names are
 * unique per account across regions, and a role name has at most 64 characters (38 + 1 + a region of up to 15 + 10).
 */
export const SERVICE_NAME: PatternConstraint = {
  pattern: '^[A-Za-z0-9_-]{1,38}$',
  description: '1 to 38 letters, digits, hyphens (-) and underscores (_) (it also names the IAM roles "<name>-<region>-execution" and "<name>-<region>-task")',
  example: 'datadog-agent-readonly',
};

/**
 * A secret ECS can read: a Secrets Manager secret ARN, optionally with the JSON key, version stage and version id ECS
 * accepts after it (`...:secret:NAME-AbCdEf:JSON_KEY:VERSION_STAGE:VERSION_ID`, each may be empty), or an SSM
 * parameter ARN.
 */
export const API_KEY_SECRET_ARN: PatternConstraint = {
  pattern:
    '^arn:aws[a-z-]*:(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+(:[A-Za-z0-9/_+=.@-]*:[A-Za-z0-9/_+=.@-]*:[A-Za-z0-9-]*)?|ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9/_.-]+)$',
  description:
    'a Secrets Manager secret ARN (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf, optionally followed by :JSON_KEY:VERSION_STAGE:VERSION_ID as ECS takes it, e.g. ...:secret:NAME-AbCdEf:api_key::) or an SSM parameter ARN (arn:aws:ssm:REGION:ACCOUNT:parameter/NAME)',
  example: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key-AbCdEf',
};

export const ECS_CLUSTER_ARN: PatternConstraint = {
  pattern: '^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]{1,255}$',
  description: 'an ECS cluster ARN (arn:aws:ecs:REGION:ACCOUNT:cluster/NAME)',
  example: 'arn:aws:ecs:ap-northeast-1:123456789012:cluster/platform',
};

export const KMS_KEY_ARN: PatternConstraint = {
  pattern: '^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$',
  description: 'a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID)',
  example: 'arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
};

export const AWS_REGION: PatternConstraint = {
  pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]+$',
  description: 'an AWS region code such as ap-northeast-1',
  example: 'ap-northeast-1',
};

export const SUBNET_ID: PatternConstraint = {
  pattern: '^subnet-[0-9a-f]{8,17}$',
  description: 'a subnet id (subnet-0123456789abcdef0)',
  example: 'subnet-0123456789abcdef0',
};

export const SECURITY_GROUP_ID: PatternConstraint = {
  pattern: '^sg-[0-9a-f]{8,17}$',
  description: 'a security group id (sg-0123456789abcdef0)',
  example: 'sg-0123456789abcdef0',
};

/** A writable path inside a container: absolute, not `/`, no trailing slash, no `.` or `..` segments. */
export const WRITABLE_PATH: PatternConstraint = {
  pattern: '^(/[A-Za-z0-9_.@+-]+)+$',
  description: 'an absolute path such as /tmp or /app/cache (not "/", no trailing slash)',
  example: '/app/cache',
};

/** Environment variable names. */
export const ENV_NAME: PatternConstraint = {
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  description: 'letters, digits and underscores, not starting with a digit',
  example: 'LOG_LEVEL',
};

/** A value that looks like a Datadog API key: 32 hexadecimal characters. */
export const DATADOG_API_KEY_LIKE = /(^|[^0-9a-fA-F])[0-9a-fA-F]{32}([^0-9a-fA-F]|$)/;

export const PORT_RANGE = { min: 1, max: 65535 } as const;

/** The Datadog site: datadoghq.com, datadoghq.eu, ddog-gov.com or one of their regional subdomains (us3, us5, ap1, ...). */
export const DATADOG_SITE: PatternConstraint = {
  pattern: '^([a-z0-9]+\\.)?(datadoghq\\.com|datadoghq\\.eu|ddog-gov\\.com)$',
  description: 'a Datadog site such as datadoghq.com, us3.datadoghq.com, us5.datadoghq.com, datadoghq.eu, ap1.datadoghq.com or ddog-gov.com',
  example: 'datadoghq.com',
};

/** A container image reference: registry, repository, tag or digest, no spaces. */
export const CONTAINER_IMAGE: PatternConstraint = {
  pattern: '^[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}$',
  description: 'an image reference of up to 255 characters, such as public.ecr.aws/nginx/nginx:1.27 (letters, digits, . _ / : @ -)',
  example: 'public.ecr.aws/nginx/nginx:1.27',
};

/** A log source (`dd_source`): letters, digits and `._-`, as Datadog's integration pipelines name them. */
export const LOG_SOURCE: PatternConstraint = {
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$',
  description: 'up to 100 letters, digits, dots, hyphens and underscores, such as nginx or python',
  example: 'nginx',
};

/** A container user: a name or UID, optionally with a group or GID (`1000`, `app`, `1000:1000`, `app:app`). */
export const CONTAINER_USER: PatternConstraint = {
  pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?$',
  description: 'a user name or UID, optionally followed by ":" and a group name or GID, such as 1000:1000',
  example: '1000:1000',
};

/** ECS container health check limits (RegisterTaskDefinition HealthCheck). */
export const HEALTH_CHECK_LIMITS = {
  intervalSeconds: { min: 5, max: 300 },
  timeoutSeconds: { min: 2, max: 120 },
  retries: { min: 1, max: 10 },
  startPeriodSeconds: { min: 0, max: 300 },
} as const;

/** The first element of an ECS health check command. */
export const HEALTH_CHECK_COMMAND_PREFIXES = ['CMD', 'CMD-SHELL'] as const;

/** Container CPU units: 0 (share the task's) up to the largest Fargate size. */
export const CONTAINER_CPU_RANGE = { min: 0, max: 16384 } as const;

/** Container memory in MiB: Docker's minimum up to the largest Fargate memory. */
export const CONTAINER_MEMORY_RANGE = { min: 6, max: 122880 } as const;

/** Number of tasks the service keeps running. */
export const DESIRED_COUNT_RANGE = { min: 0, max: 1000 } as const;

/**
 * Environment variable names that must never carry a plain value: the Datadog API key (use
 * `datadog.apiKeySecretArn`) and the AWS credentials Security Hub ECS.8 flags (use `secrets`).
 */
export const SECRET_ENVIRONMENT_NAMES = ['DD_API_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ECS_ENGINE_AUTH_DATA'] as const;

export function matches(constraint: PatternConstraint, value: string): boolean {
  return new RegExp(constraint.pattern).test(value);
}

export function isFargateSize(cpu: number, memory: number): boolean {
  return FARGATE_SIZES[cpu]?.includes(memory) ?? false;
}

/** Human-readable list of allowed memory values for a cpu, e.g. "2048 to 8192 in steps of 1024". */
export function describeFargateMemory(cpu: number): string {
  const values = FARGATE_SIZES[cpu];
  if (!values) return 'none (cpu is not a Fargate size)';
  if (values.length <= 3) return values.join(', ');
  return `${values[0]} to ${values[values.length - 1]} in steps of ${values[1] - values[0]}`;
}

export const FARGATE_CPU_VALUES: readonly number[] = Object.keys(FARGATE_SIZES).map(Number);

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
}
