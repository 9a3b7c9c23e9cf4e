import { TerraformStack, Testing } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, EMBEDDED_DEFAULT_CONFIG } from '../src/config/defaults';
import { loadConfig } from '../src/config/load';
import type { ResolvedConfig, ServiceConfig } from '../src/config/types';
import { deploymentModel } from '../src/model/deployment';
import type { ContainerDefinition } from '../src/model/ecs-types';
import { DatadogReadonlyService, DeployableStack } from '../modules/cdktf';
import { CONFIGS } from './support/configs';
import { only, withSubnets } from './support/cdktf-json';

const API_KEY_ARN = 'arn:aws:secretsmanager:ap-northeast-1:111122223333:secret:datadog/api-key-Q1w2E3';
const DB_PASSWORD_ARN = 'arn:aws:ssm:ap-northeast-1:111122223333:parameter/shop/db-password';

/** A service with two application containers, a writable path, application secrets and tags. */
const APP_CONFIG: ServiceConfig = {
  name: 'shop-api',
  cpu: 2048,
  memory: 4096,
  region: 'ap-northeast-1',
  cpuArchitecture: 'ARM64',
  tags: { team: 'platform', env: 'prod' },
  datadog: { apiKeySecretArn: API_KEY_ARN, env: 'prod', tags: { team: 'platform' } },
  containers: [
    {
      name: 'web',
      image: 'public.ecr.aws/nginx/nginx:1.27',
      port: 8080,
      writablePaths: ['/var/cache/nginx', '/run'],
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'] },
    },
    {
      name: 'worker',
      image: '111122223333.dkr.ecr.ap-northeast-1.amazonaws.com/shop/worker:2.3.1',
      environment: { QUEUE: 'orders' },
      secrets: { DB_PASSWORD: DB_PASSWORD_ARN },
      dependsOn: [{ containerName: 'web', condition: 'HEALTHY' }],
    },
  ],
  network: { subnetIds: ['subnet-0a1b2c3d'], securityGroupIds: ['sg-0a1b2c3d'] },
  logs: { retentionInDays: 90 },
};

const APP_CONFIG_NO_SUBNETS: ServiceConfig = { ...APP_CONFIG, network: {} };

