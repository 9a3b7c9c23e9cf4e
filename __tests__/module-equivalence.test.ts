/**
 * The HCL module (Handlebars templates) and the CDKTF module stack are the same Terraform module: the same
 * variables, locals, resources and outputs with the same values, and their pure locals evaluate to identical JSON.
 * The HCL files are parsed with @cdktf/hcl2json; the known representational differences are normalised first.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import type { ResolvedConfig, ServiceConfig } from '../src/config/types';
import { containerDefinitions } from '../src/model/task-definition';
import { modelContext } from '../src/module/locals';
import { moduleSpec } from '../src/module/spec';
import { moduleVariableValues } from '../src/module/variables';
import type { FileSet } from '../src/render/formats';
import { renderHclModule } from '../src/render/hcl';
import { CDKTF_MODULE_FILE, renderCdktfModule } from '../src/render/cdktf';
import { escapeTemplate } from '../modules/terraform-json';
import { APP_CONFIG, moduleCallValues } from './support/configs';
import { applyConfiguration, cleanup, describeWithTerraform, tempDir } from './support/terraform';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const isObject = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

function mapValues(obj: Record<string, Json>, fn: (value: Json, key: string) => Json): Record<string, Json> {
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fn(v, k)]));
}

/** Deep merge of hcl2json documents of several files: objects merge, block lists concatenate. */
function merge(a: Json, b: Json): Json {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isObject(a) && isObject(b)) {
    const out: Record<string, Json> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  throw new Error(`cannot merge ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
}

/** The only block of a labelled block list, as hcl2json writes `resource "t" "n" { ... }`. */
function single(blocks: Json, where: string): Json {
  if (!Array.isArray(blocks) || blocks.length !== 1) throw new Error(`${where}: expected exactly one block, got ${JSON.stringify(blocks)}`);
  return blocks[0];
}

/**
 * Whitespace of an expression is layout (hclwrite aligns `=`), not meaning: drop it outside string literals, keep it
 * inside them, including inside `${ }` nested in strings.
 */
function squeeze(template: string): string {
  type Context = { kind: 'str' } | { kind: 'code'; depth: number };
  const stack: Context[] = [{ kind: 'str' }];
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const top = stack[stack.length - 1];
    const ch = template[i];
    if (top.kind === 'str') {
      if (ch === '\\') {
        out += ch + (template[i + 1] ?? '');
        i++;
      } else if ((ch === '$' || ch === '%') && template[i + 1] === ch && template[i + 2] === '{') {
        out += template.slice(i, i + 3);
        i += 2;
      } else if ((ch === '$' || ch === '%') && template[i + 1] === '{') {
        out += `${ch}{`;
        i++;
        stack.push({ kind: 'code', depth: 1 });
      } else if (ch === '"' && stack.length > 1) {
        out += ch;
        stack.pop();
      } else {
        out += ch;
      }
      continue;
    }
    if (/\s/.test(ch)) continue;
    if (ch === '"') stack.push({ kind: 'str' });
    else if (ch === '{') top.depth++;
    else if (ch === '}' && --top.depth === 0) stack.pop();
    out += ch;
  }
  return out;
}

/** Strings that hold an expression get their layout removed; literal strings stay as they are. */
function squeezeAll(value: Json): Json {
  if (typeof value === 'string') return value.includes('${') || value.includes('%{') ? squeeze(value) : value;
  if (Array.isArray(value)) return value.map(squeezeAll);
  if (isObject(value)) return mapValues(value, squeezeAll);
  return value;
}

async function parseHcl(files: FileSet): Promise<Json> {
  let doc: Json = {};
  for (const [name, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (name.includes('/') || !name.endsWith('.tf')) continue; // examples/ call the module; they are not part of it
    doc = merge(doc, await parse(name, text));
  }
  return doc;
}

/** hcl2json's document in the module's shape: one object per labelled block, locals merged. */
function normaliseHcl(doc: Json): Json {
  const labelled = (byType: Json, kind: string) =>
    mapValues(byType ?? {}, (byName, type) => mapValues(byName, (blocks, name) => single(blocks, `${kind}.${type}.${name}`)));
  const terraform = single(doc.terraform, 'terraform');
  return squeezeAll({
    terraform: { ...terraform, required_providers: (terraform.required_providers as Json[]).reduce(merge, {}) },
    variable: mapValues(doc.variable, (blocks, name) => single(blocks, `variable.${name}`)),
    locals: (doc.locals as Json[]).reduce(merge, {}),
    resource: labelled(doc.resource, 'resource'),
    data: labelled(doc.data, 'data'),
    output: mapValues(doc.output, (blocks, name) => single(blocks, `output.${name}`)),
  });
}

/**
 * The CDKTF module in hcl2json's representation: types and expressions as hcl2json spells them (each `${expr}` is
 * re-parsed by hcl2json as `x = expr`), literal-mode strings escaped, `dynamic` content blocks as lists.
 */
async function normaliseCdktf(doc: Json): Promise<Json> {
  const expressions: string[] = [];
  const collect = (value: Json): Json => {
    if (typeof value === 'string' && value.startsWith('${')) {
      expressions.push(value.slice(2, -1));
      return { __expression: expressions.length - 1 };
    }
    if (Array.isArray(value)) return value.map(collect);
    if (isObject(value)) return mapValues(value, collect);
    return value;
  };
  const escapeDeep = (value: Json): Json =>
    typeof value === 'string' ? escapeTemplate(value) : Array.isArray(value) ? value.map(escapeDeep) : isObject(value) ? mapValues(value, escapeDeep) : value;
  const contentAsList = (block: Json): Json => {
    if (Array.isArray(block)) return block.map(contentAsList);
    if (!isObject(block)) return block;
    return mapValues(block, (v, k) =>
      k === 'dynamic' ? mapValues(v, (list: Json[]) => list.map((d) => ({ ...d, content: [contentAsList(d.content)] }))) : contentAsList(v),
    );
  };

  // Terraform JSON spells depends_on entries as bare addresses; hcl2json as references, `${address}`.
  const dependsOnAsReferences = (resource: Json): Json =>
    resource.depends_on ? { ...resource, depends_on: resource.depends_on.map((address: string) => `\${${address}}`) } : resource;
  // lifecycle is a block (a list of one in hcl2json), and ignore_changes holds references there.
  const lifecycleAsBlock = (resource: Json): Json =>
    resource.lifecycle
      ? {
          ...resource,
          lifecycle: [
            {
              ...resource.lifecycle,
              ...(resource.lifecycle.ignore_changes && { ignore_changes: resource.lifecycle.ignore_changes.map((a: string) => `\${${a}}`) }),
            },
          ],
        }
      : resource;

  const collected = collect({
    terraform: doc.terraform,
    locals: doc.locals,
    resource: mapValues(doc.resource ?? {}, (byName) => mapValues(byName, (r) => contentAsList(lifecycleAsBlock(dependsOnAsReferences(r))))),
    data: doc.data ?? {},
    output: mapValues(doc.output, (o) => ({ ...o, description: '' })),
    validations: mapValues(doc.variable, (v) => v.validation ?? []),
  });
  const source = `locals {\n${expressions.map((e, i) => `  e${i} = ${e}\n`).join('')}}\n`;
  const parsed = (await parse('expressions.tf', source)) as Json;
  const canonical = (parsed.locals as Json[]).reduce(merge, {});
  const restore = (value: Json): Json => {
    if (isObject(value) && typeof value.__expression === 'number') return canonical[`e${value.__expression}`];
    if (Array.isArray(value)) return value.map(restore);
    if (isObject(value)) return mapValues(value, restore);
    return value;
  };
  const restored = restore(collected);
  const variable = mapValues(doc.variable, (v, name) => ({
    ...v,
    // Literal mode in Terraform JSON; hcl2json writes HCL's literal strings in template form.
    description: escapeTemplate(v.description),
    ...('default' in v && { default: escapeDeep(v.default) }),
    type: `\${${v.type}}`,
    ...(v.validation && { validation: restored.validations[name] }),
  }));
  const output = mapValues(restored.output, (o, name) => ({ ...o, description: escapeTemplate(doc.output[name].description) }));
  return squeezeAll({ terraform: restored.terraform, variable, locals: restored.locals, resource: restored.resource, data: restored.data, output });
}

const CONFIGS: Record<string, ResolvedConfig> = {
  'embedded default': resolveConfig(EMBEDDED_DEFAULT_CONFIG),
  'two application containers': resolveConfig(APP_CONFIG),
};

describe.each(Object.entries(CONFIGS))('HCL module and CDKTF module stack (%s)', (_label, config) => {
  let hcl: Json;
  let cdktf: Json;

  beforeAll(async () => {
    hcl = normaliseHcl(await parseHcl(renderHclModule(config)));
    cdktf = await normaliseCdktf(JSON.parse(renderCdktfModule(config)[CDKTF_MODULE_FILE]));
  });

  test('declare the same blocks', () => {
    const spec = moduleSpec(config);
    expect(Object.keys(cdktf).sort()).toEqual(Object.keys(hcl).sort());
    expect(Object.keys(hcl.variable).sort()).toEqual(spec.variables.map((v) => v.name).sort());
    expect(Object.keys(cdktf.variable).sort()).toEqual(Object.keys(hcl.variable).sort());
    expect(Object.keys(cdktf.locals).sort()).toEqual(Object.keys(hcl.locals).sort());
    expect(Object.keys(cdktf.output).sort()).toEqual(Object.keys(hcl.output).sort());
    for (const kind of ['resource', 'data']) {
      const addresses = (doc: Json) => Object.entries(doc[kind] as Json).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`)).sort();
      expect(addresses(cdktf)).toEqual(addresses(hcl));
    }
  });

  test('the same terraform settings: required_version and a minimum aws version', () => {
    expect(cdktf.terraform).toEqual(hcl.terraform);
    expect(hcl.terraform.required_providers.aws.version).toMatch(/^>= /);
  });

  test('the same variables: types, descriptions, defaults, nullability and validations', () => {
    for (const name of Object.keys(hcl.variable)) expect({ name, ...cdktf.variable[name] }).toEqual({ name, ...hcl.variable[name] });
  });

  test('the same locals', () => {
    for (const name of Object.keys(hcl.locals)) expect({ name, value: cdktf.locals[name] }).toEqual({ name, value: hcl.locals[name] });
  });

  test('the same resources and data sources: attributes, nested and dynamic blocks', () => {
    expect(cdktf.resource).toEqual(hcl.resource);
    expect(cdktf.data).toEqual(hcl.data);
  });

  test('the same outputs', () => {
    expect(cdktf.output).toEqual(hcl.output);
  });
});

