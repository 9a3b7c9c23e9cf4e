/** Reads task definition JSON, Terraform JSON and this tool's config into `Subject`s. */

import * as fs from 'fs';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../config/load';
import type { ResolvedConfig } from '../config/types';
import { deploymentModel } from '../model/deployment';
import { ComplianceErrors } from './errors';
import { isObject, Json, Known, Subject, SubjectCluster, SubjectService, Unevaluable } from './subject';
import type { Segment } from './types';

/** One input file and the task definitions found in it. */
export interface LoadedFile {
  readonly path: string;
  readonly text: string;
  readonly subjects: readonly Subject[];
}

export type InputKind = 'task-definition' | 'describe-task-definition' | 'terraform' | 'config';

/** What kind of input a parsed document is, or undefined. */
export function detectKind(file: string, doc: unknown): InputKind | undefined {
  if (!isObject(doc)) return undefined;
  if (file.endsWith('.tf.json') || isObject(doc.resource) || Array.isArray(doc.resource)) return 'terraform';
  if (isObject(doc.taskDefinition) && 'containerDefinitions' in doc.taskDefinition) return 'describe-task-definition';
  if ('containerDefinitions' in doc) return 'task-definition';
  if ('datadog' in doc && 'name' in doc) return 'config';
  return undefined;
}

/** Reads one file. Throws a UserError (exit 2) when it cannot be read or is none of the known inputs. */
export function loadFile(file: string): LoadedFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw ComplianceErrors.unreadable(file, (err as NodeJS.ErrnoException).code ?? String(err));
  }
  const doc = parseDocument(file, text);
  const kind = detectKind(file, doc);
  switch (kind) {
    case 'terraform': {
      const subjects = terraformSubjects(doc as Json, file);
      if (subjects.length === 0) throw ComplianceErrors.noTaskDefinition(file);
      return { path: file, text, subjects };
    }
    case 'task-definition':
    case 'describe-task-definition':
      return { path: file, text, subjects: [taskDefinitionSubject(doc as Json, file)] };
    case 'config':
      return { path: file, text, subjects: [configSubject(loadConfig(file), file)] };
    default:
      throw ComplianceErrors.unknownInput(file);
  }
}

function parseDocument(file: string, text: string): unknown {
  if (/\.ya?ml$/i.test(file)) {
    try {
      return parseYaml(text);
    } catch (err) {
      throw ComplianceErrors.unparsable(file, 'YAML', (err as Error).message);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw ComplianceErrors.unparsable(file, 'JSON', (err as Error).message);
  }
}

/** A task definition (RegisterTaskDefinition input) or `aws ecs describe-task-definition` output. */
export function taskDefinitionSubject(doc: Json, source: string): Subject {
  const wrapped = isObject(doc.taskDefinition) && 'containerDefinitions' in doc.taskDefinition;
  const td = wrapped ? (doc.taskDefinition as Json) : doc;
  const base: Segment[] = wrapped ? ['taskDefinition'] : [];
  return {
    source,
    kind: wrapped ? 'describe-task-definition' : 'task-definition',
    name: typeof td.family === 'string' ? td.family : source,
    taskDefinition: td,
    taskPath: (key) => [...base, key],
    containerPath: (index) => [...base, 'containerDefinitions', index],
    locatable: true,
  };
}

/** The task definition, service and cluster this tool would deploy for a config. */
export function configSubject(config: ResolvedConfig, source: string): Subject {
  const model = deploymentModel(config);
  const cluster: SubjectCluster | undefined = model.cluster.create
    ? { name: model.cluster.name, containerInsights: model.cluster.containerInsights, path: ['cluster', 'containerInsights'] }
    : undefined;
  return {
    source,
    kind: 'config',
    name: model.taskDefinition.family,
    taskDefinition: JSON.parse(JSON.stringify(model.taskDefinition)) as Json,
    taskPath: (key) => [key],
    containerPath: (index) => ['containerDefinitions', index],
    locatable: false,
    service: {
      name: model.service.name,
      assignPublicIp: model.service.assignPublicIp,
      platformVersion: model.service.platformVersion,
      launchType: model.service.launchType,
      assignPublicIpPath: ['network', 'assignPublicIp'],
      platformVersionPath: ['service'],
    },
    ...(cluster && { cluster }),
  };
}

// --- Terraform JSON -------------------------------------------------------------------------------------------------

/** Whether a Terraform JSON string holds an interpolation or directive (not the escaped `$${` / `%%{`). */
export function isTerraformExpression(value: string): boolean {
  return /(^|[^$])\$\{/.test(value) || /(^|[^%])%\{/.test(value);
}

/** A literal Terraform JSON string as the value Terraform sees (`$${` → `${`). */
export function unescapeTerraform(value: string): string {
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

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

function containerDefinitionsOf(value: unknown): unknown {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return new Unevaluable(String(value), 'container_definitions is missing or not a JSON string');
  if (isTerraformExpression(value)) return new Unevaluable(value);
  try {
    return JSON.parse(unescapeTerraform(value)) as unknown;
  } catch (err) {
    return new Unevaluable(value, `container_definitions is not valid JSON (${(err as Error).message})`);
  }
}

function terraformTaskDefinition(body: Json): Json {
  const td: Json = {};
  for (const [key, raw] of Object.entries(body)) {
    if (key === 'container_definitions') td.containerDefinitions = containerDefinitionsOf(raw);
    else if (key === 'volume') td.volumes = blocks(raw).map((b) => ({ name: tfValue(b.name) }));
    else if (key === 'runtime_platform') {
      const block = blocks(raw)[0] ?? {};
      td.runtimePlatform = Object.fromEntries(Object.entries(block).map(([k, v]) => [camel(k), tfValue(v)]));
    } else td[camel(key)] = tfValue(raw);
  }
  return td;
}

function bool(value: unknown): Known<boolean> | undefined {
  if (value instanceof Unevaluable) return value;
  if (value === undefined || value === null) return undefined;
  return value === true || value === 'true';
}

function terraformService(r: TfResource): SubjectService {
  const net = blocks(r.body.network_configuration)[0];
  const netIndex = Array.isArray(r.body.network_configuration) ? [0] : [];
  const platformVersion = tfValue(r.body.platform_version) as Known<string> | undefined;
  return {
    name: `${r.type}.${r.name}`,
    assignPublicIp: bool(net && tfValue(net.assign_public_ip)),
    platformVersion,
    launchType: tfValue(r.body.launch_type) as Known<string> | undefined,
    capacityProviders: blocks(r.body.capacity_provider_strategy).flatMap((b) => (typeof b.capacity_provider === 'string' ? [b.capacity_provider] : [])),
    assignPublicIpPath: net ? [...r.path, 'network_configuration', ...netIndex, 'assign_public_ip'] : r.path,
    platformVersionPath: [...r.path, 'platform_version'],
  };
}

function terraformCluster(r: TfResource): SubjectCluster {
  const setting = blocks(r.body.setting).find((s) => s.name === 'containerInsights');
  return {
    name: `${r.type}.${r.name}`,
    containerInsights: setting ? (tfValue(setting.value) as Known<string>) : undefined,
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
