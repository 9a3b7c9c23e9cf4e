import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { format } from '@cdktf/hcl-tools';
import { parse } from '@cdktf/hcl2json';
import type { ResolvedConfig } from '../src/config/types';
import { moduleSpec } from '../src/module/spec';
import { expr, isExpr, type ModuleSpec, type Value } from '../src/module/types';
import type { FileSet } from '../src/render/formats';
import { FORMATS } from '../src/render/formats';
import { renderHclModule, renderModuleFiles } from '../src/render/hcl';
import { templatesDir } from '../src/render/hcl/templates';
import { CONFIGS } from './support/configs';
import { decodeJsonTemplate } from './support/hcl-json';

/** A parsed literal with template escaping undone, keys included; throws on any expression inside. */
function literal(parsed: unknown): unknown {
  if (typeof parsed === 'string') return decodeJsonTemplate(parsed);
  if (Array.isArray(parsed)) return parsed.map(literal);
  if (parsed !== null && typeof parsed === 'object') {
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [decodeJsonTemplate(k), literal(v)]));
  }
  return parsed;
}

/** Collapses whitespace so expressions compare regardless of the layout the renderer gave them. */
const squash = (text: string) => text.replace(/\s+/g, ' ').replace(/([[({]) /g, '$1').replace(/ ([\])}])/g, '$1').trim();

/** hcl2json output with the whitespace of every expression string collapsed. */
function squashExpressions(parsed: unknown): unknown {
  if (typeof parsed === 'string') return parsed.startsWith('${') ? squash(parsed) : parsed;
  if (Array.isArray(parsed)) return parsed.map(squashExpressions);
  if (parsed !== null && typeof parsed === 'object') {
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, squashExpressions(v)]));
  }
  return parsed;
}

/** An expression as hcl2json parses it on its own, to compare with the same expression inside a rendered file. */
async function parsedExpression(text: string): Promise<unknown> {
  return squashExpressions((await parse('expression.tf', `x = ${text}\n`)).x);
}

type Parsed = Record<string, any>;

async function parseAll(files: FileSet, filter: (path: string) => boolean): Promise<Record<string, Parsed>> {
  const out: Record<string, Parsed> = {};
  for (const path of Object.keys(files).filter(filter)) out[path] = await parse(path, files[path]);
  return out;
}

const isModuleTf = (path: string) => path.endsWith('.tf') && !path.includes('/');

