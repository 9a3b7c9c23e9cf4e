/**
 * Config validation: the JSON Schema (types, keys, enums, patterns, ranges) through ajv, then the rules a schema
 * cannot state (Fargate sizes, names, dependencies, volumes, secrets). Every problem is reported at once, each at its
 * path in the config's own notation, e.g. `containers[1].port`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import type { Problem } from '../errors';
import { AGENT_CONTAINER_NAME, AGENT_WRITABLE_PATHS, APM_PORT, DOGSTATSD_PORT, ECS_EXEC_WRITABLE_PATHS, INIT_CONTAINER_NAME, SOCKETS_PATH } from '../model/datadog';
import { AGENT_ENVIRONMENT_OWNERS, agentPorts, PROCESS_COLLECTION_EXEC_REASON } from '../model/agent-settings';
import { INIT_ROUTER_IMAGE_PATTERN, LOG_ROUTER_CONTAINER_NAME, LOG_ROUTER_WRITABLE_PATHS } from '../model/log-router';
import { compareCodePoints } from '../model/order';
import { writableVolumeName } from '../model/task-definition';
import {
  DATADOG_API_KEY_LIKE,
  describeFargateMemory,
  FARGATE_SIZES,
  HEALTH_CHECK_COMMAND_PREFIXES,
  HEALTHY_CONDITION,
  isFargateSize,
  MAX_CONTAINERS_PER_TASK,
  SECRET_ENVIRONMENT_NAMES,
  type PatternConstraint,
} from './constraints';
import { AJV_OPTIONS, loadCompiledValidator } from './compiled-validator';
import { serviceFeatureRules } from './service-validate';
import { configJsonSchema, PATTERN_CONSTRAINTS, type JsonSchema } from './schema';
import { scanTokens, TOKEN_PATHS_TEXT, type TokenPredicate } from './tokens';

/** A path into the config: keys and list indexes. */
export type ConfigPath = readonly (string | number)[];

/** A problem with its path as segments, so the loader can find its line. */
export interface ConfigProblem extends Problem {
  readonly at: ConfigPath;
}

