/**
 * The compiled CLI as users run it: a real `node lib/src/cli/index.js` process. It is built once into a temporary
 * directory (so a concurrent build of lib/ cannot interfere). A tracer loaded with `--require` lists the modules each
 * process loaded: commands that need no CDKTF must not load cdktf, constructs or @cdktf/provider-aws.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { removeTempDirs, repoPath, tempDir } from './helpers/cli';

const TRACER = path.join(__dirname, 'helpers', 'module-tracer.js');
const HEAVY = /[\\/]node_modules[\\/](cdktf|constructs|@cdktf[\\/]provider-aws)[\\/]/;
const EXAMPLE = repoPath('examples', 'with-application.yaml');

let build: string;
let cli: string;
let work: string;
const timings: [string, number][] = [];

beforeAll(() => {
  build = tempDir('edr-build-');
  const tsc = require.resolve('typescript/bin/tsc');
  spawnSync(process.execPath, [tsc, '-p', repoPath('tsconfig.json'), '--outDir', path.join(build, 'lib')], { encoding: 'utf8' });
  cli = path.join(build, 'lib', 'src', 'cli', 'index.js');
  expect(fs.existsSync(cli)).toBe(true);
  fs.symlinkSync(repoPath('node_modules'), path.join(build, 'node_modules'));
  // the rest of `npm run build`: the config validator as standalone code
  const compiled = spawnSync(process.execPath, [path.join(build, 'lib', 'scripts', 'compile-config-validator.js')], { encoding: 'utf8' });
  expect(compiled.stderr).toBe('');
  expect(compiled.status).toBe(0);
  for (const shipped of ['package.json', 'templates', 'schema']) {
    if (fs.existsSync(repoPath(shipped))) fs.symlinkSync(repoPath(shipped), path.join(build, shipped));
  }
  work = tempDir('edr-proc-');
}, 180000);

afterAll(() => {
  if (timings.length > 0) console.info(`whole-process times:\n${timings.map(([n, ms]) => `  ${ms.toFixed(0).padStart(6)} ms  ${n}`).join('\n')}`);
  removeTempDirs();
});

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly modules: string[];
}

function run(args: readonly string[], label = args.join(' ')): Run {
  const trace = path.join(work, `trace-${timings.length}.txt`);
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', TRACER, cli, ...args], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, MODULE_TRACE_FILE: trace, NODE_OPTIONS: '' },
  });
  timings.push([label, Number(process.hrtime.bigint() - start) / 1e6]);
  const modules = fs.existsSync(trace) ? fs.readFileSync(trace, 'utf8').split('\n') : [];
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules };
}

const heavy = (r: Run) => r.modules.filter((m) => HEAVY.test(m));

function commands(): string[] {
  const help = run(['--help'], '--help');
  return [...help.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
}

function formats(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return Object.keys(require(path.join(build, 'lib', 'src', 'render', 'formats.js')).FORMATS as object);
}

describe('commands that need no CDKTF do not load it', () => {
  test('the tracer sees cdktf when it is loaded (control)', () => {
    const trace = path.join(work, 'control.txt');
    spawnSync(process.execPath, ['--require', TRACER, '-e', "require('cdktf')"], { cwd: build, env: { ...process.env, MODULE_TRACE_FILE: trace } });
    expect(fs.readFileSync(trace, 'utf8').split('\n').filter((m) => HEAVY.test(m)).length).toBeGreaterThan(0);
  });

  test.each([
    [['--version']],
    [['schema']],
    [['validate', '--config', EXAMPLE]],
    [['generate', '--config', EXAMPLE, '--format', 'taskdef', '--out', 'taskdef']],
  ])('%j', (args) => {
    const r = run(args);
    expect(r.code).toBe(0);
    expect(r.modules.length).toBeGreaterThan(10);
    expect(heavy(r)).toEqual([]);
  });

  test('a command that reads a config runs the built validator and does not load ajv\'s schema compiler', () => {
    const r = run(['validate', '--config', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.modules.some((m) => m.endsWith(path.join('config', 'config-validator.compiled.js')))).toBe(true);
    expect(r.modules.filter((m) => /[\\/]ajv[\\/]dist[\\/](core|compile[\\/]index)\.js$/.test(m))).toEqual([]);
  });

  test('each command loads its own library only: check no config loader, YAML or renderer, generate no rule', () => {
    const loaded = (r: Run, part: string) => r.modules.some((m) => m.includes(part.split('/').join(path.sep)));
    const check = run(['check', path.join(build, '..', 'missing.json')], 'check (no input)');
    expect(check.code).toBe(2);
    for (const part of ['lib/src/config/load.js', 'node_modules/yaml/', 'lib/src/render/taskdef.js', 'lib/src/compliance/fix/']) expect([part, loaded(check, part)]).toEqual([part, false]);
    expect(loaded(check, 'lib/src/compliance/rules/table.js')).toBe(true);
    const generate = run(['generate', '--config', EXAMPLE, '--format', 'taskdef', '--out', 'lazy-taskdef'], 'generate (lazy)');
    expect(generate.code).toBe(0);
    for (const part of ['lib/src/compliance/rules/', 'lib/src/compliance/fix/', 'lib/src/render/hcl/']) expect([part, loaded(generate, part)]).toEqual([part, false]);
  });

  test('a valid JSON config is read without the YAML parser; a YAML one with it', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = (require('yaml') as typeof import('yaml')).parse(fs.readFileSync(EXAMPLE, 'utf8')) as unknown;
    const json = path.join(work, 'config.json');
    fs.writeFileSync(json, JSON.stringify(config, null, 2));
    const yamlLoaded = (r: Run) => r.modules.some((m) => /[\\/]node_modules[\\/]yaml[\\/]/.test(m));
    const fromJson = run(['validate', '--config', json], 'validate (JSON config)');
    expect(fromJson.code).toBe(0);
    expect(yamlLoaded(fromJson)).toBe(false);
    const fromYaml = run(['validate', '--config', EXAMPLE], 'validate (YAML config)');
    expect(fromYaml.code).toBe(0);
    expect(yamlLoaded(fromYaml)).toBe(true);
  });

  test('every format but cdktf, generated and checked', () => {
    for (const format of formats().filter((f) => f !== 'cdktf')) {
      const out = `fmt-${format}`;
      const r = run(['generate', '--config', EXAMPLE, '--format', format, '--out', out], `generate --format ${format}`);
      expect(r.code).toBe(0);
      expect(heavy(r)).toEqual([]);
      const c = run(['generate', '--config', EXAMPLE, '--format', format, '--out', out, '--check'], `generate --format ${format} --check`);
      expect(c.code).toBe(0);
      expect(heavy(c)).toEqual([]);
    }
  });

  test('--help of every command; check and fix on a generated task definition', () => {
    const names = commands();
    expect(names).toEqual(expect.arrayContaining(['generate', 'schema', 'validate']));
    for (const name of names) {
      const r = run([name, '--help'], `${name} --help`);
      expect(r.code).toBe(0);
      expect(heavy(r)).toEqual([]);
    }
    const td = path.join(work, 'taskdef', 'task-definition.json');
    expect(run(['generate', '--config', EXAMPLE, '--out', 'taskdef']).code).toBe(0);
    for (const name of names.filter((n) => n === 'check' || n === 'fix')) {
      const r = run([name, td], `${name} task-definition.json`);
      expect([0, 1]).toContain(r.code);
      expect(heavy(r)).toEqual([]);
    }
  });

  test('generate --format all does load cdktf: the heavy format is loaded lazily, when asked for', () => {
    expect(formats()).toContain('cdktf');
    const r = run(['generate', '--format', 'all', '--out', 'all'], 'generate --format all');
    expect(r.code).toBe(0);
    expect(heavy(r).length).toBeGreaterThan(0);
  });
});

describe('exit codes and streams of the real process', () => {
  test('check - reads a task definition (or a plan) from standard input', () => {
    const input = fs.readFileSync(repoPath('dist', 'task-definition.json'));
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '-'], { cwd: work, input, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.subjects.map((s: { source: string; kind: string }) => [s.source, s.kind])).toEqual([['<stdin>', 'task-definition']]);
    const plan = fs.readFileSync(repoPath('__tests__', 'fixtures', 'plan', 'minimal.plan.json'));
    const p = spawnSync(process.execPath, [cli, 'check', '-'], { cwd: work, input: plan, encoding: 'utf8' });
    expect(p.stdout).toContain('<stdin>: module.ecs_datadog_readonly.aws_ecs_task_definition.this (terraform-plan)');
    expect(p.status).toBe(0);
    const bad = spawnSync(process.execPath, [cli, 'check', '-'], { cwd: work, input: '{"hello": 1}', encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('<stdin>: not a task definition');
  });

  test('bad config: 2, the problem on stderr, nothing on stdout, no stack trace', () => {
    const bad = repoPath('__tests__', 'fixtures', 'bad-configs', 'port-too-large.yaml');
    const r = run(['generate', '--config', bad, '--out', 'bad']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('containers[0].port: must be an integer 1..65535, got 70000');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(fs.existsSync(path.join(work, 'bad'))).toBe(false);
  });

  test('usage error: 2; drift: 1; up to date: 0', () => {
    expect(run(['generate', '--nope']).code).toBe(2);
    expect(run(['generate', '--out', 'drift']).code).toBe(0);
    expect(run(['generate', '--out', 'drift', '--check']).code).toBe(0);
    fs.appendFileSync(path.join(work, 'drift', 'task-definition.json'), '\n');
    const drift = run(['generate', '--out', 'drift', '--check']);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('task-definition.json');
  });
});

test('a reader that closes the pipe early (| head) ends the process quietly, without an EPIPE stack trace', async () => {
  const { spawn } = await import('child_process');
  for (const args of [['--help'], ['schema']]) {
    const child = spawn(process.execPath, [cli, ...args], { cwd: work });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).not.toMatch(/EPIPE|Error/);
    expect(code).toBe(0);
  }
});
