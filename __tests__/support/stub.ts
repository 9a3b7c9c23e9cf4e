/**
 * Real `terraform validate` and `terraform plan`, offline, through the schema-only AWS provider stand-in in
 * `tf-stub-provider/` (its README). The provider schema is built once per test run (and kept between runs): in a
 * temporary directory, named after the provider bindings' version and the extractor's content.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tempDir } from './terraform';

export const STUB_DIR = resolve(__dirname, 'tf-stub-provider');
const ROOT = resolve(__dirname, '..', '..');

/** The schema file the stub serves: built on first use, reused while the bindings and the extractor are unchanged. */
export function stubSchema(): string {
  const bindings = join(ROOT, 'node_modules', '@cdktf', 'provider-aws');
  const version = (JSON.parse(readFileSync(join(bindings, 'package.json'), 'utf8')) as { version: string }).version;
  const hash = createHash('sha256').update(readFileSync(join(STUB_DIR, 'extract_schema.js'))).update(readFileSync(join(STUB_DIR, 'supplement-max-items.json'))).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), 'ecs-datadog-readonly-stub-schema');
  const file = join(dir, `aws-${version}-${hash}.json`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  // Written under a private name, then renamed: jest workers building it at once never read half a file.
  const partial = `${file}.${process.pid}.partial`;
  execFileSync('node', [join(STUB_DIR, 'extract_schema.js'), '--bindings', bindings, '--out', partial], { cwd: ROOT, stdio: 'pipe' });
  renameSync(partial, file);
  return file;
}

/** The parts of `terraform show -json` the tests read. */
export interface PlanJson {
  readonly resource_changes: readonly {
    readonly address: string;
    readonly type: string;
    readonly name: string;
    readonly index?: string | number;
    readonly module_address?: string;
    readonly change: { readonly actions: readonly string[]; readonly after: Record<string, unknown> };
  }[];
}

export interface StubResult {
  readonly code: number;
  /** tf-stub.sh's report: one line per diagnostic, `validate: ...`, `plan: ...`. */
  readonly output: string;
  readonly plan?: PlanJson;
}

export interface StubOptions {
  /** Run in this subdirectory of `dir` (an example whose module source is `../..`). */
  readonly sub?: string;
  /** A tfvars file for the plan. */
  readonly tfvars?: string;
  /** Region the stub's data sources answer when no provider block sets one (STUB_REGION). @default ap-northeast-1 */
  readonly region?: string;
}

/** Validates and plans `dir` with the stub (tf-stub.sh -p -j), never writing into `dir`. */
export function stubPlan(dir: string, options: StubOptions = {}): Promise<StubResult> {
  const work = tempDir('stub-plan-');
  const planFile = join(work, 'plan.json');
  const args = [join(STUB_DIR, 'tf-stub.sh'), '-p', '-j', planFile];
  if (options.sub) args.push('-C', options.sub);
  if (options.tfvars) args.push('-v', options.tfvars);
  args.push(dir);
  return new Promise((done) => {
    execFile('bash', args, { cwd: ROOT, env: { ...process.env, STUB_SCHEMA: stubSchema(), TMPDIR: work, ...(options.region && { STUB_REGION: options.region }) }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      const plan = existsSync(planFile) ? (JSON.parse(readFileSync(planFile, 'utf8')) as PlanJson) : undefined;
      rmSync(work, { recursive: true, force: true });
      done({ code, output: stdout + stderr, plan });
    });
  });
}

/** The planned values of one resource, by its address inside its module (e.g. `aws_ecs_service.this`, `aws_iam_role.task[0]`). */
export function planned(plan: PlanJson | undefined, address: string): Record<string, unknown> {
  const found = (plan?.resource_changes ?? []).filter((r) => r.address === address || r.address.endsWith(`.${address}`));
  if (found.length !== 1) throw new Error(`the plan has ${found.length} resources at ${address}; it has ${(plan?.resource_changes ?? []).map((r) => r.address).join(', ')}`);
  return found[0].change.after;
}

/** The planned values of the only resource of a type (the deployable stack's addresses come from construct paths). */
export function plannedOne(plan: PlanJson | undefined, type: string): Record<string, unknown> {
  const found = (plan?.resource_changes ?? []).filter((r) => r.type === type);
  if (found.length !== 1) throw new Error(`the plan has ${found.length} resources of type ${type}`);
  return found[0].change.after;
}

/** The planned values of every resource of a type, in address order. */
export function plannedAll(plan: PlanJson | undefined, type: string): Record<string, unknown>[] {
  return (plan?.resource_changes ?? [])
    .filter((r) => r.type === type)
    .sort((a, b) => a.address.localeCompare(b.address))
    .map((r) => r.change.after);
}

/** Addresses of the resources a plan creates, without their module path, sorted. */
export function plannedAddresses(plan: PlanJson | undefined): string[] {
  return (plan?.resource_changes ?? []).map((r) => (r.module_address ? r.address.slice(r.module_address.length + 1) : r.address)).sort();
}

/** Runs `fn` over `items` with at most `limit` at a time (the stub runs terraform and several provider processes). */
export async function inBatches<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
