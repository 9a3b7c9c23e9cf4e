/**
 * The CDKTF app: the deployable stack (named after the service) and the module stack. `main.ts` and the `synth`
 * command run it; everything else never loads cdktf.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, LocalBackend } from 'cdktf';
import { DeployableStack } from '../../modules/cdktf';
import { ModuleStack, moduleJson } from '../../modules/module-stack';
import { formatJson, type Json } from '../../modules/terraform-json';
import type { ResolvedConfig } from '../config/types';
import { Errors } from '../errors';
import { describeFsError } from '../output/write';
import { moduleSpec } from '../module/spec';

export const DEFAULT_SYNTH_DIR = 'cdktf.out';
/** Environment variable naming the config file `node lib/main.js` reads; unset means the embedded default. */
export const CONFIG_ENV = 'ECS_DATADOG_READONLY_CONFIG';

/** Name of the module stack: the deployable stack's name with this suffix. */
export const MODULE_STACK_SUFFIX = '-module';

export interface SynthResult {
  readonly outdir: string;
  /** Stack name to its Terraform JSON file, relative to `outdir`. */
  readonly stacks: Readonly<Record<string, string>>;
}

/** Synthesises both stacks into `outdir` (`stacks/<name>/cdk.tf.json` and `manifest.json`, as `cdktf synth` does). */
export function synthCdktfApp(config: ResolvedConfig, outdir: string = DEFAULT_SYNTH_DIR): SynthResult {
  try {
    return synthesise(config, outdir);
  } catch (err) {
    // a full disk, a read-only or missing directory: the user's condition, not a bug
    if (typeof (err as NodeJS.ErrnoException)?.code === 'string' && (err as NodeJS.ErrnoException).syscall) throw Errors.synthWriteFailed(outdir, describeFsError(err));
    throw err;
  }
}

function synthesise(config: ResolvedConfig, outdir: string): SynthResult {
  if (config.network.subnetIds.length === 0) throw Errors.subnetsRequired(config.name);
  // `new App` creates the output directory: a stack that refuses its config must not leave it behind.
  const created = !fs.existsSync(outdir);
  // Validation runs per stack below: the module stack has no provider on purpose, which app-wide validation rejects.
  const app = new App({ outdir, skipValidation: true, stackTraces: false });
  let module: ModuleStack;
  try {
    const deployable = new DeployableStack(app, config.name, { config });
    // CDKTF's default local backend path is absolute; a relative one (from the stack's working directory to the
    // current directory, where `cdktf` keeps state too) keeps the output byte-identical wherever it runs.
    const stackDir = path.resolve(outdir, 'stacks', config.name);
    new LocalBackend(deployable, { path: path.relative(stackDir, path.resolve(`terraform.${config.name}.tfstate`)) });
    module = new ModuleStack(app, `${config.name}${MODULE_STACK_SUFFIX}`, { spec: moduleSpec(config) });
    deployable.runAllValidations();
  } catch (err) {
    if (created) fs.rmSync(outdir, { recursive: true, force: true });
    throw err;
  }
  app.synth();
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    stacks: Record<string, { synthesizedStackPath: string }>;
  };
  const stacks: Record<string, string> = {};
  for (const [name, stack] of Object.entries(manifest.stacks)) stacks[name] = stack.synthesizedStackPath;
  // The module is for reuse: rewrite it without the local backend CDKTF added on synth. The `//` metadata stays,
  // since the cdktf CLI reads it from every stack in cdktf.out (`generate --format cdktf` writes the module without it).
  const modulePath = path.join(outdir, stacks[module.node.id]);
  const metadata = (JSON.parse(fs.readFileSync(modulePath, 'utf8')) as { '//'?: Json })['//'];
  const clean = moduleJson(module) as { [key: string]: Json };
  fs.writeFileSync(modulePath, formatJson(metadata === undefined ? clean : { '//': metadata, ...clean }));
  return { outdir, stacks };
}
