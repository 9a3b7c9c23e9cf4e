/**
 * Runs real terraform (offline, no provider) on a configuration: a ModuleSpec's variables, pure locals and outputs
 * serialised as Terraform JSON, or any directory of `.tf` / `.tf.json` files. terraform evaluates variables,
 * validations, locals and outputs without a provider, so these runs need no download.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hclLiteral, hclString } from '../../src/module/hcl';
import { isExpr, type ModuleSpec, type Value } from '../../src/module/types';

export const NO_TERRAFORM_MESSAGE =
  'terraform is not on PATH: these tests run real terraform (>= 1.9, no provider needed). Install it, or set ALLOW_NO_TERRAFORM=1 to skip them.';

let available: boolean | undefined;

export function terraformAvailable(): boolean {
  if (available === undefined) {
    try {
      execFileSync('terraform', ['version'], { stdio: 'ignore', env: terraformEnv(tmpdir()) });
      available = true;
    } catch {
      available = false;
    }
  }
  return available;
}

/**
 * `describe` when terraform is on PATH; when it is not, `describe.skip` only if ALLOW_NO_TERRAFORM=1, else a suite
 * whose single test fails with a clear message.
 */
export function describeWithTerraform(name: string, body: () => void): void {
  if (terraformAvailable()) describe(name, body);
  else if (process.env.ALLOW_NO_TERRAFORM === '1') describe.skip(name, body);
  else
    describe(name, () => {
      test('terraform is available', () => {
        throw new Error(NO_TERRAFORM_MESSAGE);
      });
    });
}

