/**
 * generate against hostile file system states: the config inside the output, leftovers of a killed run, read-only
 * and full disks, a 0555 output. Each ends with exit 0 or exit 2 and a message, never exit 3, and no output is lost.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../src/errors';
import { MARKER_FILE, writeOutputDirectory, type OutputFs } from '../src/output';
import { hashTree, listDir, removeTempDirs, repoPath, runCli, tempDir } from './helpers/cli';

afterEach(() => {
  removeTempDirs();
  jest.restoreAllMocks();
});

const BASIC = repoPath('examples', 'basic.yaml');
/** A process id no process has (above Linux's pid_max). */
const DEAD_PID = 4194400;

async function generated(): Promise<{ work: string; out: string; before: string }> {
  const work = tempDir();
  const out = path.join(work, 'out');
  expect((await runCli(['generate', '--out', out])).code).toBe(0);
  return { work, out, before: hashTree(out) };
}

/** node's fs where the calls `fail` picks throw an errno error. */
function failing(fail: (call: string, args: unknown[]) => string | undefined): OutputFs {
  const real = fs as unknown as OutputFs;
  return new Proxy(real, {
    get(target, prop: string) {
      const fn = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop];
      return (...args: unknown[]) => {
        const code = fail(prop, args);
        if (code) throw Object.assign(new Error(`${code}: injected, ${prop} '${String(args[0])}'`), { code, syscall: prop, path: String(args[0]) });
        return fn.apply(target, args);
      };
    },
  });
}

describe('item 7: the config being read is never inside a replaced directory', () => {
  test('a config inside an earlier output is refused, even with --force, and stays', async () => {
    const { out } = await generated();
    const config = path.join(out, 'service.yaml');
    fs.copyFileSync(BASIC, config);
    const before = hashTree(out);
    for (const extra of [[], ['--force']]) {
      const run = await runCli(['generate', '--config', config, '--out', out, ...extra]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`holds ${config}, which this run reads`);
      expect(hashTree(out)).toBe(before);
    }
  });

  test('also through a symbolic link to the config and in a subfolder', async () => {
    const { work, out } = await generated();
    fs.mkdirSync(path.join(out, 'deep'));
    fs.copyFileSync(BASIC, path.join(out, 'deep', 'c.yaml'));
    fs.symlinkSync(path.join(out, 'deep', 'c.yaml'), path.join(work, 'link.yaml'));
    const run = await runCli(['generate', '--config', path.join(work, 'link.yaml'), '--out', out]);
    expect(run.code).toBe(2);
    expect(fs.existsSync(path.join(out, 'deep', 'c.yaml'))).toBe(true);
  });

  test('a config beside the output is fine', async () => {
    const { work, out } = await generated();
    fs.copyFileSync(BASIC, path.join(work, 'out.yaml'));
    expect((await runCli(['generate', '--config', path.join(work, 'out.yaml'), '--out', out])).code).toBe(0);
  });
});

describe('item 8: leftovers of a killed run', () => {
  test('a kill between the two renames: the previous output is moved back, then replaced as usual', async () => {
    const { work, out, before } = await generated();
    // the state a kill between rename(out, old) and rename(tmp, out) leaves
    fs.renameSync(out, path.join(work, `.out.old-${DEAD_PID}-0a0b0c0d`));
    fs.mkdirSync(path.join(work, `.out.tmp-${DEAD_PID}-01020304`));
    fs.writeFileSync(path.join(work, `.out.tmp-${DEAD_PID}-01020304`, 'half.json'), '{');
    const check = await runCli(['generate', '--out', out, '--check']);
    expect(check.code).toBe(1); // --check changes nothing
    const run = await runCli(['generate', '--out', out]);
    expect(run.code).toBe(0);
    expect(listDir(work)).toEqual(['out']);
    expect(hashTree(out)).toBe(before);
  });

  test('a kill after the second rename: the stale copy and temporary directory are removed', async () => {
    const { work, out } = await generated();
    fs.cpSync(out, path.join(work, `.out.old-${DEAD_PID}-aa`), { recursive: true });
    fs.mkdirSync(path.join(work, `.out.tmp-${process.pid}-bb`));
    expect((await runCli(['generate', '--out', out])).code).toBe(0);
    expect(listDir(work)).toEqual(['out']);
  });

  test('the previous output survives when its move back fails: exit 2 names where it is', async () => {
    const { work, out, before } = await generated();
    const old = path.join(work, `.out.old-${DEAD_PID}-cc`);
    fs.renameSync(out, old);
    const injected = failing((call, args) => (call === 'renameSync' && args[0] === old ? 'EIO' : undefined));
    expect(() => writeOutputDirectory(out, { 'a.json': '{}' }, { fs: injected })).toThrow(/interrupted .* that content is in .*\.out\.old-/);
    expect(hashTree(old)).toBe(before);
  });

  test('directories of a run that is still going, and other names, are left alone', async () => {
    const { work, out } = await generated();
    const child = execFileSync('sh', ['-c', 'sleep 30 >/dev/null 2>&1 & echo $!']).toString().trim();
    try {
      fs.mkdirSync(path.join(work, `.out.tmp-${child}-dd`));
      fs.mkdirSync(path.join(work, '.out.tmp-notes'));
      fs.mkdirSync(path.join(work, '.other.tmp-1-ee'));
      expect((await runCli(['generate', '--out', out])).code).toBe(0);
      expect(listDir(work)).toEqual(['.other.tmp-1-ee', `.out.tmp-${child}-dd`, '.out.tmp-notes', 'out']);
    } finally {
      process.kill(Number(child));
    }
  });
});

