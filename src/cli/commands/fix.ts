import type { Command } from 'commander';
import type * as FixDocument from '../../compliance/fix/document';
import type * as FixOptions from '../../compliance/fix/options';
import type { WritableRequest } from '../../compliance/fix/options';
import type * as FixReport from '../../compliance/fix/report';
import type * as FixWrite from '../../compliance/fix/write';
import { Errors, UserError } from '../../errors';
import { CliIo } from '../output';

const FIX_FORMATS = ['text', 'json'] as const;

interface FixFlags {
  apiKeySecretArn?: string;
  out?: string;
  addAgent?: boolean;
  site?: string;
  env?: string;
  logGroup?: string;
  region?: string;
  executionRoleArn?: string;
  writable: string[];
  format: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function writableRequests(specs: readonly string[]): WritableRequest[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseWritable } = require('../../compliance/fix/options') as typeof FixOptions;
  return specs.map((spec) => {
    const parsed = parseWritable(spec);
    if (!parsed) {
      throw new UserError(`--writable: expects CONTAINER:PATH, got ${JSON.stringify(spec)}.`, [
        { path: '--writable', message: 'no container name before ":"', fix: 'for example --writable web:/app/cache' },
      ]);
    }
    return parsed;
  });
}

/** `fix`: rewrite a task definition into the read-only form. */
export function registerFix(program: Command, io: CliIo = new CliIo()): void {
  program
    .command('fix')
    .description('rewrite a task definition (JSON, describe-task-definition output, a container definitions array, or *.tf.json with literal container_definitions) into the read-only form')
    .argument('<file>', 'task definition JSON, container definitions array or Terraform JSON')
    .option('--api-key-secret-arn <arn>', 'Secrets Manager or SSM ARN that holds the Datadog API key (to move a plaintext key, and for --add-agent)')
    .option('--out <file>', 'write the fixed file here: a regular file or a new path; links, directories and devices are refused (default: stdout)')
    .option('--add-agent', 'add the Datadog Agent when the task has none (needs --api-key-secret-arn, --site and --env)')
    .option('--site <site>', 'Datadog site of the added agent (DD_SITE), e.g. datadoghq.eu')
    .option('--env <env>', 'environment tag of the added agent (DD_ENV), e.g. prod')
    .option('--log-group <name>', 'CloudWatch log group for containers without a log configuration (with --region)')
    .option('--region <region>', 'region of --log-group')
    .option('--execution-role-arn <arn>', 'execution role for a Fargate task that reads secrets or logs with awslogs and has none')
    .option('--writable <container:path>', 'another path a container writes to, as a task volume (repeatable)', collect, [])
    .option('--format <format>', `change report: ${FIX_FORMATS.join(' or ')}`, 'text')
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      '\nThe change report goes to stdout with --out, else to stderr. fix names every flag it needs at once.\n' +
        'Exit codes: 0 fixed, 2 bad input or a missing flag (nothing written).\n',
    )
    .action((file: string, opts: FixFlags) => {
      const format = opts.json ? 'json' : opts.format;
      if (!(FIX_FORMATS as readonly string[]).includes(format)) throw Errors.unknownFormat(format, FIX_FORMATS);
      // the fixer loads when the command runs, not when the command line is built
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { fixFile } = require('../../compliance/fix/document') as typeof FixDocument;
      const { renderFixReport } = require('../../compliance/fix/report') as typeof FixReport;
      const { atomicWrite, checkOutputPath } = require('../../compliance/fix/write') as typeof FixWrite;
      /* eslint-enable @typescript-eslint/no-require-imports */
      if (opts.out !== undefined) checkOutputPath(opts.out);
      const result = fixFile(file, {
        apiKeySecretArn: opts.apiKeySecretArn,
        addAgent: opts.addAgent === true,
        site: opts.site,
        env: opts.env,
        logGroup: opts.logGroup,
        region: opts.region,
        executionRoleArn: opts.executionRoleArn,
        writable: writableRequests(opts.writable),
      });
      if (opts.out !== undefined) atomicWrite(opts.out, result.text);
      else io.out(result.text);
      const report = renderFixReport(file, opts.out, result.changes, format as 'text' | 'json', result.left);
      if (opts.out !== undefined) io.out(report);
      else io.err(report);
    });
}