/** `['containers', 1, 'port']` → `containers[1].port`; keys that are not identifiers are quoted: `environment["A-B"]`. */
export function formatConfigPath(at: ConfigPath): string {
  if (at.length === 0) return '(root)';
  let out = '';
  for (const seg of at) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(redact(seg))}]`;
  }
  return out;
}

const SECRET_HIDDEN = '(a value that looks like a Datadog API key; not shown)';

function looksLikeApiKey(s: string): boolean {
  return DATADOG_API_KEY_LIKE.test(s);
}

function redact(s: string): string {
  return looksLikeApiKey(s) ? SECRET_HIDDEN : s;
}

/** A value as a message shows it: short, quoted, never an API key. */
export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (an empty value)';
  if (typeof v === 'string') {
    if (looksLikeApiKey(v)) return SECRET_HIDDEN;
    return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  }
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  // loaded on first use: commands that read no config file do not pay for ajv
  compiled ??= loadCompiledValidator(__dirname) ?? compileValidator();
  return compiled;
}

/** The schema compiled at run time (from source, or a build without the compiled validator). */
export function compileValidator(): ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  return new Ajv({ ...AJV_OPTIONS }).compile(configJsonSchema());
}

export interface ValidateOptions {
  /**
   * Recognises framework tokens (construct props): they are accepted where a value can come from another resource
   * (`TOKEN_SLOTS`) and refused elsewhere. @default none (a config file holds no tokens; every string is literal text)
   */
  readonly isToken?: TokenPredicate;
}

/** Every problem of a parsed config, all at once, sorted by path. An empty list means valid. */
export function validateConfig(input: unknown, options: ValidateOptions = {}): ConfigProblem[] {
  if (options.isToken === undefined) return validateLiteralConfig(input);
  const scan = scanTokens(input, options.isToken);
  const misplaced = scan.misplaced.map(({ at, listToken }) =>
    problem(
      at,
      `is a ${listToken ? 'list ' : ''}token (a reference to another resource), but this key takes a literal value; tokens are accepted only at ${TOKEN_PATHS_TEXT}`,
      'write the value itself here',
    ),
  );
  const misplacedPaths = new Set(misplaced.map((p) => p.path));
  return [...misplaced, ...validateLiteralConfig(scan.standIn).filter((p) => !misplacedPaths.has(p.path))];
}

function validateLiteralConfig(raw: unknown): ConfigProblem[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return [
      {
        at: [],
        path: '(root)',
        message: `must be a mapping of keys such as "name" and "datadog", got ${describeValue(raw)}`,
        fix: 'start from examples/basic.yaml',
      },
    ];
  }
  const secretProblems = secretRules(raw);
  const secretPaths = new Set(secretProblems.map((p) => p.path));
  const validate = schemaValidator();
  validate(raw);
  const errors = validate.errors ?? [];
  // a value of the wrong type fails its enum, pattern or range too: report only the type
  // a string-or-list value (IAM JSON) fails both branches: report the pattern of the branch that applies, else one line
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const underAnyOf = (e: ErrorObject) => [...anyOfPaths].some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`));
  const branchDetail = new Set(errors.filter((e) => e.keyword !== 'type' && e.keyword !== 'anyOf' && underAnyOf(e)).map((e) => e.instancePath));
  const kept = errors.filter((e) => {
    if (e.keyword === 'type' && anyOfPaths.has(e.instancePath)) return false;
    if (e.keyword === 'anyOf') return ![...branchDetail].some((p) => p === e.instancePath || p.startsWith(`${e.instancePath}/`));
    return true;
  });
  const typeErrors = new Set(kept.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const schemaProblems = kept
    .filter((e) => e.keyword === 'type' || !typeErrors.has(e.instancePath))
    .flatMap((e) => schemaProblem(e, raw))
    .filter((p) => !secretPaths.has(p.path));
  const all = [...textProblems(raw), ...secretProblems, ...schemaProblems, ...domainRules(raw as Obj)];
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A lone UTF-16 surrogate: not a character, so no output (JSON, HCL, Terraform) can carry it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Strings, keys included, that are not Unicode text (a lone surrogate, as a `\uD800` escape writes). */
function textProblems(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const report = (at: ConfigPath, text: string, what: string) => {
    const unit = (LONE_SURROGATE.exec(text) as RegExpExecArray)[0].charCodeAt(0);
    problems.push(
      problem(
        at,
        `${what} holds a lone UTF-16 surrogate (U+${unit.toString(16).toUpperCase()}), which is not a Unicode character; JSON, HCL and Terraform cannot carry it`,
        'remove it, or write the whole character (a surrogate pair such as \\uD83D\\uDE00, or the character itself)',
      ),
    );
  };
  const walk = (node: unknown, at: (string | number)[]) => {
    if (typeof node === 'string') {
      if (LONE_SURROGATE.test(node)) report(at, node, 'the value');
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...at, i]));
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (LONE_SURROGATE.test(key)) report([...at, key], key, 'the key');
        walk(value, [...at, key]);
      }
    }
  };
  walk(raw, []);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Schema errors → readable problems

function problem(at: ConfigPath, message: string, fix?: string): ConfigProblem {
  return { at, path: formatConfigPath(at), message, ...(fix !== undefined && { fix }) };
}

/** JSON pointer → segments, list indexes as numbers (decided by the data, so a map key "1" stays a key). */
function pointerToPath(pointer: string, root: unknown): (string | number)[] {
  if (pointer === '') return [];
  const at: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      at.push(Number(seg));
      node = node[Number(seg)];
    } else {
      at.push(seg);
      node = typeof node === 'object' && node !== null ? (node as Obj)[seg] : undefined;
    }
  }
  return at;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
};

