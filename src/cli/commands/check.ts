import type { Command } from 'commander';
import type * as CheckModule from '../../compliance/check';
import type * as ReportModule from '../../compliance/report';
import { ComplianceErrors } from '../../compliance/errors';
import { REPORT_FORMATS, type ReportFormat } from '../../compliance/report/formats';
import { Errors, EXIT } from '../../errors';
import { bufferedWriter, CliIo } from '../output';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `check`: run the compliance rules on task definitions, Terraform JSON or configs. */
export function registerCheck(program: Command, io: CliIo = new CliIo()): void {
  program
    .command('check')
    .description('check ECS task definitions against the Security Hub ECS controls, Fargate rules and the read-only Datadog setup')
    .argument('<inputs...>', 'task definition JSON, describe-task-definition output, *.tf.json, plan JSON (terraform show -json), config files, directories of them (recursive), or - for standard input')
    .option('--format <format>', `report format: ${REPORT_FORMATS.join(', ')}`, 'table')
    .option('--json', 'same as --format json')
    .option('--skip <rule>', 'leave a rule out, e.g. --skip ECS.20 (repeatable)', collect)
    .addHelpText(
      'after',
      '\nInputs are regular files of at most 32 MiB (FIFOs and devices are refused). An input that cannot be read or is not a task definition is reported and the others are still checked.\n' +
        'Exit codes: 0 compliant (or only accepted findings), 1 findings, a rule could not evaluate the input, or an input could not be checked, 2 bad usage or nothing could be checked.\nRules: docs/RULES.md.\n',
    )
    .action((files: string[], opts: { format: string; json?: boolean; skip?: string[] }) => {
      const format = opts.json ? 'json' : opts.format;
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw Errors.unknownFormat(format, REPORT_FORMATS);
      // the rules and reports load when the command runs, not when the command line is built
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { checkFiles, exitCodeOf, validateSkip } = require('../../compliance/check') as typeof CheckModule;
      const { reportStream } = require('../../compliance/report') as typeof ReportModule;
      /* eslint-enable @typescript-eslint/no-require-imports */
      const skip = opts.skip ?? [];
      validateSkip(skip);
      const out = bufferedWriter(io.out);
      const stream = reportStream(format as ReportFormat, out.write, { skipped: skip });
      const report = checkFiles(files, { skip, onSubject: (s) => stream.subject(s) });
      stream.end(report);
      out.flush();
      io.exitCode = exitCodeOf(report);
      if (io.exitCode === EXIT.usage) {
        const error = ComplianceErrors.nothingChecked(files.length);
        io.err(`error: ${error.message}\n${report.inputErrors.map((e) => `  ${e.message}\n`).join('')}`);
      }
    });
}
