import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { resolveConfig } from '../src/config/defaults';
import { UserError } from '../src/errors';
import { registerSynth } from '../src/cli/commands/synth';
import { CliIo } from '../src/cli/output';
import { renderCdktfModule } from '../src/render/cdktf';
import { synthCdktfApp } from '../src/render/cdktf-app';
import { APP_CONFIG as MODULE_CONFIG } from './support/configs';

/** The deployable stack needs subnets. */
const APP_CONFIG = { ...MODULE_CONFIG, network: { ...MODULE_CONFIG.network, subnetIds: ['subnet-0a1b2c3d4e5f60718'] } };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const dirs: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdktf-synth-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function runSynth(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io = new CliIo((t) => void (out += t), (t) => void (err += t));
  const program = new Command().exitOverride();
  registerSynth(program, io);
  try {
    await program.parseAsync(['synth', ...args], { from: 'user' });
    return { code: 0, out, err };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { code: e.exitCode, out, err: err + e.describe() };
  }
}

const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Json;

describe('synth', () => {
  test('writes the deployable stack and the module stack, as cdktf synth lays them out', async () => {
    const configFile = join(temp(), 'service.json');
    writeFileSync(configFile, JSON.stringify(APP_CONFIG));
    const out = join(temp(), 'cdktf.out');
    const result = await runSynth(['--config', configFile, '--out', out]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`orders: ${join(out, 'stacks/orders/cdk.tf.json')}`);

    const manifest = read(join(out, 'manifest.json'));
    expect(Object.keys(manifest.stacks).sort()).toEqual(['orders', 'orders-module']);

    const deployable = read(join(out, 'stacks/orders/cdk.tf.json'));
    expect(deployable.provider.aws[0].region).toBe('eu-west-1');
    expect(deployable.provider.aws[0].default_tags).toEqual([{ tags: APP_CONFIG.tags }]);
    expect(Object.keys(deployable.resource.aws_ecs_task_definition)).toHaveLength(1);
    // A relative state path keeps the output the same in every checkout.
    expect(deployable.terraform.backend.local.path).toMatch(/^(\.\.\/)+.*terraform\.orders\.tfstate$/);

    const moduleText = readFileSync(join(out, 'stacks/orders-module/cdk.tf.json'), 'utf8');
    const module = JSON.parse(moduleText) as Json;
    expect(module.provider).toBeUndefined();
    expect(module.terraform.backend).toBeUndefined();
    // The cdktf CLI reads every stack's `//` metadata; apart from it, the stack is the module `generate` writes.
    expect(module['//'].metadata).toBeDefined();
    const { '//': _metadata, ...withoutMetadata } = module;
    expect(withoutMetadata).toEqual(JSON.parse(renderCdktfModule(resolveConfig(APP_CONFIG))['main.tf.json']));
  });

  test('is byte-identical on a second run', () => {
    const config = resolveConfig(APP_CONFIG);
    const [a, b] = [temp(), temp()];
    const first = synthCdktfApp(config, a);
    synthCdktfApp(config, b);
    for (const file of [...Object.values(first.stacks), 'manifest.json']) {
      expect(readFileSync(join(b, file), 'utf8')).toBe(readFileSync(join(a, file), 'utf8'));
    }
  });

  test('a bad config writes nothing and names the problem', async () => {
    const out = join(temp(), 'cdktf.out');
    const configFile = join(temp(), 'bad.json');
    writeFileSync(configFile, JSON.stringify({ ...APP_CONFIG, cpu: 1024, memory: 512 }));
    const result = await runSynth(['--config', configFile, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/memory/);
    expect(existsSync(out)).toBe(false);
  });

  test('a config without subnets writes nothing and names network.subnetIds', async () => {
    const out = join(temp(), 'cdktf.out');
    const configFile = join(temp(), 'no-subnets.json');
    writeFileSync(configFile, JSON.stringify(MODULE_CONFIG));
    const result = await runSynth(['--config', configFile, '--out', out]);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/network\.subnetIds: is empty/);
    expect(existsSync(out)).toBe(false);
  });
});
