/** Input errors of `check` and `fix`: each says what is wrong and how to fix it (exit 2). */

import { UserError } from '../errors';

export const ComplianceErrors = {
  unreadable: (file: string, reason: string) =>
    new UserError(`${file}: cannot be read (${reason}). Pass an existing task definition JSON, Terraform JSON (*.tf.json) or config file.`),
  unparsable: (file: string, format: string, reason: string) =>
    new UserError(`${file}: is not valid ${format} (${reason}).`),
  unknownInput: (file: string) =>
    new UserError(
      `${file}: not a task definition. Expected a RegisterTaskDefinition JSON (with "containerDefinitions"), ` +
        '`aws ecs describe-task-definition` output (with "taskDefinition"), Terraform JSON with aws_ecs_task_definition ' +
        'resources, or an ecs-datadog-readonly config (with "name" and "datadog").',
    ),
  noTaskDefinition: (file: string) =>
    new UserError(`${file}: has no aws_ecs_task_definition resource to check.`),
  unknownRule: (id: string, known: readonly string[]) =>
    new UserError(`--skip: unknown rule id "${id}"; rule ids are ${known.join(', ')}.`),
  noInput: () => new UserError('check: pass at least one file (task definition JSON, *.tf.json or config).'),
};
