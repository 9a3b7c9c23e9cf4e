/**
 * The package as a user installs it: `npm pack`, then the tarball in empty projects.
 * - CLI only, no peers: check, fix and generate --format taskdef|hcl work; synth and generate --format cdktf exit 2
 *   with the install command and write nothing; node_modules stays at or under 15 MiB.
 * - CDKTF and CDK Terrain, with peers at versions other than this repository's devDependencies: the shipped example
 *   app (its own provider, backend and IamRole "execution", two services, the secret ARN and subnets as tokens)
 *   compiles with tsc and synthesises, and every reference in the JSON points where it should.
 * Uses the npm registry (with --prefer-offline) and takes a while; it builds into a temporary directory, so it never
 * touches this checkout's lib/.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CDKTF_INSTALL_COMMAND } from '../src/render/cdktf-peers';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = join(__dirname, '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const MAX_CLI_INSTALL_BYTES = 15 * 1024 * 1024;
const PEERS = {
  cdktf: ['cdktf@0.21.0', '@cdktf/provider-aws@21.22.1', 'constructs@10.6.0'],
  cdktn: ['cdktn@0.24.0', '@cdktn/provider-aws@25.7.0', 'constructs@10.7.0'],
} as const;

jest.setTimeout(15 * 60 * 1000);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    // npm_config_* of the test runner (e.g. a workspace prefix) must not leak into the user's install.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    execFile(command, [...args], { cwd, env: { ...env, CHECKPOINT_DISABLE: '1', ...extraEnv }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function ok(command: string, args: readonly string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  const result = await run(command, args, cwd, extraEnv);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

const NPM_INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

function project(root: string, name: string): string {
  const dir = join(root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  return dir;
}

function bytesOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += bytesOf(path);
    else if (entry.isFile()) total += statSync(path).size;
  }
  return total;
}

let root: string;
let tarball: string;
/** The three installs run side by side; each part of the test waits for its own. */
const installs: Record<string, Promise<string>> = {};

function install(name: string, extra: readonly string[] = []): Promise<string> {
  const dir = project(root, name);
  return ok('npm', [...NPM_INSTALL, tarball, ...extra], dir).then(() => dir);
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'packaging-'));
  // The package directory as `npm pack` sees it after `prepack` (a clean build), built here rather than in lib/.
  const stage = join(root, 'stage');
  mkdirSync(stage);
  for (const entry of ['package.json', 'README.md', 'LICENSE', 'templates', 'schema', 'docs', 'examples']) {
    cpSync(join(ROOT, entry), join(stage, entry), { recursive: true, filter: (src) => !/[/\\](node_modules|cdktf\.out)([/\\]|$)/.test(src) });
  }
  await ok('node', [TSC, '-p', join(ROOT, 'tsconfig.json'), '--outDir', join(stage, 'lib')], ROOT);
  // the rest of `npm run build`; the stage has no node_modules of its own
  await ok('node', [join(stage, 'lib', 'scripts', 'compile-config-validator.js')], ROOT, { NODE_PATH: join(ROOT, 'node_modules') });
  const packed = await ok('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], stage);
  tarball = join(root, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0].filename);
  installs.cli = install('cli-only');
  for (const framework of Object.keys(PEERS) as Array<keyof typeof PEERS>) installs[framework] = install(`app-${framework}`, PEERS[framework]);
  // Awaited by their tests; a failure here must not be an unhandled rejection in the meantime.
  for (const p of Object.values(installs)) p.catch(() => undefined);
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

test('the tarball ships the CLI, the library, both construct entries, docs and examples, and no install script', async () => {
  const listing = await ok('tar', ['-tzf', tarball], root);
  const files = listing.stdout.split('\n').filter(Boolean);
  for (const file of [
    'package/lib/src/cli/index.js',
    'package/lib/src/index.d.ts',
    'package/lib/src/config/config-validator.compiled.js',
    'package/lib/modules/cdktf.js',
    'package/lib/modules/cdktn.d.ts',
    'package/docs/RULES.md',
    'package/examples/basic.yaml',
    'package/examples/cdktf-app/main.ts',
    'package/schema/config.schema.json',
  ]) {
    expect(files).toContain(file);
  }
  expect(files.filter((f) => /__tests__|node_modules|cdktf\.out|\.test\./.test(f))).toEqual([]);
  const manifest = JSON.parse((await ok('tar', ['-xzOf', tarball, 'package/package.json'], root)).stdout) as Json;
  for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts[script]).toBeUndefined();
  expect(manifest.repository.url).toMatch(/^git\+https:\/\//);
});

