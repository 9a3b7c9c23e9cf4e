import type { Command } from 'commander';
import { readConfigFile } from '../../config/load';
import { CliIo } from '../output';

/** `validate`: check a config file and report every problem, without rendering anything. */
export function registerValidate(program: Command, io: CliIo = new CliIo()): void {
  program
    .command('validate')
    .description('check a config file and report every problem at once')
    .requiredOption('--config <file>', 'YAML or JSON config file')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText('after', '\nExit codes: 0 valid, 2 invalid (every problem is listed on stderr).\n')
    .action((opts: { config: string; json?: boolean }) => {
      readConfigFile(opts.config);
      if (opts.json) io.json({ command: 'validate', config: opts.config, valid: true });
      else io.out(`${opts.config}: valid\n`);
    });
}