describe('normalisation', () => {
  test('squeeze drops layout outside strings only', () => {
    expect(squeeze('${merge({\n  a    = "x  y"\n}, { b = "${ var.c }" })}')).toBe('${merge({a="x  y"},{b="${var.c}"})}');
    expect(squeeze('literal  text $${not code}')).toBe('literal  text $${not code}');
  });

  test('a real difference is still a difference', async () => {
    const config = CONFIGS['embedded default'];
    const hcl = normaliseHcl(await parseHcl(renderHclModule(config)));
    const changed = JSON.parse(renderCdktfModule(config)[CDKTF_MODULE_FILE]) as Json;
    changed.resource.aws_ecs_service.this.platform_version = '1.3.0';
    changed.variable.cpu.default = 2048;
    const cdktf = await normaliseCdktf(changed);
    expect(cdktf.resource).not.toEqual(hcl.resource);
    expect(cdktf.variable.cpu).not.toEqual(hcl.variable.cpu);
  });
});

/** Inputs that exercise every branch of the wiring, passed to both modules through the same tfvars file. */
const EVALUATION_CASES: Record<string, ServiceConfig> = {
  'embedded default': EMBEDDED_DEFAULT_CONFIG,
  'two application containers': APP_CONFIG,
  'existing cluster, SSM key, ECS Exec, Datadog extras': {
    ...APP_CONFIG,
    name: 'exec',
    datadog: { apiKeySecretArn: 'arn:aws:ssm:eu-west-1:210987654321:parameter/dd', env: 'dev', tags: { a: '1', b: '2' }, apmEnabled: false, cpu: 128, memory: 256 },
    cluster: { existingClusterArn: 'arn:aws:ecs:eu-west-1:210987654321:cluster/shared' },
    service: { enableExecuteCommand: true },
  },
};

