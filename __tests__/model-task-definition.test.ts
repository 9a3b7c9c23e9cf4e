import { resolveConfig } from '../src/config/defaults';
import { EMBEDDED_DEFAULT_CONFIG } from '../src/config/defaults';
import {
  AGENT_CONTAINER_NAME,
  AGENT_WRITABLE_PATHS,
  INIT_CONTAINER_NAME,
  INIT_STAGING_PATH,
  SOCKETS_PATH,
} from '../src/model/datadog';
import type { ContainerDefinition } from '../src/model/ecs-types';
import { taskDefinition, writableVolumeName } from '../src/model/task-definition';
import { renderTaskDefinition } from '../src/render/taskdef';
import { APP_CONFIG, CONFIGS } from './support/configs';

const byName = (containers: readonly ContainerDefinition[], name: string): ContainerDefinition => {
  const found = containers.find((c) => c.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
};

describe.each(Object.entries(CONFIGS))('task definition of the %s', (_label, config) => {
  const td = taskDefinition(config);
  const containers = td.containerDefinitions;
  const agent = byName(containers, AGENT_CONTAINER_NAME);
  const init = byName(containers, INIT_CONTAINER_NAME);
  const apps = containers.filter((c) => c !== agent && c !== init);

  test('every container, init and agent included, has readonlyRootFilesystem true', () => {
    for (const c of containers) expect(c).toHaveProperty('readonlyRootFilesystem', true);
  });

  test('every mount point names a declared task volume, and volumes are unique', () => {
    const volumes = (td.volumes ?? []).map((v) => v.name);
    expect(new Set(volumes).size).toBe(volumes.length);
    for (const c of containers) for (const m of c.mountPoints ?? []) expect(volumes).toContain(m.sourceVolume);
  });

  test('the init container is non-essential, copies the config into the config volume, and logs', () => {
    expect(init.essential).toBe(false);
    expect(init.image).toBe(agent.image);
    expect(init.mountPoints).toEqual([{ sourceVolume: 'datadog-config', containerPath: INIT_STAGING_PATH, readOnly: false }]);
    expect(init.command?.join(' ')).toMatch(/cp -\w*n\w*R \/etc\/datadog-agent\/\. \/opt\/datadog-agent-config\//);
    expect(init.logConfiguration?.logDriver).toBe('awslogs');
  });

  test('the agent mounts one read-write volume at each writable path and waits for the init copy to succeed', () => {
    expect(agent.mountPoints).toEqual(AGENT_WRITABLE_PATHS.map((p) => ({ sourceVolume: p.volume, containerPath: p.path, readOnly: false })));
    expect(agent.mountPoints?.map((m) => m.containerPath)).toEqual(
      expect.arrayContaining(['/etc/datadog-agent', '/opt/datadog-agent/run', '/var/run/datadog', '/tmp', '/var/log/datadog']),
    );
    expect(agent.dependsOn).toEqual([{ containerName: INIT_CONTAINER_NAME, condition: 'SUCCESS' }]);
  });

  test('SUCCESS and COMPLETE dependencies point at non-essential containers, HEALTHY ones at containers with a health check', () => {
    for (const c of containers) {
      for (const d of c.dependsOn ?? []) {
        const target = byName(containers, d.containerName);
        if (d.condition === 'SUCCESS' || d.condition === 'COMPLETE') expect(target.essential).toBe(false);
        if (d.condition === 'HEALTHY') expect(target.healthCheck).toBeDefined();
      }
    }
  });

  test('the agent exposes DogStatsD and APM, checks its health and logs without blocking', () => {
    expect(agent.portMappings).toEqual([
      { containerPort: 8125, hostPort: 8125, protocol: 'udp' },
      { containerPort: 8126, hostPort: 8126, protocol: 'tcp' },
    ]);
    expect(agent.healthCheck?.command).toEqual(['CMD-SHELL', 'agent health']);
    expect(agent.logConfiguration?.options).toMatchObject({ mode: 'non-blocking', 'max-buffer-size': expect.any(String) });
    expect(agent.environment).toEqual(expect.arrayContaining([{ name: 'ECS_FARGATE', value: 'true' }, { name: 'DD_SITE', value: config.datadog.site }]));
  });

  test('the API key travels only as the secret ARN, never as a plain value', () => {
    expect(agent.secrets).toEqual([{ name: 'DD_API_KEY', valueFrom: config.datadog.apiKeySecretArn }]);
    for (const c of containers) expect((c.environment ?? []).map((e) => e.name)).not.toContain('DD_API_KEY');
  });

  test('application containers reach the agent through the sockets volume, tag their service and wait for a healthy agent', () => {
    for (const app of apps) {
      expect(app.mountPoints).toContainEqual({ sourceVolume: 'datadog-sockets', containerPath: SOCKETS_PATH, readOnly: true });
      const env = Object.fromEntries((app.environment ?? []).map((e) => [e.name, e.value]));
      expect(env).toMatchObject({
        DD_TRACE_AGENT_URL: 'unix:///var/run/datadog/apm.socket',
        DD_DOGSTATSD_URL: 'unix:///var/run/datadog/dsd.socket',
        DD_SERVICE: app.dockerLabels?.['com.datadoghq.tags.service'],
      });
      expect(app.dependsOn?.[0]).toEqual({ containerName: AGENT_CONTAINER_NAME, condition: 'HEALTHY' });
      expect(app.logConfiguration?.logDriver).toBe('awslogs');
    }
  });

  test('the task is a Linux Fargate task in awsvpc mode with both roles', () => {
    expect(td).toMatchObject({
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: String(config.cpu),
      memory: String(config.memory),
      runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: config.cpuArchitecture },
    });
    expect(td.executionRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\/.+-execution$/);
    expect(td.taskRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\/.+-task$/);
  });
});

describe('the embedded default', () => {
  const td = taskDefinition(resolveConfig(EMBEDDED_DEFAULT_CONFIG));

  test('reproduces the read-only Datadog article task: family, size and no application container', () => {
    expect(td.family).toBe('datadog-agent-readonly');
    expect([td.cpu, td.memory]).toEqual(['1024', '3072']);
    expect(td.containerDefinitions.map((c) => c.name)).toEqual(['datadog-init', 'datadog-agent']);
    expect(td.containerDefinitions[0].logConfiguration?.options?.['awslogs-region']).toBe('ap-northeast-1');
  });

  test('renders as register-task-definition JSON, in ECS spelling and with a final newline', () => {
    const text = renderTaskDefinition(resolveConfig(EMBEDDED_DEFAULT_CONFIG));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('"readonlyRootFilesystem": true');
    expect(text).not.toMatch(/readOnlyRootFilesystem/);
    expect(JSON.parse(text)).toEqual(td);
    expect(text).toMatchSnapshot();
  });
});

describe('application containers', () => {
  const config = resolveConfig(APP_CONFIG);
  const td = taskDefinition(config);
  const api = td.containerDefinitions.find((c) => c.name === 'api')!;
  const worker = td.containerDefinitions.find((c) => c.name === 'worker')!;

  test('each declared writable path becomes its own read-write task volume', () => {
    expect(api.mountPoints).toEqual(
      expect.arrayContaining([
        { sourceVolume: 'api-tmp', containerPath: '/tmp', readOnly: false },
        { sourceVolume: 'api-app-cache', containerPath: '/app/cache', readOnly: false },
      ]),
    );
    expect(writableVolumeName('api', '/app/cache')).toBe('api-app-cache');
  });

  test('unified service tagging: DD_ENV, DD_SERVICE, DD_VERSION from the image tag, and the matching labels', () => {
    const env = Object.fromEntries(api.environment!.map((e) => [e.name, e.value]));
    expect(env).toMatchObject({ DD_ENV: 'prod', DD_SERVICE: 'api', DD_VERSION: '2.4.1', LOG_LEVEL: 'info' });
    expect(api.dockerLabels).toEqual({
      'com.datadoghq.tags.env': 'prod',
      'com.datadoghq.tags.service': 'api',
      'com.datadoghq.tags.version': '2.4.1',
    });
    expect(worker.dockerLabels).not.toHaveProperty('com.datadoghq.tags.version');
  });

  test('environment is sorted by name, so output never depends on key order', () => {
    const names = api.environment!.map((e) => e.name);
    expect(names).toEqual([...names].sort());
  });

  test('user dependencies follow the agent dependency; application secrets are ARNs', () => {
    expect(worker.dependsOn).toEqual([
      { containerName: 'datadog-agent', condition: 'HEALTHY' },
      { containerName: 'api', condition: 'HEALTHY' },
    ]);
    expect(api.secrets).toEqual([{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-AbCdEf' }]);
  });

  test('a container runs as its configured user; without one, as the image user (no user key)', () => {
    expect(api.user).toBe('1000:1000');
    expect(worker).not.toHaveProperty('user');
  });

  test('task tags are a sorted key/value list', () => {
    expect(td.tags).toEqual([
      { key: 'cost-center', value: '42' },
      { key: 'team', value: 'payments' },
    ]);
  });
});

describe('ECS Exec on read-only roots', () => {
  const config = (enableExecuteCommand: boolean) =>
    resolveConfig({
      ...APP_CONFIG,
      containers: [
        { name: 'api', image: 'example/api:1' },
        { name: 'logger', image: 'example/logger:1', writablePaths: ['/var/log'] },
      ],
      service: { enableExecuteCommand },
    });
  const mounts = (enabled: boolean, name: string) =>
    taskDefinition(config(enabled))
      .containerDefinitions.find((c) => c.name === name)!
      .mountPoints!.filter((m) => !m.readOnly)
      .map((m) => m.containerPath);

  test("with Exec on, every application container gets the SSM agent's paths as writable volumes", () => {
    expect(mounts(true, 'api')).toEqual(['/managed-agents', '/var/lib/amazon/ssm', '/var/log/amazon/ssm']);
    const volumes = taskDefinition(config(true)).volumes!.map((v) => v.name);
    expect(volumes).toEqual(expect.arrayContaining(['api-managed-agents', 'api-var-lib-amazon-ssm', 'api-var-log-amazon-ssm']));
  });

  test("a path the container already writes covers the Exec paths below it", () => {
    expect(mounts(true, 'logger')).toEqual(['/var/log', '/managed-agents', '/var/lib/amazon/ssm']);
  });

  test('with Exec off, nothing is added', () => {
    expect(mounts(false, 'api')).toEqual([]);
    expect(mounts(false, 'logger')).toEqual(['/var/log']);
  });
});
