import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load';
import { Errors } from '../../errors';
import { FORMATS, FormatName } from '../../render/formats';

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('render the deployment for a config (or the embedded default)')
    .requiredOption('--out <dir>', 'output directory')
    .option('--config <file>', 'YAML or JSON config file (default: the embedded default)')
    .option('--format <format>', `one of ${Object.keys(FORMATS).join(', ')}`, 'taskdef')
    .action(async (opts: { out: string; config?: string; format: string }) => {
      if (!(opts.format in FORMATS)) throw Errors.unknownFormat(opts.format, Object.keys(FORMATS));
      const config = loadConfig(opts.config);
      const files = await FORMATS[opts.format as FormatName].render(config);
      for (const [rel, content] of Object.entries(files)) {
        const target = path.join(opts.out, rel);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, content);
      }
    });
}
