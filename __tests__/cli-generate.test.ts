import * as fs from 'fs';
import * as path from 'path';
import { FORMAT_DIRECTORIES_IN_ALL, FORMATS } from '../src/render/formats';
import { MARKER_FILE, writeOutputDirectory, type OutputFs } from '../src/output';
import { UserError } from '../src/errors';
import { hashTree, listDir, removeTempDirs, repoPath, runCli, tempDir } from './helpers/cli';

const WITH_APP = repoPath('examples', 'with-application.yaml');
afterEach(() => jest.restoreAllMocks());
afterAll(removeTempDirs);

describe('generate', () => {
  test('writes the task definition and the marker; two runs give identical bytes', async () => {
    const work = tempDir();
    const a = await runCli(['generate', '--config', WITH_APP, '--out', path.join(work, 'a')]);
    const b = await runCli(['generate', '--config', WITH_APP, '--out', path.join(work, 'b')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr).toBe('');
    expect(listDir(path.join(work, 'a'))).toEqual([MARKER_FILE, 'task-definition.json'].sort());
    expect(hashTree(path.join(work, 'a'))).toBe(hashTree(path.join(work, 'b')));
    const td = JSON.parse(fs.readFileSync(path.join(work, 'a', 'task-definition.json'), 'utf8'));
    expect(td.family).toBe('web-api');
    // regenerating in place changes nothing
    const before = hashTree(path.join(work, 'a'));
    expect((await runCli(['generate', '--config', WITH_APP, '--out', path.join(work, 'a')])).code).toBe(0);
    expect(hashTree(path.join(work, 'a'))).toBe(before);
  });

  test('--format all puts the task definition at the top and every other format in its directory', async () => {
    const out = path.join(tempDir(), 'all');
    const run = await runCli(['generate', '--format', 'all', '--out', out, '--json']);
    expect(run.code).toBe(0);
    const files = (JSON.parse(run.stdout) as { files: string[] }).files;
    expect(files).toContain('task-definition.json');
    for (const name of Object.keys(FORMATS).filter((f) => f !== 'taskdef')) {
      const dir = FORMAT_DIRECTORIES_IN_ALL[name];
      expect(dir).toBeDefined();
      expect(files.some((f) => f.startsWith(`${dir}/`))).toBe(true);
    }
    expect(files.filter((f) => !f.includes('/'))).toEqual(['task-definition.json']);
    // a second run, into another directory, gives the same bytes
    const again = path.join(path.dirname(out), 'again');
    expect((await runCli(['generate', '--format', 'all', '--out', again])).code).toBe(0);
    expect(hashTree(again)).toBe(hashTree(out));
  });

  test('--json prints the written files', async () => {
    const out = path.join(tempDir(), 'json');
    const run = await runCli(['generate', '--out', out, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ command: 'generate', format: 'taskdef', out, files: ['task-definition.json'], replaced: false });
  });
});

describe('generate --check', () => {
  test('exit 0 when up to date, 1 with drift, listing changed, missing and extra files; writes nothing', async () => {
    const out = path.join(tempDir(), 'out');
    expect((await runCli(['generate', '--config', WITH_APP, '--out', out])).code).toBe(0);
    const ok = await runCli(['generate', '--config', WITH_APP, '--out', out, '--check']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('up to date');

    fs.appendFileSync(path.join(out, 'task-definition.json'), ' ');
    fs.writeFileSync(path.join(out, 'stale.txt'), 'x');
    const before = hashTree(out);
    const drift = await runCli(['generate', '--config', WITH_APP, '--out', out, '--check']);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toMatch(/changed\s+task-definition\.json/);
    expect(drift.stdout).toMatch(/extra\s+stale\.txt/);
    expect(hashTree(out)).toBe(before);

    const json = await runCli(['generate', '--config', WITH_APP, '--out', out, '--check', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      upToDate: false,
      differences: [
        { path: 'stale.txt', kind: 'extra' },
        { path: 'task-definition.json', kind: 'changed' },
      ],
    });
  });

  test('a link where a file belongs is drift, and is not followed', async () => {
    const work = tempDir();
    const out = path.join(work, 'out');
    await runCli(['generate', '--out', out]);
    const td = path.join(out, 'task-definition.json');
    fs.renameSync(td, path.join(work, 'elsewhere.json'));
    fs.symlinkSync(path.join(work, 'elsewhere.json'), td);
    fs.symlinkSync(work, path.join(out, 'dir-link'));
    const run = await runCli(['generate', '--out', out, '--check', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).differences).toEqual([
      { path: 'dir-link', kind: 'extra' },
      { path: 'task-definition.json', kind: 'changed' },
    ]);
  });

  test('a missing directory is drift: every file is missing', async () => {
    const out = path.join(tempDir(), 'none');
    const run = await runCli(['generate', '--out', out, '--check', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).differences).toEqual([{ path: 'task-definition.json', kind: 'missing' }]);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('a different config is drift', async () => {
    const out = path.join(tempDir(), 'out');
    await runCli(['generate', '--out', out]);
    expect((await runCli(['generate', '--config', WITH_APP, '--out', out, '--check'])).code).toBe(1);
  });
});

describe('the marker and --force', () => {
  test('a non-empty directory without the marker is refused (exit 2, untouched), replaced with --force', async () => {
    const out = path.join(tempDir(), 'mine');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'notes.md'), 'mine');
    const before = hashTree(out);
    const refused = await runCli(['generate', '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`no ${MARKER_FILE} file`);
    expect(refused.stderr).toContain('--force');
    expect(hashTree(out)).toBe(before);

    const forced = await runCli(['generate', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(listDir(out)).toEqual([MARKER_FILE, 'task-definition.json'].sort());
  });

  test('an empty directory is used; a marked directory is replaced, stale files removed', async () => {
    const out = path.join(tempDir(), 'empty');
    fs.mkdirSync(out, { mode: 0o750 });
    expect((await runCli(['generate', '--out', out])).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o750); // the directory keeps its mode
    fs.writeFileSync(path.join(out, 'stale.json'), '{}');
    expect((await runCli(['generate', '--out', out])).code).toBe(0);
    expect(listDir(out)).toEqual([MARKER_FILE, 'task-definition.json'].sort());
  });

  test('refused even with --force: the working directory, a parent of it, a git checkout, a file, a symlink', async () => {
    const work = tempDir();
    const cwd = path.join(work, 'repo', 'sub');
    fs.mkdirSync(cwd, { recursive: true });
    jest.spyOn(process, 'cwd').mockReturnValue(cwd);
    for (const out of [cwd, path.join(work, 'repo')]) {
      const run = await runCli(['generate', '--out', out, '--force']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('is the current directory or one of its parents');
    }
    const git = path.join(work, 'git');
    fs.mkdirSync(path.join(git, '.git'), { recursive: true });
    expect((await runCli(['generate', '--out', git, '--force'])).stderr).toContain('holds a .git directory');
    const file = path.join(work, 'file');
    fs.writeFileSync(file, 'x');
    expect((await runCli(['generate', '--out', file])).stderr).toContain('is not a directory');
    const link = path.join(work, 'link');
    fs.symlinkSync(git, link);
    expect((await runCli(['generate', '--out', link, '--force'])).stderr).toContain('is a symbolic link');
    expect(hashTree(git)).toBe('d 755 .git'.replace('755', (fs.statSync(path.join(git, '.git')).mode & 0o7777).toString(8)));
  });
});

describe('atomic writes', () => {
  /** node's fs, except that the given call fails once, after `after` successful calls (or every time from then on). */
  function failingFs(call: keyof OutputFs, after: number, always = false): OutputFs {
    let n = 0;
    const real = fs as unknown as OutputFs;
    return new Proxy(real, {
      get(target, prop: keyof OutputFs) {
        const fn = target[prop] as (...args: unknown[]) => unknown;
        if (prop !== call) return fn.bind(target);
        return (...args: unknown[]) => {
          const i = n++;
          if (i === after || (always && i > after)) throw Object.assign(new Error(`injected ${call} failure`), { code: 'EIO' });
          return fn.apply(target, args);
        };
      },
    });
  }

  async function previousOutput(): Promise<{ work: string; out: string; before: string }> {
    const work = tempDir();
    const out = path.join(work, 'out');
    expect((await runCli(['generate', '--out', out])).code).toBe(0);
    return { work, out, before: hashTree(out) };
  }

  const files = { 'a.json': '{}\n', 'nested/b.tf': 'x\n', 'nested/deeper/c.tf': 'y\n' };

  test.each([
    ['writeFileSync', 0],
    ['writeFileSync', 2],
    ['mkdirSync', 2],
    ['renameSync', 0],
    ['renameSync', 1],
  ] as const)('a failure of %s after %i calls leaves the previous output intact and no temporary directory', async (call, after) => {
    const { work, out, before } = await previousOutput();
    expect(() => writeOutputDirectory(out, files, { fs: failingFs(call, after) })).toThrow(UserError);
    expect(hashTree(out)).toBe(before);
    expect(listDir(work)).toEqual(['out']);
  });

  test('when the previous output cannot be moved back, the error says where it is', async () => {
    const { work, out, before } = await previousOutput();
    expect(() => writeOutputDirectory(out, files, { fs: failingFs('renameSync', 1, true) })).toThrow(/could not be moved back; it is in .*\.out\.old-/);
    const moved = listDir(work).find((f) => f.startsWith('.out.old-'));
    expect(hashTree(path.join(work, moved as string))).toBe(before);
    expect(listDir(work).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  test('a failure on a first write leaves no output directory at all, nor the parents it created', () => {
    const work = tempDir();
    const out = path.join(work, 'new', 'deeper', 'out');
    expect(() => writeOutputDirectory(out, files, { fs: failingFs('writeFileSync', 1) })).toThrow(/writing failed \(EIO/);
    expect(listDir(work)).toEqual([]);
  });

  test('a renderer that fails mid-render leaves the previous output intact (internal error, exit 3)', async () => {
    const { work, out, before } = await previousOutput();
    jest.spyOn(FORMATS.taskdef, 'render').mockRejectedValue(new Error('renderer exploded'));
    const run = await runCli(['generate', '--config', WITH_APP, '--out', out]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('renderer exploded');
    expect(hashTree(out)).toBe(before);
    expect(listDir(work)).toEqual(['out']);
  });

  test.each(['../escape.txt', '/etc/passwd', 'a/../../b', 'a//b', './a', 'a\\b', ''])('a renderer path %p is refused before anything is written', async (bad) => {
    const { work, out, before } = await previousOutput();
    jest.spyOn(FORMATS.taskdef, 'render').mockResolvedValue({ 'ok.json': '{}', [bad]: 'x' });
    const run = await runCli(['generate', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a renderer produced the file path');
    expect(hashTree(out)).toBe(before);
    expect(listDir(work)).toEqual(['out']);
  });

  test('a file that is also a directory is refused', () => {
    expect(() => writeOutputDirectory(path.join(tempDir(), 'o'), { a: 'x', 'a/b': 'y' })).toThrow(/is inside "a", which is also a file/);
  });
});

describe('usage', () => {
  test.each([
    [['generate'], "required option '--out <dir>' not specified"],
    [['generate', '--out', 'x', '--format', 'yaml'], "argument 'yaml' is invalid. Allowed choices are"],
    [['generate', '--out', 'x', '--bogus'], "unknown option '--bogus'"],
    [['genrate'], "unknown command 'genrate'"],
    [['validate'], "required option '--config <file>' not specified"],
    [[], 'Usage: ecs-datadog-readonly'],
  ])('%j exits 2 without a stack trace', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  test('usage errors with --json also print a JSON error', async () => {
    const run = await runCli(['generate', '--json']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).error.message).toContain('--out');
  });

  test('--help of the program and of every command exits 0 on stdout', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('Exit codes: 0 success, 1 findings or drift, 2 bad usage or bad input');
    const commands = [...top.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['generate', 'schema', 'validate']));
    for (const c of commands) {
      const run = await runCli([c, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: ecs-datadog-readonly ${c}`);
    }
  });

  test('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8')).version);
  });

  test('validate: 0 and "valid" for a good config', async () => {
    const run = await runCli(['validate', '--config', WITH_APP, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ command: 'validate', config: WITH_APP, valid: true, region: 'ap-northeast-1', regionFrom: 'region' });
  });

  test('validate says where the region comes from when the config names none', async () => {
    const run = await runCli(['validate', '--config', 'examples/datadog-logs.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('examples/datadog-logs.yaml: valid (region eu-central-1, taken from datadog.apiKeySecretArn)\n');
  });
});

test('the format names the command line lists are the registered formats, in registry order', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FORMATS } = require('../src/render/formats') as typeof import('../src/render/formats');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FORMAT_NAMES, formatChoices } = require('../src/render/format-names') as typeof import('../src/render/format-names');
  expect(Object.keys(FORMATS)).toEqual([...FORMAT_NAMES]);
  expect(formatChoices()).toEqual([...FORMAT_NAMES, 'all']);
});
