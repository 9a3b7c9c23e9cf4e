/** Why `fix` cannot go on without more information; each says what to pass. Exit 2, nothing written. */

import { API_KEY_SECRET_ARN } from '../../config/constraints';
import { UserError } from '../../errors';

export const FixErrors = {
  badArn: (arn: string) =>
    new UserError(`--api-key-secret-arn: must be ${API_KEY_SECRET_ARN.description}, got "${arn}".`, [
      { path: '--api-key-secret-arn', message: `the value given is not such an ARN`, fix: `for example --api-key-secret-arn ${API_KEY_SECRET_ARN.example}` },
    ]),
  plaintextKeyWithoutArn: (containers: readonly string[]) =>
    new UserError(
      `DD_API_KEY is in plain environment (container ${containers.map((c) => `"${c}"`).join(', ')}); nothing was written.`,
      [
        {
          path: 'environment.DD_API_KEY',
          message: 'the key must come from secrets, and fix does not move it without the ARN of a secret that holds it',
          fix: `store the key in Secrets Manager or SSM Parameter Store, then run fix again with --api-key-secret-arn <ARN> (${API_KEY_SECRET_ARN.example})`,
        },
      ],
    ),
  addAgentWithoutArn: () =>
    new UserError('--add-agent: needs --api-key-secret-arn <ARN> so the agent reads its API key from a secret; nothing was written.', [
      { path: '--api-key-secret-arn', message: 'missing', fix: `pass --api-key-secret-arn ${API_KEY_SECRET_ARN.example}` },
    ]),
  noLogGroup: (containers: readonly string[]) =>
    new UserError(`containers ${containers.map((c) => `"${c}"`).join(', ')} need a logConfiguration, and no container logs with awslogs to copy a group and region from; nothing was written.`, [
      {
        path: 'containerDefinitions[].logConfiguration',
        message: 'fix reuses the awslogs-group and awslogs-region of an existing awslogs container',
        fix: 'add {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/<name>", "awslogs-region": "<region>", "awslogs-stream-prefix": "<container>"}} to one container and run fix again',
      },
    ]),
  noTerraformTaskDefinition: () => new UserError('the Terraform JSON has no aws_ecs_task_definition resource to fix.'),
  terraformExpression: (address: string, value: string) =>
    new UserError(
      `${address}: container_definitions cannot be fixed in place (${value.length > 80 ? `${value.slice(0, 77)}...` : value}); nothing was written. ` +
        'Fix the values the expression is built from, or describe the service with this tool\'s config and run generate.',
    ),
  windows: (family: string) =>
    new UserError(`runtimePlatform.operatingSystemFamily is ${family}: ECS does not support readonlyRootFilesystem on Windows containers, so fix leaves this task definition alone; nothing was written.`),
  noContainers: () => new UserError('the task definition has no containerDefinitions list to fix.'),
  notFixable: (file: string, kind: string) =>
    new UserError(
      `${file}: fix rewrites task definition JSON, describe-task-definition output and Terraform JSON, not ${kind === 'config' ? 'a config' : kind}. ` +
        (kind === 'config' ? 'A config already generates the read-only form: run generate.' : ''),
    ),
};
