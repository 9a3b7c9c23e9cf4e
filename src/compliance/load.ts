/** Reads task definition JSON, Terraform JSON, Terraform plan JSON and this tool's config into `Subject`s. */

import type { ResolvedConfig } from '../config/types';
import { DATADOG_API_KEY_LIKE } from '../config/constraints';
import { ComplianceErrors } from './errors';
import { readInput, sourceName, STDIN } from './input';
import { isObject, Json, Subject, SubjectCluster } from './subject';
import type { Segment } from './types';
import { planSubjects, terraformSubjects } from './terraform';

export { isTerraformExpression, planSubjects, terraformResources, terraformSubjects, unescapeTerraform } from './terraform';
export type { TfResource } from './terraform';

/** One input file and the task definitions found in it. */
export interface LoadedFile {
  readonly path: string;
  readonly text: string;
  readonly subjects: readonly Subject[];
  /** The text parsed, for JSON inputs: it spares the position search a scan for keys the document lacks. */
  readonly document?: unknown;
}

export type InputKind = 'task-definition' | 'describe-task-definition' | 'terraform' | 'terraform-plan' | 'config';

/** Whether a document is `terraform show -json` output: a plan (planned_values) or a state (values). */
export const isTerraformShow = (doc: Json): boolean =>
  typeof doc.format_version === 'string' && (isObject(doc.planned_values) || isObject(doc.values) || Array.isArray(doc.resource_changes));

/** What kind of input a parsed document is, or undefined. */
export function detectKind(file: string, doc: unknown): InputKind | undefined {
  if (!isObject(doc)) return undefined;
  if (isTerraformShow(doc)) return 'terraform-plan';
  if (file.endsWith('.tf.json') || isObject(doc.resource) || Array.isArray(doc.resource)) return 'terraform';
  if (isObject(doc.taskDefinition) && 'containerDefinitions' in doc.taskDefinition) return 'describe-task-definition';
  if ('containerDefinitions' in doc) return 'task-definition';
  if ('datadog' in doc && 'name' in doc) return 'config';
  return undefined;
}

/** Reads one file (or standard input for `-`). Throws a UserError (exit 2) when it cannot be read or is none of the known inputs. */
export function loadFile(file: string): LoadedFile {
  return loadText(sourceName(file), readInput(file), file === STDIN ? 'stdin.json' : file);
}

/**
 * The subjects of an input's text. `fileName` decides YAML (`*.yaml`, `*.yml`: a config) and Terraform JSON
 * (`*.tf.json`); `source` is what reports call the input.
 */
export function loadText(source: string, text: string, fileName = source): LoadedFile {
  if (/\.ya?ml$/i.test(fileName)) return { path: source, text, subjects: [configSubject(configOf(source, text), source)] };
  const doc = parseDocument(source, text);
  const kind = detectKind(fileName, doc);
  switch (kind) {
    case 'terraform': {
      const subjects = terraformSubjects(doc as Json, source);
      if (subjects.length === 0) throw ComplianceErrors.noTaskDefinition(source);
      return { path: source, text, subjects, document: doc };
    }
    case 'terraform-plan': {
      const subjects = planSubjects(doc as Json, source);
      if (subjects.length === 0) throw ComplianceErrors.noTaskDefinition(source);
      return { path: source, text, subjects, document: doc };
    }
    case 'task-definition':
    case 'describe-task-definition':
      return { path: source, text, subjects: [taskDefinitionSubject(doc as Json, source)], document: doc };
    case 'config':
      return { path: source, text, subjects: [configSubject(configOf(source, text), source)] };
    default:
      throw ComplianceErrors.unknownInput(source);
  }
}

/** A config's text, validated and resolved; the config modules load on first use. */
function configOf(source: string, text: string): ResolvedConfig {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parseConfig } = require('../config/load') as typeof import('../config/load');
  const { resolveConfig } = require('../config/defaults') as typeof import('../config/defaults');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return resolveConfig(parseConfig(text, source));
}

/**
 * A JSON.parse error without the excerpt of the text V8 quotes (it may be a secret), with line and column when the
 * position is known.
 */
export function jsonSyntaxReason(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /at position (\d+)/.exec(message);
  const reason = message
    .replace(/^Unexpected token '(.)', .* is not valid JSON$/s, (_, c: string) => `unexpected ${JSON.stringify(c)}`)
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*" is not valid JSON$/s, '');
  const safe = DATADOG_API_KEY_LIKE.test(reason) || reason.length > 120 ? 'syntax error' : reason;
  if (!at) return safe;
  const offset = Number(at[1]);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `${safe} at line ${line}, column ${offset - lineStart + 1}`;
}

function parseDocument(source: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw ComplianceErrors.unparsable(source, 'JSON', jsonSyntaxReason(err, text));
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
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { deploymentModel } = require('../model/deployment') as typeof import('../model/deployment');
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
