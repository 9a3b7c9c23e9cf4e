import type { Command } from 'commander';
import { checkFiles, exitCodeOf } from '../../compliance/check';
import { REPORT_FORMATS, ReportFormat, renderReport } from '../../compliance/report';
import { Errors } from '../../errors';
import { CliIo } from '../output';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `check`: run the compliance rules on task definitions, Terraform JSON or configs. */
export function registerCheck(program: Command, io: CliIo = new CliIo()): void {
  program
    .command('check')
    .description('check ECS task definitions against the Security Hub ECS controls, Fargate rules and the read-only Datadog setup')
    .argument('<files...>', 'task definition JSON, describe-task-definition output, *.tf.json, or config files')
    .option('--format <format>', `report format: ${REPORT_FORMATS.join(', ')}`, 'table')
    .option('--json', 'same as --format json')
    .option('--skip <rule>', 'leave a rule out, e.g. --skip ECS.20 (repeatable)', collect)
    .addHelpText('after', '\nExit codes: 0 compliant (or only accepted findings), 1 findings or a rule could not evaluate the input, 2 bad input.\nRules: docs/RULES.md.\n')
    .action((files: string[], opts: { format: string; json?: boolean; skip?: string[] }) => {
      const format = opts.json ? 'json' : opts.format;
      if (!(REPORT_FORMATS as readonly string[]).includes(format)) throw Errors.unknownFormat(format, REPORT_FORMATS);
      const report = checkFiles(files, { skip: opts.skip ?? [] });
      io.out(renderReport(report, format as ReportFormat));
      io.exitCode = exitCodeOf(report);
    });
}