function typeFix(expected: string, data: unknown): string | undefined {
  if (typeof data === 'string' && (expected === 'integer' || expected === 'number') && /^-?\d+(\.\d+)?$/.test(data)) {
    return `write it without quotes: ${data}`;
  }
  if (typeof data === 'string' && expected === 'boolean' && /^(true|false)$/i.test(data)) return `write it without quotes: ${data.toLowerCase()}`;
  if (expected === 'string' && (typeof data === 'number' || typeof data === 'boolean')) return `quote it: "${String(data)}"`;
  if (expected === 'array' && (typeof data === 'string' || typeof data === 'number')) return 'write a list, e.g. [value] or one "- value" per line';
  return undefined;
}

/** Closest allowed key, when it is close enough to be what was meant. */
export function didYouMean(key: string, allowed: readonly string[]): string | undefined {
  if (allowed.length === 0) return undefined;
  const normal = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const exact = allowed.find((a) => normal(a) === normal(key));
  if (exact) return exact;
  const best = closest(key, [...allowed]);
  return distance(key, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function arnService(value: unknown): string | undefined {
  return typeof value === 'string' ? /^arn:[^:]*:([^:]+):/.exec(value)?.[1] : undefined;
}

function patternMessage(constraint: PatternConstraint | undefined, data: unknown): { message: string; fix?: string } {
  const what = constraint?.description ?? 'in the documented format';
  const service = arnService(data);
  const expected = constraint && /\barn:aws\b/.test(constraint.description);
  const serviceNote = service && expected ? ` (that is an ARN of the ${service} service)` : '';
  return {
    message: `must be ${what}, got ${describeValue(data)}${serviceNote}`,
    ...(constraint && { fix: `e.g. ${constraint.example}` }),
  };
}

function schemaProblem(e: ErrorObject, root: unknown): ConfigProblem[] {
  const at = pointerToPath(e.instancePath, root);
  const parent = (e.parentSchema ?? {}) as JsonSchema;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      const child = ((parent.properties ?? {}) as Record<string, JsonSchema>)[key] ?? {};
      return [problem([...at, key], `is required: ${String(child.description ?? '')}`.trim(), hintFor(child))];
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties ?? {}) as object).filter((k) => k !== '$schema');
      const suggestion = didYouMean(key, allowed);
      return [
        problem(
          [...at, key],
          `unknown key${suggestion ? `; did you mean "${suggestion}"?` : '.'} Allowed keys here: ${allowed.join(', ')}`,
          suggestion ? `rename it to "${suggestion}"` : 'remove it',
        ),
      ];
    }
    case 'type': {
      const expected = String(params.type);
      const data = e.data;
      const got = typeof data === 'number' && expected === 'integer' ? String(data) : describeValue(data);
      return [problem(at, `must be ${TYPE_WORDS[expected] ?? expected}, got ${got}`, typeFix(expected, data))];
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
      return [problem(at, `must be one of ${allowed.join(', ')}, got ${describeValue(e.data)}`)];
    }
    case 'pattern': {
      if (e.propertyName !== undefined) {
        const key = e.propertyName;
        return [problem([...at, key], `is not a valid name here: must be ${PATTERN_CONSTRAINTS.get(String(params.pattern))?.description ?? 'letters, digits and underscores'}`)];
      }
      const { message, fix } = patternMessage(PATTERN_CONSTRAINTS.get(String(params.pattern)), e.data);
      return [problem(at, message, fix)];
    }
    case 'minimum':
    case 'maximum': {
      const min = parent.minimum as number;
      const max = parent.maximum as number;
      return [problem(at, `must be ${parent.type === 'integer' ? 'an integer' : 'a number'} ${min}..${max}, got ${describeValue(e.data)}`)];
    }
    case 'maxItems': {
      const explanation = at.length === 1 && at[0] === 'containers' ? `: a Fargate task holds at most ${MAX_CONTAINERS_PER_TASK} containers and two are the Datadog init and agent containers` : '';
      return [problem(at, `must have at most ${String(params.limit)} entries, got ${(e.data as unknown[]).length}${explanation}`)];
    }
    case 'minItems':
      return [problem(at, `must have at least ${String(params.limit)} entries, got ${(e.data as unknown[]).length}`, hintFor(parent))];
    case 'minLength':
      if (e.propertyName !== undefined) return [problem([...at, e.propertyName], 'must not be an empty key')];
      return [problem(at, 'must not be empty: ECS drops empty values, and Terraform would then plan a change on every run', 'remove the key, or give it a value')];
    case 'anyOf':
      return [problem(at, `must be a string or a non-empty list of strings, got ${describeValue(e.data)}`, hintFor(parent))];
    case 'propertyNames':
      return []; // reported by the inner error, which names the key
    default:
      return [problem(at, `is not valid (${e.keyword})`, hintFor(parent))];
  }
}

