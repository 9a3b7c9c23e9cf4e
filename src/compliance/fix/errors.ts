/** Why `fix` cannot go on without more information; each says what to pass. Exit 2, nothing written. */

import { API_KEY_SECRET_ARN, DATADOG_API_KEY_LIKE } from '../../config/constraints';
import { KEY_HIDDEN, Problem, UserError } from '../../errors';

/** A flag value for a message, unless it looks like a Datadog API key (then it is never shown). */
export function shown(value: string): string {
  return DATADOG_API_KEY_LIKE.test(value) ? KEY_HIDDEN : JSON.stringify(value);
}

const list = (names: readonly string[]) => names.map((c) => `"${c}"`).join(', ');

export const FixErrors = {
  badArn: (arn: string) =>
    new UserError(`--api-key-secret-arn: must be ${API_KEY_SECRET_ARN.description}, got ${shown(arn)}.`, [
      { path: '--api-key-secret-arn', message: `the value given is not such an ARN`, fix: `for example --api-key-secret-arn ${API_KEY_SECRET_ARN.example}` },
    ]),
  /** Flag values that are not valid, all at once. */
  badFlags: (problems: readonly Problem[]) =>
    new UserError(`${problems.length} flag value${problems.length === 1 ? ' is' : 's are'} not valid; nothing was written.`, problems),
  /**
   * What fix needs and cannot infer or do, all at once: missing flags, and values it must not move (ECS.8).
   */
  cannotFix: (problems: readonly Problem[]) =>
    new UserError(
      `fix needs ${problems.length} more thing${problems.length === 1 ? '' : 's'} before it can write a task definition that registers; nothing was written.`,
      problems,
    ),
  /** The fixed task definition would still fail these rules; fix writes only what passes check. */
  stillFailing: (problems: readonly Problem[]) =>
    new UserError(
      `the fixed task definition would still fail check on ${problems.length} point${problems.length === 1 ? '' : 's'} that fix does not change; nothing was written. Fix them in the input and run fix again.`,
      problems,
    ),
  /** The fixed output does not match the RegisterTaskDefinition shape; fix does not drop what it does not own. */
  notRegistrable: (problems: readonly Problem[]) =>
    new UserError(
      `the fixed task definition would not register (RegisterTaskDefinition refuses or drops ${problems.length} value${problems.length === 1 ? '' : 's'}), and fix does not remove what it does not own; nothing was written. Fix them in the input and run fix again.`,
      problems,
    ),
  /** Input values ECS would refuse (wrong type, not in an enum, a required key missing). */
  badInput: (problems: readonly Problem[]) =>
    new UserError(`the task definition has ${problems.length} value${problems.length === 1 ? '' : 's'} RegisterTaskDefinition refuses; fix cannot rewrite it; nothing was written.`, problems),
  dependencyCycle: (cycle: readonly string[]) =>
    new UserError(`containers ${list(cycle)} wait for each other in a cycle (dependsOn ${cycle.join(' -> ')} -> ${cycle[0]}); ECS never starts such a task. Nothing was written.`, [
      { path: 'containerDefinitions[].dependsOn', message: 'a dependency cycle', fix: 'remove one of the dependsOn entries of the cycle and run fix again' },
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
      `${file}: fix rewrites task definition JSON, describe-task-definition output, a container definitions array and Terraform JSON, not ${kind === 'config' ? 'a config' : kind}. ` +
        (kind === 'config' ? 'A config already generates the read-only form: run generate.' : ''),
    ),
};
