/**
 * The module variables of the production service features (IAM, load balancers, security group, autoscaling,
 * capacity providers, deployment settings, ephemeral storage), their values from a config, and back.
 */
import * as D from '../config/service-defaults';
import { CAPACITY_PROVIDERS, EPHEMERAL_STORAGE_GIB_RANGE } from '../config/service-constraints';
import type { ResolvedConfig } from '../config/types';
import { applicationStatement } from '../model/iam-roles';
import type { Value } from './types';

export interface ServiceVariableShape {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly nullable?: boolean;
}

export const SERVICE_VARIABLE_SHAPES: readonly ServiceVariableShape[] = [
  { name: 'execution_role_arn', type: 'string', nullable: true, description: 'Bring your own task execution role: it is not created and no policy is attached to it (it must pull the images, write to the log group and read the secrets). null creates <name>-<region>-execution.' },
  { name: 'task_role_arn', type: 'string', nullable: true, description: 'Bring your own task role: it is not created and no policy is attached to it (the agent needs ecs:ListClusters, ecs:ListContainerInstances, ecs:DescribeContainerInstances). null creates <name>-<region>-task.' },
  { name: 'iam_role_path', type: 'string', description: 'IAM path of the created roles.' },
  { name: 'iam_role_permissions_boundary_arn', type: 'string', nullable: true, description: 'Permissions boundary of the created roles; null sets none.' },
  {
    name: 'task_role_policy_statements',
    type: `list(object({
  sid        = optional(string)
  effect     = optional(string, "Allow")
  actions    = list(string)
  resources  = list(string)
  conditions = optional(map(map(list(string))), {})
}))`,
    description: 'IAM statements of the applications, in the inline policy "application" of the created task role. conditions maps a condition operator to condition keys and their values. An Allow of action "*" on resource "*" is refused.',
  },
  { name: 'task_role_managed_policy_arns', type: 'list(string)', description: 'Managed policies attached to the created task role.' },
  {
    name: 'load_balancers',
    type: `list(object({
  target_group_arn = string
  container_name   = string
  container_port   = number
}))`,
    description: 'Target groups (target type ip) the service registers its tasks in, each on an application container and its port.',
  },
  { name: 'health_check_grace_period_seconds', type: 'number', nullable: true, description: 'Seconds ECS ignores failing load balancer health checks after a task starts; only with load_balancers. null leaves the ECS default (0).' },
  {
    name: 'security_group',
    type: `object({
  create                     = optional(bool, true)
  vpc_id                     = optional(string)
  ingress_security_group_ids = optional(list(string), [])
  ingress_cidr_blocks        = optional(list(string), [])
})`,
    description: "A security group for the service (create = true needs vpc_id): ingress on the containers' ports from ingress_security_group_ids and ingress_cidr_blocks (IPv4), egress to anywhere (the agent reaches the Datadog intake, the tasks ECR). Attached beside security_group_ids.",
  },
  {
    name: 'autoscaling',
    type: `object({
  min_capacity               = number
  max_capacity               = number
  cpu_target_percent         = optional(number, ${D.DEFAULT_CPU_TARGET_PERCENT})
  memory_target_percent      = optional(number)
  scale_in_cooldown_seconds  = optional(number, ${D.DEFAULT_SCALE_IN_COOLDOWN_SECONDS})
  scale_out_cooldown_seconds = optional(number, ${D.DEFAULT_SCALE_OUT_COOLDOWN_SECONDS})
})`,
    nullable: true,
    description: 'Application Auto Scaling of the desired count: a target and target-tracking policies on average CPU (and memory, when memory_target_percent is set). null: no autoscaling. The service ignores desired_count changes either way.',
  },
  {
    name: 'capacity_provider_strategy',
    type: `list(object({
  capacity_provider = string
  weight            = optional(number, ${D.DEFAULT_CAPACITY_PROVIDER_WEIGHT})
  base              = optional(number, ${D.DEFAULT_CAPACITY_PROVIDER_BASE})
}))`,
    description: `Capacity providers (${CAPACITY_PROVIDERS.join(', ')}) that place the tasks instead of the launch type FARGATE; a created cluster then gets both as its capacity providers. [] uses the launch type.`,
  },
  { name: 'deployment_minimum_healthy_percent', type: 'number', description: 'Lower limit of running tasks during a deployment, in percent of the desired count.' },
  { name: 'deployment_maximum_percent', type: 'number', description: 'Upper limit of running tasks during a deployment, in percent of the desired count; above deployment_minimum_healthy_percent.' },
  { name: 'wait_for_steady_state', type: 'bool', description: 'Apply waits until the deployment is steady, so a deployment that the circuit breaker rolls back fails the apply.' },
  { name: 'service_registry_arn', type: 'string', nullable: true, description: 'Cloud Map service ARN the tasks register in; null registers none.' },
  { name: 'ephemeral_storage_gib', type: 'number', nullable: true, description: `Ephemeral storage of the task in GiB, ${EPHEMERAL_STORAGE_GIB_RANGE.min} to ${EPHEMERAL_STORAGE_GIB_RANGE.max}; null keeps the Fargate 20 GiB.` },
];

