/** JSON Schema of the production service features, from `service-constraints.ts` and `service-defaults.ts`. */
import type { PatternConstraint } from './constraints';
import * as D from './service-defaults';
import * as S from './service-constraints';
import type {
  AutoscalingConfig,
  CapacityProviderStrategyItemConfig,
  IamConfig,
  LoadBalancerConfig,
  PolicyStatementConfig,
  SecurityGroupConfig,
  ServiceConfig,
  ServiceSettingsConfig,
  TaskRoleConfig,
} from './types';

type JsonSchema = { readonly [keyword: string]: unknown };
type PropertySchemas<T> = { readonly [K in keyof Required<T>]: JsonSchema };

function str(description: string, c?: PatternConstraint): JsonSchema {
  if (!c) return { type: 'string', description, minLength: 1 };
  return { type: 'string', description: `${description} Must be ${c.description}.`, pattern: c.pattern, examples: [c.example] };
}
function int(description: string, range: { readonly min: number; readonly max: number }, def?: number): JsonSchema {
  return { type: 'integer', description, minimum: range.min, maximum: range.max, ...(def !== undefined && { default: def }) };
}
function list(description: string, items: JsonSchema, extra: Record<string, unknown> = {}): JsonSchema {
  return { type: 'array', description, items, default: [], ...extra };
}
function object<T>(description: string, properties: PropertySchemas<T>, required: readonly (keyof T & string)[] = []): JsonSchema {
  return { type: 'object', description, additionalProperties: false, ...(required.length > 0 && { required: [...required] }), properties };
}
/** A string or a non-empty list of strings, as IAM JSON allows. */
function oneOrMany(description: string, c: PatternConstraint): JsonSchema {
  const item = str('', c);
  return { description: `${description} Each must be ${c.description}.`, anyOf: [item, { type: 'array', minItems: 1, items: item }], examples: [c.example] };
}

const statement = object<PolicyStatementConfig>(
  'One IAM policy statement, written as IAM JSON. "Action": "*" on "Resource": "*" is refused.',
  {
    Sid: str('Statement id.', S.IAM_SID),
    Effect: { type: 'string', description: 'Allow or Deny.', enum: [...S.IAM_EFFECTS], default: 'Allow' },
    Action: oneOrMany('Action or actions.', S.IAM_ACTION),
    Resource: oneOrMany('Resource ARN or ARNs.', S.IAM_RESOURCE),
    Condition: {
      type: 'object',
      description: 'Condition operator (e.g. StringEquals) to condition key to a value or a list of values.',
      propertyNames: { type: 'string', pattern: S.IAM_CONDITION_OPERATOR.pattern },
      additionalProperties: {
        type: 'object',
        propertyNames: { type: 'string', minLength: 1 },
        additionalProperties: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } }] },
      },
    },
  },
  ['Action', 'Resource'],
);

const taskRole = object<TaskRoleConfig>('Permissions of the application containers (the task role).', {
  policyStatements: list('IAM statements of the applications, in an inline policy "application" on the task role.', statement),
  managedPolicyArns: list('Managed policies attached to the task role.', str('A policy ARN.', S.IAM_POLICY_ARN), { maxItems: S.MAX_MANAGED_POLICIES }),
});

const iam = object<IamConfig>('The IAM roles: bring your own, or a permissions boundary and a path for the created ones.', {
  executionRoleArn: str('Use this execution role: it is not created and no policy is attached to it (it must pull the images, write the logs and read the secrets).', S.IAM_ROLE_ARN),
  taskRoleArn: str('Use this task role: it is not created and no policy is attached to it (the agent needs ecs:ListClusters, ecs:ListContainerInstances, ecs:DescribeContainerInstances).', S.IAM_ROLE_ARN),
  permissionsBoundaryArn: str('Permissions boundary of the created roles.', S.IAM_POLICY_ARN),
  path: { ...str('IAM path of the created roles.', S.IAM_PATH), default: D.DEFAULT_IAM_PATH },
});

const loadBalancer = object<LoadBalancerConfig>(
  'A target group the service registers its tasks in.',
  {
    targetGroupArn: str('ARN of an existing target group of target type ip.', S.TARGET_GROUP_ARN),
    containerName: str('Name of the application container that receives the traffic.'),
    containerPort: int('Its port: the "port" of that container.', { min: 1, max: 65535 }),
  },
  ['targetGroupArn', 'containerName', 'containerPort'],
);

