/** The shape of the module description: variables, pure and context locals, resource addresses, outputs. */
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import { TF } from '../src/model/terraform-refs';
import { CONTEXT_LOCALS } from '../src/module/locals';
import { moduleSpec } from '../src/module/spec';
import { isExpr, type ModuleSpec, type Value } from '../src/module/types';
import { moduleVariableValues } from '../src/module/variables';
import { CONFIGS } from './support/configs';

const REQUIRED_VARIABLES = [
  'name',
  'cpu',
  'memory',
  'cpu_architecture',
  'tags',
  'datadog',
  'containers',
  'subnet_ids',
  'security_group_ids',
  'assign_public_ip',
  'desired_count',
  'existing_cluster_arn',
  'container_insights',
  'log_retention_in_days',
  'log_kms_key_arn',
  'enable_execute_command',
  'execution_role_arn',
  'task_role_arn',
  'iam_role_path',
  'iam_role_permissions_boundary_arn',
  'task_role_policy_statements',
  'task_role_managed_policy_arns',
  'load_balancers',
  'health_check_grace_period_seconds',
  'security_group',
  'autoscaling',
  'capacity_provider_strategy',
  'deployment_minimum_healthy_percent',
  'deployment_maximum_percent',
  'wait_for_steady_state',
  'service_registry_arn',
  'ephemeral_storage_gib',
];

const OUTPUTS = [
  'cluster_arn',
  'cluster_name',
  'service_name',
  'service_arn',
  'task_definition_arn',
  'task_definition_family',
  'task_definition_revision',
  'task_definition_arn_without_revision',
  'execution_role_arn',
  'execution_role_name',
  'task_role_arn',
  'task_role_name',
  'security_group_id',
  'autoscaling_target_resource_id',
  'autoscaling_policy_arns',
  'log_group_name',
  'container_definitions',
];

/** Every expression text in a value. */
function expressions(value: Value | undefined): string[] {
  if (value === undefined || value === null || typeof value !== 'object') return [];
  if (isExpr(value)) return [value.expr];
  if (Array.isArray(value)) return value.flatMap(expressions);
  return Object.values(value as Record<string, Value>).flatMap(expressions);
}

function allExpressions(spec: ModuleSpec): string[] {
  return [
    ...spec.locals.flatMap((l) => expressions(l.value)),
    ...spec.resources.flatMap((r) => [
      ...expressions(r.attributes as Value),
      ...(r.count ? [r.count.expr] : []),
      ...(r.blocks ?? []).flatMap((b) => [...expressions(b.attributes as Value), ...(b.forEach ? [b.forEach.expr] : [])]),
    ]),
    ...spec.outputs.map((o) => o.value.expr),
    ...spec.variables.flatMap((v) => v.validations.map((r) => r.condition)),
  ];
}

/** Addresses an expression references (`data.t.n`, `t.n` of a resource type), without quoted text. */
function references(text: string): string[] {
  const code = text.replace(/"(?:[^"\\]|\\.)*"/g, (s) => (s.includes('${') ? s : '""'));
  return [...code.matchAll(/\b(data\.[a-z0-9_]+\.[a-z0-9_]+|aws_[a-z0-9_]+\.[a-z0-9_]+)/g)].map((m) => m[1]);
}

