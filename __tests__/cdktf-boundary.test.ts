/**
 * Only the CDKTF renderer imports a framework: `modules/cdktf.ts`, `modules/cdktn.ts`, `modules/module-stack.ts` and
 * `src/render/cdktf*.ts`, and provider classes only by deep path (the root import costs seconds and hundreds of MiB).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const RENDERER = ['modules/cdktf.ts', 'modules/cdktn.ts', 'modules/module-stack.ts', 'src/render/cdktf.ts', 'src/render/cdktf-app.ts'];
const FRAMEWORK_IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"](cdktf|cdktn|@cdktf\/provider-aws|@cdktn\/provider-aws)(\/[^'"]*)?['"]/g;

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const files = [...sources('src'), ...sources('modules'), 'main.ts'].map((f) => relative(ROOT, join(ROOT, f)));

test('no framework import outside the CDKTF renderer', () => {
  const imports = (f: string) => [...readFileSync(join(ROOT, f), 'utf8').matchAll(FRAMEWORK_IMPORT)];
  expect(imports('modules/cdktf.ts').length).toBeGreaterThan(5); // the pattern finds real imports
  expect(files.filter((f) => !RENDERER.includes(f) && imports(f).length > 0)).toEqual([]);
});

test('provider classes only by deep path; cdktn only in its entry', () => {
  for (const file of RENDERER) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const [, pkg, path] of text.matchAll(FRAMEWORK_IMPORT)) {
      if (pkg.includes('provider-aws')) expect(`${pkg}${path ?? ''}`).toMatch(/^@cdkt[fn]\/provider-aws\/lib\/[a-z0-9-]+$/);
      if (pkg.startsWith('cdktn') || pkg.startsWith('@cdktn')) expect(file).toBe('modules/cdktn.ts');
    }
  }
});

test('the construct itself is framework-free: one source for cdktf and cdktn', () => {
  const construct = readFileSync(join(ROOT, 'modules/datadog-readonly-service.ts'), 'utf8');
  expect(construct.match(FRAMEWORK_IMPORT)).toBeNull();
  for (const entry of ['modules/cdktf.ts', 'modules/cdktn.ts']) {
    expect(readFileSync(join(ROOT, entry), 'utf8')).toMatch(/extends DatadogReadonlyServiceCore/);
  }
});
