import { type Command, Option } from 'commander';
import type * as ConfigLoad from '../../config/load';
import { EXIT } from '../../errors';
import type * as Output from '../../output';
import type * as RenderSet from '../../output/render-set';
import { FORMAT_DIRECTORIES_IN_ALL, formatChoices } from '../../render/format-names';
import { CliIo } from '../output';

export interface GenerateOptions {
  readonly out: string;
  readonly config?: string;
  readonly format: string;
  readonly check?: boolean;
  readonly force?: boolean;
  readonly json?: boolean;
}

/** `generate`: render a config (or the embedded default) into a directory, or with `--check` compare it. */
export function registerGenerate(program: Command, io: CliIo = new CliIo()): void {
  const layout = Object.entries(FORMAT_DIRECTORIES_IN_ALL)
    .map(([format, dir]) => `${format} in DIR/${dir}/`)
    .join(', ');
  program
    .command('generate')
    .description('render the deployment for a config (or the embedded default) into a directory')
    .requiredOption('--out <dir>', 'output directory; replaced as a whole, atomically')
    .option('--config <file>', 'YAML or JSON config file (default: the embedded default)')
    .addOption(
      new Option('--format <format>', `what to render; "all" puts the task definition at the top and ${layout}`)
        .choices(formatChoices())
        .default('taskdef'),
    )
    .option('--check', 'write nothing; exit 1 and list the files when DIR differs from what would be generated')
    .option('--force', 'replace a non-empty DIR that has no .ecs-datadog-readonly marker (deletes its content)')
    .option('--json', 'print the result as JSON on stdout')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  $ ecs-datadog-readonly generate --out dist\n' +
        '  $ ecs-datadog-readonly generate --config service.yaml --format all --out deploy\n' +
        '  $ ecs-datadog-readonly generate --config service.yaml --format all --out deploy --check\n' +
        '\nExit codes: 0 written or up to date, 1 --check found differences, 2 bad usage or bad input (nothing written).\n',
    )
    .action(async (opts: GenerateOptions) => generate(opts, io));
}

export async function generate(opts: GenerateOptions, io: CliIo): Promise<void> {
  // the config loader and the renderers load when the command runs, not when the command line is built
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadConfig } = require('../../config/load') as typeof ConfigLoad;
  const { diffOutputDirectory, writeOutputDirectory } = require('../../output') as typeof Output;
  const { renderFormat } = require('../../output/render-set') as typeof RenderSet;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const config = loadConfig(opts.config);
  const files = await renderFormat(opts.format, config);
  if (opts.check) {
    const differences = diffOutputDirectory(opts.out, files);
    if (differences.length > 0) io.exitCode = EXIT.findings;
    if (opts.json) {
      io.json({ command: 'generate', check: true, format: opts.format, out: opts.out, upToDate: differences.length === 0, differences });
    } else if (differences.length === 0) {
      io.out(`${opts.out}: up to date (${Object.keys(files).length} file${Object.keys(files).length === 1 ? '' : 's'}, format ${opts.format})\n`);
    } else {
      io.out(`${opts.out}: differs from what generate would write:\n`);
      for (const d of differences) io.out(`  ${d.kind.padEnd(7)} ${d.path}\n`);
      const configFlag = opts.config ? ` --config ${opts.config}` : '';
      io.out(`Run: ecs-datadog-readonly generate${configFlag} --format ${opts.format} --out ${opts.out}\n`);
    }
    return;
  }
  const result = writeOutputDirectory(opts.out, files, { force: opts.force, keep: opts.config === undefined ? [] : [opts.config] });
  if (opts.json) {
    io.json({ command: 'generate', format: opts.format, out: opts.out, files: result.files, replaced: result.replaced });
  } else {
    io.out(`${opts.out}: wrote ${result.files.length} file${result.files.length === 1 ? '' : 's'} (format ${opts.format})\n`);
    for (const f of result.files) io.out(`  ${f}\n`);
  }
}
