/**
 * Regenerates every committed artifact from the embedded default and the tables: dist/ (all formats),
 * schema/config.schema.json and docs/RULES.md. With --check it writes nothing and exits 1 when any of them differs.
 *
 *   npm start                 (regenerate)
 *   npm run generate:check    (CI: fail on drift)
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderRulesDoc } from '../src/compliance/rules-doc';
import { loadConfig } from '../src/config/load';
import { renderConfigJsonSchema } from '../src/config/schema';
import { diffOutputDirectory, writeOutputDirectory } from '../src/output';
import { ALL_FORMATS, renderFormat } from '../src/output/render-set';

const root = path.resolve(__dirname, '..', '..');
const check = process.argv.includes('--check');

/** Single files generated from a table, relative to the repository root. */
const SINGLE_FILES: Readonly<Record<string, () => string>> = {
  'schema/config.schema.json': renderConfigJsonSchema,
  'docs/RULES.md': renderRulesDoc,
};

async function main(): Promise<number> {
  const dist = path.join(root, 'dist');
  const files = await renderFormat(ALL_FORMATS, loadConfig());
  const drift: string[] = [];
  if (check) {
    for (const d of diffOutputDirectory(dist, files)) drift.push(`${d.kind.padEnd(7)} dist/${d.path}`);
  } else {
    writeOutputDirectory(dist, files);
  }
  for (const [file, render] of Object.entries(SINGLE_FILES)) {
    const target = path.join(root, file);
    const wanted = render();
    if (!check) fs.writeFileSync(target, wanted);
    else if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== wanted) drift.push(`changed ${file}`);
  }
  if (!check) {
    process.stdout.write(`regenerated dist/ (${Object.keys(files).length} files), ${Object.keys(SINGLE_FILES).join(', ')}\n`);
    return 0;
  }
  if (drift.length === 0) {
    process.stdout.write('generated artifacts are up to date\n');
    return 0;
  }
  process.stderr.write(`generated artifacts differ from the sources:\n${drift.map((d) => `  ${d}\n`).join('')}Run: npm start\n`);
  return 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
