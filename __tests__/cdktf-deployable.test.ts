import { TerraformStack, Testing } from 'cdktf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig, EMBEDDED_DEFAULT_CONFIG } from '../src/config/defaults';
import { loadConfig } from '../src/config/load';
import type { ResolvedConfig, ServiceConfig } from '../src/config/types';
import { deploymentModel } from '../src/model/deployment';
import { TF } from '../src/model/terraform-refs';
import type { ContainerDefinition } from '../src/model/ecs-types';
import { DeployableStack } from '../modules/deployable-stack';
import { DatadogReadonlyService } from '../modules/datadog-readonly-service';
import { CONFIGS } from './support/configs';

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
      writablePaths: ['/var/cache/nginx', '/var/run'],
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

// Stacks are synthesised in memory; the apps share one scratch directory, removed at the end.
const scratch = mkdtempSync(join(tmpdir(), 'cdktf-deployable-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const testApp = () => Testing.app({ outdir: scratch });

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function synth(config: ResolvedConfig): { text: string; json: Json } {
  const stack = new DeployableStack(testApp(), config.name, { config });
  const text = Testing.synth(stack, true);
  return { text, json: JSON.parse(text) as Json };
}

function containers(json: Json): ContainerDefinition[] {
  return JSON.parse(json.resource.aws_ecs_task_definition.this.container_definitions as string) as ContainerDefinition[];
}

const defaultConfig = resolveConfig(EMBEDDED_DEFAULT_CONFIG);
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
    const volumes = new Set((json.resource.aws_ecs_task_definition.this.volume as Array<{ name: string }>).map((v) => v.name));
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
    const policy = JSON.parse(json.resource.aws_iam_role_policy.execution.policy as string) as Json;
    const statements = policy.Statement as Json[];
    const secretStatements = statements.filter((s) => [s.Action].flat().some((a: string) => /^(secretsmanager|ssm):/.test(a)));
    const resources = secretStatements.flatMap((s) => [s.Resource].flat());
    expect(resources).not.toContain('*');
    const expected = [config.datadog.apiKeySecretArn, ...config.containers.flatMap((c) => Object.values(c.secrets))].sort();
    expect([...resources].sort()).toEqual(expected);
  });

  test('both trust policies carry aws:SourceAccount and aws:SourceArn', () => {
    for (const role of ['execution', 'task']) {
      const trust = JSON.parse(json.resource.aws_iam_role[role].assume_role_policy as string) as Json;
      const condition = trust.Statement[0].Condition as Json;
      expect(condition.StringEquals['aws:SourceAccount']).toBe(TF.accountId);
      expect(condition.ArnLike['aws:SourceArn']).toContain(TF.accountId);
    }
  });

  test('the service: no public IP, circuit breaker with rollback, latest platform', () => {
    const service = json.resource.aws_ecs_service.this as Json;
    expect(service.network_configuration.assign_public_ip).toBe(false);
    expect(service.deployment_circuit_breaker).toEqual({ enable: true, rollback: true });
    expect(service.platform_version).toBe('LATEST');
    expect(service.launch_type).toBe('FARGATE');
    expect(service.task_definition).toBe(TF.taskDefinitionArn);
    expect(service.cluster).toBe(TF.clusterArn);
  });

  test('the cluster has Container Insights on', () => {
    expect(json.resource.aws_ecs_cluster.this.setting).toEqual([{ name: 'containerInsights', value: config.cluster.containerInsights }]);
  });

  test('addresses are stable and match the model references', () => {
    expect(Object.keys(json.resource).sort()).toEqual([
      'aws_cloudwatch_log_group',
      'aws_ecs_cluster',
      'aws_ecs_service',
      'aws_ecs_task_definition',
      'aws_iam_role',
      'aws_iam_role_policy',
    ]);
    for (const type of ['aws_cloudwatch_log_group', 'aws_ecs_cluster', 'aws_ecs_service', 'aws_ecs_task_definition']) {
      expect(Object.keys(json.resource[type])).toEqual(['this']);
    }
    expect(Object.keys(json.resource.aws_iam_role).sort()).toEqual(['execution', 'task']);
    expect(Object.keys(json.data).sort()).toEqual(['aws_caller_identity', 'aws_partition', 'aws_region']);
    for (const type of Object.keys(json.data)) expect(Object.keys(json.data[type])).toEqual(['current']);
    const td = json.resource.aws_ecs_task_definition.this as Json;
    expect(td.execution_role_arn).toBe(TF.executionRoleArn);
    expect(td.task_role_arn).toBe(TF.taskRoleArn);
    expect(json.resource.aws_iam_role_policy.execution.policy).toContain(TF.logGroupArn);
  });

  test('the provider has the region and the tags as default_tags', () => {
    const provider = (json.provider.aws as Json[])[0];
    expect(provider.region).toBe(config.region);
    if (Object.keys(config.tags).length === 0) expect(provider.default_tags).toBeUndefined();
    else expect(provider.default_tags).toEqual([{ tags: config.tags }]);
  });

  test('the task definition has the size, architecture and awsvpc', () => {
    const td = json.resource.aws_ecs_task_definition.this as Json;
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
    expect(json.resource.aws_ecs_service.this.cluster).toBe(arn);
  });

  test('writes the enhanced Container Insights mode and the log group KMS key', () => {
    const kms = 'arn:aws:kms:ap-northeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const config = resolveConfig({ ...APP_CONFIG, cluster: { containerInsights: 'enhanced' }, logs: { retentionInDays: 7, kmsKeyArn: kms } });
    const { json } = synth(config);
    expect(json.resource.aws_ecs_cluster.this.setting).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
    expect(json.resource.aws_cloudwatch_log_group.this).toEqual({ name: '/ecs/shop-api', retention_in_days: 7, kms_key_id: kms });
  });

  test('escapes a literal ${ in container values so Terraform does not interpolate it', () => {
    const config = resolveConfig({ ...APP_CONFIG, containers: [{ name: 'web', image: 'nginx:1.27', environment: { GREETING: 'hi ${USER}' } }] });
    const { json } = synth(config);
    const raw = json.resource.aws_ecs_task_definition.this.container_definitions as string;
    expect(raw).toContain('hi $${USER}');
  });

  test('can be used in any stack with a model or a config, but not both', () => {
    const app = testApp();
    const fromModel = new DatadogReadonlyService(new TerraformStack(app, 'a'), 'svc', { model: deploymentModel(appConfig) });
    expect(fromModel.model.names.service).toBe('shop-api');
    const fromConfig = new DatadogReadonlyService(new TerraformStack(app, 'b'), 'svc', { config: appConfig });
    expect(fromConfig.model).toEqual(fromModel.model);
    expect(() => new DatadogReadonlyService(new TerraformStack(app, 'c'), 'svc', {})).toThrow(/exactly one of props.model and props.config/);
    expect(() => new DatadogReadonlyService(new TerraformStack(app, 'd'), 'svc', { model: fromModel.model, config: appConfig })).toThrow(/exactly one/);
  });

  test('refuses a second service in the same stack, whose addresses would collide', () => {
    const stack = new TerraformStack(testApp(), 'root');
    new DatadogReadonlyService(stack, 'first', { config: appConfig });
    expect(() => new DatadogReadonlyService(stack, 'second', { config: defaultConfig })).toThrow(/already holds root\/first.*own stack/);
  });

  test('synthesis is deterministic', () => {
    expect(synth(appConfig).text).toBe(synth(appConfig).text);
  });
});