const securityGroup = object<SecurityGroupConfig>(
  "A security group for the service: ingress on the containers' ports from the given sources, egress to anywhere (the agent reaches the Datadog intake, the tasks ECR). It is attached beside network.securityGroupIds.",
  {
    create: { type: 'boolean', description: 'Create it.', default: true },
    vpcId: str('VPC of the subnets; required when create is true.', S.VPC_ID),
    ingressSecurityGroupIds: list('Security groups allowed in (e.g. the load balancer\'s).', str('A security group id.', { pattern: '^sg-[0-9a-f]{8,17}$', description: 'a security group id (sg-0123456789abcdef0)', example: 'sg-0123456789abcdef0' }), { maxItems: S.MAX_INGRESS_SOURCES }),
    ingressCidrBlocks: list('IPv4 CIDR blocks allowed in.', str('A CIDR block.', S.IPV4_CIDR), { maxItems: S.MAX_INGRESS_SOURCES }),
  },
);

const autoscaling = object<AutoscalingConfig>(
  'Application Auto Scaling of the desired count with target tracking; the service then ignores desired count changes.',
  {
    minCapacity: int('Fewest tasks.', S.SCALABLE_CAPACITY_RANGE),
    maxCapacity: int('Most tasks.', S.SCALABLE_CAPACITY_RANGE),
    cpuTargetPercent: int('Target average CPU utilisation in percent.', S.TARGET_PERCENT_RANGE, D.DEFAULT_CPU_TARGET_PERCENT),
    memoryTargetPercent: int('Target average memory utilisation in percent (default: no memory policy).', S.TARGET_PERCENT_RANGE),
    scaleInCooldownSeconds: int('Seconds after a scale-in before the next.', S.COOLDOWN_SECONDS_RANGE, D.DEFAULT_SCALE_IN_COOLDOWN_SECONDS),
    scaleOutCooldownSeconds: int('Seconds after a scale-out before the next.', S.COOLDOWN_SECONDS_RANGE, D.DEFAULT_SCALE_OUT_COOLDOWN_SECONDS),
  },
  ['minCapacity', 'maxCapacity'],
);

const capacityProviderItem = object<CapacityProviderStrategyItemConfig>(
  'A capacity provider and its share.',
  {
    capacityProvider: { type: 'string', description: 'FARGATE or FARGATE_SPOT.', enum: [...S.CAPACITY_PROVIDERS] },
    weight: int('Relative share of the tasks.', S.CAPACITY_PROVIDER_WEIGHT_RANGE, D.DEFAULT_CAPACITY_PROVIDER_WEIGHT),
    base: int('Tasks placed on this provider first.', S.CAPACITY_PROVIDER_BASE_RANGE, D.DEFAULT_CAPACITY_PROVIDER_BASE),
  },
  ['capacityProvider'],
);

/** The service settings added by these features, merged into the `service` object's properties. */
export const SERVICE_SETTINGS_PROPERTIES: Omit<PropertySchemas<ServiceSettingsConfig>, 'desiredCount' | 'enableExecuteCommand'> = {
  healthCheckGracePeriodSeconds: int('Seconds ECS ignores failing load balancer health checks after a task starts; only with loadBalancers.', S.HEALTH_CHECK_GRACE_PERIOD_RANGE),
  capacityProviderStrategy: list('Capacity providers, used instead of the launch type FARGATE. A created cluster gets FARGATE and FARGATE_SPOT.', capacityProviderItem, { maxItems: S.CAPACITY_PROVIDERS.length }),
  deploymentMinimumHealthyPercent: int('Lower limit of running tasks during a deployment, in percent of the desired count.', S.MINIMUM_HEALTHY_PERCENT_RANGE, D.DEFAULT_MINIMUM_HEALTHY_PERCENT),
  deploymentMaximumPercent: int('Upper limit of running tasks during a deployment, in percent of the desired count.', S.MAXIMUM_PERCENT_RANGE, D.DEFAULT_MAXIMUM_PERCENT),
  waitForSteadyState: { type: 'boolean', description: 'Apply waits for a steady deployment, so a deployment the circuit breaker rolls back fails the apply.', default: true },
  serviceRegistryArn: str('Cloud Map service the tasks register in.', S.SERVICE_REGISTRY_ARN),
};

/** The root keys added by these features. */
export const SERVICE_FEATURE_PROPERTIES: Pick<PropertySchemas<ServiceConfig>, 'taskRole' | 'iam' | 'loadBalancers' | 'securityGroup' | 'autoscaling' | 'ephemeralStorageGiB'> = {
  taskRole,
  iam,
  loadBalancers: list('Target groups the service registers its tasks in, each on an application container and its port.', loadBalancer, { maxItems: S.MAX_LOAD_BALANCERS }),
  securityGroup,
  autoscaling,
  ephemeralStorageGiB: int('Ephemeral storage of the task in GiB (default: the Fargate 20 GiB).', S.EPHEMERAL_STORAGE_GIB_RANGE),
};
