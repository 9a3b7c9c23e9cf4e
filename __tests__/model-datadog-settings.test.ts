/**
 * Datadog the way its users run it: FireLens log routing, the agent's own settings and Datadog's defaults, unix or
 * tcp transport, process collection, JSON-key and partial secret ARNs, the region. The model, and the config rules.
 */
import { readFileSync } from 'node:fs';
import { checkTaskDefinition } from '../src/compliance/check';
import { fixDocument } from '../src/compliance/fix/document';
import { validateTaskDefinitionShape } from '../src/compliance/shape';
import { resolveConfig } from '../src/config/defaults';
import type { ServiceConfig } from '../src/config/types';
import { validateConfig } from '../src/config/validate';
import { executionPolicy } from '../src/model/iam';
import { LOG_ROUTER_ROOT_REASON } from '../src/model/log-router';
import { secretIamResource } from '../src/model/secret-arns';
import { agentContainer, agentEnvironment, applicationContainer, containerDefinitions, taskDefinition, taskVolumes } from '../src/model/task-definition';
import { APP_CONFIG } from './support/configs';

const KEY_ARN = 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:datadog/api-key-AbCdEf';
const base: ServiceConfig = {
  name: 'shop',
  region: 'eu-central-1',
  datadog: { apiKeySecretArn: KEY_ARN, site: 'datadoghq.eu', env: 'prod', tags: { team: 'core' } },
  containers: [{ name: 'web', image: 'public.ecr.aws/nginx/nginx:1.27', port: 8080, user: '101', writablePaths: ['/var/cache/nginx', '/tmp'] }],
};
const withDatadog = (datadog: Partial<ServiceConfig['datadog']>, rest: Partial<ServiceConfig> = {}): ServiceConfig => ({
  ...base,
  ...rest,
  datadog: { ...base.datadog, ...datadog },
});
const envOf = (c: { environment?: readonly { name: string; value: string }[] }) => Object.fromEntries((c.environment ?? []).map((e) => [e.name, e.value]));
const byName = (config: ServiceConfig, name: string) => containerDefinitions(resolveConfig(config)).find((c) => c.name === name)!;
const problems = (config: unknown) => validateConfig(config).map((p) => `${p.path}: ${p.message}`);