function hintFor(schema: JsonSchema): string | undefined {
  const examples = schema.examples as unknown[] | undefined;
  return examples && examples.length > 0 ? `e.g. ${JSON.stringify(examples[0])}` : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Secrets: never a plain API key or credential in the config, and never echo one.

type Obj = Record<string, unknown>;

const API_KEY_FIX =
  'store the key in Secrets Manager (or SSM Parameter Store) and set datadog.apiKeySecretArn to its ARN; rotate the key if this file was shared';

function secretRules(raw: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const walk = (node: unknown, at: (string | number)[]) => {
    if (typeof node === 'string') {
      if (looksLikeApiKey(node)) problems.push(problem(at, 'looks like a Datadog API key (32 hexadecimal characters); the config must never hold the key itself', API_KEY_FIX));
    } else if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, [...at, i]));
    } else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) {
        if (looksLikeApiKey(k)) problems.push(problem([...at, k], 'this key looks like a Datadog API key; the config must never hold the key itself', API_KEY_FIX));
        else walk(v, [...at, k]);
      }
    }
  };
  walk(raw, []);
  const containers = (raw as Obj).containers;
  if (Array.isArray(containers)) {
    containers.forEach((c, i) => {
      const env = isObj(c) ? c.environment : undefined;
      if (!isObj(env)) return;
      for (const name of Object.keys(env)) {
        if (!(SECRET_ENVIRONMENT_NAMES as readonly string[]).includes(name)) continue;
        const at = ['containers', i, 'environment', name];
        if (name === 'DD_API_KEY') {
          problems.push(
            problem(at, 'the Datadog API key must not be a plain environment variable; the agent reads it from datadog.apiKeySecretArn and applications send to the agent without a key', `remove it; ${API_KEY_FIX}`),
          );
        } else {
          problems.push(problem(at, `must not be a plain environment variable (Security Hub ECS.8)`, `move it to containers[${i}].secrets as a Secrets Manager or SSM parameter ARN`));
        }
      }
    });
  }
  const agentEnv = isObj((raw as Obj).datadog) ? ((raw as Obj).datadog as Obj).environment : undefined;
  if (isObj(agentEnv)) {
    for (const name of Object.keys(agentEnv)) {
      const at = ['datadog', 'environment', name];
      const owner = AGENT_ENVIRONMENT_OWNERS[name];
      if (name === 'DD_API_KEY') {
        problems.push(problem(at, 'the Datadog API key must not be a plain environment variable; the agent reads it from datadog.apiKeySecretArn', `remove it; ${API_KEY_FIX}`));
      } else if (owner !== undefined) {
        const key = owner.split(' ')[0];
        problems.push(problem(at, `is set by the tool from ${owner}; an override here would contradict it`, key.startsWith('datadog.') ? `remove it and set ${key} instead` : 'remove it'));
      } else if ((SECRET_ENVIRONMENT_NAMES as readonly string[]).includes(name)) {
        problems.push(problem(at, 'must not be a plain environment variable (Security Hub ECS.8)', "remove it; the agent uses the task role's credentials"));
      }
    }
  }
  return dedupeByPath(problems);
}