describe.each(Object.entries({ ...CONFIGS, 'embedded default': resolveConfig(EMBEDDED_DEFAULT_CONFIG) }))('module spec of the %s', (_label, config) => {
  const spec = moduleSpec(config);
  const addresses = spec.resources.map((r) => (r.kind === 'data' ? `data.${r.type}.${r.name}` : `${r.type}.${r.name}`));

  test('declares every variable, typed, described, snake_case, with the config as default', () => {
    const names = spec.variables.map((v) => v.name);
    expect(names).toEqual(expect.arrayContaining(REQUIRED_VARIABLES));
    const values = moduleVariableValues(config);
    for (const v of spec.variables) {
      expect(v.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(v.type.length).toBeGreaterThan(0);
      expect(v.description.length).toBeGreaterThan(20);
      // A service needs subnets: a config without any makes subnet_ids a required variable.
      if (v.name === 'subnet_ids' && config.network.subnetIds.length === 0) expect(v).not.toHaveProperty('default');
      // The API key secret is the caller's: never a default (a placeholder would plan and apply, and tasks fail).
      else if (v.name === 'datadog') expect(v).not.toHaveProperty('default');
      else expect(v.default).toEqual(values[v.name]);
    }
    expect(values.name).toBe(config.name);
    expect(values.cpu).toBe(config.cpu);
    expect(values.containers).toHaveLength(config.containers.length);
  });

  test('object variables declare optional attributes with the resolved defaults', () => {
    const type = (name: string) => spec.variables.find((v) => v.name === name)!.type;
    expect(type('datadog')).toMatch(/site\s+= optional\(string, "datadoghq\.com"\)/);
    expect(type('datadog')).toMatch(/api_key_secret_arn = string/);
    for (const attr of ['port', 'protocol', 'writable_paths', 'environment', 'secrets', 'cpu', 'memory', 'essential', 'command', 'health_check', 'depends_on', 'service', 'version']) {
      expect(type('containers')).toMatch(new RegExp(`\\b${attr}\\s*= optional\\(`));
    }
  });

  test('only the context locals read the provider or resources; every other local is pure', () => {
    const context = spec.locals.filter((l) => !l.pure);
    expect(Object.fromEntries(context.map((l) => [l.name, isExpr(l.value) ? l.value.expr : l.value]))).toEqual(CONTEXT_LOCALS);
    expect(CONTEXT_LOCALS).toMatchObject({
      aws_region: 'data.aws_region.current.region',
      aws_account_id: 'data.aws_caller_identity.current.account_id',
      aws_partition: 'data.aws_partition.current.partition',
    });
    for (const l of spec.locals.filter((x) => x.pure)) {
      expect({ local: l.name, references: expressions(l.value).flatMap(references) }).toEqual({ local: l.name, references: [] });
    }
  });

  test('every referenced variable, local and resource exists', () => {
    const text = allExpressions(spec).join('\n');
    const vars = new Set(spec.variables.map((v) => v.name));
    const locals = new Set(spec.locals.map((l) => l.name));
    expect([...text.matchAll(/\bvar\.([a-z0-9_]+)/g)].map((m) => m[1]).filter((n) => !vars.has(n))).toEqual([]);
    expect([...text.matchAll(/\blocal\.([a-z0-9_]+)/g)].map((m) => m[1]).filter((n) => !locals.has(n))).toEqual([]);
    expect(allExpressions(spec).flatMap(references).filter((a) => !addresses.includes(a))).toEqual([]);
    for (const r of spec.resources) for (const d of r.dependsOn ?? []) expect(addresses).toContain(d);
  });

  test('resource addresses are those the model refers to', () => {
    for (const ref of Object.values(TF)) {
      const address = /^\$\{((?:data\.)?[a-z0-9_]+\.[a-z0-9_]+)/.exec(ref)![1];
      expect(addresses).toContain(address);
    }
    expect(addresses).toEqual(
      expect.arrayContaining([
        'aws_ecs_cluster.this',
        'aws_cloudwatch_log_group.this',
        'aws_iam_role.execution',
        'aws_iam_role.task',
        'aws_iam_role_policy.execution',
        'aws_iam_role_policy.task',
        'aws_iam_role_policy.application',
        'aws_iam_role_policy_attachment.task',
        'aws_ecs_task_definition.this',
        'aws_ecs_service.this',
        'aws_ecs_cluster_capacity_providers.this',
        'aws_security_group.this',
        'aws_vpc_security_group_ingress_rule.this',
        'aws_vpc_security_group_egress_rule.this',
        'aws_appautoscaling_target.this',
        'aws_appautoscaling_policy.this',
      ]),
    );
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(new Set(spec.resources.map((r) => r.file))).toEqual(new Set(['main.tf', 'ecs.tf', 'iam.tf', 'logs.tf', 'security-group.tf', 'autoscaling.tf']));
  });

  test('the resources carry the settings Security Hub checks', () => {
    const resource = (type: string, name = 'this') => spec.resources.find((r) => r.type === type && r.name === name)!;
    const cluster = resource('aws_ecs_cluster');
    expect(cluster.count?.expr).toBe('var.existing_cluster_arn == null ? 1 : 0');
    expect(cluster.blocks).toEqual([{ type: 'setting', attributes: { name: 'containerInsights', value: { expr: 'var.container_insights' } } }]);
    const service = resource('aws_ecs_service');
    expect(service.attributes).toMatchObject({
      launch_type: { expr: 'length(var.capacity_provider_strategy) == 0 ? "FARGATE" : null' },
      platform_version: 'LATEST',
      propagate_tags: 'SERVICE',
      enable_ecs_managed_tags: true,
      wait_for_steady_state: { expr: 'var.wait_for_steady_state' },
    });
    expect(service.lifecycle).toEqual({ ignoreChanges: ['desired_count'] });
    expect(service.blocks).toContainEqual({ type: 'deployment_circuit_breaker', attributes: { enable: true, rollback: true } });
    const td = resource('aws_ecs_task_definition');
    expect(td.attributes).toMatchObject({ network_mode: 'awsvpc', requires_compatibilities: ['FARGATE'], container_definitions: { expr: 'jsonencode(local.container_definitions)' } });
    expect(td.blocks).toContainEqual({ type: 'volume', forEach: { expr: 'local.volumes' }, attributes: { name: { expr: 'volume.value.name' } } });
    expect(td.lifecycle).toEqual({ createBeforeDestroy: true });
    // IAM names are unique per account across regions: the region is in the role names.
    expect(resource('aws_iam_role', 'execution').attributes.name).toEqual({ expr: '"${var.name}-${local.aws_region}-execution"' });
    expect(resource('aws_iam_role', 'task').attributes.name).toEqual({ expr: '"${var.name}-${local.aws_region}-task"' });
    expect(resource('aws_iam_role', 'task').count).toEqual({ expr: 'var.task_role_arn == null ? 1 : 0' });
  });

  test('outputs, versions and providers', () => {
    expect(spec.outputs.map((o) => o.name)).toEqual(OUTPUTS);
    for (const o of spec.outputs) expect(o.description.length).toBeGreaterThan(10);
    expect(spec.outputs.find((o) => o.name === 'service_arn')!.value.expr).toBe('aws_ecs_service.this.id');
    expect(spec.requiredVersion).toBe('>= 1.9');
    expect(spec.requiredProviders).toEqual({ aws: { source: 'hashicorp/aws', version: '>= 6.0' } });
  });

  test('is deterministic', () => {
    expect(JSON.stringify(moduleSpec(config))).toBe(JSON.stringify(spec));
  });
});

test('subnet_ids defaults to the config subnets, and is required when the config has none', () => {
  const variable = (subnetIds: string[]) =>
    moduleSpec(resolveConfig({ ...EMBEDDED_DEFAULT_CONFIG, network: { subnetIds } })).variables.find((v) => v.name === 'subnet_ids')!;
  expect(variable(['subnet-0123456789abcdef0']).default).toEqual(['subnet-0123456789abcdef0']);
  expect(variable([])).not.toHaveProperty('default');
});