function terraformEnv(dataDir: string): NodeJS.ProcessEnv {
  const cliConfig = join(dataDir, 'terraformrc');
  try {
    writeFileSync(cliConfig, '');
  } catch {
    /* the directory may be read-only for `terraform version`; the warning is harmless then */
  }
  return {
    ...process.env,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    TF_DATA_DIR: join(dataDir, '.terraform'),
    TF_CLI_CONFIG_FILE: cliConfig,
  };
}

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one terraform command in `dir` with a private data directory. */
export function runTerraform(dir: string, args: readonly string[]): Promise<TerraformResult> {
  if (!terraformAvailable()) return Promise.reject(new Error(NO_TERRAFORM_MESSAGE));
  return new Promise((resolve) => {
    execFile('terraform', [...args], { cwd: dir, env: terraformEnv(dir), maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** A string as Terraform JSON writes literal text where templates are evaluated. */
export function escapeTemplate(text: string): string {
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** A spec value in Terraform JSON expression form: literal strings and keys escaped, expressions as `${...}`. */
export function toTerraformJson(value: Value): unknown {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') return escapeTemplate(value);
  if (isExpr(value)) return '${' + value.expr + '}';
  if (Array.isArray(value)) return value.map(toTerraformJson);
  const out: Record<string, unknown> = {};
  // Object keys are templates in Terraform JSON too.
  for (const [k, v] of Object.entries(value as Record<string, Value>)) out[escapeTemplate(k)] = toTerraformJson(v);
  return out;
}

export interface OfflineOptions {
  /** Literal values of the impure (provider-reading) locals. Every impure local needs one. */
  readonly context: Readonly<Record<string, string>>;
  /** Locals to expose as outputs of the same name. @default every pure local */
  readonly outputs?: readonly string[];
  /** Leave the locals out (variables and validations only, which plans faster). @default false */
  readonly variablesOnly?: boolean;
  /** Further outputs: output name to an HCL expression over variables and locals. @default none */
  readonly expressions?: Readonly<Record<string, string>>;
}

/**
 * The offline configuration of a spec, as one Terraform JSON document: variables with their validations, the pure
 * locals, the impure ones as literal text, and outputs of the chosen locals.
 */
export function offlineConfiguration(spec: ModuleSpec, options: OfflineOptions): Record<string, unknown> {
  const variable: Record<string, unknown> = {};
  for (const v of spec.variables) {
    variable[v.name] = {
      type: v.type,
      description: v.description,
      ...(v.default !== undefined && { default: v.default }),
      ...(v.nullable !== undefined && { nullable: v.nullable }),
      ...(v.validations.length > 0 && {
        validation: v.validations.map((r) => ({ condition: '${' + r.condition + '}', error_message: escapeTemplate(r.errorMessage) })),
      }),
    };
  }
  const locals: Record<string, unknown> = {};
  for (const l of options.variablesOnly ? [] : spec.locals) {
    if (l.pure) locals[l.name] = toTerraformJson(l.value);
    else if (options.context[l.name] !== undefined) locals[l.name] = escapeTemplate(options.context[l.name]);
    else throw new Error(`no literal value for the impure local ${l.name}`);
  }
  const names = options.variablesOnly ? [] : (options.outputs ?? spec.locals.filter((l) => l.pure).map((l) => l.name));
  const output: Record<string, unknown> = {};
  for (const name of names) output[name] = { value: '${local.' + name + '}' };
  for (const [name, text] of Object.entries(options.expressions ?? {})) output[name] = { value: '${' + text + '}' };
  return {
    terraform: { required_version: spec.requiredVersion },
    variable,
    ...(Object.keys(locals).length > 0 && { locals }),
    ...(Object.keys(output).length > 0 && { output }),
  };
}

/** The same offline configuration in HCL native syntax: every expression exactly as the spec writes it. */
export function offlineConfigurationHcl(spec: ModuleSpec, options: OfflineOptions): string {
  const out: string[] = [`terraform {\n  required_version = ${hclString(spec.requiredVersion)}\n}\n`];
  for (const v of spec.variables) {
    const lines = [`variable ${hclString(v.name)} {`, `  type        = ${v.type}`, `  description = ${hclString(v.description)}`];
    if (v.default !== undefined) lines.push(`  default     = ${hclLiteral(v.default)}`);
    if (v.nullable !== undefined) lines.push(`  nullable    = ${v.nullable}`);
    for (const r of v.validations) {
      lines.push('  validation {', `    condition     = ${r.condition}`, `    error_message = ${hclString(r.errorMessage)}`, '  }');
    }
    out.push(`${lines.join('\n')}\n}\n`);
  }
  if (!options.variablesOnly && spec.locals.length > 0) {
    const lines = ['locals {'];
    for (const l of spec.locals) {
      if (l.pure) lines.push(`  ${l.name} = ${hclLiteral(l.value)}`);
      else if (options.context[l.name] !== undefined) lines.push(`  ${l.name} = ${hclString(options.context[l.name])}`);
      else throw new Error(`no literal value for the impure local ${l.name}`);
    }
    out.push(`${lines.join('\n')}\n}\n`);
  }
  const names = options.variablesOnly ? [] : (options.outputs ?? spec.locals.filter((l) => l.pure).map((l) => l.name));
  for (const name of names) out.push(`output ${hclString(name)} {\n  value = local.${name}\n}\n`);
  for (const [name, text] of Object.entries(options.expressions ?? {})) out.push(`output ${hclString(name)} {\n  value = ${text}\n}\n`);
  return out.join('\n');
}

/** A fresh temporary directory; removed by `cleanup`. */
export function tempDir(prefix = 'tf-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes the offline configuration of a spec into `dir` (created when missing). */
export function writeOfflineModule(spec: ModuleSpec, dir: string, options: OfflineOptions & { readonly syntax?: 'json' | 'hcl' }): string {
  mkdirSync(dir, { recursive: true });
  if (options.syntax === 'hcl') writeFileSync(join(dir, 'main.tf'), offlineConfigurationHcl(spec, options));
  else writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(offlineConfiguration(spec, options), null, 2));
  return dir;
}

function copyConfiguration(from: string, to: string): void {
  for (const entry of readdirSync(from)) {
    if (entry === '.terraform' || entry.startsWith('terraform.tfstate')) continue;
    const source = join(from, entry);
    if (statSync(source).isDirectory() || /\.tf(\.json)?$/.test(entry)) cpSync(source, join(to, entry), { recursive: true });
  }
}

function parseJsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export interface Diagnostic {
  readonly severity: string;
  readonly summary: string;
  readonly detail: string;
  /** The module call the diagnostic belongs to, e.g. `module.bad_3`, when terraform names one. */
  readonly context?: string;
}

export interface ApplyResult {
  readonly ok: boolean;
  readonly outputs: Record<string, unknown>;
  readonly diagnostics: Diagnostic[];
}

function diagnosticsOf(messages: Record<string, unknown>[]): Diagnostic[] {
  return messages
    .filter((m) => m.type === 'diagnostic')
    .map((m) => {
      const d = m.diagnostic as { severity: string; summary: string; detail?: string; snippet?: { context?: string } };
      return { severity: d.severity, summary: d.summary, detail: d.detail ?? '', context: d.snippet?.context ?? undefined };
    });
}

/**
 * Copies a directory of `.tf` / `.tf.json` files (and its subdirectories, for local modules) to a temporary
 * directory, then runs `terraform init` and `terraform apply` with `vars` as a tfvars JSON file. Returns the output
 * values, or the error diagnostics.
 */
export async function applyConfiguration(dir: string, vars: Readonly<Record<string, unknown>> = {}): Promise<ApplyResult> {
  const work = tempDir('tf-apply-');
  try {
    copyConfiguration(dir, work);
    const varFile = join(work, 'inputs.auto.tfvars.json');
    writeFileSync(varFile, JSON.stringify(vars));
    const init = await runTerraform(work, ['init', '-input=false', '-no-color']);
    if (init.code !== 0) return { ok: false, outputs: {}, diagnostics: [{ severity: 'error', summary: 'terraform init failed', detail: init.stderr + init.stdout }] };
    const apply = await runTerraform(work, ['apply', '-auto-approve', '-input=false', '-json', '-no-color']);
    const messages = parseJsonLines(apply.stdout);
    const diagnostics = diagnosticsOf(messages).filter((d) => d.severity === 'error');
    const last = messages.filter((m) => m.type === 'outputs').pop();
    const outputs: Record<string, unknown> = {};
    for (const [name, o] of Object.entries((last?.outputs ?? {}) as Record<string, { value?: unknown }>)) outputs[name] = o.value;
    const ok = apply.code === 0 && diagnostics.length === 0;
    if (!ok && diagnostics.length === 0) diagnostics.push({ severity: 'error', summary: 'terraform apply failed', detail: apply.stderr });
    return { ok, outputs, diagnostics };
  } finally {
    cleanup(work);
  }
}

/**
 * Applies the offline configuration of a spec (Terraform JSON, or HCL native syntax with `syntax: 'hcl'`) with `vars`,
 * returning the values of the chosen locals.
 */
export async function evaluateSpec(
  spec: ModuleSpec,
  vars: Readonly<Record<string, unknown>>,
  options: OfflineOptions & { readonly syntax?: 'json' | 'hcl' },
): Promise<ApplyResult> {
  const dir = tempDir('tf-spec-');
  try {
    writeOfflineModule(spec, dir, options);
    return await applyConfiguration(dir, vars);
  } finally {
    cleanup(dir);
  }
}

/**
 * Calls the module in `moduleDir` once per entry of `calls` (module name to arguments) and plans, so terraform checks
 * every call's variables in one run. Returns the error diagnostics, each with the module call it belongs to.
 */
export async function planModuleCalls(moduleDir: string, calls: Readonly<Record<string, Readonly<Record<string, unknown>>>>): Promise<Diagnostic[]> {
  const work = tempDir('tf-calls-');
  try {
    cpSync(moduleDir, join(work, 'module'), { recursive: true });
    const module: Record<string, unknown> = {};
    for (const [name, args] of Object.entries(calls)) {
      const literal: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(args)) literal[k] = toTerraformJson(v as Value);
      module[name] = { source: './module', ...literal };
    }
    writeFileSync(join(work, 'main.tf.json'), JSON.stringify({ module }, null, 2));
    const init = await runTerraform(work, ['init', '-input=false', '-no-color']);
    if (init.code !== 0) throw new Error(`terraform init failed: ${init.stderr}`);
    const plan = await runTerraform(work, ['plan', '-input=false', '-json', '-no-color']);
    const diagnostics = diagnosticsOf(parseJsonLines(plan.stdout)).filter((d) => d.severity === 'error');
    if (plan.code !== 0 && diagnostics.length === 0) throw new Error(`terraform plan failed: ${plan.stderr}`);
    return diagnostics;
  } finally {
    cleanup(work);
  }
}

/**
 * Calls the module in `moduleDir` once per entry of `calls` and applies, so one terraform run evaluates many inputs.
 * Returns, per call, the values of the module outputs named in `outputs`.
 */
export async function applyModuleCalls(
  moduleDir: string,
  calls: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
  outputs: readonly string[],
): Promise<{ readonly ok: boolean; readonly results: Record<string, Record<string, unknown>>; readonly diagnostics: Diagnostic[] }> {
  const work = tempDir('tf-calls-');
  try {
    mkdirSync(join(work, 'root'));
    cpSync(moduleDir, join(work, 'root', 'module'), { recursive: true });
    const module: Record<string, unknown> = {};
    const output: Record<string, unknown> = {};
    for (const [name, args] of Object.entries(calls)) {
      const literal: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(args)) literal[k] = toTerraformJson(v as Value);
      module[name] = { source: './module', ...literal };
      for (const o of outputs) output[`${name}__${o}`] = { value: '${module.' + name + '.' + o + '}' };
    }
    writeFileSync(join(work, 'root', 'main.tf.json'), JSON.stringify({ module, output }, null, 2));
    const applied = await applyConfiguration(join(work, 'root'));
    const results: Record<string, Record<string, unknown>> = {};
    for (const name of Object.keys(calls)) {
      results[name] = Object.fromEntries(outputs.map((o) => [o, applied.outputs[`${name}__${o}`]]));
    }
    return { ok: applied.ok, results, diagnostics: applied.diagnostics };
  } finally {
    cleanup(work);
  }
}
