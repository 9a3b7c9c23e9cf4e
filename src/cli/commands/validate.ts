import type { Command } from 'commander';
import type * as ConfigDefaults from '../../config/defaults';
import type * as ConfigLoad from '../../config/load';
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
      /* eslint-disable @typescript-eslint/no-require-imports */
      const { regionSource, resolveConfig } = require('../../config/defaults') as typeof ConfigDefaults;
      const { readConfigFile } = require('../../config/load') as typeof ConfigLoad;
      /* eslint-enable @typescript-eslint/no-require-imports */
      const raw = readConfigFile(opts.config);
      const region = resolveConfig(raw).region;
      const source = regionSource(raw);
      if (opts.json) io.json({ command: 'validate', config: opts.config, valid: true, region, regionFrom: source });
      else io.out(`${opts.config}: valid${source === 'region' ? '' : ` (region ${region}, taken from ${source})`}\n`);
    });
}
