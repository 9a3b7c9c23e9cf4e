import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDED_DEFAULT_CONFIG as EMBEDDED_DEFAULT, resolveConfig } from '../src/config/defaults';
import type { ResolvedConfig } from '../src/config/types';
import { executionPolicy } from '../src/model/iam';
import { containerDefinitions, taskVolumes } from '../src/model/task-definition';
import { modelContext } from '../src/module/locals';
import { moduleSpec } from '../src/module/spec';
import { expr, ModuleSpec } from '../src/module/types';
import { escapeTemplate } from '../modules/terraform-json';
import { CDKTF_MODULE_FILE, renderCdktfModule, renderModuleSpecJson } from '../src/render/cdktf';
import { APP_CONFIG, CONFIGS, moduleCallValues } from './support/configs';
import { applyConfiguration, cleanup, describeWithTerraform, tempDir } from './support/terraform';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A small module with every kind of element the serialiser handles. */
const FIXTURE: ModuleSpec = {
  name: 'fixture',
  description: 'A fixture module',
  requiredVersion: '>= 1.9',
  requiredProviders: { aws: { source: 'hashicorp/aws', version: '>= 6.0' } },
  variables: [
    {
      name: 'name',
      type: 'string',
      description: 'Service name',
      default: 'svc',
      nullable: false,
      validations: [{ condition: 'can(regex("^[A-Za-z0-9_-]{1,255}$", var.name))', errorMessage: 'name: letters, digits, - and _; literal ${ stays' }],
    },
    {
      name: 'paths',
      type: 'list(object({ container = string, path = string }))',
      description: 'Writable paths',
      default: [{ container: 'web', path: '/tmp/${x}' }],
      validations: [],
    },
    { name: 'secret_arn', type: 'string', description: 'Required', validations: [] },
  ],
  locals: [
    { name: 'volumes', value: expr('[for p in var.paths : "${p.container}-${replace(trimprefix(p.path, "/"), "/", "-")}"]'), pure: true },
    { name: 'mixed', value: { literal: 'cost ${not_a_ref} %{nor_a_directive}', list: [1, true, null, expr('var.name')] }, pure: true },
  ],
  resources: [
    { kind: 'data', type: 'aws_region', name: 'current', attributes: {}, file: 'main.tf' },
    {
      kind: 'resource',
      type: 'aws_ecs_cluster',
      name: 'this',
      count: expr('var.secret_arn == "" ? 0 : 1'),
      attributes: { name: expr('var.name') },
      blocks: [{ type: 'setting', attributes: { name: 'containerInsights', value: 'enabled' } }],
      file: 'ecs.tf',
    },
    {
      kind: 'resource',
      type: 'aws_ecs_task_definition',
      name: 'this',
      attributes: { family: expr('var.name'), container_definitions: expr('jsonencode([])') },
      blocks: [
        { type: 'volume', forEach: expr('toset(local.volumes)'), attributes: { name: expr('volume.value') } },
        { type: 'runtime_platform', attributes: { operating_system_family: 'LINUX' } },
      ],
      file: 'ecs.tf',
    },
    { kind: 'resource', type: 'aws_sns_topic', name: 'this', attributes: { name: 'generic' }, file: 'extra.tf' },
  ],
  outputs: [
    { name: 'task_definition_arn', description: 'ARN', value: expr('aws_ecs_task_definition.this.arn') },
    { name: 'volumes', description: 'Volume names', value: expr('local.volumes'), sensitive: false },
  ],
};