// Stacks are synthesised in memory; the apps share one scratch directory, removed at the end.
const scratch = mkdtempSync(join(tmpdir(), 'cdktf-deployable-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const testApp = () => Testing.app({ outdir: scratch });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function synth(config: ResolvedConfig): { text: string; json: Json } {
  const stack = new DeployableStack(testApp(), config.name, { config: withSubnets(config) });
  const text = Testing.synth(stack, true);
  return { text, json: JSON.parse(text) as Json };
}

/** Name of the IAM role whose name ends in `-<kind>`. */
function roleName(json: Json, kind: 'execution' | 'task'): string {
  return Object.entries(json.resource.aws_iam_role as Record<string, Json>).find(([, r]) => (r.name as string).endsWith(`-${kind}`))![0];
}

/** The inline policy of that role. */
function policyOf(json: Json, kind: 'execution' | 'task'): Json {
  const role = `\${aws_iam_role.${roleName(json, kind)}.id}`;
  return Object.values(json.resource.aws_iam_role_policy as Record<string, Json>).find((p) => p.role === role)!;
}

function containers(json: Json): ContainerDefinition[] {
  return JSON.parse(only(json, 'aws_ecs_task_definition').body.container_definitions as string) as ContainerDefinition[];
}

const defaultConfig = withSubnets(resolveConfig(EMBEDDED_DEFAULT_CONFIG));
const appConfig = resolveConfig(APP_CONFIG);
const fixedCases: Array<[string, ResolvedConfig]> = [
  ['embedded default', defaultConfig],
  ['application containers', appConfig],
  ['SSM API key and untagged image', CONFIGS['two application containers']],
];
// The shipped example may evolve: the assertions cover it, the snapshots cover only the fixed configs.
const EXAMPLE = 'examples/with-application.yaml';
const cases = [...fixedCases, [EXAMPLE, loadConfig(join(__dirname, '..', EXAMPLE))] as [string, ResolvedConfig]];

test.each(fixedCases)('deployable stack snapshot (%s)', (_label, config) => {
  expect(synth(config).text).toMatchSnapshot();
});

describe.each(cases)('deployable stack (%s)', (_label, config) => {
  const { text, json } = synth(config);
  const defs = containers(json);
  const byName = new Map(defs.map((c) => [c.name, c]));

  test('container_definitions is the model, as literal JSON', () => {
    expect(defs).toEqual(deploymentModel(config).taskDefinition.containerDefinitions);
  });

  test('every container has a read-only root filesystem and a log driver', () => {
    expect(defs.length).toBe(2 + config.containers.length);
    for (const c of defs) {
      expect(c.readonlyRootFilesystem).toBe(true);
      expect(c.logConfiguration?.logDriver).toBe('awslogs');
    }
  });

  test('every mount point names a declared volume', () => {
    const volumes = new Set((only(json, 'aws_ecs_task_definition').body.volume as Array<{ name: string }>).map((v) => v.name));
    const mounted = defs.flatMap((c) => (c.mountPoints ?? []).map((m) => m.sourceVolume));
    expect(mounted.length).toBeGreaterThan(0);
    for (const name of mounted) expect(volumes).toContain(name);
  });

  test('the init container is not essential and the agent waits for its success', () => {
    expect(byName.get('datadog-init')?.essential).toBe(false);
    expect(byName.get('datadog-agent')?.dependsOn).toContainEqual({ containerName: 'datadog-init', condition: 'SUCCESS' });
    expect(byName.get('datadog-agent')?.healthCheck).toBeDefined();
  });

  test('application containers wait for a healthy agent', () => {
    for (const app of config.containers) {
      expect(byName.get(app.name)?.dependsOn).toContainEqual({ containerName: 'datadog-agent', condition: 'HEALTHY' });
    }
  });

  test('the API key travels only as a secret ARN', () => {
    // The name appears once in the whole synthesised JSON: the agent's secret, whose value is an ARN.
    expect(text.match(/DD_API_KEY/g)).toHaveLength(1);
    for (const c of defs) expect((c.environment ?? []).map((e) => e.name)).not.toContain('DD_API_KEY');
    expect(byName.get('datadog-agent')?.secrets).toEqual([{ name: 'DD_API_KEY', valueFrom: config.datadog.apiKeySecretArn }]);
  });

  test('the execution role reads exactly the named secrets, never *', () => {
    const policy = JSON.parse(policyOf(json, 'execution').policy as string) as Json;
    const statements = policy.Statement as Json[];
    const secretStatements = statements.filter((s) => [s.Action].flat().some((a: string) => /^(secretsmanager|ssm):/.test(a)));
    const resources = secretStatements.flatMap((s) => [s.Resource].flat());
    expect(resources).not.toContain('*');
    const expected = [config.datadog.apiKeySecretArn, ...config.containers.flatMap((c) => Object.values(c.secrets))].sort();
    expect([...resources].sort()).toEqual(expected);
  });

  test('both trust policies carry aws:SourceAccount and aws:SourceArn', () => {
    const caller = `\${data.aws_caller_identity.${only(json, 'aws_caller_identity', 'data').name}.account_id}`;
    for (const role of Object.values(json.resource.aws_iam_role) as Json[]) {
      const trust = JSON.parse(role.assume_role_policy as string) as Json;
      const condition = trust.Statement[0].Condition as Json;
      expect(condition.StringEquals['aws:SourceAccount']).toBe(caller);
      expect(condition.ArnLike['aws:SourceArn']).toContain(caller);
    }
  });

  test('the service: no public IP, circuit breaker with rollback, latest platform', () => {
    const service = only(json, 'aws_ecs_service').body;
    expect(service.network_configuration.assign_public_ip).toBe(false);
    expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(service.platform_version).toBe('LATEST');
    expect(service.launch_type).toBe('FARGATE');
    expect(service.task_definition).toBe(`\${aws_ecs_task_definition.${only(json, 'aws_ecs_task_definition').name}.arn}`);
    expect(service.cluster).toBe(`\${aws_ecs_cluster.${only(json, 'aws_ecs_cluster').name}.arn}`);
    expect(service.network_configuration.subnets).toEqual(withSubnets(config).network.subnetIds);
  });

  test('the cluster has Container Insights on', () => {
    expect(only(json, 'aws_ecs_cluster').body.setting).toEqual([{ name: 'containerInsights', value: config.cluster.containerInsights }]);
  });

  test('addresses come from construct paths, and every reference points at the resource of this service', () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      'aws_cloudwatch_log_group',
      'aws_ecs_cluster',
      'aws_ecs_service',
      'aws_ecs_task_definition',
      'aws_iam_role',
      'aws_iam_role_policy',
    ]);
    for (const type of Object.keys(json.resource)) {
      for (const name of Object.keys(json.resource[type])) expect(name).toMatch(/^service(_[a-z-]+)?_[0-9A-F]{8}$/);
    }
    const td = only(json, 'aws_ecs_task_definition').body;
    expect(td.execution_role_arn).toBe(`\${aws_iam_role.${roleName(json, 'execution')}.arn}`);
    expect(td.task_role_arn).toBe(`\${aws_iam_role.${roleName(json, 'task')}.arn}`);
    expect(policyOf(json, 'execution').role).toBe(`\${aws_iam_role.${roleName(json, 'execution')}.id}`);
    expect(policyOf(json, 'execution').policy).toContain(`\${aws_cloudwatch_log_group.${only(json, 'aws_cloudwatch_log_group').name}.arn}:*`);
    expect(only(json, 'aws_ecs_service').body.depends_on.sort()).toEqual(Object.keys(json.resource.aws_iam_role_policy).map((n) => `aws_iam_role_policy.${n}`).sort());
    expect(text).not.toContain('.this.');
    expect(text).not.toContain('.current.');
  });

  test('the provider has the region and the tags as default_tags', () => {
    const provider = (json.provider.aws as Json[])[0];
    expect(provider.region).toBe(config.region);
    if (Object.keys(config.tags).length === 0) expect(provider.default_tags).toBeUndefined();
    else expect(provider.default_tags).toEqual([{ tags: config.tags }]);
  });

  test('the task definition has the size, architecture and awsvpc', () => {
    const td = only(json, 'aws_ecs_task_definition').body as Json;
    expect(td).toMatchObject({
      cpu: String(config.cpu),
      memory: String(config.memory),
      network_mode: 'awsvpc',
      requires_compatibilities: ['FARGATE'],
      runtime_platform: { operating_system_family: 'LINUX', cpu_architecture: config.cpuArchitecture },
    });
  });
});

