/**
 * What this project deploys passes its own check: the CDKTF deployable stack as synthesised, and both Terraform
 * modules (HCL and CDKTF module stack) once terraform has evaluated the attributes of their ECS resources.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { Testing } from 'cdktf';
import { checkTerraformJson, summarise, unresolved } from '../src/compliance/check';
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import type { ResolvedConfig } from '../src/config/types';
import { modelContext } from '../src/module/locals';
import { moduleSpec } from '../src/module/spec';
import { moduleVariableValues } from '../src/module/variables';
import { CDKTF_MODULE_FILE, renderCdktfModule } from '../src/render/cdktf';
import { renderHclModule } from '../src/render/hcl';
import { DeployableStack } from '../modules/cdktf';
import { withSubnets } from './support/cdktf-json';
import { APP_CONFIG, CONFIGS, moduleCallValues } from './support/configs';
import { applyConfiguration, cleanup, describeWithTerraform, escapeTemplate, tempDir } from './support/terraform';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Standing findings other than ECS.20 on the application containers of `config`. */
function unexpected(reports: ReturnType<typeof checkTerraformJson>, config: ResolvedConfig): { ruleId: string; message: string }[] {
  const apps = config.containers.map((c) => `"${c.name}"`);
  return reports.flatMap(unresolved).filter((f) => !(f.ruleId === 'ECS.20' && apps.some((a) => f.message.includes(a))));
}

describe('the CDKTF deployable stack passes check', () => {
  test.each(Object.entries(CONFIGS))('%s', (_label, config) => {
    const text = Testing.synth(new DeployableStack(Testing.app(), config.name, { config: withSubnets(config) }), true);
    const reports = checkTerraformJson(JSON.parse(text), { source: 'cdk.tf.json', text });
    expect(reports).toHaveLength(1);
    expect(unexpected(reports, config)).toEqual([]);
    const statuses = Object.fromEntries(reports[0].outcomes.map((o) => [o.ruleId, o.status]));
    // The service and cluster are in the stack, so these are evaluated, not skipped as not applicable.
    expect(statuses['ECS.2']).toBe('compliant');
    expect(statuses['ECS.10']).toBe('compliant');
    expect(statuses['ECS.12']).toBe('compliant');
    const accepted = reports[0].outcomes.flatMap((o) => o.findings).filter((f) => f.acceptedReason !== undefined);
    expect(accepted.map((f) => `${f.ruleId} ${f.container}`)).toEqual(['ECS.20 datadog-init', 'ECS.20 datadog-agent']);
  });
});

test('the CDKTF module stack as written is not a pass: its container definitions are an expression', () => {
  const doc = JSON.parse(renderCdktfModule(resolveConfig(EMBEDDED_DEFAULT_CONFIG))[CDKTF_MODULE_FILE]);
  const [report] = checkTerraformJson(doc);
  expect(report.note).toContain('ECS.5');
  expect(report.outcomes.some((o) => o.ruleId === 'ECS.5')).toBe(false);
  // the note counts once; what else errs is what Terraform computes outside the containers (service, cluster)
  const others = report.outcomes.filter((o) => o.status === 'error').map((o) => o.ruleId);
  expect(summarise([report]).errors).toBe(1 + others.length);
  for (const id of others) expect(report.notEvaluated).not.toContain(id);
});

/** The only block of `resource.<type>.this`, whether written as an object or a one-element list. */
const resource = (doc: Json, type: string): Json => {
  const body = doc.resource[type].this;
  return Array.isArray(body) ? body[0] : body;
};

/** A Terraform value with every literal string escaped again, so the result reads as Terraform JSON. */
const literal = (value: unknown): unknown =>
  typeof value === 'string'
    ? escapeTemplate(value)
    : Array.isArray(value)
      ? value.map(literal)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v)]))
        : value;

/** The attributes of the module's ECS resources that the rules read, as output expressions. */
function attributeOutputs(doc: Json): Record<string, { value: unknown }> {
  const td = resource(doc, 'aws_ecs_task_definition');
  const service = resource(doc, 'aws_ecs_service');
  const cluster = resource(doc, 'aws_ecs_cluster');
  const picked: Record<string, unknown> = {
    family: td.family,
    network_mode: td.network_mode,
    requires_compatibilities: td.requires_compatibilities,
    cpu: td.cpu,
    memory: td.memory,
    pid_mode: td.pid_mode,
    runtime_platform: td.runtime_platform,
    container_definitions: td.container_definitions,
    volume: '${local.volumes}',
    launch_type: service.launch_type,
    platform_version: service.platform_version,
    // the created security group is no value offline: the given ones stand for all
    network_configuration: JSON.parse(JSON.stringify(service.network_configuration).replace(/aws_security_group\.this\[\*\]\.id/g, '[]')),
    setting: cluster.setting,
  };
  return Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined).map(([k, v]) => [k, { value: v }]));
}

