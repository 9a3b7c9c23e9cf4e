/**
 * The bad-input corpus: every file under fixtures/bad-configs/ is a config that must be refused with exit code 2,
 * a message naming the path, nothing on stdout, no API key echoed, and the output directory byte-for-byte unchanged.
 * expected.json lists, per file, the texts the error must contain.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MAX_CONFIG_BYTES } from '../src/config/load';
import { hashTree, listDir, removeTempDirs, runCli, tempDir } from './helpers/cli';

const CORPUS = path.join(__dirname, 'fixtures', 'bad-configs');
const expected = JSON.parse(fs.readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Record<string, string[]>;
const fixtures = fs.readdirSync(CORPUS).filter((f) => f !== 'expected.json').sort();
const API_KEY_LIKE = /(?<![0-9a-fA-F])[0-9a-fA-F]{32}(?![0-9a-fA-F])/g;

let work: string;
let out: string;

beforeAll(async () => {
  work = tempDir('edr-bad-');
  out = path.join(work, 'out');
  const first = await runCli(['generate', '--out', out]);
  expect(first.code).toBe(0);
});
afterAll(removeTempDirs);

test('the corpus holds at least 40 bad inputs, each with its expectations', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(40);
  expect(Object.keys(expected).sort()).toEqual(fixtures);
  for (const f of fixtures) expect(expected[f].length).toBeGreaterThan(0);
});

describe.each(fixtures)('%s', (fixture) => {
  const file = path.join(CORPUS, fixture);

  test('generate exits 2, names the problem, writes nothing', async () => {
    const before = hashTree(out);
    const beside = listDir(work);
    const run = await runCli(['generate', '--config', file, '--out', out, '--format', 'taskdef']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    for (const text of expected[fixture]) expect(run.stderr).toContain(text);
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack trace
    expect(hashTree(out)).toBe(before);
    expect(listDir(work)).toEqual(beside); // no temporary directory left beside the output
  });

  test('a new output directory is not created', async () => {
    const fresh = path.join(work, `fresh-${fixture}`);
    const run = await runCli(['generate', '--config', file, '--out', fresh]);
    expect(run.code).toBe(2);
    expect(fs.existsSync(fresh)).toBe(false);
  });

  test('--json prints one JSON error on stdout and never an API key', async () => {
    const run = await runCli(['validate', '--config', file, '--json']);
    expect(run.code).toBe(2);
    const doc = JSON.parse(run.stdout) as { exitCode: number; error: { message: string; problems: { path: string; message: string }[] } };
    expect(doc.exitCode).toBe(2);
    expect(doc.error.message).toContain(fixture);
    const lines = [doc.error.message, ...doc.error.problems.map((p) => `${p.path}: ${p.message}`)].join('\n');
    for (const text of expected[fixture].filter((t) => /^[\w[\]."-]+: /.test(t))) expect(lines).toContain(text);
    const keys = fs.statSync(file).isFile() ? (fs.readFileSync(file, 'utf8').match(API_KEY_LIKE) ?? []) : [];
    for (const key of keys) {
      expect(run.stdout.toLowerCase()).not.toContain(key.toLowerCase());
      expect(run.stderr.toLowerCase()).not.toContain(key.toLowerCase());
    }
  });
});

test('a missing config file: exit 2, nothing written', async () => {
  const before = hashTree(out);
  const run = await runCli(['generate', '--config', path.join(work, 'no-such.yaml'), '--out', out]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('no-such.yaml: no such file');
  expect(hashTree(out)).toBe(before);
});

test('a config file larger than the limit: exit 2 before parsing, nothing written', async () => {
  const big = path.join(work, 'big.yaml');
  fs.writeFileSync(big, `name: x\n# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
  const before = hashTree(out);
  const run = await runCli(['generate', '--config', big, '--out', out]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`a config is at most ${MAX_CONFIG_BYTES} bytes`);
  expect(hashTree(out)).toBe(before);
});

test('a path through a file (ENOTDIR) is reported as missing', async () => {
  const run = await runCli(['validate', '--config', path.join(CORPUS, 'empty.yaml', 'x.yaml')]);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('no such file');
});