describe('logs to Datadog through a FireLens router', () => {
  const routed = { ...base, logs: { destination: 'datadog' as const } };

  test('the router container has the ECS API shape Datadog and AWS give it, on a read-only root', () => {
    expect(byName(routed, 'datadog-log-router')).toEqual({
      name: 'datadog-log-router',
      image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable',
      essential: false,
      readonlyRootFilesystem: true,
      user: '0',
      firelensConfiguration: { type: 'fluentbit', options: { 'enable-ecs-log-metadata': 'true' } },
      mountPoints: [{ sourceVolume: 'datadog-log-router-tmp', containerPath: '/tmp', readOnly: false }],
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/ecs/shop',
          'awslogs-region': 'eu-central-1',
          'awslogs-stream-prefix': 'datadog-log-router',
          mode: 'non-blocking',
          'max-buffer-size': '25m',
        },
      },
      dockerLabels: { 'ecs-datadog-readonly.accept.ECS.20': LOG_ROUTER_ROOT_REASON },
    });
    expect(taskVolumes(resolveConfig(routed)).map((v) => v.name)).toContain('datadog-log-router-tmp');
  });

  test('applications log through awsfirelens to the site\'s intake, the API key from the same secret', () => {
    expect(byName(routed, 'web').logConfiguration).toEqual({
      logDriver: 'awsfirelens',
      options: {
        Name: 'datadog',
        Host: 'http-intake.logs.datadoghq.eu',
        TLS: 'on',
        provider: 'ecs',
        dd_service: 'web',
        dd_source: 'nginx',
        dd_tags: 'env:prod,team:core,version:1.27',
      },
      secretOptions: [{ name: 'apikey', valueFrom: KEY_ARN }],
    });
    const jsonKey = `${KEY_ARN}:api_key::`;
    const viaJsonKey = byName({ ...routed, datadog: { ...routed.datadog, apiKeySecretArn: jsonKey } }, 'web');
    expect(viaJsonKey.logConfiguration?.secretOptions).toEqual([{ name: 'apikey', valueFrom: jsonKey }]);
  });

  test('logSource and the site change dd_source and Host; no tags leaves dd_tags out', () => {
    const c = byName(
      { ...routed, datadog: { apiKeySecretArn: KEY_ARN, site: 'us5.datadoghq.com' }, containers: [{ name: 'jobs', image: 'example/jobs', logSource: 'python' }] },
      'jobs',
    );
    expect(c.logConfiguration?.options).toEqual({ Name: 'datadog', Host: 'http-intake.logs.us5.datadoghq.com', TLS: 'on', provider: 'ecs', dd_service: 'jobs', dd_source: 'python' });
  });

  test('with cloudwatch (the default) there is no router and applications keep awslogs', () => {
    const defs = containerDefinitions(resolveConfig(base));
    expect(defs.map((c) => c.name)).toEqual(['datadog-init', 'datadog-agent', 'web']);
    expect(defs[2].logConfiguration?.logDriver).toBe('awslogs');
    expect(taskVolumes(resolveConfig(base)).map((v) => v.name)).not.toContain('datadog-log-router-tmp');
  });

  test('the router image, cpu and memory can be set', () => {
    const router = byName({ ...base, logs: { destination: 'datadog', router: { image: 'example.com/fluent-bit:2.32.4', cpu: 64, memory: 128 } } }, 'datadog-log-router');
    expect([router.image, router.cpu, router.memory]).toEqual(['example.com/fluent-bit:2.32.4', 64, 128]);
  });

  test('the whole task has the RegisterTaskDefinition shape and passes check, its root users accepted with reasons', () => {
    const td = taskDefinition(resolveConfig({ ...routed, datadog: { ...routed.datadog, transport: 'tcp', processCollection: true, environment: { DD_LOGS_ENABLED: 'false' } } }));
    expect(validateTaskDefinitionShape(td)).toEqual([]);
    const report = checkTaskDefinition(td);
    const failing = report.outcomes.filter((o) => o.status === 'non-compliant').flatMap((o) => o.findings.filter((f) => f.acceptedReason === undefined));
    expect(failing).toEqual([]);
    const ecs20 = report.outcomes.find((o) => o.ruleId === 'ECS.20')!;
    expect(ecs20.findings.map((f) => f.container).sort()).toEqual(['datadog-agent', 'datadog-init', 'datadog-log-router']);
    expect(ecs20.findings.find((f) => f.container === 'datadog-log-router')?.acceptedReason).toBe(LOG_ROUTER_ROOT_REASON);
    expect(report.outcomes.find((o) => o.ruleId === 'DATADOG.LOG_ROUTING')?.status).toBe('compliant');
    expect(report.outcomes.find((o) => o.ruleId === 'ECS.5')?.status).toBe('compliant');
  });

  test('config rules: no init router image, at most seven applications, the router counted in cpu and memory', () => {
    expect(problems({ ...routed, logs: { destination: 'datadog', router: { image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:init-latest' } } })).toEqual([
      expect.stringMatching(/^logs\.router\.image: must not be an init variant/),
    ]);
    const eight = Array.from({ length: 8 }, (_, i) => ({ name: `c${i}`, image: 'example/app:1' }));
    expect(problems({ ...routed, containers: eight })).toEqual([expect.stringMatching(/^containers: must have at most 7 entries with logs.destination datadog/)]);
    expect(problems({ ...base, containers: eight })).toEqual([]);
    expect(problems({ ...routed, cpu: 256, memory: 512, logs: { destination: 'datadog', router: { cpu: 128 } }, containers: [{ name: 'a', image: 'b', cpu: 192 }] })).toEqual([
      expect.stringContaining('cpu: the containers reserve 320 CPU units (logs.router.cpu 128 + containers[0].cpu 192)'),
    ]);
    expect(problems({ ...base, containers: [{ name: 'datadog-log-router', image: 'x' }] })).toEqual([expect.stringMatching(/^containers\[0\]\.name: "datadog-log-router" is the name of a Datadog container/)]);
  });
});

describe('agent settings', () => {
  test("Datadog's defaults are on the agent and the applications, and each can be overridden", () => {
    const config = resolveConfig(base);
    expect(agentEnvironment(config)).toMatchObject({ DD_ECS_TASK_COLLECTION_ENABLED: 'true', DD_DOGSTATSD_ORIGIN_DETECTION: 'true', DD_DOGSTATSD_TAG_CARDINALITY: 'orchestrator' });
    expect(envOf(applicationContainer(config, config.containers[0]))).toMatchObject({ DD_DOGSTATSD_ORIGIN_DETECTION_CLIENT: 'true' });
    const overridden = resolveConfig({
      ...withDatadog({ environment: { DD_DOGSTATSD_TAG_CARDINALITY: 'high', DD_ECS_TASK_COLLECTION_ENABLED: 'false' } }),
      containers: [{ name: 'web', image: 'nginx', environment: { DD_DOGSTATSD_ORIGIN_DETECTION_CLIENT: 'false' } }],
    });
    expect(agentEnvironment(overridden)).toMatchObject({ DD_DOGSTATSD_TAG_CARDINALITY: 'high', DD_ECS_TASK_COLLECTION_ENABLED: 'false' });
    expect(envOf(applicationContainer(overridden, overridden.containers[0])).DD_DOGSTATSD_ORIGIN_DETECTION_CLIENT).toBe('false');
  });

  test('datadog.environment adds agent variables, sorted into the container', () => {
    const agent = agentContainer(resolveConfig(withDatadog({ environment: { DD_DOCKER_LABELS_AS_TAGS: '{"team":"team"}', DD_PROXY_HTTPS: 'http://proxy:3128' } })));
    expect(envOf(agent)).toMatchObject({ DD_DOCKER_LABELS_AS_TAGS: '{"team":"team"}', DD_PROXY_HTTPS: 'http://proxy:3128' });
    const names = (agent.environment ?? []).map((e) => e.name);
    expect(names).toEqual([...names].sort());
  });

  test('datadog.environment refuses the API key, the names the tool sets, and credentials, each with the key to use', () => {
    const got = problems(withDatadog({ environment: { DD_API_KEY: 'x', DD_SITE: 'datadoghq.com', DD_DOGSTATSD_SOCKET: '/tmp/dsd', AWS_SECRET_ACCESS_KEY: 'x', DD_LOGS_ENABLED: 'true' } })).sort();
    expect(got).toEqual([
      expect.stringMatching(/^datadog\.environment\.AWS_SECRET_ACCESS_KEY: must not be a plain environment variable \(Security Hub ECS\.8\)/),
      expect.stringMatching(/^datadog\.environment\.DD_API_KEY: the Datadog API key must not be a plain environment variable/),
      expect.stringMatching(/^datadog\.environment\.DD_DOGSTATSD_SOCKET: is set by the tool from datadog\.transport/),
      expect.stringMatching(/^datadog\.environment\.DD_SITE: is set by the tool from datadog\.site/),
    ]);
  });
});

test('fix --add-agent builds its agent through the same model, Datadog defaults included', () => {
  const doc = JSON.parse(readFileSync('__tests__/fixtures/taskdefs/aws-sample-webservice.json', 'utf8')) as Record<string, unknown>;
  const flags = { apiKeySecretArn: KEY_ARN, addAgent: true, site: 'datadoghq.eu', env: 'prod', executionRoleArn: 'arn:aws:iam::123456789012:role/x-execution' };
  const out = fixDocument(doc, flags, undefined, 'x.json');
  const agent = (out.document.containerDefinitions as { name: string; environment?: { name: string; value: string }[] }[]).find((c) => c.name === 'datadog-agent')!;
  const model = agentEnvironment(resolveConfig({ name: 'x', datadog: { apiKeySecretArn: KEY_ARN, site: 'datadoghq.eu', env: 'prod' } }));
  expect(envOf(agent)).toEqual(model);
  expect(envOf(agent)).toMatchObject({ DD_ECS_TASK_COLLECTION_ENABLED: 'true', DD_DOGSTATSD_TAG_CARDINALITY: 'orchestrator' });
});

test('each refused agent variable names the key to set instead, where there is one', () => {
  const fixes = Object.fromEntries(validateConfig(withDatadog({ environment: { DD_ENV: 'x', ECS_FARGATE: 'false' } })).map((p) => [p.path, p.fix]));
  expect(fixes).toEqual({ 'datadog.environment.DD_ENV': 'remove it and set datadog.env instead', 'datadog.environment.ECS_FARGATE': 'remove it' });
});

test('fix writes nothing for a FireLens task in which an application still logs with awslogs, naming DATADOG.LOG_ROUTING', () => {
  const td = JSON.parse(JSON.stringify(taskDefinition(resolveConfig({ ...base, logs: { destination: 'datadog' } })))) as { containerDefinitions: { name: string; logConfiguration?: unknown }[] };
  const routedWeb = td.containerDefinitions.find((c) => c.name === 'web')!;
  expect(() => fixDocument(td, {}, undefined, 'x.json')).not.toThrow();
  routedWeb.logConfiguration = { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/shop', 'awslogs-region': 'eu-central-1', 'awslogs-stream-prefix': 'web' } };
  expect(() => fixDocument(td, {}, undefined, 'x.json')).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ message: expect.stringMatching(/^DATADOG\.LOG_ROUTING: container "web" logs with awslogs/) })] }));
});

