/**
 * Validation blocks of the production service features and of plan stability, generated from
 * `src/config/service-constraints.ts` and the rules of `serviceFeatureRules` / the config schema.
 */
import type { PatternConstraint } from '../config/constraints';
import { SECURITY_GROUP_ID } from '../config/constraints';
import * as S from '../config/service-constraints';
import { hclList, hclString } from './hcl';

/** The same shape as `ValidationRule` of `validations.ts` (kept here to avoid an import cycle). */
export interface ServiceValidationRule {
  readonly id: string;
  readonly variable: string;
  readonly attribute: string;
  readonly condition: string;
  readonly errorMessage: string;
}

const re = (c: PatternConstraint, value: string) => `can(regex(${hclString(c.pattern)}, ${value}))`;
const strings = (values: readonly string[]) => hclList(values.map(hclString));
const optional = (value: string, check: string) => `(${value} == null ? true : (${check}))`;
const whole = (value: string, r: { readonly min: number; readonly max: number }) => `${value} >= ${r.min} && ${value} <= ${r.max} && floor(${value}) == ${value}`;
const all = (list: string, item: string, body: string) => `alltrue([for ${item} in ${list} : ${body}])`;

function rule(id: string, attribute: string, condition: string, message: string, variable = attribute.split(/[.[]/)[0]): ServiceValidationRule {
  return { id, variable, attribute, condition, errorMessage: `${attribute}: ${message}` };
}
function pattern(id: string, attribute: string, c: PatternConstraint, condition: string, every = false): ServiceValidationRule {
  return rule(id, attribute, condition, `${every ? 'every item must' : 'must'} be ${c.description}. Fix: use a value such as "${c.example}".`);
}
function range(id: string, attribute: string, value: string, r: { readonly min: number; readonly max: number }, fix: string, wrap = (b: string) => b): ServiceValidationRule {
  return rule(id, attribute, wrap(optional(value, whole(value, r))), `must be a whole number from ${r.min} to ${r.max}. Fix: ${fix}`);
}

const statements = 'var.task_role_policy_statements';
const nonEmpty = (map: string) => `alltrue([for v in values(${map}) : v != ""])`;
const EMPTY_FIX = 'ECS drops empty values (and AWS empty tags), so Terraform would plan a change on every run. Fix: remove the key, or give it a value.';

export const SERVICE_VALIDATION_RULES: readonly ServiceValidationRule[] = [
  // Plan and apply stability
  rule('tags-values', 'tags', nonEmpty('var.tags'), `values must not be empty: ${EMPTY_FIX}`),
  rule('datadog-values', 'datadog', `(var.datadog.env == null ? true : var.datadog.env != "") && ${nonEmpty('var.datadog.tags')}`, `env and the values of tags must not be empty: ${EMPTY_FIX}`),
  rule(
    'containers-empty-values',
    'containers[*]',
    all('var.containers', 'c', `${nonEmpty('c.environment')} && (c.service == null ? true : c.service != "") && (c.version == null ? true : c.version != "")`),
    `environment values, service and version must not be empty: ${EMPTY_FIX}`,
    'containers',
  ),
  rule('subnet-ids-count', 'subnet_ids', 'length(var.subnet_ids) > 0', 'must name at least one subnet: ECS cannot place an awsvpc task without one. Fix: pass the private subnets of the service, e.g. ["subnet-0123456789abcdef0"].'),
  // IAM
  pattern('execution-role-arn', 'execution_role_arn', S.IAM_ROLE_ARN, optional('var.execution_role_arn', re(S.IAM_ROLE_ARN, 'var.execution_role_arn'))),
  pattern('task-role-arn', 'task_role_arn', S.IAM_ROLE_ARN, optional('var.task_role_arn', re(S.IAM_ROLE_ARN, 'var.task_role_arn'))),
  pattern('iam-role-path', 'iam_role_path', S.IAM_PATH, re(S.IAM_PATH, 'var.iam_role_path')),
  pattern('iam-role-permissions-boundary-arn', 'iam_role_permissions_boundary_arn', S.IAM_POLICY_ARN, optional('var.iam_role_permissions_boundary_arn', re(S.IAM_POLICY_ARN, 'var.iam_role_permissions_boundary_arn'))),
  pattern('task-role-policy-statements-sid', 'task_role_policy_statements[*].sid', S.IAM_SID, all(statements, 's', optional('s.sid', re(S.IAM_SID, 's.sid')))),
  rule('task-role-policy-statements-effect', 'task_role_policy_statements[*].effect', all(statements, 's', `contains(${strings(S.IAM_EFFECTS)}, s.effect)`), `must be one of ${S.IAM_EFFECTS.map((e) => `"${e}"`).join(', ')}. Fix: use "Allow" (the default).`),
  rule(
    'task-role-policy-statements-actions',
    'task_role_policy_statements[*].actions',
    all(statements, 's', `length(s.actions) > 0 && ${all('s.actions', 'a', re(S.IAM_ACTION, 'a'))}`),
    `must hold at least one action, each ${S.IAM_ACTION.description}. Fix: e.g. ["${S.IAM_ACTION.example}"].`,
  ),
  rule(
    'task-role-policy-statements-resources',
    'task_role_policy_statements[*].resources',
    all(statements, 's', `length(s.resources) > 0 && ${all('s.resources', 'r', re(S.IAM_RESOURCE, 'r'))}`),
    `must hold at least one resource, each ${S.IAM_RESOURCE.description}. Fix: e.g. ["${S.IAM_RESOURCE.example}"].`,
  ),
  rule(
    'task-role-policy-statements-conditions',
    'task_role_policy_statements[*].conditions',
    all(statements, 's', all('keys(s.conditions)', 'op', re(S.IAM_CONDITION_OPERATOR, 'op'))),
    `keys must be condition operators, ${S.IAM_CONDITION_OPERATOR.description}. Fix: e.g. { ${S.IAM_CONDITION_OPERATOR.example} = { "aws:ResourceTag/team" = ["payments"] } }.`,
  ),
  rule(
    'task-role-policy-statements-admin',
    'task_role_policy_statements',
    all(statements, 's', '!(s.effect == "Allow" && contains(s.actions, "*") && contains(s.resources, "*"))'),
    'must not allow action "*" on resource "*": that is administrator access for every container of the task. Fix: name the actions and resources the applications need, e.g. actions = ["s3:GetObject"], resources = ["arn:aws:s3:::my-bucket/*"].',
  ),
  pattern('task-role-managed-policy-arns', 'task_role_managed_policy_arns', S.IAM_POLICY_ARN, all('var.task_role_managed_policy_arns', 'a', re(S.IAM_POLICY_ARN, 'a')), true),
  rule(
    'task-role-not-applied',
    'task_role_arn',
    `var.task_role_arn == null || (length(var.task_role_policy_statements) == 0 && length(var.task_role_managed_policy_arns) == 0)`,
    'brings your own task role, to which no policy is attached, but task_role_policy_statements or task_role_managed_policy_arns are set. Fix: attach those permissions to your role, or set task_role_arn = null to have the role created.',
  ),
  // Load balancers
  pattern('load-balancers-target-group-arn', 'load_balancers[*].target_group_arn', S.TARGET_GROUP_ARN, all('var.load_balancers', 'lb', re(S.TARGET_GROUP_ARN, 'lb.target_group_arn'))),
  rule('load-balancers-count', 'load_balancers', `length(var.load_balancers) <= ${S.MAX_LOAD_BALANCERS}`, `must have at most ${S.MAX_LOAD_BALANCERS} entries (ECS). Fix: register the service in fewer target groups.`),
  rule(
    'load-balancers-container',
    'load_balancers[*]',
    all('var.load_balancers', 'lb', 'contains([for c in var.containers : "${c.name}:${c.port}" if c.port != null && c.protocol == "tcp"], "${lb.container_name}:${lb.container_port}")'),
    'container_name must name an application container and container_port be its tcp port. Fix: use the name and port of the container that serves the traffic, e.g. { container_name = "web", container_port = 8080 } with a container web on port 8080.',
    'load_balancers',
  ),
  range('health-check-grace-period-seconds', 'health_check_grace_period_seconds', 'var.health_check_grace_period_seconds', S.HEALTH_CHECK_GRACE_PERIOD_RANGE, 'e.g. 60, the time the application needs to pass the target group health check.'),
  rule(
    'health-check-grace-period-load-balancers',
    'health_check_grace_period_seconds',
    'var.health_check_grace_period_seconds == null || length(var.load_balancers) > 0',
    'applies only to a service behind a load balancer (ECS refuses it otherwise). Fix: add load_balancers, or set it to null.',
  ),
  // Security group
  rule(
    'security-group-vpc-id',
    'security_group.vpc_id',
    `!var.security_group.create || (var.security_group.vpc_id == null ? false : ${re(S.VPC_ID, 'var.security_group.vpc_id')})`,
    `is required to create the security group and must be ${S.VPC_ID.description}. Fix: pass the VPC of the subnets, e.g. "${S.VPC_ID.example}", or set create = false.`,
  ),
  pattern('security-group-ingress-security-group-ids', 'security_group.ingress_security_group_ids', SECURITY_GROUP_ID, all('var.security_group.ingress_security_group_ids', 'g', re(SECURITY_GROUP_ID, 'g')), true),
  pattern('security-group-ingress-cidr-blocks', 'security_group.ingress_cidr_blocks', S.IPV4_CIDR, all('var.security_group.ingress_cidr_blocks', 'b', re(S.IPV4_CIDR, 'b')), true),
  rule(
    'security-group-ingress-sources',
    'security_group',
    `length(var.security_group.ingress_security_group_ids) + length(var.security_group.ingress_cidr_blocks) <= ${S.MAX_INGRESS_SOURCES}`,
    `may name at most ${S.MAX_INGRESS_SOURCES} ingress sources (each source on each port is a rule, within the security group quota). Fix: allow a load balancer's security group instead of many CIDR blocks.`,
  ),
  rule(
    'security-group-ingress-ports',
    'security_group.create',
    '!var.security_group.create || length(var.security_group.ingress_security_group_ids) + length(var.security_group.ingress_cidr_blocks) == 0 || anytrue([for c in var.containers : c.port != null])',
    "allows ingress on the containers' ports, but no application container has a port. Fix: set port on the container that listens, or remove the ingress sources.",
  ),
  // Autoscaling
  rule(
    'autoscaling-capacity',
    'autoscaling.min_capacity',
    optional('var.autoscaling', `${whole('var.autoscaling.min_capacity', S.SCALABLE_CAPACITY_RANGE)} && ${whole('var.autoscaling.max_capacity', S.SCALABLE_CAPACITY_RANGE)} && var.autoscaling.min_capacity <= var.autoscaling.max_capacity`),
    `min_capacity and max_capacity must be whole numbers from ${S.SCALABLE_CAPACITY_RANGE.min} to ${S.SCALABLE_CAPACITY_RANGE.max}, min_capacity at most max_capacity. Fix: e.g. min_capacity = 2, max_capacity = 10.`,
  ),
  rule(
    'autoscaling-targets',
    'autoscaling.cpu_target_percent',
    optional('var.autoscaling', `${whole('var.autoscaling.cpu_target_percent', S.TARGET_PERCENT_RANGE)} && ${optional('var.autoscaling.memory_target_percent', whole('var.autoscaling.memory_target_percent', S.TARGET_PERCENT_RANGE))}`),
    `cpu_target_percent and memory_target_percent must be whole numbers from ${S.TARGET_PERCENT_RANGE.min} to ${S.TARGET_PERCENT_RANGE.max}. Fix: e.g. 70.`,
  ),
  rule(
    'autoscaling-cooldowns',
    'autoscaling.scale_in_cooldown_seconds',
    optional('var.autoscaling', `${whole('var.autoscaling.scale_in_cooldown_seconds', S.COOLDOWN_SECONDS_RANGE)} && ${whole('var.autoscaling.scale_out_cooldown_seconds', S.COOLDOWN_SECONDS_RANGE)}`),
    `scale_in_cooldown_seconds and scale_out_cooldown_seconds must be whole numbers from ${S.COOLDOWN_SECONDS_RANGE.min} to ${S.COOLDOWN_SECONDS_RANGE.max}. Fix: e.g. 300 and 60.`,
  ),
  // Capacity providers and deployment limits
  rule(
    'capacity-provider-strategy-provider',
    'capacity_provider_strategy[*].capacity_provider',
    `${all('var.capacity_provider_strategy', 'c', `contains(${strings(S.CAPACITY_PROVIDERS)}, c.capacity_provider)`)} && length(distinct([for c in var.capacity_provider_strategy : c.capacity_provider])) == length(var.capacity_provider_strategy)`,
    `must be one of ${S.CAPACITY_PROVIDERS.map((c) => `"${c}"`).join(', ')}, each at most once. Fix: e.g. [{ capacity_provider = "FARGATE", base = 1 }, { capacity_provider = "FARGATE_SPOT", weight = 3 }].`,
  ),
  rule(
    'capacity-provider-strategy-weights',
    'capacity_provider_strategy[*].weight',
    `length(var.capacity_provider_strategy) == 0 || (${all('var.capacity_provider_strategy', 'c', `${whole('c.weight', S.CAPACITY_PROVIDER_WEIGHT_RANGE)} && ${whole('c.base', S.CAPACITY_PROVIDER_BASE_RANGE)}`)} && anytrue([for c in var.capacity_provider_strategy : c.weight > 0]) && length([for c in var.capacity_provider_strategy : c if c.base > 0]) <= 1)`,
    `weights must be whole numbers from ${S.CAPACITY_PROVIDER_WEIGHT_RANGE.min} to ${S.CAPACITY_PROVIDER_WEIGHT_RANGE.max}, at least one above 0; base from ${S.CAPACITY_PROVIDER_BASE_RANGE.min} to ${S.CAPACITY_PROVIDER_BASE_RANGE.max}, above 0 on one provider only (ECS). Fix: e.g. weight = 1 on FARGATE.`,
  ),
  range('deployment-minimum-healthy-percent', 'deployment_minimum_healthy_percent', 'var.deployment_minimum_healthy_percent', S.MINIMUM_HEALTHY_PERCENT_RANGE, 'use 100 to keep every task during a deployment, 50 to replace half at a time.'),
  rule(
    'deployment-maximum-percent',
    'deployment_maximum_percent',
    `${whole('var.deployment_maximum_percent', S.MAXIMUM_PERCENT_RANGE)} && var.deployment_maximum_percent > var.deployment_minimum_healthy_percent`,
    `must be a whole number from ${S.MAXIMUM_PERCENT_RANGE.min} to ${S.MAXIMUM_PERCENT_RANGE.max} and above deployment_minimum_healthy_percent, or a deployment can neither start a new task nor stop an old one. Fix: e.g. 200 with 100.`,
  ),
  pattern('service-registry-arn', 'service_registry_arn', S.SERVICE_REGISTRY_ARN, optional('var.service_registry_arn', re(S.SERVICE_REGISTRY_ARN, 'var.service_registry_arn'))),
  range('ephemeral-storage-gib', 'ephemeral_storage_gib', 'var.ephemeral_storage_gib', S.EPHEMERAL_STORAGE_GIB_RANGE, 'set at least 21 (Fargate gives 20 without it), or null.'),
];