describe('item 13 and 16: file system failures are exit 2 with the cause in words', () => {
  test.each([
    ['EROFS', 'mkdirSync', 'the file system is read-only'],
    ['ENOSPC', 'writeFileSync', 'no space left on the device'],
    ['EDQUOT', 'writeFileSync', 'the disk quota is exceeded'],
    ['EACCES', 'mkdirSync', 'needs write access to the parent directory'],
    ['ENOTDIR', 'mkdirSync', 'is a file, not a directory'],
  ])('%s on %s', async (code, call, words) => {
    const { work, out, before } = await generated();
    const fsMod = require('../src/output/write') as typeof import('../src/output/write');
    const injected = failing((c) => (c === call ? code : undefined));
    let error: unknown;
    try {
      fsMod.writeOutputDirectory(out, { 'a.json': '{}' }, { fs: injected });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toContain(`writing failed (${code}: `);
    expect((error as UserError).message).toContain(words);
    expect(hashTree(out)).toBe(before);
    expect(listDir(work)).toEqual(['out']);
  });

  test('an unreadable output directory is exit 2', async () => {
    const { out, before } = await generated();
    const injected = failing((call, args) => (call === 'readdirSync' && args[0] === out ? 'EACCES' : undefined));
    expect(() => writeOutputDirectory(out, { 'a.json': '{}' }, { fs: injected })).toThrow(/writing failed \(EACCES: permission denied/);
    expect(hashTree(out)).toBe(before);
  });

  test('a missing parent is created', async () => {
    const work = tempDir();
    expect((await runCli(['generate', '--out', path.join(work, 'a', 'b', 'out')])).code).toBe(0);
  });

  test('a 0555 output: every file is written before the new directory takes the mode; it keeps 0555 and no copy remains', async () => {
    const { work, out } = await generated();
    fs.chmodSync(out, 0o555);
    const calls: string[] = [];
    const recording = failing((call, args) => {
      if (call === 'writeFileSync' || call === 'chmodSync') calls.push(`${call} ${path.basename(String(args[0]))}`);
      return undefined;
    });
    writeOutputDirectory(out, { 'a.json': '{}', 'b/c.json': '{}' }, { fs: recording });
    const chmod = calls.findIndex((c) => c.startsWith('chmodSync .out.tmp-'));
    expect(chmod).toBeGreaterThan(calls.lastIndexOf(calls.filter((c) => c.startsWith('writeFileSync')).pop() as string));
    expect(fs.statSync(out).mode & 0o777).toBe(0o555);
    expect(listDir(work)).toEqual(['out']);
    expect(listDir(out)).toEqual([MARKER_FILE, 'a.json', 'b']);
  });

  const unprivileged = typeof process.getuid === 'function' && process.getuid() !== 0;
  (unprivileged ? test : test.skip)('a real 0555 output directory is replaced (needs a non-root user)', async () => {
    const { work, out } = await generated();
    fs.chmodSync(out, 0o555);
    expect((await runCli(['generate', '--out', out])).code).toBe(0);
    expect(listDir(work)).toEqual(['out']);
  });
});

/** A 64 KiB tmpfs for `body`, when this machine lets the tests mount one (root in a container that allows it). */
function withFullDisk(body: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = tempDir('edr-full-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    } catch {
      console.warn('no tmpfs mount possible here: the full-disk case runs with an injected ENOSPC only');
      return;
    }
    try {
      await body(dir);
    } finally {
      execFileSync('umount', [dir]);
    }
  };
}

/** synth needs subnets (the deployable stack refuses to plan a service it cannot create). */
function synthConfig(dir: string): string {
  const file = path.join(dir, 'service.yaml');
  fs.writeFileSync(file, 'name: web\nregion: eu-west-1\nnetwork:\n  subnetIds: [subnet-0123456789abcdef0]\ndatadog:\n  apiKeySecretArn: arn:aws:secretsmanager:eu-west-1:123456789012:secret:dd-api-key-AbCdEf\n');
  return file;
}

describe('item 13: a full disk and a path through a file, for generate and synth', () => {
  test('synth with --out below a regular file: exit 2, no stack trace', async () => {
    const work = tempDir();
    fs.writeFileSync(path.join(work, 'file'), 'x');
    const run = await runCli(['synth', '--config', synthConfig(work), '--out', path.join(work, 'file', 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ENOTDIR: a part of the path is a file, not a directory');
    expect(run.stderr).not.toContain('    at ');
  }, 60_000);

  test(
    'a really full disk: generate and synth exit 2 and say so; generate leaves nothing behind',
    withFullDisk(async (disk) => {
      const generate = await runCli(['generate', '--format', 'all', '--out', path.join(disk, 'out')]);
      expect(generate.code).toBe(2);
      expect(generate.stderr).toContain('ENOSPC: no space left on the device');
      expect(listDir(disk)).toEqual([]);
      const synth = await runCli(['synth', '--config', synthConfig(tempDir()), '--out', path.join(disk, 'cdktf.out')]);
      expect(synth.code).toBe(2);
      expect(synth.stderr).toContain('ENOSPC: no space left on the device');
    }),
    60_000,
  );
});