function dedupeByPath(problems: ConfigProblem[]): ConfigProblem[] {
  const byPath = new Map<string, ConfigProblem>();
  for (const p of problems) if (!byPath.has(p.path) || p.at[2] === 'environment') byPath.set(p.path, p);
  return [...byPath.values()];
}

// ---------------------------------------------------------------------------------------------------------------
// Rules beyond the schema. Each rule looks only at values of the right type, so a schema error is not repeated.

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
function isStr(v: unknown): v is string {
  return typeof v === 'string';
}

const RESERVED_CONTAINER_NAMES = [AGENT_CONTAINER_NAME, INIT_CONTAINER_NAME, LOG_ROUTER_CONTAINER_NAME];
const AGENT_VOLUMES = [...AGENT_WRITABLE_PATHS, ...LOG_ROUTER_WRITABLE_PATHS].map((p) => p.volume);

function domainRules(c: Obj): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (at: ConfigPath, message: string, fix?: string) => problems.push(problem(at, message, fix));

  // Fargate task size
  const cpu = c.cpu ?? 1024;
  const memory = c.memory ?? 3072;
  const allMemory = Object.values(FARGATE_SIZES).flat();
  const memoryInRange = isInt(memory) && memory >= Math.min(...allMemory) && memory <= Math.max(...allMemory);
  if (isInt(cpu) && isInt(memory) && memoryInRange && FARGATE_SIZES[cpu] && !isFargateSize(cpu, memory)) {
    const fitting = Object.keys(FARGATE_SIZES).map(Number).filter((k) => FARGATE_SIZES[k].includes(memory));
    add(
      [c.memory === undefined ? 'cpu' : 'memory'],
      `must be one of ${describeFargateMemory(cpu)} for cpu ${cpu}, got memory ${memory}`,
      fitting.length > 0 ? `set memory to one of ${describeFargateMemory(cpu)}, or cpu to ${fitting.join(' or ')}` : `set memory to one of ${describeFargateMemory(cpu)}`,
    );
  }

  const containers = Array.isArray(c.containers) ? c.containers : [];
  const app = containers.map((x, i) => ({ i, c: isObj(x) ? x : ({} as Obj) }));
  const nameOf = (x: Obj) => (isStr(x.name) ? x.name : undefined);
  const dd = isObj(c.datadog) ? c.datadog : {};
  const logs = isObj(c.logs) ? c.logs : {};
  const router = isObj(logs.router) ? logs.router : {};
  const toDatadog = logs.destination === 'datadog';
  const apmEnabled = dd.apmEnabled !== false;
  const unixTransport = dd.transport !== 'tcp';

  // The agent's settings
  if (dd.processCollection === true && isObj(c.service) && c.service.enableExecuteCommand === true) {
    add(['datadog', 'processCollection'], `cannot be true together with service.enableExecuteCommand: ${PROCESS_COLLECTION_EXEC_REASON}`, 'turn one of them off');
  }

  // The log router
  if (isStr(router.image) && new RegExp(INIT_ROUTER_IMAGE_PATTERN).test(router.image)) {
    add(['logs', 'router', 'image'], `must not be an init variant of aws-for-fluent-bit (${describeValue(router.image)}): it writes under /init, which a read-only root filesystem refuses (aws/aws-for-fluent-bit#824, #928)`, 'use the stable tag or a plain version tag, e.g. public.ecr.aws/aws-observability/aws-for-fluent-bit:stable');
  }
  const maxApplications = MAX_CONTAINERS_PER_TASK - 3;
  if (toDatadog && containers.length > maxApplications) {
    add(['containers'], `must have at most ${maxApplications} entries with logs.destination datadog, got ${containers.length}: a Fargate task holds at most ${MAX_CONTAINERS_PER_TASK} containers and three are the Datadog init, agent and log router containers`, 'split the containers over several services, or log to cloudwatch');
  }

  // Names: unique, not the Datadog containers'
  const firstIndex = new Map<string, number>();
  for (const { i, c: x } of app) {
    const name = nameOf(x);
    if (name === undefined) continue;
    if (RESERVED_CONTAINER_NAMES.includes(name)) {
      add(['containers', i, 'name'], `"${name}" is the name of a Datadog container this tool adds`, 'choose another name');
    } else if (firstIndex.has(name)) {
      add(['containers', i, 'name'], `duplicates the name of containers[${firstIndex.get(name)}]; container names must be unique in the task`, 'rename one of them');
    } else firstIndex.set(name, i);
  }

  // Ports
  for (const { i, c: x } of app) {
    if (isInt(x.port) && agentPorts(apmEnabled).includes(x.port)) {
      add(['containers', i, 'port'], `must not be ${x.port}: the agent listens on ${DOGSTATSD_PORT}/udp (DogStatsD)${apmEnabled ? ` and ${APM_PORT}/tcp (APM)` : ''} in the same network namespace`, 'use another port');
    }
  }

  // Health check command
  for (const { i, c: x } of app) {
    const hc = x.healthCheck;
    if (!isObj(hc) || !Array.isArray(hc.command) || hc.command.length === 0) continue;
    if (!(HEALTH_CHECK_COMMAND_PREFIXES as readonly unknown[]).includes(hc.command[0])) {
      add(['containers', i, 'healthCheck', 'command', 0], `must be ${HEALTH_CHECK_COMMAND_PREFIXES.map((p) => `"${p}"`).join(' or ')}, got ${describeValue(hc.command[0])}`, 'e.g. ["CMD-SHELL", "curl -f http://localhost:8080/health || exit 1"]');
    }
  }

  // Dependencies: targets exist, conditions fit the target, no cycles
  const byName = new Map<string, Obj>();
  for (const { c: x } of app) {
    const name = nameOf(x);
    if (name !== undefined && !byName.has(name)) byName.set(name, x);
  }
  const edges = new Map<string, string[]>();
  for (const { i, c: x } of app) {
    if (!Array.isArray(x.dependsOn)) continue;
    x.dependsOn.forEach((d, j) => {
      if (!isObj(d) || !isStr(d.containerName)) return;
      const at = ['containers', i, 'dependsOn', j];
      const target = d.containerName;
      if (RESERVED_CONTAINER_NAMES.includes(target)) {
        add([...at, 'containerName'], `"${target}" is a Datadog container: every application container already waits for ${AGENT_CONTAINER_NAME} to be HEALTHY`, 'remove this dependency');
        return;
      }
      const t = byName.get(target);
      if (!t) {
        const names = [...byName.keys()].filter((n) => n !== nameOf(x));
        add([...at, 'containerName'], `no application container is named "${target}"${names.length > 0 ? `; the others are ${names.join(', ')}` : ''}`);
        return;
      }
      if (target === nameOf(x)) {
        add([...at, 'containerName'], 'a container cannot depend on itself', 'remove this dependency');
        return;
      }
      if (d.condition === HEALTHY_CONDITION && !isObj(t.healthCheck)) {
        add([...at, 'condition'], `HEALTHY needs a health check on "${target}", which has none`, `add containers[${app.find((a) => a.c === t)?.i}].healthCheck, or use condition START`);
      }
      if ((d.condition === 'COMPLETE' || d.condition === 'SUCCESS') && t.essential !== false) {
        add([...at, 'condition'], `${d.condition} needs "${target}" to have essential: false (an essential container must keep running)`, `set essential: false on "${target}", or use START or HEALTHY`);
      }
      const from = nameOf(x);
      if (from !== undefined) edges.set(from, [...(edges.get(from) ?? []), target]);
    });
  }
  const cycle = findCycle(edges);
  if (cycle) {
    const i = app.find((a) => nameOf(a.c) === cycle[0])?.i ?? 0;
    add(['containers', i, 'dependsOn'], `dependency cycle: ${cycle.join(' -> ')}; ECS would never start these containers`, 'remove one of these dependencies');
  }

  // Writable paths and the volume names they become
  const volumeOwner = new Map<string, string>(AGENT_VOLUMES.map((v) => [v, `the Datadog agent's volume ${v}`]));
  for (const { i, c: x } of app) {
    const name = nameOf(x);
    const paths: unknown[] = Array.isArray(x.writablePaths) ? x.writablePaths : [];
    paths.forEach((p, j) => {
      if (!isStr(p) || !p.startsWith('/')) return;
      const at = ['containers', i, 'writablePaths', j];
      if (unixTransport && overlaps(p, SOCKETS_PATH)) {
        add(at, `must not be or overlap ${SOCKETS_PATH}, where the agent's sockets are mounted read-only in every application container, got ${describeValue(p)}`, 'choose another path');
        return;
      }
      const earlier = paths.slice(0, j).findIndex((q) => isStr(q) && overlaps(p, q));
      if (earlier >= 0) {
        const q = paths[earlier] as string;
        add(at, q === p ? `duplicates writablePaths[${earlier}]` : `overlaps writablePaths[${earlier}] (${q}); a writable directory is writable below it already`, 'keep only the outer path');
        return;
      }
      if (name === undefined) return;
      const volume = writableVolumeName(name, p);
      const owner = volumeOwner.get(volume);
      if (owner) add(at, `becomes the task volume "${volume}", which is already ${owner}`, 'rename the container or choose another path');
      else volumeOwner.set(volume, `the volume of containers[${i}].writablePaths[${j}]`);
    });
    // With ECS Exec on, the SSM agent's paths not covered by the container's own become volumes too (`writablePathsOf`).
    if (name === undefined || !isObj(c.service) || c.service.enableExecuteCommand !== true) continue;
    const own = paths.filter(isStr);
    for (const p of ECS_EXEC_WRITABLE_PATHS.filter((e) => !own.some((o) => e === o || e.startsWith(`${o}/`)))) {
      const volume = writableVolumeName(name, p);
      const owner = volumeOwner.get(volume);
      if (owner) add(['containers', i, 'writablePaths'], `ECS Exec needs the task volume "${volume}" for ${p}, which is already ${owner}`, 'rename the container or choose another path');
      else volumeOwner.set(volume, `the ECS Exec volume of containers[${i}] for ${p}`);
    }
  }

  // CPU and memory: the containers' reservations fit in the task
  const taskCpu = isInt(cpu) && FARGATE_SIZES[cpu] ? cpu : undefined;
  const taskMemory = isInt(memory) ? memory : undefined;
  const parts = [
    { label: 'datadog', x: dd as Obj },
    ...(toDatadog ? [{ label: 'logs.router', x: router as Obj }] : []),
    ...app.map(({ i, c: x }) => ({ label: `containers[${i}]`, x })),
  ];
  for (const [key, total] of [
    ['cpu', taskCpu],
    ['memory', taskMemory],
  ] as const) {
    if (total === undefined) continue;
    const used = parts.filter((p) => isInt(p.x[key]));
    const sum = used.reduce((s, p) => s + (p.x[key] as number), 0);
    if (sum > total) {
      add(
        [key],
        `the containers reserve ${sum} ${key === 'cpu' ? 'CPU units' : 'MiB'} (${used.map((p) => `${p.label}.${key} ${String(p.x[key])}`).join(' + ')}), more than the task's ${total}`,
        `raise the task's ${key} or lower the containers'`,
      );
    }
  }

  problems.push(...serviceFeatureRules(c));
  return problems;
}

/** True when a equals b or one is inside the other. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

/** A dependency cycle as names (first name repeated at the end), or undefined. */
function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const found = visit(m);
      if (found) return found;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of [...edges.keys()].sort(compareCodePoints)) {
    const found = visit(n);
    if (found) return found;
  }
  return undefined;
}
