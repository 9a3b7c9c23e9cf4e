/** Terraform inputs: Terraform JSON (`*.tf.json`, CDKTF output) and plan JSON (`terraform show -json`). */

import { isObject, Json, Known, Subject, SubjectCluster, SubjectService, Unevaluable } from './subject';
import type { Segment } from './types';

// --- Terraform JSON ----------------------------------------------------------------------------------------------------

/** Whether a Terraform JSON string holds an interpolation or directive (not the escaped `$${` / `%%{`). */
export function isTerraformExpression(value: string): boolean {
  return /(^|[^$])\$\{/.test(value) || /(^|[^%])%\{/.test(value);
}

/** A literal Terraform JSON string as the value Terraform sees (`$${` → `${`). */
export function unescapeTerraform(value: string): string {
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

const EXPRESSION_REASON =
  'it is a Terraform expression, which only Terraform evaluates; run `terraform plan -out plan.out && terraform show -json plan.out > plan.json` and check plan.json';

/** A Terraform JSON value with literal strings unescaped; an interpolated string becomes `Unevaluable`. */
function tfValue(value: unknown): unknown {
  if (typeof value === 'string') return isTerraformExpression(value) ? new Unevaluable(value) : unescapeTerraform(value);
  if (Array.isArray(value)) return value.map(tfValue);
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tfValue(v)]));
  return value;
}