describe('transport', () => {
  test('unix (the default): socket URLs and the read-only socket mount', () => {
    const config = resolveConfig(base);
    const web = applicationContainer(config, config.containers[0]);
    expect(envOf(web)).toMatchObject({ DD_TRACE_AGENT_URL: 'unix:///var/run/datadog/apm.socket', DD_DOGSTATSD_URL: 'unix:///var/run/datadog/dsd.socket' });
    expect(web.mountPoints?.[0]).toEqual({ sourceVolume: 'datadog-sockets', containerPath: '/var/run/datadog', readOnly: true });
  });

  test('tcp: DD_AGENT_HOST and the ports, no socket mount, no socket settings on the agent', () => {
    const config = resolveConfig(withDatadog({ transport: 'tcp' }));
    const web = applicationContainer(config, config.containers[0]);
    const env = envOf(web);
    expect(env).toMatchObject({ DD_AGENT_HOST: '127.0.0.1', DD_DOGSTATSD_PORT: '8125', DD_TRACE_AGENT_PORT: '8126' });
    expect(Object.keys(env).filter((k) => k.endsWith('_URL'))).toEqual([]);
    expect(web.mountPoints?.map((m) => m.sourceVolume)).toEqual(['web-var-cache-nginx', 'web-tmp']);
    const agentEnv = agentEnvironment(config);
    expect(agentEnv.DD_APM_RECEIVER_SOCKET).toBeUndefined();
    expect(agentEnv.DD_DOGSTATSD_SOCKET).toBeUndefined();
    expect(agentContainer(config).portMappings?.map((p) => p.containerPort)).toEqual([8125, 8126]);
  });

  test('APM off: no APM socket, port or trace settings, over either transport', () => {
    for (const transport of ['unix', 'tcp'] as const) {
      const config = resolveConfig(withDatadog({ transport, apmEnabled: false }));
      const env = envOf(applicationContainer(config, config.containers[0]));
      expect(Object.keys(env).filter((k) => k.startsWith('DD_TRACE'))).toEqual([]);
      expect(agentEnvironment(config).DD_APM_RECEIVER_SOCKET).toBeUndefined();
      expect(agentEnvironment(config).DD_APM_ENABLED).toBe('false');
      expect(agentContainer(config).portMappings).toEqual([{ containerPort: 8125, hostPort: 8125, protocol: 'udp' }]);
    }
  });

  test('config rules follow the transport and APM: /var/run is free with tcp, 8126 is free without APM', () => {
    const app = (fields: object) => ({ ...base, containers: [{ name: 'a', image: 'b', ...fields }] });
    expect(problems({ ...app({ writablePaths: ['/var/run'] }), datadog: base.datadog })).toEqual([expect.stringMatching(/^containers\[0\]\.writablePaths\[0\]: must not be or overlap \/var\/run\/datadog/)]);
    expect(problems({ ...app({ writablePaths: ['/var/run'] }), datadog: { ...base.datadog, transport: 'tcp' } })).toEqual([]);
    expect(problems({ ...app({ port: 8126 }), datadog: base.datadog })).toHaveLength(1);
    expect(problems({ ...app({ port: 8126 }), datadog: { ...base.datadog, apmEnabled: false } })).toEqual([]);
    expect(problems({ ...app({ port: 8125 }), datadog: { ...base.datadog, apmEnabled: false } })).toHaveLength(1);
    expect(problems(withDatadog({ transport: 'udp' as never }))).toEqual(['datadog.transport: must be one of "unix", "tcp", got "udp"']);
  });
});

