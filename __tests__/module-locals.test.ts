/**
 * The module's locals, evaluated by real terraform from the variables, equal what the TypeScript model computes:
 * container definitions, task volumes and the IAM policy documents.
 */
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import type { ResolvedConfig, ServiceConfig } from '../src/config/types';
import { ecsTasksTrustPolicy, executionPolicy, taskPolicy } from '../src/model/iam';
import { containerDefinitions, taskVolumes } from '../src/model/task-definition';
import { TF } from '../src/model/terraform-refs';
import { modelContext } from '../src/module/locals';
import { moduleSpec } from '../src/module/spec';
import { moduleVariableValues } from '../src/module/variables';
import { APP_CONFIG } from './support/configs';
import { ApplyResult, describeWithTerraform, evaluateSpec } from './support/terraform';

const base = EMBEDDED_DEFAULT_CONFIG;
const smArn = (name: string) => `arn:aws:secretsmanager:eu-central-1:111122223333:secret:${name}-AbCdEf`;
const ssmArn = (name: string) => `arn:aws:ssm:eu-central-1:111122223333:parameter/${name}`;

const CASES: Record<string, ServiceConfig> = {
  'embedded default': base,
  'one container with port, writable paths, env, secrets, health check': {
    ...base,
    name: 'web',
    region: 'eu-central-1',
    containers: [
      {
        name: 'web',
        image: 'public.ecr.aws/nginx/nginx:1.27',
        port: 8080,
        writablePaths: ['/var/cache/nginx', '/tmp', '/run/nginx.d'],
        environment: { ZED: 'last', LOG_LEVEL: 'debug', APP_MODE: 'prod' },
        secrets: { DB_PASSWORD: smArn('db'), API_TOKEN: ssmArn('web/token') },
        healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'], intervalSeconds: 10, retries: 5, startPeriodSeconds: 20 },
      },
    ],
  },
  'two containers with a HEALTHY dependency': APP_CONFIG,
  'datadog env, tags, cpu and memory, APM off': {
    ...base,
    name: 'tagged',
    datadog: {
      apiKeySecretArn: smArn('dd'),
      site: 'us5.datadoghq.com',
      image: 'public.ecr.aws/datadog/agent:7.60.0',
      env: 'staging',
      tags: { zone: 'a', team: 'core', 'cost-center': '7' },
      apmEnabled: false,
      cpu: 128,
      memory: 256,
    },
    containers: [{ name: 'app', image: 'example/app:3', environment: { DD_ENV: 'user-wins', DD_SERVICE: 'custom' } }],
  },
  'ARM64 with an SSM parameter API key, ECS Exec and an existing cluster': {
    ...base,
    name: 'arm',
    cpu: 8192,
    memory: 16384,
    cpuArchitecture: 'ARM64',
    datadog: { apiKeySecretArn: ssmArn('datadog/api-key') },
    containers: [{ name: 'svc', image: 'example/svc:1', secrets: { TOKEN: ssmArn('svc/token'), KEY: ssmArn('datadog/api-key') } }],
    cluster: { existingClusterArn: 'arn:aws:ecs:eu-central-1:111122223333:cluster/shared' },
    service: { enableExecuteCommand: true },
  },
  'untagged and digest images, explicit service and version, command, udp, non-essential': {
    ...base,
    name: 'misc',
    containers: [
      { name: 'untagged', image: 'registry.example.com:5000/team/app', port: 53, protocol: 'udp', essential: false, command: ['run', '--fast'] },
      { name: 'digest', image: 'example/app@sha256:0123456789abcdef', service: 'digest-svc' },
      { name: 'explicit', image: 'example/app:1.0', version: '1.0-custom', cpu: 256, memory: 512, command: [] },
    ],
  },
};

/** The model's output with the region placeholder written as the region, as the module's context locals give it. */
function withRegion<T>(value: T, region: string): T {
  return JSON.parse(JSON.stringify(value).split(TF.region).join(region)) as T;
}

/** Spec from the embedded default: every value of the case travels through the tfvars file. */
const spec = moduleSpec(resolveConfig(base));
const OUTPUTS = ['container_definitions', 'volumes', 'assume_role_policy', 'execution_policy', 'task_policy'];

describeWithTerraform('module locals evaluated by terraform', () => {
  const results = new Map<string, ApplyResult>();
  const hclResults = new Map<string, ApplyResult>();

  beforeAll(async () => {
    const entries = Object.entries(CASES);
    const run = (syntax: 'json' | 'hcl') =>
      Promise.all(
        entries.map(([, raw]) => {
          const config = resolveConfig(raw);
          return evaluateSpec(spec, moduleVariableValues(config), { context: modelContext(config), outputs: OUTPUTS, syntax });
        }),
      );
    const [json, hcl] = await Promise.all([run('json'), run('hcl')]);
    entries.forEach(([label], i) => {
      results.set(label, json[i]);
      hclResults.set(label, hcl[i]);
    });
  });

  describe.each(Object.entries(CASES))('%s', (label, raw) => {
    const config: ResolvedConfig = resolveConfig(raw);
    const result = () => {
      const r = results.get(label)!;
      expect(r.diagnostics).toEqual([]);
      expect(r.ok).toBe(true);
      return r.outputs;
    };

    test('container_definitions equal the model, with no null anywhere', () => {
      const definitions = result().container_definitions;
      expect(definitions).toEqual(containerDefinitions(config));
      expect(JSON.stringify(definitions)).not.toMatch(/:null\b/);
    });

    test('volumes equal the model', () => {
      expect(result().volumes).toEqual(taskVolumes(config));
    });

    test('the expressions evaluate the same in HCL native syntax as inside "${...}" of Terraform JSON', () => {
      const hcl = hclResults.get(label)!;
      expect(hcl.diagnostics).toEqual([]);
      expect(hcl.outputs).toEqual(result());
    });

    test('the IAM policy documents equal the model', () => {
      const out = result();
      expect(JSON.parse(out.assume_role_policy as string)).toEqual(withRegion(ecsTasksTrustPolicy(), config.region));
      expect(JSON.parse(out.execution_policy as string)).toEqual(executionPolicy(config));
      expect(JSON.parse(out.task_policy as string)).toEqual(taskPolicy(config));
    });
  });

  test('the cases cover what the wiring branches on', () => {
    const all = Object.values(CASES).map(resolveConfig);
    const containers = all.flatMap((c) => c.containers);
    expect(containers.some((c) => c.version === undefined)).toBe(true);
    expect(containers.some((c) => c.healthCheck !== undefined)).toBe(true);
    expect(containers.some((c) => c.dependsOn.some((d) => d.condition === 'HEALTHY'))).toBe(true);
    expect(containers.some((c) => c.writablePaths.length > 0)).toBe(true);
    expect(all.some((c) => c.datadog.env !== undefined && c.datadog.cpu !== undefined && Object.keys(c.datadog.tags).length > 1)).toBe(true);
    expect(all.some((c) => c.cpuArchitecture === 'ARM64')).toBe(true);
    expect(all.some((c) => c.datadog.apiKeySecretArn.includes(':ssm:'))).toBe(true);
    expect(all.some((c) => c.service.enableExecuteCommand)).toBe(true);
  });

  test('the variable values differ from the defaults of the spec, so the tfvars file is what terraform used', () => {
    const defaults = Object.fromEntries(spec.variables.map((v) => [v.name, v.default]));
    const differing = Object.values(CASES)
      .slice(1)
      .filter((raw) => JSON.stringify(moduleVariableValues(resolveConfig(raw))) !== JSON.stringify(defaults));
    expect(differing).toHaveLength(Object.keys(CASES).length - 1);
  });
});