/** A nested block, written as an object or a list of objects. */
function blocks(value: unknown): Json[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

export interface TfResource {
  readonly type: string;
  readonly name: string;
  readonly body: Json;
  readonly path: Segment[];
}

export function terraformResources(doc: Json): TfResource[] {
  const out: TfResource[] = [];
  const visit = (byType: unknown, path: Segment[]) => {
    if (!isObject(byType)) return;
    for (const [type, byName] of Object.entries(byType)) {
      if (!isObject(byName)) continue;
      for (const [name, body] of Object.entries(byName)) {
        if (isObject(body)) out.push({ type, name, body, path: [...path, type, name] });
        else if (Array.isArray(body) && isObject(body[0])) out.push({ type, name, body: body[0], path: [...path, type, name, 0] });
      }
    }
  };
  if (Array.isArray(doc.resource)) doc.resource.forEach((r, i) => visit(r, ['resource', i]));
  else visit(doc.resource, ['resource']);
  return out;
}

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
/** Task-level keys whose Terraform name is not the snake_case of the ECS name. */
const TF_TASK_KEYS: Readonly<Record<string, string>> = { volumes: 'volume', containerDefinitions: 'container_definitions' };

function containerDefinitionsOf(value: unknown, isLiteral: boolean): unknown {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return new Unevaluable(String(value), 'container_definitions is missing or not a JSON string');
  if (!isLiteral && isTerraformExpression(value)) return new Unevaluable(value, EXPRESSION_REASON);
  try {
    return JSON.parse(isLiteral ? value : unescapeTerraform(value)) as unknown;
  } catch (err) {
    return new Unevaluable(value, `container_definitions is not valid JSON (${(err as Error).message})`);
  }
}

/** How a Terraform value reads: Terraform JSON strings are templates, plan values are literal. */
type ValueOf = (value: unknown) => unknown;
const literal: ValueOf = (value) => value;

function terraformTaskDefinition(body: Json, valueOf: ValueOf = tfValue): Json {
  const td: Json = {};
  for (const [key, raw] of Object.entries(body)) {
    if (raw instanceof Unevaluable) td[key === 'container_definitions' ? 'containerDefinitions' : camel(key)] = raw;
    else if (key === 'container_definitions') td.containerDefinitions = containerDefinitionsOf(raw, valueOf === literal);
    else if (key === 'volume') td.volumes = blocks(raw).map((b) => ({ name: valueOf(b.name) }));
    else if (key === 'runtime_platform') {
      const block = blocks(raw)[0] ?? {};
      td.runtimePlatform = Object.fromEntries(Object.entries(block).map(([k, v]) => [camel(k), valueOf(v)]));
    } else td[camel(key)] = valueOf(raw);
  }
  return td;
}

function bool(value: unknown): Known<boolean> | undefined {
  if (value instanceof Unevaluable) return value;
  if (value === undefined || value === null) return undefined;
  return value === true || value === 'true';
}

function terraformService(r: TfResource, valueOf: ValueOf = tfValue, name = `${r.type}.${r.name}`): SubjectService {
  const net = blocks(r.body.network_configuration)[0];
  const netIndex = Array.isArray(r.body.network_configuration) ? [0] : [];
  const platformVersion = valueOf(r.body.platform_version) as Known<string> | undefined;
  return {
    name,
    assignPublicIp: bool(net && valueOf(net.assign_public_ip)),
    platformVersion: platformVersion ?? undefined,
    launchType: (valueOf(r.body.launch_type) as Known<string> | undefined) ?? undefined,
    capacityProviders: blocks(r.body.capacity_provider_strategy).flatMap((b) => (typeof b.capacity_provider === 'string' ? [b.capacity_provider] : [])),
    assignPublicIpPath: net ? [...r.path, 'network_configuration', ...netIndex, 'assign_public_ip'] : r.path,
    platformVersionPath: [...r.path, 'platform_version'],
  };
}

function terraformCluster(r: TfResource, valueOf: ValueOf = tfValue, name = `${r.type}.${r.name}`): SubjectCluster {
  const setting = blocks(r.body.setting).find((s) => s.name === 'containerInsights');
  return {
    name,
    containerInsights: setting ? ((valueOf(setting.value) as Known<string>) ?? undefined) : undefined,
    path: setting ? [...r.path, 'setting'] : r.path,
  };
}

/** Whether a Terraform reference string points at resource `type.name`. */
const refersTo = (value: unknown, type: string, name: string): boolean =>
  typeof value === 'string' && value.includes(`${type}.${name}.`);

/** Every `aws_ecs_task_definition` of a Terraform JSON file, with its service and cluster when the file has them. */
export function terraformSubjects(doc: Json, source: string): Subject[] {
  const resources = terraformResources(doc);
  const tasks = resources.filter((r) => r.type === 'aws_ecs_task_definition');
  const services = resources.filter((r) => r.type === 'aws_ecs_service');
  const clusters = resources.filter((r) => r.type === 'aws_ecs_cluster');
  return tasks.map((task) => {
    const service =
      services.find((s) => refersTo(s.body.task_definition, task.type, task.name)) ?? (tasks.length === 1 && services.length === 1 ? services[0] : undefined);
    const cluster =
      (service && clusters.find((c) => refersTo(service.body.cluster, c.type, c.name))) ??
      (tasks.length === 1 && clusters.length === 1 ? clusters[0] : undefined);
    const td = terraformTaskDefinition(task.body);
    return {
      source,
      kind: 'terraform',
      name: `${task.type}.${task.name}`,
      taskDefinition: td,
      taskPath: (key: string) => [...task.path, TF_TASK_KEYS[key] ?? snake(key)],
      containerPath: (index: number) => [...task.path, 'container_definitions', index],
      locatable: true,
      ...(service && { service: terraformService(service) }),
      ...(cluster && { cluster: terraformCluster(cluster) }),
    } satisfies Subject;
  });
}

// --- Terraform plan JSON ------------------------------------------------------------------------------------------

interface PlanResource {
  readonly address: string;
  readonly type: string;
  /** Address of the module (`module.a.module.b`), "" at the root. */
  readonly module: string;
  /** The address without the instance key: `module.a.aws_ecs_service.this`. */
  readonly base: string;
  readonly values: Json;
  readonly path: Segment[];
}

const KNOWN_AFTER_APPLY = 'Terraform knows it only after apply; check the task definition ECS registers (aws ecs describe-task-definition) after apply';

/** Every managed resource of the planned (or, for `terraform show -json` of a state, current) values. */
function planResources(doc: Json): PlanResource[] {
  const top = isObject(doc.planned_values) ? 'planned_values' : 'values';
  const unknown = new Map<string, Json>();
  if (Array.isArray(doc.resource_changes)) {
    for (const rc of doc.resource_changes) {
      if (isObject(rc) && typeof rc.address === 'string' && isObject(rc.change) && isObject(rc.change.after_unknown)) unknown.set(rc.address, rc.change.after_unknown);
    }
  }
  const out: PlanResource[] = [];
  const visit = (mod: unknown, path: Segment[]) => {
    if (!isObject(mod)) return;
    const moduleAddress = typeof mod.address === 'string' ? mod.address : '';
    if (Array.isArray(mod.resources)) {
      mod.resources.forEach((r, i) => {
        if (!isObject(r) || r.mode !== 'managed' || typeof r.address !== 'string' || typeof r.type !== 'string') return;
        const values: Json = isObject(r.values) ? { ...r.values } : {};
        const afterUnknown = unknown.get(r.address);
        for (const [key, flag] of Object.entries(afterUnknown ?? {})) {
          if (flag === true && (values[key] === undefined || values[key] === null)) values[key] = new Unevaluable('(known after apply)', KNOWN_AFTER_APPLY);
        }
        const base = `${moduleAddress === '' ? '' : `${moduleAddress}.`}${r.type}.${String(r.name)}`;
        out.push({ address: r.address, type: r.type, module: moduleAddress, base, values, path: [...path, 'resources', i, 'values'] });
      });
    }
    if (Array.isArray(mod.child_modules)) mod.child_modules.forEach((m, i) => visit(m, [...path, 'child_modules', i]));
  };
  if (isObject(doc[top])) visit((doc[top] as Json).root_module, [top, 'root_module']);
  return out;
}

/** References of one expression of each resource in the configuration, by resource base address. */
function configReferences(doc: Json, attribute: string): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  const visit = (mod: unknown, prefix: string) => {
    if (!isObject(mod)) return;
    if (Array.isArray(mod.resources)) {
      for (const r of mod.resources) {
        if (!isObject(r) || typeof r.address !== 'string' || !isObject(r.expressions)) continue;
        const expr = r.expressions[attribute];
        const list = isObject(expr) && Array.isArray(expr.references) ? expr.references.filter((x): x is string => typeof x === 'string') : [];
        refs.set(`${prefix}${r.address}`, list.map((x) => `${prefix}${x}`));
      }
    }
    if (isObject(mod.module_calls)) {
      for (const [name, call] of Object.entries(mod.module_calls)) if (isObject(call)) visit(call.module, `${prefix}module.${name}.`);
    }
  };
  if (isObject(doc.configuration)) visit(doc.configuration.root_module, '');
  return refs;
}