function writeTree(files: FileSet): string {
  const dir = mkdtempSync(join(tmpdir(), 'hcl-module-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** A spec that exercises every shape the renderer handles, with hostile literals everywhere a literal can be. */
const HOSTILE = '<a href=\'x\'> &amp; ` = a"b\\c ${var.x} %{ if true }y%{ endif } $${z} ~} \n\r\t\u0001\u007f é 😀';
const FIXTURE: ModuleSpec = {
  name: 'fixture-module',
  description: 'A module that only exists in tests.',
  requiredVersion: '>= 1.9',
  requiredProviders: { aws: { source: 'hashicorp/aws', version: '>= 6.0' } },
  variables: [
    {
      name: 'hostile',
      type: 'string',
      description: `Description with ${HOSTILE}`,
      default: HOSTILE,
      validations: [
        { condition: 'length(var.hostile) > 0', errorMessage: `hostile: must not be empty ${HOSTILE}` },
        { condition: 'can(regex("^[^$]", var.hostile))', errorMessage: 'hostile: must not start with "$".' },
      ],
    },
    { name: 'required_number', type: 'number', description: 'No default: required.', validations: [] },
    {
      name: 'nested',
      type: 'object({\nshort = string\nlonger_name = optional(list(number), [])\nmap = optional(map(string), {})\n})',
      description: 'Multi-line type.',
      default: { short: HOSTILE, longer_name: [1, 2.5, -3, 1e21], map: { 'a-b': '1', 'com.example/x': '2', for: '3', '${k}': '4', ünï: '5' } },
      nullable: false,
      validations: [],
    },
    { name: 'maybe', type: 'string', description: 'Nullable.', default: null, nullable: true, validations: [] },
    { name: 'empty_things', type: 'object({ l = list(string), m = map(string) })', description: 'Empty values.', default: { l: [], m: {} }, validations: [] },
  ],
  locals: [
    { name: 'literal_list', value: ['x', 1, true, null, HOSTILE], pure: true },
    { name: 'mixed', value: { ref: expr('var.hostile'), text: HOSTILE, list: [{ a: 1 }, { b: expr('upper(var.hostile)') }] }, pure: true },
    { name: 'multi_line', value: expr('{\n      for k, v in var.nested.map :\n  k => v\n}'), pure: true },
  ],
  resources: [
    { kind: 'data', type: 'aws_region', name: 'current', attributes: {}, file: 'main.tf' },
    {
      kind: 'resource',
      type: 'aws_ecs_cluster',
      name: 'this',
      count: expr('var.maybe == null ? 0 : 1'),
      attributes: { name: expr('var.hostile'), tags: { note: HOSTILE } },
      blocks: [
        { type: 'setting', attributes: { name: 'containerInsights', value: HOSTILE } },
        {
          type: 'volume',
          forEach: expr('local.literal_list'),
          attributes: { name: expr('volume.value') },
          blocks: [{ type: 'inner', attributes: { x: 1, longer: 'y' } }],
        },
      ],
      file: 'ecs.tf',
    },
  ],
  outputs: [
    { name: 'secret', description: HOSTILE, value: expr('local.mixed'), sensitive: true },
    { name: 'plain', description: 'Plain.', value: expr('var.hostile') },
  ],
};

const appConfig = CONFIGS['two application containers'];
const CASES: [string, ModuleSpec, ResolvedConfig][] = [
  ...Object.entries(CONFIGS).map(([name, config]): [string, ModuleSpec, ResolvedConfig] => [name, moduleSpec(config), config]),
  ['hostile fixture spec', FIXTURE, appConfig],
];

describe.each(CASES)('HCL module: %s', (_name, spec, config) => {
  const files = renderModuleFiles(spec, config);

  it('has the standard module structure, each resource in its file', async () => {
    const resourceFiles = [...new Set(['main.tf', ...spec.resources.map((r) => r.file)])];
    expect(Object.keys(files).sort()).toEqual(
      [
        'LICENSE',
        'README.md',
        'examples/minimal/main.tf',
        'examples/web-service/main.tf',
        'examples/with-application/main.tf',
        'outputs.tf',
        'variables.tf',
        'versions.tf',
        ...resourceFiles,
      ].sort(),
    );
    const parsed = await parseAll(files, isModuleTf);
    for (const r of spec.resources) {
      const kindKey = r.kind === 'data' ? 'data' : 'resource';
      expect(parsed[r.file][kindKey]?.[r.type]?.[r.name]).toHaveLength(1);
      for (const [path, p] of Object.entries(parsed)) if (path !== r.file) expect(p[kindKey]?.[r.type]?.[r.name]).toBeUndefined();
    }
    expect(Object.keys(parsed['main.tf'].locals?.[0] ?? {}).sort()).toEqual(spec.locals.map((l) => l.name).sort());
  });

  it('renders byte for byte the same twice', () => {
    expect(renderModuleFiles(spec, config)).toEqual(files);
  });

  it('writes every .tf file in canonical terraform fmt layout', async () => {
    for (const [path, content] of Object.entries(files)) {
      if (!path.endsWith('.tf')) continue;
      expect({ path, content: await format(content) }).toEqual({ path, content });
    }
  });

  it('declares every variable with its type, description, default, nullability and validations', async () => {
    const variables = (await parse('variables.tf', files['variables.tf'])).variable as Record<string, Parsed[]>;
    expect(Object.keys(variables).sort()).toEqual(spec.variables.map((v) => v.name).sort());
    for (const v of spec.variables) {
      const [block] = variables[v.name];
      expect(squashExpressions(block.type)).toEqual(await parsedExpression(v.type));
      expect(literal(block.description)).toBe(v.description.normalize('NFC'));
      if (v.default === undefined) expect('default' in block).toBe(false);
      else expect(literal(block.default)).toEqual(nfc(v.default));
      expect(block.nullable).toBe(v.nullable);
      const validations = (block.validation ?? []) as Parsed[];
      expect(validations).toHaveLength(v.validations.length);
      for (const [i, got] of validations.entries()) {
        expect(squashExpressions(got.condition)).toEqual(await parsedExpression(v.validations[i].condition));
        expect(literal(got.error_message)).toBe(v.validations[i].errorMessage.normalize('NFC'));
      }
    }
  });

  it('writes locals and outputs with literals intact and expressions as expressions', async () => {
    const locals = (await parse('main.tf', files['main.tf'])).locals?.[0] ?? {};
    for (const l of spec.locals) await expectSameValue(locals[l.name], l.value);
    const outputs = (await parse('outputs.tf', files['outputs.tf'])).output as Record<string, Parsed[]>;
    expect(Object.keys(outputs).sort()).toEqual(spec.outputs.map((o) => o.name).sort());
    for (const o of spec.outputs) {
      const [block] = outputs[o.name];
      expect(literal(block.description)).toBe(o.description.normalize('NFC'));
      expect(squashExpressions(block.value)).toEqual(await parsedExpression(o.value.expr));
      expect(block.sensitive).toBe(o.sensitive);
    }
  });

  it('pins providers with a minimum, and holds no provider block and no backend', async () => {
    const parsed = await parseAll(files, isModuleTf);
    const terraformBlocks = Object.values(parsed).flatMap((p) => (p.terraform ?? []) as Parsed[]);
    expect(terraformBlocks).toHaveLength(1);
    expect(terraformBlocks[0].required_version).toBe(spec.requiredVersion);
    expect(terraformBlocks[0].required_providers).toEqual([spec.requiredProviders]);
    for (const p of Object.values(spec.requiredProviders)) expect(p.version).toMatch(/^>= /);
    expect(terraformBlocks[0].backend).toBeUndefined();
    expect(terraformBlocks[0].cloud).toBeUndefined();
    for (const [path, p] of Object.entries(parsed)) expect({ path, provider: p.provider }).toEqual({ path, provider: undefined });
  });

  it('has examples that call the module from ../.. with their own terraform and provider blocks', async () => {
    for (const folder of ['minimal', 'with-application']) {
      const example = await parse('main.tf', files[`examples/${folder}/main.tf`]);
      const calls = Object.values(example.module as Record<string, Parsed[]>);
      expect(calls).toHaveLength(1);
      expect(calls[0][0].source).toBe('../..');
      expect(example.terraform[0].required_providers).toEqual([spec.requiredProviders]);
      expect(example.provider.aws[0].region).toBe(config.region);
      const declared = new Set(spec.variables.map((v) => v.name));
      for (const input of Object.keys(calls[0][0]).filter((k) => k !== 'source')) expect(declared).toContain(input);
      if (spec !== FIXTURE) {
        // Examples must plan as written: they set every variable without a default.
        for (const required of spec.variables.filter((v) => v.default === undefined)) expect(Object.keys(calls[0][0])).toContain(required.name);
      }
    }
  });

  it('ships the Apache-2.0 license from its template', () => {
    expect(files.LICENSE).toBe(readFileSync(join(templatesDir(), 'LICENSE.hbs'), 'utf8'));
    expect(files.LICENSE).toMatch(/^\s+Apache License\s+Version 2\.0, January 2004/);
    expect(files.LICENSE).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
  });
});

function nfc(value: Value): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfc);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), nfc(v as Value)]));
  }
  return value;
}

