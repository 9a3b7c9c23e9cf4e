/**
 * fix on hostile input and hostile output paths: nothing it does not own is rewritten, nothing but a regular file is
 * replaced, and every user condition is exit 2 with a message, never exit 3 or a stack trace.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { MAX_JSON_DEPTH } from '../src/compliance/fix/strict-json';
import { removeTempDirs, runCli, tempDir } from './helpers/cli';

const FIXTURE = path.join(__dirname, 'fixtures', 'fix', 'containers.json');
const FLAGS = ['--api-key-secret-arn', 'arn:aws:ssm:us-east-2:345678901234:parameter/storefront/datadog-api-key'];

let dir: string;
beforeEach(() => {
  dir = tempDir('fix-hostile-');
});
afterEach(() => {
  jest.restoreAllMocks();
  removeTempDirs();
});

const fixTo = (out: string, input = FIXTURE) => runCli(['fix', input, ...FLAGS, '--out', out]);

function expectUserError(r: { code: number; stderr: string }, text: string | RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(text);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
}

describe('--out writes only a regular file or a new path', () => {
  test('a new path in an existing directory is created; an existing regular file is replaced, its mode kept', async () => {
    const out = path.join(dir, 'fixed.json');
    expect((await fixTo(out)).code).toBe(0);
    expect(Array.isArray(JSON.parse(fs.readFileSync(out, 'utf8')))).toBe(true);
    fs.writeFileSync(out, 'old');
    fs.chmodSync(out, 0o640);
    expect((await fixTo(out)).code).toBe(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['fixed.json']);
  });

  test('a symbolic link is refused (not followed, not replaced)', async () => {
    const target = path.join(dir, 'target.json');
    fs.writeFileSync(target, 'keep');
    const link = path.join(dir, 'link.json');
    fs.symlinkSync(target, link);
    expectUserError(await fixTo(link), /symbolic link/);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe('keep');
  });

  test('a directory, a FIFO and a character device are refused, nothing touched', async () => {
    expectUserError(await fixTo(dir), /is a directory/);
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expectUserError(await fixTo(fifo), /FIFO/);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expectUserError(await fixTo('/dev/full'), /character device/);
    expect(fs.statSync('/dev/full').isCharacterDevice()).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['pipe']);
  });

  test('a missing directory is exit 2', async () => {
    expectUserError(await fixTo(path.join(dir, 'missing', 'fixed.json')), /does not exist/);
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  test.each([
    ['ENOSPC', /no space left/],
    ['EROFS', /read-only/],
    ['EACCES', /permission denied/],
  ])('a failing write (%s): exit 2, the previous file unchanged, no temporary file left', async (code, message) => {
    const out = path.join(dir, 'fixed.json');
    fs.writeFileSync(out, 'previous');
    // The module object itself (the namespace import is read-only); src/compliance/fix/write.ts reads through it.
    jest.spyOn(require('fs') as typeof fs, 'writeSync').mockImplementation(() => {
      throw Object.assign(new Error(`${code}: simulated`), { code });
    });
    expectUserError(await fixTo(out), message);
    expect(fs.readFileSync(out, 'utf8')).toBe('previous');
    expect(fs.readdirSync(dir)).toEqual(['fixed.json']);
  });
});

describe('flags on the command line', () => {
  test('--writable is repeatable; a value without CONTAINER: is exit 2', async () => {
    const r = await runCli(['fix', FIXTURE, ...FLAGS, '--writable', 'web:/srv/cache', '--writable', 'datadog:/var/lib/extra']);
    expect(r.code).toBe(0);
    const [web, , agent] = JSON.parse(r.stdout) as { mountPoints: { containerPath: string }[] }[];
    expect(web.mountPoints.map((m) => m.containerPath)).toContain('/srv/cache');
    expect(agent.mountPoints.map((m) => m.containerPath)).toContain('/var/lib/extra');
    expect(r.stderr).toContain('made writable: /srv/cache (--writable)');
    expectUserError(await runCli(['fix', FIXTURE, ...FLAGS, '--writable', '/srv/cache']), /CONTAINER:PATH/);
  });

  test('--add-agent with a site that is not a Datadog site is exit 2 with the allowed sites', async () => {
    const r = await runCli(['fix', FIXTURE, ...FLAGS, '--add-agent', '--site', 'datadog.com', '--env', 'prod']);
    expectUserError(r, /--site: must be a Datadog site such as datadoghq.com/);
  });

  test('--json: the missing flags as problems in one JSON document', async () => {
    const r = await runCli(['fix', path.join(__dirname, 'fixtures', 'fix', 'no-logs.json'), '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { error: { problems: { path: string }[] } };
    expect(doc.error.problems.map((p) => p.path)).toEqual(['--api-key-secret-arn', '--log-group', '--region', '--execution-role-arn']);
  });
});

describe('values fix does not own are refused with their path, not rewritten', () => {
  const withValue = (raw: string) => {
    const text = fs.readFileSync(FIXTURE, 'utf8').replace('"containerPort": 80', `"containerPort": ${raw}`);
    const file = path.join(dir, 'in.json');
    fs.writeFileSync(file, text);
    return file;
  };

  test.each(['1e400', '99999999999999999999', '-0', '0.30000000000000000001'])('the number %s', async (raw) => {
    const r = await runCli(['fix', withValue(raw), ...FLAGS]);
    expectUserError(r, /\$\[0\]\.portMappings\[0\]\.containerPort/);
    expect(r.stdout).toBe('');
  });

  test.each(['80.0', '8e1', '80'])('the number %s is kept as the same value', async (raw) => {
    const r = await runCli(['fix', withValue(raw), ...FLAGS]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].portMappings[0].containerPort).toBe(80);
  });

  test('a duplicate key', async () => {
    const file = path.join(dir, 'dup.json');
    fs.writeFileSync(file, fs.readFileSync(FIXTURE, 'utf8').replace('"essential": true,', '"essential": true, "essential": false,'));
    expectUserError(await runCli(['fix', file, ...FLAGS]), /duplicate key "essential" at \$\[0\]\.essential/);
  });

  test('invalid UTF-8', async () => {
    const file = path.join(dir, 'latin1.json');
    const bytes = Buffer.from(fs.readFileSync(FIXTURE, 'utf8').replace('"web"', '"web-XX"'), 'utf8');
    const at = bytes.indexOf('XX');
    bytes[at] = 0xe9;
    bytes[at + 1] = 0x20;
    fs.writeFileSync(file, bytes);
    expectUserError(await runCli(['fix', file, ...FLAGS]), new RegExp(`not valid UTF-8 \\(at byte ${at}\\)`));
  });
});

describe('no user condition is exit 3', () => {
  test('10,000-deep JSON is exit 2 with a message', async () => {
    const file = path.join(dir, 'deep.json');
    fs.writeFileSync(file, `{"containerDefinitions":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    expectUserError(await runCli(['fix', file, ...FLAGS]), new RegExp(`more than ${MAX_JSON_DEPTH} levels`));
  });

  test('a FIFO or a directory as input is exit 2 without reading it', async () => {
    const fifo = path.join(dir, 'in.pipe');
    execFileSync('mkfifo', [fifo]);
    expectUserError(await runCli(['fix', fifo, ...FLAGS]), /not a regular file/);
    expectUserError(await runCli(['fix', dir, ...FLAGS]), /directory/);
  });
});

test('a value of the wrong type is refused with its path in the input, before anything is fixed', async () => {
  const file = path.join(dir, 'types.json');
  const doc = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as Record<string, unknown>[];
  doc[1].mountPoints = [{ sourceVolume: 7, containerPath: '/var/run/datadog' }];
  fs.writeFileSync(file, JSON.stringify(doc));
  expectUserError(await runCli(['fix', file, ...FLAGS]), /\$\[1\]\.mountPoints\[0\]\.sourceVolume/);
});
