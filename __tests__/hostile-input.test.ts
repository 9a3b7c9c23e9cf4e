/**
 * Hostile config and CLI input: Datadog-key-shaped values never printed, Unicode normalised once, lone surrogates,
 * FIFOs, devices, UTF-16 and bidi characters. Each case is exit 2 with the path or file named, never exit 3.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { redactKeys, safeText, UserError } from '../src/errors';
import { parseConfig } from '../src/config/load';
import { APP_CONFIG } from './support/configs';
import { removeTempDirs, runCli, tempDir, type CliRun } from './helpers/cli';

afterEach(removeTempDirs);

const API_KEY = '0123456789abcdef0123456789abcdef';
const APP_KEY = 'fedcba9876543210fedcba9876543210fedcba98';

function file(name: string, content: string | Buffer): string {
  const p = path.join(tempDir(), name);
  fs.writeFileSync(p, content);
  return p;
}

function printed(run: CliRun): string {
  return run.stdout + run.stderr;
}

function config(overrides: Record<string, unknown>): string {
  return JSON.stringify({ ...APP_CONFIG, ...overrides });
}

describe('item 4: a Datadog key is never printed', () => {
  test('redactKeys hides 32 and 40 hex digits, not digests or shorter ids', () => {
    const digest = 'a'.repeat(64);
    expect(redactKeys(`k=${API_KEY} a=${APP_KEY.toUpperCase()} d=sha256:${digest} id=abcdef12`)).toBe(
      `k=(a value that looks like a Datadog key; not shown) a=(a value that looks like a Datadog key; not shown) d=sha256:${digest} id=abcdef12`,
    );
  });

  test('a UserError built with a key in any field shows none', () => {
    const err = new UserError(`got ${API_KEY}`, [{ path: `x[${APP_KEY}]`, message: `is ${API_KEY}`, fix: `not ${APP_KEY}` }]);
    expect(err.describe()).not.toMatch(/[0-9a-f]{32}/);
  });

  test.each([API_KEY, APP_KEY])('fix --api-key-secret-arn %s, in text and JSON', async (key) => {
    const td = file('td.json', JSON.stringify({ family: 'x', containerDefinitions: [{ name: 'a', image: 'b' }] }));
    for (const extra of [[], ['--json']]) {
      const run = await runCli(['fix', td, '--api-key-secret-arn', key, ...extra]);
      expect(run.code).toBe(2);
      expect(printed(run)).toContain('looks like a Datadog key; not shown');
      expect(printed(run)).not.toContain(key);
    }
  });

  test.each(['table', 'json', 'sarif'])('a dependsOn target in the %s report', async (format) => {
    const td = file('td.json', JSON.stringify({ family: 'x', containerDefinitions: [{ name: 'a', image: 'b', dependsOn: [{ containerName: API_KEY, condition: 'START' }] }] }));
    const run = await runCli(['check', td, '--format', format]);
    expect(run.code).toBe(1);
    expect(printed(run)).not.toContain(API_KEY);
  });

  test('the last line of defence: whatever reaches stderr is redacted, an internal error or a usage error', async () => {
    const { FORMATS } = require('../src/render/formats') as typeof import('../src/render/formats');
    const spy = jest.spyOn(FORMATS.taskdef, 'render').mockRejectedValue(new Error(`exploded near ${API_KEY} \u202E`));
    const internal = await runCli(['generate', '--out', path.join(tempDir(), 'o')]);
    spy.mockRestore();
    expect(internal.code).toBe(3);
    expect(internal.stderr).not.toContain(API_KEY);
    expect(internal.stderr).not.toContain('\u202E');
    const usage = await runCli(['generate', `--x${APP_KEY}`, '--json']);
    expect(usage.code).toBe(2);
    expect(printed(usage)).not.toContain(APP_KEY);
  });

  test('a dependsOn target in a config', async () => {
    const c = file('c.json', config({ containers: [{ name: 'app', image: 'nginx', dependsOn: [{ containerName: APP_KEY, condition: 'START' }] }] }));
    const run = await runCli(['validate', '--config', c, '--json']);
    expect(run.code).toBe(2);
    expect(printed(run)).not.toContain(APP_KEY);
  });

  test.each([
    ['a syntax error', `a: 1\n  b: ${API_KEY}: c\n`],
    ['a duplicate key', `a: ${API_KEY}\na: ${API_KEY}\n`],
    ['a tab indent', `a:\n\tb: ${API_KEY}\n`],
    ['an alias name', `name: *${API_KEY}\n`],
    ['an anchor and alias of a key', `name: &${APP_KEY} x\nother: *${APP_KEY}\n`],
  ])('%s: not in check nor in config messages', async (_name, yaml) => {
    const f = file('in.yaml', yaml);
    for (const argv of [['check', f], ['check', f, '--format', 'json'], ['validate', '--config', f], ['generate', '--config', f, '--out', path.join(tempDir(), 'o')]]) {
      const run = await runCli(argv);
      expect(run.code).toBeGreaterThanOrEqual(1);
      expect(run.code).not.toBe(3);
      expect(printed(run)).not.toContain(API_KEY);
      expect(printed(run)).not.toContain(APP_KEY);
    }
  });
});

describe('item 6: strings are NFC once loaded; keys equal after NFC are refused', () => {
  test('decomposed keys and values come out composed, in every output', async () => {
    const decomposed = 'cafe\u0301';
    const c = file('c.json', config({ tags: { [decomposed]: decomposed }, datadog: { ...APP_CONFIG.datadog, tags: { [`x${decomposed}`]: decomposed } } }));
    const out = path.join(tempDir(), 'o');
    expect((await runCli(['generate', '--config', c, '--format', 'all', '--out', out])).code).toBe(0);
    const td = fs.readFileSync(path.join(out, 'task-definition.json'), 'utf8');
    expect(td).toContain('caf\u00e9');
    expect(td).not.toContain(decomposed);
    const walk = (d: string): string[] => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
    for (const f of walk(out)) expect(fs.readFileSync(f, 'utf8')).not.toContain(decomposed);
  });

  test('two keys that are one after NFC: exit 2 at the second, with its line', () => {
    const yaml = 'name: orders\ntags:\n  "cafe\\u0301": a\n  "caf\\u00e9": b\n';
    let error: UserError | undefined;
    try {
      parseConfig(yaml, 'c.yaml');
    } catch (err) {
      error = err as UserError;
    }
    const collision = error?.problems.find((p) => p.message.includes('NFC'));
    expect(collision).toMatchObject({ path: 'tags["café"]', line: 4 });
    expect(collision?.message).toContain('U+0065 U+0301');
  });

  test('keys that differ after NFC stay apart', () => {
    const yaml = `${fs.readFileSync(path.join(__dirname, '..', 'examples', 'basic.yaml'), 'utf8')}\ntags:\n  "\\u00c5": a\n  "\\u212b\\u0041": b\n`;
    expect(Object.keys(parseConfig(yaml, 'c.yaml').tags ?? {})).toEqual(['\u00c5', '\u00c5A']);
  });
});

describe('item 11: --config reads regular files only', () => {
  test.each([['a FIFO', 'named pipe (FIFO)'], ['a socket', 'socket']])('%s is refused at once', async (kind, words) => {
    const dir = tempDir();
    const special = path.join(dir, 'special');
    let server: net.Server | undefined;
    if (kind === 'a FIFO') require('child_process').execFileSync('mkfifo', [special]);
    else await new Promise<void>((resolve) => (server = net.createServer().listen(special, resolve)));
    try {
      const run = await runCli(['validate', '--config', special]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`is a ${words}, not a regular file`);
    } finally {
      server?.close();
    }
  });

  test.each(['/dev/zero', '/dev/null', '/dev/urandom'])('%s is refused without reading it', async (device) => {
    const run = await runCli(['generate', '--config', device, '--out', path.join(tempDir(), 'o')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is a character device, not a regular file');
  });

  test('a symbolic link to a regular file is read', async () => {
    const real = file('c.json', config({}));
    const link = path.join(tempDir(), 'link.json');
    fs.symlinkSync(real, link);
    expect((await runCli(['validate', '--config', link])).code).toBe(0);
  });
});

describe('item 13: a lone surrogate in any free string is refused at validation, with its path', () => {
  test.each([
    ['a tag value', { tags: { team: 'a\ud800' } }, 'tags.team'],
    ['a tag key', { tags: { ['k\udc00']: 'v' } }, 'tags["k\\udc00"]'],
    ['an environment value', { containers: [{ ...APP_CONFIG.containers?.[0], environment: { X: '\udbff' } }] }, 'containers[0].environment.X'],
  ])('%s', async (_name, overrides, at) => {
    const c = file('c.json', config(overrides));
    for (const format of ['taskdef', 'hcl', 'cdktf']) {
      const run = await runCli(['generate', '--config', c, '--format', format, '--out', path.join(tempDir(), 'o')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${at}: the `);
      expect(run.stderr).toContain('lone UTF-16 surrogate');
    }
  });

  test('a surrogate pair is a character and fine', async () => {
    const c = file('c.json', config({ tags: { team: 'pay \ud83d\ude00' } }));
    expect((await runCli(['generate', '--config', c, '--format', 'hcl', '--out', path.join(tempDir(), 'o')])).code).toBe(0);
  });
});

describe('item 16: messages show control and bidi characters as escapes; encodings are named', () => {
  test('safeText escapes bidi controls, separators and C0/C1 controls, keeps newlines unless single-line', () => {
    expect(safeText('a\u202Eb\u2066c\u2028d\u2029e\u200Ff\u001b[31mg\u0085h\ni')).toBe('a\\u202Eb\\u2066c\\u2028d\\u2029e\\u200Ff\\u001B[31mg\\u0085h\ni');
    expect(safeText('a\nb\tc', true)).toBe('a\\nb\\tc');
  });

  test.each(['202E', '2028', '2029', '202A', '2069'])('U+%s in a config value reaches stderr escaped', async (hex) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    const c = file('c.json', config({ name: `svc${ch}x` }));
    const run = await runCli(['validate', '--config', c]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain(ch);
    expect(run.stderr).toContain(`svc\\u${hex}x`);
  });

  test('a bidi override in a file name is escaped too', async () => {
    const run = await runCli(['validate', '--config', path.join(tempDir(), 'evil\u202Elmy.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('evil\\u202Elmy.yaml');
  });

  test.each([
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: x\n', 'utf16le')]), 'UTF-16 (little-endian) text with a byte order mark'],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('name: x\n', 'utf16le').swap16()]), 'UTF-16 (big-endian) text with a byte order mark'],
    ['UTF-16LE without BOM', Buffer.from('name: x\n', 'utf16le'), 'looks like UTF-16 (little-endian) text without a byte order mark'],
    ['UTF-32LE with BOM', Buffer.from([0xff, 0xfe, 0, 0, 0x6e, 0, 0, 0]), 'UTF-32 (little-endian) text with a byte order mark'],
    ['Latin-1', Buffer.from('name: caf\xe9\n', 'latin1'), 'is not valid UTF-8 (first bad byte at offset 9)'],
    ['a NUL byte', Buffer.from('name: x\n\0\n'), 'holds NUL bytes'],
    ['a surrogate encoded in UTF-8 (CESU-8)', Buffer.from([0x6e, 0x3a, 0x20, 0xed, 0xa0, 0x80, 0x0a]), 'is not valid UTF-8 (first bad byte at offset 3)'],
    ['an overlong encoding', Buffer.from([0x6e, 0x3a, 0x20, 0x61, 0xc0, 0xaf, 0x0a]), 'is not valid UTF-8 (first bad byte at offset 4)'],
  ])('%s', async (_name, bytes, words) => {
    const run = await runCli(['validate', '--config', file('c.yaml', bytes)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(words);
  });

  test('a UTF-8 byte order mark is accepted', async () => {
    const run = await runCli(['validate', '--config', file('c.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(config({}))]))]);
    expect(run.code).toBe(0);
  });
});
