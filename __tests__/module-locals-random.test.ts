/**
 * Generated valid configs (fast-check, fixed seed): terraform evaluates the module's locals for all of them in one run
 * (one module call each), and every result equals the TypeScript model.
 */
import fc from 'fast-check';
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import type { ContainerConfig, ServiceConfig } from '../src/config/types';
import { validateConfig } from '../src/config/validate';
import { executionPolicy, taskPolicy } from '../src/model/iam';
import { containerDefinitions, taskVolumes } from '../src/model/task-definition';
import { modelContext } from '../src/module/locals';
import { moduleSpec } from '../src/module/spec';
import type { ModuleSpec } from '../src/module/types';
import { moduleVariableValues } from '../src/module/variables';
import { moduleCallValues } from './support/configs';
import { applyModuleCalls, cleanup, describeWithTerraform, tempDir, writeOfflineModule } from './support/terraform';

const SAMPLES = 24;
const SEED = 20261128;
const account = '123456789012';
const region = EMBEDDED_DEFAULT_CONFIG.region ?? 'ap-northeast-1';

const arn = fc.oneof(
  fc.constantFrom('db', 'api/key', 'team/token').map((n) => `arn:aws:secretsmanager:${region}:${account}:secret:${n}-AbCdEf`),
  fc.constantFrom('db', 'api/key', 'team/token').map((n) => `arn:aws:ssm:${region}:${account}:parameter/${n}`),
  // The JSON-key forms ECS takes, and partial ARNs without the six-character suffix.
  fc.constantFrom('db-AbCdEf:password::', 'api/key-AbCdEf::AWSPREVIOUS:', 'db-AbCdEf:k:AWSCURRENT:0a1b2c3d-1111').map((n) => `arn:aws:secretsmanager:${region}:${account}:secret:${n}`),
  fc.constantFrom('db', 'team/token').map((n) => `arn:aws:secretsmanager:${region}:${account}:secret:${n}`),
);
const agentEnvName = fc.constantFrom('DD_DOGSTATSD_TAG_CARDINALITY', 'DD_ECS_TASK_COLLECTION_ENABLED', 'DD_LOGS_ENABLED', 'DD_PROXY_HTTPS', 'DD_DOCKER_LABELS_AS_TAGS');
const envName = fc.constantFrom('LOG_LEVEL', 'MODE', 'DD_ENV', 'DD_SERVICE', 'DD_VERSION', 'A', 'Z_LAST', 'DD_TRACE_AGENT_URL');
const text = fc.constantFrom('', 'x', 'prod', 'a b', 'quote"d', 'back\\slash', '${not_a_template}', '%{x}', 'ünïcode', 'line\nbreak');
/** Environment and tag values are never empty (ECS drops empty values, so the config refuses them). */
const value = text.filter((t) => t !== '');
const image = fc.constantFrom('nginx', 'nginx:1.27', 'registry.example.com:5000/team/app', 'registry.example.com:5000/team/app:2.0', 'app@sha256:abcdef', 'app:3@sha256:abcdef');
const path = fc.constantFrom('/tmp', '/app/cache', '/var/cache/nginx', '/run/x.d', '/data@v1', '/home/app+x');

interface Draft {
  readonly container: Omit<ContainerConfig, 'name' | 'dependsOn'>;
  readonly dependency?: { readonly on: number; readonly condition: 'START' | 'HEALTHY' | 'SUCCESS' | 'COMPLETE' };
}

const container: fc.Arbitrary<Draft> = fc.record(
  {
    container: fc.record(
      {
        image,
        port: fc.integer({ min: 1, max: 9000 }).filter((p) => p !== 8125 && p !== 8126),
        protocol: fc.constantFrom('tcp' as const, 'udp' as const),
        writablePaths: fc.uniqueArray(path, { maxLength: 3 }),
        environment: fc.dictionary(envName, value, { maxKeys: 4 }),
        secrets: fc.dictionary(fc.constantFrom('DB_PASSWORD', 'TOKEN', 'KEY'), arn, { maxKeys: 2 }),
        cpu: fc.integer({ min: 0, max: 128 }),
        memory: fc.integer({ min: 6, max: 256 }),
        essential: fc.boolean(),
        command: fc.array(text, { maxLength: 3 }),
        healthCheck: fc.record(
          {
            command: fc.constant(['CMD-SHELL', 'true']),
            intervalSeconds: fc.integer({ min: 5, max: 300 }),
            retries: fc.integer({ min: 1, max: 10 }),
            startPeriodSeconds: fc.integer({ min: 0, max: 2 }),
          },
          { requiredKeys: ['command'] },
        ),
        service: fc.constantFrom('svc', 'other-svc'),
        version: fc.constantFrom('1.0', 'v2'),
        logSource: fc.constantFrom('python', 'nginx', 'java'),
      },
      { requiredKeys: ['image'] },
    ),
    dependency: fc.record({ on: fc.nat(), condition: fc.constantFrom('START' as const, 'HEALTHY' as const, 'SUCCESS' as const, 'COMPLETE' as const) }),
  },
  { requiredKeys: ['container'] },
);

