/** Input errors of `check` and `fix`: each says what is wrong and how to fix it (exit 2). */

import { UserError } from '../errors';

/** An input that parses but is none of the documents `check` reads; in a directory walk such a file is skipped. */
export class UnrecognisedInput extends UserError {}

const INPUTS = 'a task definition JSON, describe-task-definition output, Terraform JSON (*.tf.json), Terraform plan JSON (terraform show -json) or a config file';

export const ComplianceErrors = {
  unreadable: (file: string, reason: string) =>
    new UserError(`${file}: cannot be read (${reason}). Pass ${INPUTS}.`),
  notFound: (file: string) => new UserError(`${file}: no such file or directory. Pass ${INPUTS}, or a directory of them.`),
  notRegularFile: (file: string, what: string) =>
    new UserError(`${file}: is ${what}, not a regular file, so it was not read. Pass a file, or - to read standard input.`),
  inputTooLarge: (file: string, bytes: string, limit: number) =>
    new UserError(`${file}: is ${bytes} bytes; an input is at most ${limit} bytes (${limit / 1024 / 1024} MiB). Pass a task definition (a few KiB) or a plan, not a generated or binary file.`),
  notUtf8: (file: string, what: string) => new UserError(`${file}: is ${what}; save it as UTF-8 JSON.`),
  unparsable: (file: string, format: string, reason: string) =>
    new UserError(`${file}: is not valid ${format} (${reason}).`),
  unknownInput: (file: string) =>
    new UnrecognisedInput(
      `${file}: not a task definition. Expected a RegisterTaskDefinition JSON (with "containerDefinitions"), ` +
        '`aws ecs describe-task-definition` output (with "taskDefinition"), Terraform JSON with aws_ecs_task_definition ' +
        'resources, Terraform plan JSON (`terraform show -json plan.out`), or an ecs-datadog-readonly config (with "name" and "datadog").',
    ),
  noTaskDefinition: (file: string) =>
    new UnrecognisedInput(`${file}: has no aws_ecs_task_definition resource to check.`),
  emptyDirectory: (dir: string) => new UserError(`${dir}: a directory without *.json files below it.`),
  unknownRule: (id: string, known: readonly string[]) =>
    new UserError(`--skip: unknown rule id "${id}"; rule ids are ${known.join(', ')}.`),
  noInput: () => new UserError('check: pass at least one file or directory (task definition JSON, *.tf.json, plan JSON or config), or - for standard input.'),
  nothingChecked: (count: number) =>
    new UserError(`check: none of the ${count === 1 ? 'input' : `${count} inputs`} could be checked.`),
  stdinTwice: () => new UserError('check: - (standard input) can be given once.'),
};