describe('installed without the CDKTF peers', () => {
  let dir: string;
  let bin: string;
  beforeAll(async () => {
    dir = await installs.cli;
    bin = join(dir, 'node_modules', '.bin', 'ecs-datadog-readonly');
  });

  test('node_modules stays at or under 15 MiB, with no framework package', () => {
    const bytes = bytesOf(join(dir, 'node_modules'));
    console.info(`CLI-only install: node_modules ${(bytes / 1024 / 1024).toFixed(2)} MiB`);
    expect(bytes).toBeLessThanOrEqual(MAX_CLI_INSTALL_BYTES);
    for (const peer of ['cdktf', 'constructs', '@cdktf/provider-aws', 'cdktn']) expect(existsSync(join(dir, 'node_modules', peer))).toBe(false);
  });

  test('generate --format taskdef and hcl, check and fix work', async () => {
    const example = join(dir, 'node_modules', 'ecs-datadog-readonly', 'examples', 'with-application.yaml');
    await ok(bin, ['generate', '--config', example, '--format', 'taskdef', '--out', 'taskdef'], dir);
    await ok(bin, ['generate', '--config', example, '--format', 'hcl', '--out', 'hcl'], dir);
    expect(existsSync(join(dir, 'hcl', 'main.tf'))).toBe(true);
    const checked = await run(bin, ['check', 'taskdef/task-definition.json'], dir);
    expect([0, 1]).toContain(checked.code);
    expect(checked.stdout).toMatch(/PASS\s+ECS\.5/);

    const writable = JSON.parse(readFileSync(join(dir, 'taskdef', 'task-definition.json'), 'utf8')) as Json;
    for (const c of writable.containerDefinitions as Json[]) c.readonlyRootFilesystem = false;
    writeFileSync(join(dir, 'writable.json'), JSON.stringify(writable));
    await ok(bin, ['fix', 'writable.json', '--out', 'fixed.json'], dir);
    const fixed = JSON.parse(readFileSync(join(dir, 'fixed.json'), 'utf8')) as Json;
    for (const c of fixed.containerDefinitions as Json[]) expect(c.readonlyRootFilesystem).toBe(true);
  });

  test('the installed config validator is the built one, compiled from this schema', async () => {
    const config = join(dir, 'node_modules', 'ecs-datadog-readonly', 'lib', 'src', 'config');
    const script = `const m = require(${JSON.stringify(join(config, 'compiled-validator.js'))}); console.log(typeof m.loadCompiledValidator(${JSON.stringify(config)}))`;
    expect((await ok('node', ['-e', script], dir)).stdout.trim()).toBe('function');
  });

  test('the library entry loads without cdktf; the construct entry needs it', async () => {
    const library = await ok('node', ['-e', "const m = require('ecs-datadog-readonly'); console.log(typeof m.validateConfig, Object.keys(require.cache).some((k) => k.includes('cdktf')))"], dir);
    expect(library.stdout.trim()).toBe('function false');
    const construct = await run('node', ['-e', "require('ecs-datadog-readonly/cdktf')"], dir);
    expect(construct.code).not.toBe(0);
    expect(construct.stderr).toMatch(/Cannot find module '(cdktf|constructs)'/);
  });

  test.each([
    [['synth', '--config', 'node_modules/ecs-datadog-readonly/examples/basic.yaml', '--out', 'out-synth'], 'out-synth'],
    [['generate', '--format', 'cdktf', '--out', 'out-cdktf'], 'out-cdktf'],
    [['generate', '--format', 'all', '--out', 'out-all'], 'out-all'],
  ])('%j exits 2 with the install command and writes nothing', async (args, out) => {
    const result = await run(bin, args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(CDKTF_INSTALL_COMMAND);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, out))).toBe(false);
  });
});

