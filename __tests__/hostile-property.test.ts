/**
 * Property tests over hostile configs (fast-check, fixed seeds, bounded runs): every accepted config renders the same
 * values in task-definition.json, the HCL module and the CDKTF module (both planned by real terraform with the offline
 * AWS provider stand-in, in one run), and no CLI run on any input exits 3.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { resolveConfig } from '../src/config/defaults';
import { parseConfig } from '../src/config/load';
import type { ServiceConfig } from '../src/config/types';
import { UserError } from '../src/errors';
import { containerDefinitions, ddTags } from '../src/model/task-definition';
import { compareCodePoints } from '../src/model/order';
import { APP_CONFIG } from './support/configs';
import { describeWithTerraform } from './support/terraform';
import { removeTempDirs, repoPath, runCli, tempDir } from './helpers/cli';

afterAll(removeTempDirs);

/** Strings that have broken renderers: templates, escapes, quotes, bidi, separators, astral and decomposed text. */
const hostileText = fc.oneof(
  fc.constantFrom('', 'x', '${file("/etc/hostname")}', '%{ if true }x%{ endif }', '$${x}', '%%{', 'q"uote', 'back\\slash', '\\n', 'a\nb\tc'),
  fc.constantFrom('\u202Eevil', '\u2028', '\u2066iso\u2069', 'caf\u00e9', 'cafe\u0301', '\uFF21', '\u{1F600}', '\uFFFD', '\u0000x', '<!-- BEGIN_TF_DOCS -->', '*em* [l](u) `c`'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);
/** Tag keys whose order differs between UTF-16 and code point sorting, or that NFC merges. */
const tagKey = fc.oneof(
  fc.constantFrom('a', 'B', 'team', '\uFF21', '\uFF41', '\u{1F600}', '\u{10400}', '\uE000', '\u00e9', 'e\u0301', 'e\u0301x', 'k-1', 'K_1', '日本'),
  fc.constantFrom('क्षेत्र', '\u0301lead', '\u200Dzwj', 'x\uFE0F', '👍🏽', '🇯🇵', '\u0D4Ep', 'กำ'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }),
);

const hostileConfig: fc.Arbitrary<ServiceConfig> = fc
  .record({
    tags: fc.dictionary(tagKey, hostileText, { maxKeys: 5 }),
    ddTags: fc.dictionary(tagKey, hostileText, { maxKeys: 5 }),
    env: fc.dictionary(fc.constantFrom('A', 'B_2', 'LOG_LEVEL', 'z'), hostileText, { maxKeys: 3 }),
    command: fc.array(hostileText, { maxLength: 2 }),
  })
  .map((r) => ({
    ...APP_CONFIG,
    tags: r.tags,
    datadog: { ...APP_CONFIG.datadog, tags: r.ddTags },
    containers: [{ name: 'app', image: 'nginx:1.27', environment: r.env, command: r.command, writablePaths: ['/tmp'] }],
  }));

/** A config through the loader (as a JSON file is read), or undefined when refused with a UserError. */
function load(config: ServiceConfig): ServiceConfig | undefined {
  try {
    return parseConfig(JSON.stringify(config), 'c.json');
  } catch (err) {
    if (err instanceof UserError) return undefined;
    throw err;
  }
}

describe('item 9: one ordering everywhere', () => {
  test('DD_TAGS, tags, environment and secrets are in code point order, not UTF-16 order', () => {
    const tags = { '\u{1F600}': '1', '\uFF21': '2', a: '3', B: '4' };
    expect(ddTags(tags)).toBe('B:4 a:3 \uFF21:2 \u{1F600}:1');
    expect(['\u{1F600}', '\uFF21', '\uE000', '\uD7FF'].sort(compareCodePoints)).toEqual(['\uD7FF', '\uE000', '\uFF21', '\u{1F600}']);
  });

  test('problems on one line are in code point order of their paths, whatever the locale', () => {
    const json = JSON.stringify({ ...APP_CONFIG, tags: { b: 1, B: 2, '\u00e9': 3, '\u{1F600}': 4, '\uFF21': 5 } });
    let problems: readonly { path: string }[] = [];
    try {
      parseConfig(json, 'c.json');
    } catch (err) {
      problems = (err as UserError).problems;
    }
    expect(problems.map((p) => p.path)).toEqual(['tags.B', 'tags.b', 'tags["\u00e9"]', 'tags["\uFF21"]', 'tags["\u{1F600}"]']);
  });
});