describeWithTerraform('pure locals of both modules, evaluated by terraform', () => {
  // Both modules come from the embedded default; each case's values travel only through the tfvars file.
  const base = resolveConfig(EMBEDDED_DEFAULT_CONFIG);
  const spec = moduleSpec(base);
  const pure = spec.locals.filter((l) => l.pure).map((l) => l.name);
  const output = Object.fromEntries(pure.map((name) => [name, { value: `\${local.${name}}` }]));

  /** Impure locals read the provider; offline they are the model's literal values, the same for both modules. */
  function offlineLocals(locals: Json, config: ResolvedConfig): Json {
    const context = modelContext(config) as Record<string, string>;
    return Object.fromEntries(spec.locals.map((l) => [l.name, l.pure ? locals[l.name] : escapeTemplate(context[l.name])]));
  }

  async function evaluateHcl(config: ResolvedConfig): Promise<Json> {
    const files = renderHclModule(base);
    const doc = await parseHcl(files);
    const dir = tempDir('equivalence-hcl-');
    try {
      writeFileSync(join(dir, 'variables.tf'), files['variables.tf']);
      const locals = offlineLocals((doc.locals as Json[]).reduce(merge, {}), config);
      writeFileSync(join(dir, 'offline.tf.json'), JSON.stringify({ locals, output }));
      return await applyConfiguration(dir, moduleCallValues(config));
    } finally {
      cleanup(dir);
    }
  }

  async function evaluateCdktf(config: ResolvedConfig): Promise<Json> {
    const doc = JSON.parse(renderCdktfModule(base)[CDKTF_MODULE_FILE]) as Json;
    const dir = tempDir('equivalence-cdktf-');
    try {
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ variable: doc.variable, locals: offlineLocals(doc.locals, config), output }));
      return await applyConfiguration(dir, moduleCallValues(config));
    } finally {
      cleanup(dir);
    }
  }

  test.each(Object.entries(EVALUATION_CASES))('%s: identical JSON', async (_label, raw) => {
    const config = resolveConfig(raw);
    const [hcl, cdktf] = await Promise.all([evaluateHcl(config), evaluateCdktf(config)]);
    expect(hcl.diagnostics).toEqual([]);
    expect(cdktf.diagnostics).toEqual([]);
    expect(Object.keys(cdktf.outputs).sort()).toEqual([...pure].sort());
    expect(cdktf.outputs).toEqual(hcl.outputs);
    expect(hcl.outputs.container_definitions).toEqual(containerDefinitions(config));
  });

});
