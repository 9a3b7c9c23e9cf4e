import * as path from 'path';
import type { Command } from 'commander';
import type * as ConfigLoad from '../../config/load';
import { CliIo } from '../output';

const DEFAULT_OUT = 'cdktf.out';

/** `synth`: runs the CDKTF app (deployable stack and module stack), like `cdktf synth`. cdktf loads only here. */
export function registerSynth(program: Command, io: CliIo = new CliIo()): void {
  program
    .command('synth')
    .description('synthesise the CDKTF app (the deployable stack and the module stack) into a directory')
    .option('--config <file>', 'YAML or JSON config file (default: the embedded default)')
    .option('--out <dir>', 'output directory, as cdktf synth writes it', DEFAULT_OUT)
    .addHelpText(
      'after',
      '\nWrites DIR/manifest.json and DIR/stacks/<name>/cdk.tf.json (deployable: provider, local backend) and\n' +
        'DIR/stacks/<name>-module/cdk.tf.json (the reusable module: no provider, no backend).\n',
    )
    .action(async (opts: { config?: string; out: string }) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const config = (require('../../config/load') as typeof ConfigLoad).loadConfig(opts.config);
      (await import('../../render/cdktf-peers')).assertCdktfInstalled('synth');
      const { synthCdktfApp } = await import('../../render/cdktf-app');
      const result = synthCdktfApp(config, opts.out);
      for (const [stack, file] of Object.entries(result.stacks)) io.out(`${stack}: ${path.join(opts.out, file)}\n`);
    });
}