function defined(fields: Record<string, Value | undefined>): { [key: string]: Value } {
  const out: { [key: string]: Value } = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

export function serviceVariableValues(config: ResolvedConfig): Record<string, Value> {
  const s = config.service;
  const sg = config.securityGroup;
  const a = config.autoscaling;
  return {
    execution_role_arn: config.iam.executionRoleArn ?? null,
    task_role_arn: config.iam.taskRoleArn ?? null,
    iam_role_path: config.iam.path,
    iam_role_permissions_boundary_arn: config.iam.permissionsBoundaryArn ?? null,
    task_role_policy_statements: config.taskRole.policyStatements.map((raw) => {
      const st = applicationStatement(raw);
      return defined({
        sid: st.Sid,
        effect: st.Effect,
        actions: [...st.Action],
        resources: [...st.Resource],
        conditions: st.Condition && Object.fromEntries(Object.entries(st.Condition).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, [...v]]))])),
      });
    }),
    task_role_managed_policy_arns: [...config.taskRole.managedPolicyArns],
    load_balancers: config.loadBalancers.map((lb) => ({ target_group_arn: lb.targetGroupArn, container_name: lb.containerName, container_port: lb.containerPort })),
    health_check_grace_period_seconds: s.healthCheckGracePeriodSeconds ?? null,
    security_group: defined({
      create: sg.create,
      vpc_id: sg.vpcId,
      ingress_security_group_ids: [...sg.ingressSecurityGroupIds],
      ingress_cidr_blocks: [...sg.ingressCidrBlocks],
    }),
    autoscaling: a
      ? defined({
          min_capacity: a.minCapacity,
          max_capacity: a.maxCapacity,
          cpu_target_percent: a.cpuTargetPercent,
          memory_target_percent: a.memoryTargetPercent,
          scale_in_cooldown_seconds: a.scaleInCooldownSeconds,
          scale_out_cooldown_seconds: a.scaleOutCooldownSeconds,
        })
      : null,
    capacity_provider_strategy: s.capacityProviderStrategy.map((c) => ({ capacity_provider: c.capacityProvider, weight: c.weight, base: c.base })),
    deployment_minimum_healthy_percent: s.deploymentMinimumHealthyPercent,
    deployment_maximum_percent: s.deploymentMaximumPercent,
    wait_for_steady_state: s.waitForSteadyState,
    service_registry_arn: s.serviceRegistryArn ?? null,
    ephemeral_storage_gib: config.ephemeralStorageGiB ?? null,
  };
}

type Obj = { readonly [key: string]: unknown };
const objectOr = (v: unknown): Obj | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : undefined);
const keep = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== null));