describe('process collection', () => {
  test('sets pidMode task and the agent\'s process collection; off by default', () => {
    const on = taskDefinition(resolveConfig(withDatadog({ processCollection: true })));
    expect(on.pidMode).toBe('task');
    expect(envOf(on.containerDefinitions[1]).DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED).toBe('true');
    const off = taskDefinition(resolveConfig(base));
    expect('pidMode' in off).toBe(false);
    expect(envOf(off.containerDefinitions[1]).DD_PROCESS_CONFIG_PROCESS_COLLECTION_ENABLED).toBeUndefined();
  });

  test('is refused together with ECS Exec, with the reason', () => {
    expect(problems(withDatadog({ processCollection: true }, { service: { enableExecuteCommand: true } }))).toEqual([
      expect.stringMatching(/^datadog\.processCollection: cannot be true together with service\.enableExecuteCommand: process collection needs pidMode "task", and ECS Exec does not work .*containers-roadmap#2268/),
    ]);
  });
});

describe('secret ARNs', () => {
  test('IAM is granted on the secret itself for the JSON-key form, and as -?????? for a partial ARN', () => {
    expect(secretIamResource(`${KEY_ARN}:api_key::`)).toBe(KEY_ARN);
    expect(secretIamResource(`${KEY_ARN}::AWSPREVIOUS:`)).toBe(KEY_ARN);
    expect(secretIamResource(`${KEY_ARN}:api_key:AWSCURRENT:0a1b2c3d-1111-2222-3333-444455556666`)).toBe(KEY_ARN);
    expect(secretIamResource('arn:aws:secretsmanager:eu-central-1:111122223333:secret:datadog/api-key')).toBe('arn:aws:secretsmanager:eu-central-1:111122223333:secret:datadog/api-key-??????');
    expect(secretIamResource('arn:aws:ssm:eu-central-1:111122223333:parameter/datadog/api-key')).toBe('arn:aws:ssm:eu-central-1:111122223333:parameter/datadog/api-key');
  });

  test('the execution role reads each secret once, whatever form the containers name it in', () => {
    const config = resolveConfig({
      ...withDatadog({ apiKeySecretArn: `${KEY_ARN}:api_key::` }),
      containers: [{ name: 'web', image: 'nginx', secrets: { A: KEY_ARN, B: `${KEY_ARN}:other::`, C: 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:db' } }],
    });
    const read = executionPolicy(config).Statement.find((s) => s.Sid === 'ReadSecrets');
    expect(read?.Resource).toEqual(['arn:aws:secretsmanager:eu-central-1:111122223333:secret:datadog/api-key-AbCdEf', 'arn:aws:secretsmanager:eu-central-1:111122223333:secret:db-??????']);
  });

  test('the JSON-key form is accepted wherever ECS accepts a secret; malformed forms are refused with the allowed form', () => {
    expect(problems(withDatadog({ apiKeySecretArn: `${KEY_ARN}:api_key::` }))).toEqual([]);
    expect(problems({ ...base, containers: [{ name: 'a', image: 'b', secrets: { X: `${KEY_ARN}:k:AWSCURRENT:` } }] })).toEqual([]);
    const bad = problems(withDatadog({ apiKeySecretArn: `${KEY_ARN}:api_key` }));
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^datadog\.apiKeySecretArn: .*:JSON_KEY:VERSION_STAGE:VERSION_ID/);
  });
});

describe('region', () => {
  test('comes from the config, else from the API key secret ARN; never a silent default', () => {
    expect(resolveConfig(base).region).toBe('eu-central-1');
    const { region: _omit, ...noRegion } = base;
    expect(resolveConfig({ ...noRegion, datadog: { apiKeySecretArn: 'arn:aws:ssm:us-west-2:111122223333:parameter/dd' } }).region).toBe('us-west-2');
    expect(resolveConfig({ ...noRegion, region: 'eu-west-1' }).region).toBe('eu-west-1');
    const td = taskDefinition(resolveConfig({ ...noRegion, datadog: { apiKeySecretArn: 'arn:aws:ssm:us-west-2:111122223333:parameter/dd' } }));
    expect(td.containerDefinitions[1].logConfiguration?.options?.['awslogs-region']).toBe('us-west-2');
  });

  test('the two-container sample still names its region', () => {
    expect(resolveConfig(APP_CONFIG).region).toBe('eu-west-1');
  });
});