describe('module stack serialiser (fixture)', () => {
  const text = renderModuleSpecJson(FIXTURE);
  const json = JSON.parse(text) as Json;

  test('matches the snapshot', () => {
    expect(text).toMatchSnapshot();
  });

  test('has no provider block, no backend and no CDKTF metadata', () => {
    expect(json.provider).toBeUndefined();
    expect(json.terraform.backend).toBeUndefined();
    expect(text).not.toContain('"//"');
  });

  test('requires providers with a minimum version and states required_version', () => {
    expect(json.terraform).toEqual({
      required_providers: { aws: { source: 'hashicorp/aws', version: '>= 6.0' } },
      required_version: '>= 1.9',
    });
  });

  test('writes variables with type, description, literal default, nullable and validations', () => {
    expect(json.variable.name).toEqual({
      type: 'string',
      description: 'Service name',
      default: 'svc',
      nullable: false,
      validation: [
        {
          condition: '${can(regex("^[A-Za-z0-9_-]{1,255}$", var.name))}',
          error_message: 'name: letters, digits, - and _; literal $${ stays',
        },
      ],
    });
    // Defaults are literal JSON in Terraform: nothing is escaped.
    expect(json.variable.paths.default).toEqual([{ container: 'web', path: '/tmp/${x}' }]);
    expect(json.variable.paths.validation).toBeUndefined();
    expect('default' in json.variable.secret_arn).toBe(false);
  });

  test('writes locals as interpolations and escapes literal text', () => {
    expect(json.locals.volumes).toBe('${[for p in var.paths : "${p.container}-${replace(trimprefix(p.path, "/"), "/", "-")}"]}');
    expect(json.locals.mixed).toEqual({ literal: 'cost $${not_a_ref} %%{nor_a_directive}', list: [1, true, null, '${var.name}'] });
  });

  test('writes resources at stable addresses with count, static and dynamic blocks', () => {
    expect(json.data.aws_region.current).toEqual({});
    expect(json.resource.aws_ecs_cluster.this).toEqual({
      count: '${var.secret_arn == "" ? 0 : 1}',
      name: '${var.name}',
      setting: [{ name: 'containerInsights', value: 'enabled' }],
    });
    expect(json.resource.aws_ecs_task_definition.this).toEqual({
      family: '${var.name}',
      container_definitions: '${jsonencode([])}',
      runtime_platform: [{ operating_system_family: 'LINUX' }],
      dynamic: { volume: [{ for_each: '${toset(local.volumes)}', content: { name: '${volume.value}' } }] },
    });
    expect(json.resource.aws_sns_topic.this).toEqual({ name: 'generic' });
  });

  test('writes outputs', () => {
    expect(json.output).toEqual({
      task_definition_arn: { description: 'ARN', value: '${aws_ecs_task_definition.this.arn}' },
      volumes: { description: 'Volume names', value: '${local.volumes}', sensitive: false },
    });
  });

  test('is byte-stable: sorted keys, two-space indent, trailing newline', () => {
    expect(renderModuleSpecJson(FIXTURE)).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
    expect(Object.keys(json)).toEqual([...Object.keys(json)].sort());
    expect(text).toBe(`${JSON.stringify(json, null, 2)}\n`);
  });

  test('rejects an expression as a variable default', () => {
    const bad: ModuleSpec = { ...FIXTURE, variables: [{ name: 'x', type: 'string', description: 'x', default: expr('var.y'), validations: [] }] };
    expect(() => renderModuleSpecJson(bad)).toThrow(/variable x default.*var\.y/);
  });
});

const address = (r: { kind: string; type: string; name: string }) => `${r.kind === 'data' ? 'data.' : ''}${r.type}.${r.name}`;

function addresses(json: Json): string[] {
  const out: string[] = [];
  for (const [type, byName] of Object.entries((json.resource ?? {}) as Json)) for (const name of Object.keys(byName)) out.push(`${type}.${name}`);
  for (const [type, byName] of Object.entries((json.data ?? {}) as Json)) for (const name of Object.keys(byName)) out.push(`data.${type}.${name}`);
  return out.sort();
}

