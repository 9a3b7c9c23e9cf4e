/**
 * The rendered HCL, evaluated by real terraform offline: the examples' module calls pass every validation of the
 * rendered variables.tf and the pure locals evaluate; a wrong value is refused with the rule's message.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from '../src/config/types';
import { modelContext } from '../src/module/locals';
import { moduleSpec } from '../src/module/spec';
import { renderModuleFiles } from '../src/render/hcl';
import { CONFIGS } from './support/configs';
import { cleanup, describeWithTerraform, runTerraform, tempDir } from './support/terraform';

/**
 * The module without provider-reading parts, rendered as HCL: variables, validations, the pure locals, and the
 * provider-reading locals as the literals the model uses for them.
 */
function offlineModule(config: ResolvedConfig): Record<string, string> {
  const spec = moduleSpec(config);
  const context: Record<string, string> = modelContext(config);
  const locals = spec.locals.map((l) => (l.pure ? l : { ...l, value: context[l.name] }));
  const files = renderModuleFiles({ ...spec, locals, resources: [], outputs: [] }, config);
  return { 'variables.tf': files['variables.tf'], 'main.tf': files['main.tf'] };
}

/** The `module` block of an example, pointed at `source`, renamed `name`. */
function moduleCall(example: string, name: string, source: string): string {
  const block = example.slice(example.indexOf('\nmodule "') + 1);
  return block.replace(/^module "[^"]+"/, `module "${name}"`).replace('source = "../.."', `source = "${source}"`);
}

async function plan(config: ResolvedConfig, calls: (files: Record<string, string>) => string): Promise<{ code: number; output: string }> {
  const work = tempDir('hcl-examples-');
  try {
    mkdirSync(join(work, 'module'));
    for (const [path, content] of Object.entries(offlineModule(config))) writeFileSync(join(work, 'module', path), content);
    writeFileSync(join(work, 'main.tf'), calls(renderModuleFiles(moduleSpec(config), config)));
    const init = await runTerraform(work, ['init', '-input=false', '-no-color']);
    if (init.code !== 0) throw new Error(`terraform init failed: ${init.stderr}`);
    const result = await runTerraform(work, ['plan', '-input=false', '-no-color']);
    return { code: result.code, output: result.stdout + result.stderr };
  } finally {
    cleanup(work);
  }
}

describeWithTerraform('HCL module examples, planned by terraform', () => {
  it.each(Object.entries(CONFIGS))('every example of %s passes every validation', async (_name, config) => {
    const result = await plan(config, (files) =>
      ['minimal', 'with-application', 'web-service']
        .map((folder) => moduleCall(files[`examples/${folder}/main.tf`], folder.replace('-', '_'), './module'))
        .join('\n'),
    );
    expect(result.output).not.toMatch(/Error/);
    expect(result.code).toBe(0);
  });

  it('refuses a call that breaks a validation, with the message of the rule', async () => {
    const config = CONFIGS['embedded default'];
    const rule = moduleSpec(config).variables.find((v) => v.name === 'cpu')?.validations[0];
    expect(rule).toBeDefined();
    const result = await plan(config, (files) =>
      moduleCall(files['examples/minimal/main.tf'], 'bad', './module').replace(/\n}\n$/, '\n  cpu = 3\n}\n'),
    );
    expect(result.code).not.toBe(0);
    expect(result.output.replace(/\s+/g, ' ')).toContain((rule?.errorMessage ?? '').slice(0, 40));
  });
});
