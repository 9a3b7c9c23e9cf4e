import type { Command } from 'commander';
import { atomicWrite } from '../../compliance/fix/write';
import { fixFile } from '../../compliance/fix/document';
import { renderFixReport } from '../../compliance/fix/report';
import { readInput } from '../../compliance/input';
import { Errors } from '../../errors';
import { CliIo } from '../output';

const FIX_FORMATS = ['text', 'json'] as const;

/** `fix`: rewrite a task definition into the read-only form. */
export function registerFix(program: Command, io: CliIo = new CliIo()): void {
  program
    .command('fix')
    .description('rewrite a task definition (JSON, describe-task-definition output, or *.tf.json with literal container_definitions) into the read-only form')
    .argument('<file>', 'task definition JSON or Terraform JSON')
    .option('--api-key-secret-arn <arn>', 'Secrets Manager or SSM ARN for DD_API_KEY (needed to move a plaintext key, and for --add-agent)')
    .option('--out <file>', 'write the fixed task definition here (default: stdout)')
    .option('--add-agent', 'add the Datadog Agent when the task has none')
    .option('--format <format>', `change report: ${FIX_FORMATS.join(' or ')}`, 'text')
    .option('--json', 'same as --format json')
    .addHelpText('after', '\nThe change report goes to stdout with --out, else to stderr. Exit codes: 0 fixed, 2 bad input (nothing written).\n')
    .action((file: string, opts: { apiKeySecretArn?: string; out?: string; addAgent?: boolean; format: string; json?: boolean }) => {
      const format = opts.json ? 'json' : opts.format;
      if (!(FIX_FORMATS as readonly string[]).includes(format)) throw Errors.unknownFormat(format, FIX_FORMATS);
      readInput(file); // a regular file within the size limit: a FIFO or a device is refused, never read
      const result = fixFile(file, { apiKeySecretArn: opts.apiKeySecretArn, addAgent: opts.addAgent === true });
      if (opts.out !== undefined) atomicWrite(opts.out, result.text);
      else io.out(result.text);
      const report = renderFixReport(file, opts.out, result.changes, format as 'text' | 'json');
      if (opts.out !== undefined) io.out(report);
      else io.err(report);
    });
}
