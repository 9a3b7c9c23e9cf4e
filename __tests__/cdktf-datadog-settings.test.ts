/**
 * The CDKTF/CDK Terrain twin of the Datadog settings: the construct's typed props carry logs.destination and the
 * router, datadog.transport, .environment, .processCollection and containers[].logSource, with the config's rules;
 * the deployable stack of examples/datadog-logs.yaml is the model.
 */
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import { join } from 'node:path';
import { AwsProvider as CdktfProvider } from '@cdktf/provider-aws/lib/provider';
import { SecretsmanagerSecret as CdktfSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { AwsProvider as CdktnProvider } from '@cdktn/provider-aws/lib/provider';
import { SecretsmanagerSecret as CdktnSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import * as forCdktf from '../modules/cdktf';
import * as forCdktn from '../modules/cdktn';
import type { DatadogReadonlyServiceProps } from '../modules/datadog-readonly-service';
import { loadConfig } from '../src/config/load';
import type { ContainerDefinition } from '../src/model/ecs-types';
import { deploymentModel } from '../src/model/deployment';
import { only } from './support/cdktf-json';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PARTIAL_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:shop/session';
const FRAMEWORKS = [
  { name: 'cdktf', lib: cdktf, AwsProvider: CdktfProvider, Secret: CdktfSecret, mod: forCdktf },
  { name: 'cdktn', lib: cdktn, AwsProvider: CdktnProvider, Secret: CdktnSecret, mod: forCdktn },
] as const;

describe.each(FRAMEWORKS)('Datadog settings in the construct ($name)', (fw) => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const lib = fw.lib as any;
  function userStack() {
    const stack = new lib.TerraformStack(lib.Testing.app(), 'user');
    new fw.AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    return stack;
  }
  const synth = (stack: unknown): Json => JSON.parse(lib.Testing.synth(stack, true)) as Json;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const service = (stack: any, props: DatadogReadonlyServiceProps) => new fw.mod.DatadogReadonlyService(stack, 'shop', props);

  test('FireLens to Datadog, tcp, process collection and a token API key: the router, the log options, pidMode and IAM', () => {
    const stack = userStack();
    const secret = new fw.Secret(stack, 'api-key', { name: 'datadog/api-key' });
    service(stack, {
      name: 'shop',
      datadog: { apiKeySecretArn: secret.arn, site: 'datadoghq.eu', transport: 'tcp', processCollection: true, environment: { DD_LOGS_ENABLED: 'false' } },
      logs: { destination: 'datadog', router: { cpu: 64, memory: 128 } },
      network: { subnetIds: ['subnet-0123456789abcdef0'] },
      containers: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', logSource: 'nginx-access', secrets: { SESSION: PARTIAL_ARN } }],
    });
    const json = synth(stack);
    const td = only(json, 'aws_ecs_task_definition').body;
    expect(td.pid_mode).toBe('task');
    expect((td.volume as { name: string }[]).map((v) => v.name)).toContain('datadog-log-router-tmp');
    const defs = JSON.parse(td.container_definitions as string) as ContainerDefinition[];
    expect(defs.map((c) => c.name)).toEqual(['datadog-init', 'datadog-agent', 'datadog-log-router', 'web']);
    const router = defs[2];
    expect([router.user, router.readonlyRootFilesystem, router.essential, router.cpu, router.memory]).toEqual(['0', true, false, 64, 128]);
    const web = defs[3];
    expect(web.logConfiguration?.secretOptions).toEqual([{ name: 'apikey', valueFrom: '${aws_secretsmanager_secret.api-key.arn}' }]);
    expect(web.logConfiguration?.options).toMatchObject({ Name: 'datadog', Host: 'http-intake.logs.datadoghq.eu', dd_source: 'nginx-access' });
    expect(web.environment).toContainEqual({ name: 'DD_AGENT_HOST', value: '127.0.0.1' });
    expect(web.mountPoints?.some((m) => m.containerPath === '/var/run/datadog')).toBe(false);
    expect(defs[1].environment).toContainEqual({ name: 'DD_LOGS_ENABLED', value: 'false' });
    const policies = Object.values(json.resource.aws_iam_role_policy as Record<string, Json>).map((p) => JSON.parse(p.policy as string) as Json);
    const read = policies.flatMap((p) => p.Statement as Json[]).find((s) => s.Sid === 'ReadSecrets')!;
    expect([...read.Resource].sort()).toEqual(['${aws_secretsmanager_secret.api-key.arn}', `${PARTIAL_ARN}-??????`].sort());
  });

  test('the config rules apply to the props, each at its props path', () => {
    const base = { name: 'x', datadog: { apiKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:dd-AbCdEf' } };
    expect(() => service(userStack(), { ...base, logs: { destination: 'datadog', router: { image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:init-latest' } } })).toThrow(
      /props\.logs\.router\.image: must not be an init variant/,
    );
    expect(() => service(userStack(), { ...base, datadog: { ...base.datadog, processCollection: true }, service: { enableExecuteCommand: true } })).toThrow(
      /props\.datadog\.processCollection: cannot be true together with service\.enableExecuteCommand/,
    );
    expect(() => service(userStack(), { ...base, datadog: { ...base.datadog, environment: { DD_SITE: 'datadoghq.eu' } } })).toThrow(/props\.datadog\.environment\.DD_SITE: is set by the tool from datadog\.site/);
  });
});

test('the deployable stack of examples/datadog-logs.yaml is the model, pidMode included', () => {
  const config = loadConfig(join(__dirname, '..', 'examples', 'datadog-logs.yaml'));
  const stack = new forCdktf.DeployableStack(cdktf.Testing.app(), config.name, { config });
  const json = JSON.parse(cdktf.Testing.synth(stack, true)) as Json;
  const td = only(json, 'aws_ecs_task_definition').body;
  const model = deploymentModel(config).taskDefinition;
  expect(JSON.parse(td.container_definitions as string)).toEqual(model.containerDefinitions);
  expect(td.pid_mode).toBe(model.pidMode);
  expect(model.pidMode).toBe('task');
});