describe('DatadogReadonlyService construct', () => {
  test('uses an existing cluster without creating one', () => {
    const arn = 'arn:aws:ecs:ap-northeast-1:111122223333:cluster/shared';
    const config = resolveConfig({ ...APP_CONFIG, cluster: { existingClusterArn: arn } });
    const { json } = synth(config);
    expect(json.resource.aws_ecs_cluster).toBeUndefined();
    expect(only(json, 'aws_ecs_service').body.cluster).toBe(arn);
  });

  test('writes the enhanced Container Insights mode and the log group KMS key', () => {
    const kms = 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const config = resolveConfig({ ...APP_CONFIG, cluster: { containerInsights: 'enhanced' }, logs: { retentionInDays: 7, kmsKeyArn: kms } });
    const { json } = synth(config);
    expect(only(json, 'aws_ecs_cluster').body.setting).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
    expect(only(json, 'aws_cloudwatch_log_group').body).toEqual({ name: '/ecs/shop-api', retention_in_days: 7, kms_key_id: kms });
  });

  test('escapes a literal ${ in container values so Terraform does not interpolate it', () => {
    const config = resolveConfig({ ...APP_CONFIG, containers: [{ name: 'web', image: 'nginx:1.27', environment: { GREETING: 'hi ${USER}' } }] });
    const { json } = synth(config);
    const raw = only(json, 'aws_ecs_task_definition').body.container_definitions as string;
    expect(raw).toContain('hi $${USER}');
  });

  test('the deployable stack refuses a config without subnets, naming network.subnetIds', () => {
    const config = resolveConfig(APP_CONFIG_NO_SUBNETS);
    expect(() => new DeployableStack(testApp(), 'x', { config })).toThrow(expect.objectContaining({ exitCode: 2, problems: [expect.objectContaining({ path: 'network.subnetIds' })] }));
  });

  test('synthesis is deterministic', () => {
    expect(synth(appConfig).text).toBe(synth(appConfig).text);
  });
});
