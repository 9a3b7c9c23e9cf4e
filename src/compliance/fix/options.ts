/** The flags of `fix`: what it cannot infer from the task definition. Validated all at once. */

import { API_KEY_SECRET_ARN, AWS_REGION, DATADOG_SITE, ECS_NAME, matches, PatternConstraint, WRITABLE_PATH } from '../../config/constraints';
import type { Problem } from '../../errors';
import { FixErrors, shown } from './errors';

/** A path a container writes to, given with `--writable CONTAINER:PATH`. */
export interface WritableRequest {
  readonly container: string;
  readonly path: string;
}

export interface FixOptions {
  /** Secrets Manager or SSM ARN that holds the Datadog API key. Needed to move a key-shaped value and with `addAgent`. @default none */
  readonly apiKeySecretArn?: string;
  /** Add the Datadog Agent (and its init container) when the task has none. Needs `site` and `env`. @default false */
  readonly addAgent?: boolean;
  /** Datadog site of an added agent (DD_SITE). @default none (required with `addAgent`) */
  readonly site?: string;
  /** Unified service tagging environment of an added agent (DD_ENV). @default none (required with `addAgent`) */
  readonly env?: string;
  /** CloudWatch log group for containers without a log configuration. @default the group of an existing awslogs container */
  readonly logGroup?: string;
  /** Region of `logGroup`. @default the region of an existing awslogs container */
  readonly region?: string;
  /** Execution role for a Fargate task that needs one (secrets, awslogs, private registry) and has none. @default none */
  readonly executionRoleArn?: string;
  /** More paths containers write to; each becomes a task volume mounted read-write. @default [] */
  readonly writable?: readonly WritableRequest[];
}

export const EXECUTION_ROLE_ARN: PatternConstraint = {
  pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$',
  description: 'an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)',
  example: 'arn:aws:iam::123456789012:role/web-execution',
};

export const LOG_GROUP_NAME: PatternConstraint = {
  pattern: '^[A-Za-z0-9_./#-]{1,512}$',
  description: 'a CloudWatch Logs group name: 1 to 512 letters, digits, _ - / . #',
  example: '/ecs/web',
};

/** DD_ENV is a tag value: no spaces or commas. */
export const DD_ENV_VALUE: PatternConstraint = {
  pattern: '^[^\\s,]{1,200}$',
  description: 'a tag value of 1 to 200 characters without spaces or commas',
  example: 'prod',
};

/** `CONTAINER:PATH` as given on the command line. */
export function parseWritable(spec: string): WritableRequest | undefined {
  const colon = spec.indexOf(':');
  if (colon <= 0) return undefined;
  return { container: spec.slice(0, colon), path: spec.slice(colon + 1) };
}

const problem = (flag: string, constraint: PatternConstraint, value: string): Problem => ({
  path: flag,
  message: `must be ${constraint.description}, got ${shown(value)}`,
  fix: `for example ${flag} ${constraint.example}`,
});

/** Throws one UserError naming every flag value that is not valid. */
export function validateFixOptions(options: FixOptions): void {
  const problems: Problem[] = [];
  const check = (flag: string, constraint: PatternConstraint, value: string | undefined) => {
    if (value !== undefined && !matches(constraint, value)) problems.push(problem(flag, constraint, value));
  };
  check('--api-key-secret-arn', API_KEY_SECRET_ARN, options.apiKeySecretArn);
  check('--site', DATADOG_SITE, options.site);
  check('--env', DD_ENV_VALUE, options.env);
  check('--log-group', LOG_GROUP_NAME, options.logGroup);
  check('--region', AWS_REGION, options.region);
  check('--execution-role-arn', EXECUTION_ROLE_ARN, options.executionRoleArn);
  for (const w of options.writable ?? []) {
    if (!matches(ECS_NAME, w.container)) problems.push({ path: '--writable', message: `container name must be ${ECS_NAME.description}, got ${shown(w.container)}`, fix: `for example --writable web:${WRITABLE_PATH.example}` });
    if (!matches(WRITABLE_PATH, w.path)) problems.push({ path: '--writable', message: `path must be ${WRITABLE_PATH.description}, got ${shown(w.path)}`, fix: `for example --writable ${w.container || 'web'}:${WRITABLE_PATH.example}` });
  }
  if (problems.length === 1 && problems[0].path === '--api-key-secret-arn') throw FixErrors.badArn(options.apiKeySecretArn!);
  if (problems.length > 0) throw FixErrors.badFlags(problems);
}