describe.each(Object.entries(CONFIGS))('module stack of the module description (%s)', (_label, config) => {
  const spec = moduleSpec(config);
  const files = renderCdktfModule(config);
  const text = files[CDKTF_MODULE_FILE];
  const json = JSON.parse(text) as Json;

  test('is one file, matching the snapshot', () => {
    expect(Object.keys(files)).toEqual(['main.tf.json']);
    expect(text).toMatchSnapshot();
  });

  test('has no provider, no backend, a minimum aws version and required_version', () => {
    expect(json.provider).toBeUndefined();
    expect(json.terraform.backend).toBeUndefined();
    expect(json.terraform.required_providers.aws.source).toBe('hashicorp/aws');
    expect(json.terraform.required_providers.aws.version).toMatch(/^>= \d/);
    expect(json.terraform.required_version).toBe(spec.requiredVersion);
    expect(text).not.toContain('"//"');
  });

  test('declares every variable, local, output and resource of the description', () => {
    expect(Object.keys(json.variable).sort()).toEqual(spec.variables.map((v) => v.name).sort());
    expect(Object.keys(json.locals).sort()).toEqual(spec.locals.map((l) => l.name).sort());
    expect(Object.keys(json.output).sort()).toEqual(spec.outputs.map((o) => o.name).sort());
    expect(addresses(json)).toEqual(spec.resources.map(address).sort());
    for (const v of spec.variables) {
      expect(json.variable[v.name].type).toBe(v.type);
      expect(json.variable[v.name].default).toEqual(v.default);
      expect(json.variable[v.name].validation ?? []).toHaveLength(v.validations.length);
    }
  });

  test('the config is the defaults, but the API key secret is the caller\'s: no default; no public IP by default', () => {
    expect(json.variable.datadog).not.toHaveProperty('default');
    expect(json.variable.datadog.type).toMatch(/api_key_secret_arn\s*=\s*string/);
    expect(json.variable.assign_public_ip.default).toBe(false);
    expect(text).not.toMatch(/"DD_API_KEY"\s*,\s*"?value"?\s*=/);
  });

  test('the service and cluster keep the Security Hub settings', () => {
    const service = json.resource.aws_ecs_service.this as Json;
    expect(service.platform_version).toBe('LATEST');
    expect(service.deployment_circuit_breaker).toEqual([{ enable: true, rollback: true }]);
    expect(json.resource.aws_ecs_cluster.this.count).toBe('${var.existing_cluster_arn == null ? 1 : 0}');
    expect(json.resource.aws_ecs_cluster.this.setting).toEqual([{ name: 'containerInsights', value: '${var.container_insights}' }]);
    expect(json.resource.aws_ecs_task_definition.this.dynamic.volume[0].for_each).toBe('${local.volumes}');
  });
});

/** The CDKTF module's own JSON, reduced to what terraform evaluates offline: impure locals become literal text. */
function offlineModuleJson(config: ResolvedConfig, outputs: readonly string[]): Json {
  const json = JSON.parse(renderCdktfModule(resolveConfig(EMBEDDED_DEFAULT))[CDKTF_MODULE_FILE]) as Json;
  const spec = moduleSpec(config);
  const context = modelContext(config) as Record<string, string>;
  const locals: Json = {};
  for (const local of spec.locals) locals[local.name] = local.pure ? json.locals[local.name] : escapeTemplate(context[local.name]);
  return {
    terraform: { required_version: json.terraform.required_version },
    variable: json.variable,
    locals,
    output: Object.fromEntries(outputs.map((name) => [name, { value: `\${local.${name}}` }])),
  };
}

describeWithTerraform('module stack evaluated by terraform', () => {
  // The module is rendered from the embedded default; each case's values travel only through the tfvars file.
  const cases: Array<[string, ResolvedConfig]> = [
    ['embedded default', resolveConfig(EMBEDDED_DEFAULT)],
    ['two application containers', resolveConfig(APP_CONFIG)],
  ];

  test.each(cases)('%s: container definitions, volumes and execution policy equal the model', async (_label, config) => {
    const dir = tempDir('cdktf-module-');
    try {
      const outputs = ['container_definitions', 'volumes', 'execution_policy'];
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(offlineModuleJson(config, outputs)));
      const result = await applyConfiguration(dir, moduleCallValues(config));
      expect(result.diagnostics).toEqual([]);
      expect(result.outputs.container_definitions).toEqual(containerDefinitions(config));
      expect(result.outputs.volumes).toEqual(taskVolumes(config));
      expect(JSON.parse(result.outputs.execution_policy as string)).toEqual(executionPolicy(config));
    } finally {
      cleanup(dir);
    }
  });

  test('a variable validation of the module stack rejects a bad value', async () => {
    const dir = tempDir('cdktf-module-');
    try {
      const config = resolveConfig(EMBEDDED_DEFAULT);
      writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(offlineModuleJson(config, ['volumes'])));
      const result = await applyConfiguration(dir, { ...moduleCallValues(config), memory: 1000 });
      expect(result.ok).toBe(false);
      expect(result.diagnostics.map((d) => d.detail).join('\n')).toMatch(/memory/);
    } finally {
      cleanup(dir);
    }
  });
});