/** Rebuilds the ECS resources from terraform's values, as literal Terraform JSON. */
function evaluatedDocument(outputs: Record<string, unknown>): Json {
  const o = literal(outputs) as Record<string, unknown>;
  const { launch_type, platform_version, network_configuration, setting, ...task } = o;
  return {
    resource: {
      aws_ecs_cluster: { this: { setting } },
      aws_ecs_task_definition: { this: task },
      aws_ecs_service: { this: { launch_type, platform_version, network_configuration, task_definition: '${aws_ecs_task_definition.this.arn}' } },
    },
  };
}

function offlineLocals(locals: Json, config: ResolvedConfig): Json {
  const context = modelContext(config) as Record<string, string>;
  return Object.fromEntries(moduleSpec(config).locals.map((l) => [l.name, l.pure ? locals[l.name] : escapeTemplate(context[l.name])]));
}

async function evaluate(files: Record<string, string>, config: ResolvedConfig): Promise<Json> {
  const dir = tempDir('compliance-module-');
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const result = await applyConfiguration(dir, moduleCallValues(config));
    expect(result.diagnostics).toEqual([]);
    return evaluatedDocument(result.outputs);
  } finally {
    cleanup(dir);
  }
}

async function evaluateCdktfModule(base: ResolvedConfig, config: ResolvedConfig): Promise<Json> {
  const doc = JSON.parse(renderCdktfModule(base)[CDKTF_MODULE_FILE]);
  return evaluate({ 'main.tf.json': JSON.stringify({ variable: doc.variable, locals: offlineLocals(doc.locals, config), output: attributeOutputs(doc) }) }, config);
}

async function evaluateHclModule(base: ResolvedConfig, config: ResolvedConfig): Promise<Json> {
  const files = renderHclModule(base);
  let locals: Json = {};
  const resources: Json = {};
  for (const [name, text] of Object.entries(files)) {
    if (name.includes('/') || !name.endsWith('.tf') || name === 'variables.tf') continue;
    const doc = (await parse(name, text)) as Json;
    for (const block of doc.locals ?? []) locals = { ...locals, ...block };
    for (const [type, byName] of Object.entries(doc.resource ?? {})) resources[type] = { ...(resources[type] ?? {}), ...(byName as Json) };
  }
  const outputs = attributeOutputs({ resource: resources });
  return evaluate({ 'variables.tf': files['variables.tf'], 'offline.tf.json': JSON.stringify({ locals: offlineLocals(locals, config), output: outputs }) }, config);
}

describeWithTerraform('both Terraform modules, evaluated by terraform, pass check', () => {
  // The modules come from the embedded default; each case's values travel only through the tfvars file.
  const base = resolveConfig(EMBEDDED_DEFAULT_CONFIG);
  const cases: Array<[string, ResolvedConfig]> = [
    ['embedded default', base],
    ['two application containers', resolveConfig(APP_CONFIG)],
  ];

  test.each(cases)('%s', async (_label, config) => {
    const [hcl, cdktf] = await Promise.all([evaluateHclModule(base, config), evaluateCdktfModule(base, config)]);
    expect(hcl).toEqual(cdktf);
    const reports = checkTerraformJson(cdktf, { source: 'module' });
    expect(unexpected(reports, config)).toEqual([]);
    const statuses = Object.fromEntries(reports[0].outcomes.map((o) => [o.ruleId, o.status]));
    for (const id of ['ECS.2', 'ECS.5', 'ECS.10', 'ECS.12', 'FARGATE.SIZE', 'DATADOG.AGENT_VOLUMES', 'DATADOG.INIT_CONTAINER']) expect(statuses[id]).toBe('compliant');
  });

  test('a public IP given to the module is found', async () => {
    const config = resolveConfig({ ...EMBEDDED_DEFAULT_CONFIG, network: { assignPublicIp: true } });
    const reports = checkTerraformJson(await evaluateCdktfModule(base, config), { source: 'module' });
    expect(unexpected(reports, config).map((f) => f.ruleId)).toEqual(['ECS.2']);
  });
});
