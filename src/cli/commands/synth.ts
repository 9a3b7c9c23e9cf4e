import * as path from 'path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load';

const DEFAULT_OUT = 'cdktf.out';

/** `synth`: runs the CDKTF app (deployable stack and module stack), like `cdktf synth`. cdktf loads only here. */
export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('synthesise the CDKTF app (the deployable stack and the module stack) into a directory')
    .option('--config <file>', 'YAML or JSON config file (default: the embedded default)')
    .option('--out <dir>', 'output directory', DEFAULT_OUT)
    .action(async (opts: { config?: string; out: string }) => {
      const config = loadConfig(opts.config);
      const { synthCdktfApp } = await import('../../render/cdktf-app');
      const result = synthCdktfApp(config, opts.out);
      for (const [stack, file] of Object.entries(result.stacks)) {
        process.stdout.write(`${stack}: ${path.join(opts.out, file)}\n`);
      }
    });
}
