import { renderModuleSpecJson } from '../src/render/cdktf';
import { expr, ModuleSpec } from '../src/module/types';

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