/** A literal comes back equal (and never as an expression); an expression comes back as that expression. */
async function expectSameValue(parsed: unknown, value: Value): Promise<void> {
  if (isExpr(value)) {
    expect(squashExpressions(parsed)).toEqual(await parsedExpression(value.expr));
  } else if (Array.isArray(value)) {
    expect(Array.isArray(parsed)).toBe(true);
    expect((parsed as unknown[]).length).toBe(value.length);
    for (const [i, item] of value.entries()) await expectSameValue((parsed as unknown[])[i], item);
  } else if (value !== null && typeof value === 'object') {
    const keys = Object.keys(parsed as object);
    expect(keys.map(decodeJsonTemplate).sort()).toEqual(Object.keys(value).map((k) => k.normalize('NFC')).sort());
    for (const key of Object.keys(value)) {
      const parsedKey = keys.find((k) => decodeJsonTemplate(k) === key.normalize('NFC')) as string;
      await expectSameValue((parsed as Record<string, unknown>)[parsedKey], value[key]);
    }
  } else {
    expect(literal(parsed)).toEqual(nfc(value));
  }
}

describe('HCL module of the CLI', () => {
  it('is the module of the config spec, and the hcl format renders it', async () => {
    const config = CONFIGS['two application containers'];
    const files = renderHclModule(config);
    expect(files).toEqual(renderModuleFiles(moduleSpec(config), config));
    expect(await FORMATS.hcl.render(config)).toEqual(files);
  });

  it('fails on a resource file name outside the module layout', () => {
    const bad: ModuleSpec = { ...FIXTURE, resources: [{ ...FIXTURE.resources[0], file: 'variables.tf' }] };
    expect(() => renderModuleFiles(bad, appConfig)).toThrow(/variables\.tf/);
  });

  it('passes terraform fmt -check -recursive', () => {
    const dirs = CASES.map(([, spec, config]) => writeTree(renderModuleFiles(spec, config)));
    try {
      for (const dir of dirs) {
        const run = () =>
          execFileSync('terraform', ['fmt', '-check', '-recursive', '-diff', dir], {
            env: { ...process.env, CHECKPOINT_DISABLE: '1' },
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
          });
        expect(run).not.toThrow();
      }
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