/** The config keys these variables set, on top of `out` (the inverse of `serviceVariableValues`). Values are not checked. */
export function applyServiceVariables(vars: Readonly<Record<string, unknown>>, out: Record<string, unknown>): void {
  const has = (key: string) => Object.prototype.hasOwnProperty.call(vars, key);
  const pick = (key: string) => (has(key) ? vars[key] : undefined);
  const section = (key: string, fields: Record<string, unknown>) => {
    const merged = keep({ ...(objectOr(out[key]) ?? {}), ...fields });
    if (Object.keys(merged).length > 0) out[key] = merged;
    else delete out[key];
  };
  if (['execution_role_arn', 'task_role_arn', 'iam_role_path', 'iam_role_permissions_boundary_arn'].some(has)) {
    section('iam', { executionRoleArn: pick('execution_role_arn'), taskRoleArn: pick('task_role_arn'), path: pick('iam_role_path'), permissionsBoundaryArn: pick('iam_role_permissions_boundary_arn') });
  }
  if (['task_role_policy_statements', 'task_role_managed_policy_arns'].some(has)) {
    const statements = Array.isArray(vars.task_role_policy_statements)
      ? vars.task_role_policy_statements.map((raw) => {
          const st = objectOr(raw) ?? {};
          const conditions = objectOr(st.conditions);
          return keep({ Sid: st.sid, Effect: st.effect, Action: st.actions, Resource: st.resources, Condition: conditions && Object.keys(conditions).length > 0 ? conditions : undefined });
        })
      : undefined;
    section('taskRole', { policyStatements: statements, managedPolicyArns: pick('task_role_managed_policy_arns') });
  }
  if (Array.isArray(vars.load_balancers)) {
    out.loadBalancers = vars.load_balancers.map((raw) => {
      const lb = objectOr(raw) ?? {};
      return keep({ targetGroupArn: lb.target_group_arn, containerName: lb.container_name, containerPort: lb.container_port });
    });
  }
  const sg = objectOr(vars.security_group);
  if (sg) {
    if (sg.create === false && sg.vpc_id == null && !sg.ingress_security_group_ids && !sg.ingress_cidr_blocks) delete out.securityGroup;
    else out.securityGroup = keep({ create: sg.create, vpcId: sg.vpc_id, ingressSecurityGroupIds: sg.ingress_security_group_ids, ingressCidrBlocks: sg.ingress_cidr_blocks });
  }
  if (has('autoscaling')) {
    const a = objectOr(vars.autoscaling);
    if (!a) delete out.autoscaling;
    else {
      out.autoscaling = keep({
        minCapacity: a.min_capacity,
        maxCapacity: a.max_capacity,
        cpuTargetPercent: a.cpu_target_percent,
        memoryTargetPercent: a.memory_target_percent,
        scaleInCooldownSeconds: a.scale_in_cooldown_seconds,
        scaleOutCooldownSeconds: a.scale_out_cooldown_seconds,
      });
    }
  }
  const strategy = Array.isArray(vars.capacity_provider_strategy)
    ? vars.capacity_provider_strategy.map((raw) => {
        const c = objectOr(raw) ?? {};
        return keep({ capacityProvider: c.capacity_provider, weight: c.weight, base: c.base });
      })
    : undefined;
  const serviceKeys = ['health_check_grace_period_seconds', 'capacity_provider_strategy', 'deployment_minimum_healthy_percent', 'deployment_maximum_percent', 'wait_for_steady_state', 'service_registry_arn'];
  if (serviceKeys.some(has)) {
    section('service', {
      healthCheckGracePeriodSeconds: pick('health_check_grace_period_seconds'),
      capacityProviderStrategy: strategy,
      deploymentMinimumHealthyPercent: pick('deployment_minimum_healthy_percent'),
      deploymentMaximumPercent: pick('deployment_maximum_percent'),
      waitForSteadyState: pick('wait_for_steady_state'),
      serviceRegistryArn: pick('service_registry_arn'),
    });
  }
  if (has('ephemeral_storage_gib')) {
    if (vars.ephemeral_storage_gib === null) delete out.ephemeralStorageGiB;
    else out.ephemeralStorageGiB = vars.ephemeral_storage_gib;
  }
}
