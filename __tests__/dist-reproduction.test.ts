/**
 * The committed dist/ is what the generator writes for the embedded default: each single format, generated on its
 * own, reproduces its folder of dist/ byte for byte (marker file included), and `--check` agrees.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FORMAT_DIRECTORIES_IN_ALL } from '../src/render/formats';
import { removeTempDirs, runCli, tempDir } from './helpers/cli';

const DIST = path.join(__dirname, '..', 'dist');

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (abs: string, rel: string): void => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(abs, e.name), r);
      else out[r] = fs.readFileSync(path.join(abs, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

afterAll(removeTempDirs);

test.each(Object.entries(FORMAT_DIRECTORIES_IN_ALL))('generate --format %s reproduces dist/%s exactly', async (format, dir) => {
  const out = path.join(tempDir(), 'out');
  const run = await runCli(['generate', '--format', format, '--out', out]);
  expect(run.code).toBe(0);
  expect(tree(out)).toEqual(tree(path.join(DIST, dir)));
});

test('generate --format all --check finds dist/ up to date', async () => {
  const run = await runCli(['generate', '--format', 'all', '--out', DIST, '--check']);
  expect(run.stdout).toContain('up to date');
  expect(run.code).toBe(0);
});