/** The example app's synthesised stack: nothing merged, every reference to the right resource. */
function assertPlatformStack(json: Json): void {
  const resource = json.resource as Record<string, Record<string, Json>>;
  // The user's own role keeps its address and content; the services' roles sit beside it.
  expect(resource.aws_iam_role.execution.name).toBe('ci-deploy');
  expect(JSON.stringify(json)).not.toContain('ecs-datadog-readonly-region-');
  expect(Object.keys(resource.aws_iam_role)).toHaveLength(5);
  for (const type of ['aws_ecs_service', 'aws_ecs_task_definition', 'aws_ecs_cluster', 'aws_cloudwatch_log_group']) {
    expect(Object.keys(resource[type])).toHaveLength(2);
  }
  const keyOf = (type: string, pick: (body: Json) => boolean) => {
    const found = Object.entries(resource[type]).filter(([, body]) => pick(body));
    expect(found).toHaveLength(1);
    return found[0][0];
  };
  const secret = '${aws_secretsmanager_secret.datadog-api-key.arn}';
  for (const name of ['orders', 'billing']) {
    // IAM names hold the region, here the provider's: `orders-${data.aws_region.<id>.region}-execution`.
    const roleName = (kind: string) => new RegExp(`^${name}-\\$\\{data\\.aws_region\\.[^.]+\\.region\\}-${kind}$`);
    const executionRole = keyOf('aws_iam_role', (r) => roleName('execution').test(r.name));
    const taskRole = keyOf('aws_iam_role', (r) => roleName('task').test(r.name));
    const cluster = keyOf('aws_ecs_cluster', (c) => c.name === name);
    const logGroup = keyOf('aws_cloudwatch_log_group', (g) => g.name === `/ecs/${name}`);
    const taskDefinition = keyOf('aws_ecs_task_definition', (t) => t.family === name);
    const td = resource.aws_ecs_task_definition[taskDefinition];
    expect(td.execution_role_arn).toBe(`\${aws_iam_role.${executionRole}.arn}`);
    expect(td.task_role_arn).toBe(`\${aws_iam_role.${taskRole}.arn}`);
    const containers = JSON.parse(td.container_definitions as string) as Json[];
    for (const c of containers) expect(c.readonlyRootFilesystem).toBe(true);
    expect(containers.find((c) => c.name === 'datadog-agent')!.secrets).toEqual([{ name: 'DD_API_KEY', valueFrom: secret }]);
    const region = containers[0].logConfiguration.options['awslogs-region'] as string;
    expect(region).toMatch(/^\$\{data\.aws_region\.[^.]+\.region\}$/);

    const policy = Object.values(resource.aws_iam_role_policy).find((p) => p.role === `\${aws_iam_role.${executionRole}.id}`)!;
    const statements = JSON.parse(policy.policy as string).Statement as Json[];
    expect(statements.find((s) => s.Action === 'secretsmanager:GetSecretValue')!.Resource).toEqual([secret]);
    expect(statements.find((s) => s.Sid === 'WriteLogs')!.Resource).toBe(`\${aws_cloudwatch_log_group.${logGroup}.arn}:*`);

    const service = resource.aws_ecs_service[keyOf('aws_ecs_service', (s) => s.name === name)];
    expect(service.cluster).toBe(`\${aws_ecs_cluster.${cluster}.arn}`);
    expect(service.task_definition).toBe(`\${aws_ecs_task_definition.${taskDefinition}.arn}`);
    expect(service.network_configuration.subnets).toEqual(['${aws_subnet.private-a.id}', '${aws_subnet.private-c.id}']);
    expect(service.network_configuration.security_groups).toEqual(['${aws_security_group.tasks.id}']);
    expect(service.tags).toEqual({ team: name });
  }
  const api = (JSON.parse(resource.aws_ecs_task_definition[keyOf('aws_ecs_task_definition', (t) => t.family === 'orders')].container_definitions) as Json[]).find((c) => c.name === 'api')!;
  expect(api.environment).toContainEqual({ name: 'VPC_ID', value: '${aws_vpc.vpc.id}' });
  expect(json.terraform.backend.s3).toMatchObject({ bucket: 'example-terraform-state' });
  expect(json.provider.aws[0].default_tags).toEqual([{ tags: { owner: 'platform' } }]);
}

describe.each(Object.keys(PEERS) as Array<keyof typeof PEERS>)('the example app with %s', (framework) => {
  test('compiles with tsc, synthesises, and every reference points where it should', async () => {
    const dir = await installs[framework];
    const example = join(dir, 'node_modules', 'ecs-datadog-readonly', 'examples', 'cdktf-app');
    let source = readFileSync(join(example, 'main.ts'), 'utf8');
    const tsconfig = JSON.parse(readFileSync(join(example, 'tsconfig.json'), 'utf8')) as Json;
    if (framework === 'cdktn') {
      source = source.replace(/from 'cdktf'/g, "from 'cdktn'").replace(/@cdktf\/provider-aws\//g, '@cdktn/provider-aws/').replace("'ecs-datadog-readonly/cdktf'", "'ecs-datadog-readonly/cdktn'");
      // The classic resolution of many existing projects: the subpath types come from typesVersions.
      tsconfig.compilerOptions = { ...tsconfig.compilerOptions, module: 'commonjs', moduleResolution: 'node' };
    }
    writeFileSync(join(dir, 'main.ts'), source);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    const constructs = JSON.parse(readFileSync(join(dir, 'node_modules', 'constructs', 'package.json'), 'utf8')) as Json;
    expect(`constructs@${constructs.version}`).toBe(PEERS[framework][2]);

    await ok('node', [TSC, '-p', 'tsconfig.json'], dir);
    await ok('node', ['main.js'], dir);
    const json = JSON.parse(readFileSync(join(dir, 'cdktf.out', 'stacks', 'platform', 'cdk.tf.json'), 'utf8')) as Json;
    assertPlatformStack(json);
  });
});