/** The instance key of an address: `["a"]` of `x.y["a"]`, "" without one. */
const instanceKey = (address: string, base: string): string => address.slice(base.length);

/** The resource of `type` an expression refers to, else the only one of that type in the same module. */
function linked(from: PlanResource, candidates: readonly PlanResource[], refs: Map<string, string[]>): PlanResource | undefined {
  const named = (refs.get(from.base) ?? []).flatMap((ref) => candidates.filter((c) => ref === c.base || ref.startsWith(`${c.base}.`)));
  const pool = named.length > 0 ? named : candidates.filter((c) => c.module === from.module);
  const sameKey = pool.filter((c) => instanceKey(c.address, c.base) === instanceKey(from.address, from.base));
  if (sameKey.length === 1) return sameKey[0];
  const distinct = [...new Set(pool)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

/**
 * Every planned `aws_ecs_task_definition` of `terraform show -json` output, with the `aws_ecs_service` that runs it
 * and that service's `aws_ecs_cluster`, linked through the configuration's references (or, failing those, as the
 * only ones in the same module).
 */
export function planSubjects(doc: Json, source: string): Subject[] {
  const resources = planResources(doc);
  const tasks = resources.filter((r) => r.type === 'aws_ecs_task_definition');
  const services = resources.filter((r) => r.type === 'aws_ecs_service');
  const clusters = resources.filter((r) => r.type === 'aws_ecs_cluster');
  const taskRefs = configReferences(doc, 'task_definition');
  const clusterRefs = configReferences(doc, 'cluster');
  return tasks.map((task): Subject => {
    const service = services.find((s) => linked(s, tasks, taskRefs) === task);
    const cluster = service && linked(service, clusters, clusterRefs);
    const asTf = (r: PlanResource): TfResource => ({ type: r.type, name: r.address, body: r.values, path: r.path });
    return {
      source,
      kind: 'terraform-plan',
      name: task.address,
      taskDefinition: terraformTaskDefinition(task.values, literal),
      taskPath: (key: string) => [...task.path, TF_TASK_KEYS[key] ?? snake(key)],
      containerPath: (index: number) => [...task.path, 'container_definitions', index],
      locatable: true,
      ...(service && { service: terraformService(asTf(service), literal, service.address) }),
      ...(cluster && { cluster: terraformCluster(asTf(cluster), literal, cluster.address) }),
    };
  });
}