describeWithTerraform('every accepted config renders the same values in all outputs (terraform plan)', () => {
  const SEED = 20261202;
  // and one that must be refused: two keys that NFC makes one
  const samples = [...fc.sample(hostileConfig, { seed: SEED, numRuns: 40 }), { ...APP_CONFIG, tags: { 'e\u0301': 'a', '\u00e9': 'b' } }];
  const accepted = samples.map(load).filter((c): c is ServiceConfig => c !== undefined).slice(0, 10);

  test('the sample is varied: some accepted, some refused', () => {
    expect(accepted.length).toBeGreaterThanOrEqual(6);
    expect(samples.length - samples.map(load).filter(Boolean).length).toBeGreaterThan(0);
  });

  test(
    'task-definition.json, the HCL module and the CDKTF module, planned in one run',
    async () => {
      const root = tempDir('edr-prop-');
      const calls: string[] = [];
      const expected: Record<string, { containers: unknown; tags: unknown }> = {};
      for (const [i, config] of accepted.entries()) {
        const file = path.join(root, `c${i}.json`);
        fs.writeFileSync(file, JSON.stringify(config));
        for (const format of ['taskdef', 'hcl', 'cdktf']) {
          const run = await runCli(['generate', '--config', file, '--format', format, '--out', path.join(root, `${format}${i}`)]);
          expect(run.code).toBe(0);
        }
        const taskdef = JSON.parse(fs.readFileSync(path.join(root, `taskdef${i}`, 'task-definition.json'), 'utf8'));
        const resolved = resolveConfig(config);
        expect(taskdef.containerDefinitions).toEqual(containerDefinitions(resolved));
        expected[`hcl${i}`] = expected[`cdktf${i}`] = { containers: taskdef.containerDefinitions, tags: resolved.tags };
        // both modules called with the inputs of the generated example, as a user copies it
        const example = fs.readFileSync(path.join(root, `hcl${i}`, 'examples', 'with-application', 'main.tf'), 'utf8');
        const call = example.slice(example.indexOf('\nmodule "') + 1);
        for (const kind of ['hcl', 'cdktf']) {
          calls.push(call.replace(/^module "[^"]+"/, `module "${kind}${i}"`).replace('source = "../.."', `source = "./${kind}${i}"`));
        }
        for (const format of ['taskdef', 'hcl', 'cdktf']) fs.rmSync(path.join(root, format === 'taskdef' ? `taskdef${i}` : `${format}${i}`, '.ecs-datadog-readonly'), { force: true });
      }
      // the generated HCL (module, examples) is canonical for terraform fmt, whatever the keys
      const fmt = spawnSync('terraform', ['fmt', '-check', '-recursive', '-list=true', root], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
      expect({ status: fmt.status, unformatted: fmt.stdout }).toEqual({ status: 0, unformatted: '' });
      for (const i of accepted.keys()) fs.rmSync(path.join(root, `hcl${i}`, 'examples'), { recursive: true, force: true });
      const providers = 'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}\n\nprovider "aws" {\n  region = "eu-west-1"\n}\n';
      fs.writeFileSync(path.join(root, 'main.tf'), [providers, ...calls].join('\n'));
      const plan = path.join(root, 'plan.json');
      const schema = path.join(root, 'schema.json');
      const stub = repoPath('__tests__', 'support', 'tf-stub-provider');
      spawnSync('node', [path.join(stub, 'extract_schema.js'), '--out', schema], { cwd: repoPath(), encoding: 'utf8' });
      const run = spawnSync('bash', [path.join(stub, 'tf-stub.sh'), '-p', '-j', plan, root], {
        cwd: repoPath(),
        encoding: 'utf8',
        env: { ...process.env, STUB_SCHEMA: schema },
      });
      expect(run.stdout).toContain('validate: valid');
      expect(run.status).toBe(0);
      const changes = (JSON.parse(fs.readFileSync(plan, 'utf8')) as { resource_changes: { address: string; change: { after: Record<string, unknown> } }[] }).resource_changes;
      for (const [name, want] of Object.entries(expected)) {
        const td = changes.find((c) => c.address === `module.${name}.aws_ecs_task_definition.this`);
        expect({ name, found: td !== undefined }).toEqual({ name, found: true });
        const after = (td as { change: { after: Record<string, unknown> } }).change.after;
        expect({ name, containers: JSON.parse(after.container_definitions as string) }).toEqual({ name, containers: want.containers });
        expect({ name, tags: after.tags ?? {} }).toEqual({ name, tags: want.tags });
      }
    },
    300_000,
  );
});

describe('no CLI run exits 3 (property, fixed seed)', () => {
  const bytes = fc.oneof(
    hostileConfig.map((c) => Buffer.from(JSON.stringify(c))),
    hostileConfig.map((c) => Buffer.from(JSON.stringify(c).normalize('NFD'))),
    fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    fc.constantFrom('name: [\n', 'a: &x 1\nb: *y\n', '\t- x', 'name: !!binary AAAA', '---\na: 1\n---\nb: 2', '{"a":1,"a":2}', '"\\ud800"', '[1e400]', 'x'.repeat(300)).map((s) => Buffer.from(s)),
    fc.string({ unit: 'binary', maxLength: 40 }).map((s) => Buffer.from(s, 'utf16le')),
  );

  test('validate, generate, check and fix on random input files', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom('taskdef', 'hcl', 'cdktf', 'all'), async (content, format) => {
        const file = path.join(dir, `in${n++}.yaml`);
        fs.writeFileSync(file, content);
        for (const argv of [['validate', '--config', file], ['generate', '--config', file, '--format', format, '--out', path.join(dir, `out${n}`)], ['check', file], ['fix', file]]) {
          const run = await runCli(argv);
          expect({ argv, code: run.code, stderr: run.stderr.slice(0, 300) }).toEqual({ argv, code: [0, 1].includes(run.code) ? run.code : 2, stderr: run.stderr.slice(0, 300) });
          expect(run.stderr).not.toContain('internal error');
        }
      }),
      { numRuns: 60, seed: 77, interruptAfterTimeLimit: 60_000 },
    );
  }, 120_000);
});
