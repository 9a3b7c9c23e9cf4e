/**
 * The constraint table of the production service features: IAM, load balancers, security group, autoscaling,
 * capacity providers, deployment settings, ephemeral storage. Like `constraints.ts`, each rule is stated once and
 * read by the config validation, the JSON Schema and the module's validation blocks.
 */
import type { PatternConstraint } from './constraints';

export const IAM_ROLE_ARN: PatternConstraint = {
  pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,64}$',
  description: 'an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME, optionally with a path)',
  example: 'arn:aws:iam::123456789012:role/web-task',
};

export const IAM_POLICY_ARN: PatternConstraint = {
  pattern: '^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]{1,128}$',
  description: 'an IAM managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME or arn:aws:iam::aws:policy/NAME)',
  example: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
};

export const IAM_PATH: PatternConstraint = {
  pattern: '^/([A-Za-z0-9+=,.@_-]+/){0,20}$',
  description: 'an IAM path that starts and ends with "/", such as / or /services/',
  example: '/services/',
};

/** An IAM action: `service:Action`, wildcards allowed in the action part, or `*`. */
export const IAM_ACTION: PatternConstraint = {
  pattern: '^(\\*|[a-z0-9-]+:[A-Za-z0-9*?]+)$',
  description: 'an IAM action such as s3:GetObject or s3:Get* (service prefix, a colon, the action)',
  example: 's3:GetObject',
};

/** An IAM resource: an ARN (wildcards and policy variables allowed) or `*`. */
export const IAM_RESOURCE: PatternConstraint = {
  pattern: '^(\\*|arn:[^\\s]+)$',
  description: 'an ARN (wildcards allowed) or "*"',
  example: 'arn:aws:s3:::orders-bucket/*',
};

export const IAM_SID: PatternConstraint = {
  pattern: '^[A-Za-z0-9]{1,100}$',
  description: 'letters and digits only',
  example: 'ReadOrders',
};

export const IAM_EFFECTS = ['Allow', 'Deny'] as const;

/** Condition operators, e.g. `StringEquals`, `ArnLike`, `ForAnyValue:StringLike`, `StringEqualsIfExists`. */
export const IAM_CONDITION_OPERATOR: PatternConstraint = {
  pattern: '^((ForAnyValue|ForAllValues):)?[A-Za-z]+$',
  description: 'an IAM condition operator such as StringEquals or ArnLike',
  example: 'StringEquals',
};

export const TARGET_GROUP_ARN: PatternConstraint = {
  pattern: '^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{16}$',
  description: 'an Elastic Load Balancing target group ARN (arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID)',
  example: 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/web/0123456789abcdef',
};

export const SERVICE_REGISTRY_ARN: PatternConstraint = {
  pattern: '^arn:aws[a-z-]*:servicediscovery:[a-z0-9-]+:[0-9]{12}:service/srv-[a-z0-9]+$',
  description: 'a Cloud Map service ARN (arn:aws:servicediscovery:REGION:ACCOUNT:service/srv-ID)',
  example: 'arn:aws:servicediscovery:ap-northeast-1:123456789012:service/srv-0123456789abcdef',
};

export const VPC_ID: PatternConstraint = {
  pattern: '^vpc-[0-9a-f]{8,17}$',
  description: 'a VPC id (vpc-0123456789abcdef0)',
  example: 'vpc-0123456789abcdef0',
};

export const IPV4_CIDR: PatternConstraint = {
  pattern: '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])$',
  description: 'an IPv4 CIDR block such as 10.0.0.0/16',
  example: '10.0.0.0/16',
};

export const CAPACITY_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;

export const CAPACITY_PROVIDER_WEIGHT_RANGE = { min: 0, max: 1000 } as const;
export const CAPACITY_PROVIDER_BASE_RANGE = { min: 0, max: 100000 } as const;
export const HEALTH_CHECK_GRACE_PERIOD_RANGE = { min: 0, max: 2147483647 } as const;
export const MINIMUM_HEALTHY_PERCENT_RANGE = { min: 0, max: 100 } as const;
export const MAXIMUM_PERCENT_RANGE = { min: 100, max: 200 } as const;
export const EPHEMERAL_STORAGE_GIB_RANGE = { min: 21, max: 200 } as const;
export const SCALABLE_CAPACITY_RANGE = { min: 0, max: 1000 } as const;
export const TARGET_PERCENT_RANGE = { min: 1, max: 100 } as const;
export const COOLDOWN_SECONDS_RANGE = { min: 0, max: 3600 } as const;
/** Load balancers per service (ECS quota). */
export const MAX_LOAD_BALANCERS = 5;
/** Managed policies per role (IAM quota, default). */
export const MAX_MANAGED_POLICIES = 20;
/** Ingress sources per security group: each source times each port becomes a rule, within the default 60 rules. */
export const MAX_INGRESS_SOURCES = 20;

/** Longest region code the role names leave room for (`ap-southeast-5` has 14 characters). */
export const MAX_REGION_LENGTH = 15;
/** IAM role names: at most 64 characters. */
export const MAX_ROLE_NAME_LENGTH = 64;