/** Containers named c0, c1, ...; each may depend on an earlier one with a condition that container allows. */
function containersOf(drafts: readonly Draft[]): ContainerConfig[] {
  return drafts.map((d, i) => {
    const dep = d.dependency && i > 0 ? { ...d.dependency, on: d.dependency.on % i } : undefined;
    const target = dep && drafts[dep.on].container;
    const allowed =
      dep &&
      target &&
      (dep.condition === 'START' ||
        (dep.condition === 'HEALTHY' && target.healthCheck !== undefined) ||
        ((dep.condition === 'SUCCESS' || dep.condition === 'COMPLETE') && target.essential === false));
    return { ...d.container, name: `c${i}`, ...(allowed && { dependsOn: [{ containerName: `c${dep.on}`, condition: dep.condition }] }) };
  });
}

const serviceConfig: fc.Arbitrary<ServiceConfig> = fc
  .record(
    {
      datadog: fc.record(
        {
          apiKeySecretArn: arn,
          site: fc.constantFrom('datadoghq.com', 'datadoghq.eu', 'us5.datadoghq.com'),
          env: fc.constantFrom('prod', 'staging'),
          tags: fc.dictionary(fc.constantFrom('team', 'zone', 'cost-center', 'a'), value, { maxKeys: 3 }),
          apmEnabled: fc.boolean(),
          cpu: fc.integer({ min: 0, max: 128 }),
          memory: fc.integer({ min: 6, max: 256 }),
          environment: fc.dictionary(agentEnvName, text, { maxKeys: 3 }),
          transport: fc.constantFrom('unix' as const, 'tcp' as const),
          processCollection: fc.boolean(),
        },
        { requiredKeys: ['apiKeySecretArn'] },
      ),
      logs: fc.record(
        {
          destination: fc.constantFrom('cloudwatch' as const, 'datadog' as const),
          router: fc.record({ image: fc.constantFrom('example.com/fluent-bit:2.32.4'), cpu: fc.integer({ min: 0, max: 64 }), memory: fc.integer({ min: 6, max: 128 }) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      containers: fc.array(container, { maxLength: 4 }),
      cpuArchitecture: fc.constantFrom('X86_64' as const, 'ARM64' as const),
      enableExecuteCommand: fc.boolean(),
    },
    { requiredKeys: ['datadog', 'containers'] },
  )
  .map((r) => ({
    name: 'random',
    cpu: 1024,
    memory: 3072,
    region,
    datadog: r.datadog,
    containers: containersOf(r.containers),
    ...(r.logs && { logs: r.logs }),
    ...(r.cpuArchitecture && { cpuArchitecture: r.cpuArchitecture }),
    // Process collection and ECS Exec are refused together.
    ...(r.enableExecuteCommand !== undefined && { service: { enableExecuteCommand: r.enableExecuteCommand && r.datadog.processCollection !== true } }),
  }));

const CONFIGS = fc.sample(serviceConfig, { seed: SEED, numRuns: SAMPLES });
const OUTPUTS = ['container_definitions', 'volumes', 'execution_policy', 'task_policy'];

test('the generated configs are valid and varied', () => {
  for (const c of CONFIGS) expect(validateConfig(c)).toEqual([]);
  const containers = CONFIGS.flatMap((c) => c.containers ?? []);
  expect(containers.some((c) => c.dependsOn?.some((d) => d.condition === 'HEALTHY'))).toBe(true);
  expect(containers.some((c) => c.dependsOn?.some((d) => d.condition !== 'HEALTHY'))).toBe(true);
  expect(containers.filter((c) => c.writablePaths && c.writablePaths.length > 1).length).toBeGreaterThan(1);
  expect(CONFIGS.filter((c) => (c.containers ?? []).length === 0).length).toBeGreaterThan(0);
  const resolved = CONFIGS.map(resolveConfig);
  expect(resolved.some((c) => c.logs.destination === 'datadog' && c.containers.length > 0)).toBe(true);
  expect(resolved.some((c) => c.datadog.transport === 'tcp') && resolved.some((c) => c.datadog.transport === 'unix')).toBe(true);
  expect(resolved.some((c) => c.datadog.processCollection)).toBe(true);
  expect(resolved.some((c) => Object.keys(c.datadog.environment).length > 0)).toBe(true);
});

describeWithTerraform('module locals for generated configs', () => {
  let moduleDir: string;
  let spec: ModuleSpec;
  beforeAll(() => {
    const base = resolveConfig(EMBEDDED_DEFAULT_CONFIG);
    spec = moduleSpec(base);
    moduleDir = writeOfflineModule(spec, tempDir('tf-random-'), { context: modelContext(base), outputs: OUTPUTS });
  });
  afterAll(() => cleanup(moduleDir));

  test(`${SAMPLES} configs in one terraform run equal the model`, async () => {
    const resolved = CONFIGS.map(resolveConfig);
    const calls = Object.fromEntries(resolved.map((c, i) => [`c${i}`, moduleCallValues(c)]));
    const { ok, results, diagnostics } = await applyModuleCalls(moduleDir, calls, OUTPUTS);
    expect(diagnostics).toEqual([]);
    expect(ok).toBe(true);
    resolved.forEach((config, i) => {
      const got = results[`c${i}`];
      expect({ i, value: got.container_definitions }).toEqual({ i, value: containerDefinitions(config) });
      expect({ i, value: got.volumes }).toEqual({ i, value: taskVolumes(config) });
      expect({ i, value: JSON.parse(got.execution_policy as string) }).toEqual({ i, value: executionPolicy(config) });
      expect({ i, value: JSON.parse(got.task_policy as string) }).toEqual({ i, value: taskPolicy(config) });
    });
  });
});
