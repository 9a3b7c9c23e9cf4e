import type { ResolvedConfig } from '../config/types';
import { arnParts } from './names';
import { secretIamResource } from './secret-arns';
import { TF } from './terraform-refs';
import { compareCodePoints } from './order';

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Principal?: { readonly Service: string };
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export interface RoleModel {
  /** False when the config brings its own role (`iam.executionRoleArn` / `iam.taskRoleArn`): nothing is created or attached. */
  readonly create: boolean;
  /** The role the task definition names. */
  readonly arn: string;
  readonly name: string;
  readonly description: string;
  /** IAM path of a created role. */
  readonly path: string;
  readonly permissionsBoundaryArn?: string;
  readonly assumeRolePolicy: PolicyDocument;
  readonly policyName: string;
  readonly policy: PolicyDocument;
  /** Managed policies attached to a created role. */
  readonly managedPolicyArns: readonly string[];
}

/** ECS tasks may assume the role only for tasks of this account in this region (confused-deputy protection). */
export function ecsTasksTrustPolicy(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'EcsTasksAssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'ecs-tasks.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': TF.accountId },
          ArnLike: { 'aws:SourceArn': `arn:${TF.partition}:ecs:${TF.region}:${TF.accountId}:*` },
        },
      },
    ],
  };
}

/**
 * The IAM resources of every secret the task reads at start-up (the Datadog API key, also the FireLens `apikey`, and
 * the application containers' secrets), by service: see `secretIamResource`.
 */
export function secretArns(config: ResolvedConfig): { secretsManager: string[]; ssm: string[] } {
  const all = [config.datadog.apiKeySecretArn, ...config.containers.flatMap((c) => Object.values(c.secrets))];
  const unique = [...new Set(all.map(secretIamResource))].sort(compareCodePoints);
  // A literal ARN names its service; a reference (a construct token Terraform resolves) may be either, so both.
  return {
    secretsManager: unique.filter((arn) => arnParts(arn).service !== 'ssm'),
    ssm: unique.filter((arn) => arnParts(arn).service !== 'secretsmanager'),
  };
}

/** Execution role: pull images, write to this service's log group, read exactly the named secrets (and decrypt them). */
export function executionPolicy(config: ResolvedConfig): PolicyDocument {
  const secrets = secretArns(config);
  const statements: PolicyStatement[] = [
    // GetAuthorizationToken has no resource-level permissions; it only grants a registry login token.
    { Sid: 'EcrAuthorization', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Sid: 'EcrPull',
      Effect: 'Allow',
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
      Resource: '*',
    },
    { Sid: 'WriteLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${TF.logGroupArn}:*` },
  ];
  if (secrets.secretsManager.length > 0) {
    statements.push({ Sid: 'ReadSecrets', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secrets.secretsManager });
  }
  if (secrets.ssm.length > 0) {
    statements.push({ Sid: 'ReadParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: secrets.ssm });
  }
  const keys = [...new Set(config.secretsKmsKeyArns)].sort(compareCodePoints);
  if (keys.length > 0) statements.push({ Sid: 'DecryptSecrets', Effect: 'Allow', Action: 'kms:Decrypt', Resource: keys });
  return { Version: '2012-10-17', Statement: statements };
}

/** Task role: the ECS read calls the agent makes, and the ECS Exec channels when enabled. */
export function taskPolicy(config: ResolvedConfig): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: 'DatadogAgentEcsRead',
      Effect: 'Allow',
      Action: ['ecs:DescribeContainerInstances', 'ecs:ListClusters', 'ecs:ListContainerInstances'],
      Resource: '*',
    },
  ];
  if (config.service.enableExecuteCommand) {
    statements.push({
      Sid: 'EcsExec',
      Effect: 'Allow',
      Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
      Resource: '*',
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}
