import { resolveConfig } from '../src/config/defaults';
import { RULES, ruleById } from '../src/compliance/rules';
import { checkTaskDefinition } from '../src/compliance/check';
import { taskDefinitionSubject } from '../src/compliance/load';
import { formatPath, Json, Subject, SubjectCluster, SubjectService, Unevaluable } from '../src/compliance/subject';
import { taskDefinition } from '../src/model/task-definition';
import { APP_CONFIG } from './support/configs';

/** A fresh, compliant task definition: the generated one for the two-container config, every container non-root. */
function baseTask(): Json {
  const td = JSON.parse(JSON.stringify(taskDefinition(resolveConfig(APP_CONFIG)))) as Json;
  for (const c of td.containerDefinitions as Json[]) c.user = '1000:1000';
  return td;
}

const containers = (td: Json): Json[] => td.containerDefinitions as Json[];

/** Turns the base into the same task with logs to Datadog: init, agent, the FireLens router, api, worker. */
function routeToDatadog(td: Json): void {
  const routed = JSON.parse(JSON.stringify(taskDefinition(resolveConfig({ ...APP_CONFIG, logs: { destination: 'datadog' } })))) as Json;
  td.containerDefinitions = routed.containerDefinitions;
  td.volumes = routed.volumes;
}
const routed = (edit: (td: Json) => void = () => undefined) => (td: Json) => {
  routeToDatadog(td);
  edit(td);
};
const byName = (td: Json, name: string): Json => containers(td).find((c) => c.name === name)!;

const SERVICE: SubjectService = {
  name: 'aws_ecs_service.this',
  assignPublicIp: false,
  platformVersion: 'LATEST',
  launchType: 'FARGATE',
  assignPublicIpPath: ['service', 'assignPublicIp'],
  platformVersionPath: ['service', 'platformVersion'],
};
const CLUSTER: SubjectCluster = { name: 'aws_ecs_cluster.this', containerInsights: 'enabled', path: ['cluster', 'setting'] };

interface Case {
  /** Changes the compliant base into the case; absent: the base as it is. */
  readonly edit?: (td: Json) => void;
  readonly service?: Partial<SubjectService> | null;
  readonly cluster?: Partial<SubjectCluster> | null;
  /** Non-compliant cases: the container and the path the first finding names. */
  readonly container?: string;
  readonly path?: string;
}

function subjectFor(c: Case): Subject {
  const td = baseTask();
  c.edit?.(td);
  const subject = taskDefinitionSubject(td, 'task.json');
  const service = c.service === null ? undefined : { ...SERVICE, ...c.service };
  const cluster = c.cluster === null ? undefined : { ...CLUSTER, ...c.cluster };
  return { ...subject, service, cluster };
}

const CASES: Record<string, { compliant: Case[]; nonCompliant: Case[] }> = {
  'ECS.2': {
    compliant: [{}, { service: { assignPublicIp: undefined } }],
    nonCompliant: [{ service: { assignPublicIp: true }, path: '$.service.assignPublicIp' }],
  },
  'ECS.3': {
    compliant: [{}, { edit: (td) => (td.pidMode = 'task') }],
    nonCompliant: [{ edit: (td) => (td.pidMode = 'host'), path: '$.pidMode' }],
  },
  'ECS.4': {
    compliant: [{ edit: (td) => (byName(td, 'api').privileged = false) }],
    nonCompliant: [{ edit: (td) => (byName(td, 'worker').privileged = true), container: 'worker', path: '$.containerDefinitions[3].privileged' }],
  },
  'ECS.5': {
    compliant: [{}],
    nonCompliant: [
      { edit: (td) => delete byName(td, 'api').readonlyRootFilesystem, container: 'api', path: '$.containerDefinitions[2].readonlyRootFilesystem' },
      { edit: (td) => (byName(td, 'datadog-init').readonlyRootFilesystem = false), container: 'datadog-init', path: '$.containerDefinitions[0].readonlyRootFilesystem' },
      {
        edit: (td) => {
          const agent = byName(td, 'datadog-agent');
          delete agent.readonlyRootFilesystem;
          agent.readOnlyRootFilesystem = true;
        },
        container: 'datadog-agent',
        path: '$.containerDefinitions[1].readonlyRootFilesystem',
      },
    ],
  },
  'ECS.8': {
    compliant: [{ edit: (td) => (byName(td, 'api').secrets = [{ name: 'AWS_SECRET_ACCESS_KEY', valueFrom: 'arn:aws:ssm:eu-west-1:210987654321:parameter/x' }]) }],
    nonCompliant: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ECS_ENGINE_AUTH_DATA'].map((name) => ({
      edit: (td: Json) => (byName(td, 'worker').environment = [{ name, value: 'x' }]),
      container: 'worker',
      path: '$.containerDefinitions[3].environment[0].name',
    })),
  },
  'ECS.9': {
    compliant: [{}],
    nonCompliant: [
      { edit: (td) => delete byName(td, 'worker').logConfiguration, container: 'worker', path: '$.containerDefinitions[3].logConfiguration' },
      { edit: (td) => (byName(td, 'worker').logConfiguration = { options: {} }), container: 'worker', path: '$.containerDefinitions[3].logConfiguration.logDriver' },
    ],
  },
  'ECS.10': {
    compliant: [{}, { service: { platformVersion: '1.4.0' } }, { service: { platformVersion: undefined } }],
    nonCompliant: [{ service: { platformVersion: '1.3.0' }, path: '$.service.platformVersion' }],
  },
  'ECS.12': {
    compliant: [{}, { cluster: { containerInsights: 'enhanced' } }],
    nonCompliant: [
      { cluster: { containerInsights: 'disabled' }, path: '$.cluster.setting' },
      { cluster: { containerInsights: undefined }, path: '$.cluster.setting' },
    ],
  },
  'ECS.17': {
    compliant: [{}],
    nonCompliant: [{ edit: (td) => (td.networkMode = 'host'), path: '$.networkMode' }],
  },
  'ECS.20': {
    compliant: [{}, { edit: (td) => (byName(td, 'api').user = 'app:app') }],
    nonCompliant: [undefined, 'root', '0', '0:0', 'root:wheel'].map((user) => ({
      edit: (td: Json) => {
        if (user === undefined) delete byName(td, 'api').user;
        else byName(td, 'api').user = user;
      },
      container: 'api',
      path: '$.containerDefinitions[2].user',
    })),
  },
  'FARGATE.SIZE': {
    compliant: [{}, { edit: (td) => Object.assign(td, { cpu: '1 vCPU', memory: '2 GB' }) }],
    nonCompliant: [
      { edit: (td) => (td.memory = '3000'), path: '$.memory' },
      { edit: (td) => delete td.cpu, path: '$.cpu' },
      { edit: (td) => (byName(td, 'api').memory = 8192), path: '$.containerDefinitions' },
    ],
  },
  'FARGATE.CONTAINER_COUNT': {
    compliant: [{}],
    nonCompliant: [
      {
        edit: (td) => containers(td).push(...Array.from({ length: 7 }, (_, i) => ({ ...byName(td, 'worker'), name: `extra-${i}` }))),
        path: '$.containerDefinitions',
      },
    ],
  },
  'FARGATE.ESSENTIAL': {
    compliant: [{ edit: (td) => containers(td).forEach((c) => c.name !== 'api' && (c.essential = false)) }],
    nonCompliant: [{ edit: (td) => containers(td).forEach((c) => (c.essential = false)), path: '$.containerDefinitions' }],
  },
  'FARGATE.DEPENDS_ON_TARGET': {
    compliant: [{}],
    nonCompliant: [
      { edit: (td) => (byName(td, 'worker').dependsOn = [{ containerName: 'nope', condition: 'START' }]), container: 'worker', path: '$.containerDefinitions[3].dependsOn[0].containerName' },
      { edit: (td) => (byName(td, 'worker').dependsOn = [{ containerName: 'api', condition: 'RUNNING' }]), container: 'worker', path: '$.containerDefinitions[3].dependsOn[0].condition' },
    ],
  },
  'FARGATE.DEPENDS_ON_EXIT': {
    compliant: [{}],
    nonCompliant: [
      { edit: (td) => (byName(td, 'datadog-init').essential = true), container: 'datadog-agent', path: '$.containerDefinitions[1].dependsOn[0].condition' },
      { edit: (td) => (byName(td, 'worker').dependsOn = [{ containerName: 'api', condition: 'COMPLETE' }]), container: 'worker', path: '$.containerDefinitions[3].dependsOn[0].condition' },
    ],
  },
  'FARGATE.DEPENDS_ON_HEALTHY': {
    compliant: [{}],
    nonCompliant: [{ edit: (td) => delete byName(td, 'datadog-agent').healthCheck, container: 'api', path: '$.containerDefinitions[2].dependsOn[0].condition' }],
  },
  'FARGATE.MOUNT_VOLUMES': {
    compliant: [{}],
    nonCompliant: [{ edit: (td) => (td.volumes = (td.volumes as Json[]).filter((v) => v.name !== 'datadog-run')), container: 'datadog-agent', path: '$.containerDefinitions[1].mountPoints[1].sourceVolume' }],
  },
  'FARGATE.HOST_PORT': {
    compliant: [{}, { edit: (td) => (byName(td, 'api').portMappings = [{ containerPort: 8080 }]) }],
    nonCompliant: [{ edit: (td) => (byName(td, 'api').portMappings = [{ containerPort: 8080, hostPort: 80 }]), container: 'api', path: '$.containerDefinitions[2].portMappings[0].hostPort' }],
  },
  'FARGATE.LOG_DRIVER': {
    compliant: [{}, { edit: (td) => (byName(td, 'api').logConfiguration = { logDriver: 'awsfirelens' }) }],
    nonCompliant: [{ edit: (td) => (byName(td, 'api').logConfiguration = { logDriver: 'json-file' }), container: 'api', path: '$.containerDefinitions[2].logConfiguration.logDriver' }],
  },
  'FARGATE.API_SHAPE': {
    compliant: [{}],
    nonCompliant: [
      { edit: (td) => (byName(td, 'api').readOnlyRootFilesystem = true), container: 'api', path: '$.containerDefinitions[2].readOnlyRootFilesystem' },
      { edit: (td) => ((byName(td, 'api').mountPoints as Json[])[0].ReadOnly = true), container: 'api', path: '$.containerDefinitions[2].mountPoints[0].ReadOnly' },
      { edit: (td) => (td.networkmode = 'awsvpc'), path: '$.networkmode' },
      { edit: (td) => (byName(td, 'api').memory_limit_mib = 512), container: 'api', path: '$.containerDefinitions[2].memory_limit_mib' },
      { edit: (td) => (byName(td, 'api').essential = 'true'), container: 'api', path: '$.containerDefinitions[2].essential' },
      { edit: (td) => (td.pidMode = 'TASK'), path: '$.pidMode' },
      { edit: (td) => (td.revision = 3), path: '$.revision' },
    ],
  },
  'DATADOG.API_KEY_SECRET': {
    compliant: [{}],
    nonCompliant: [
      {
        edit: (td) => (byName(td, 'datadog-agent').environment as Json[]).unshift({ name: 'DD_API_KEY', value: 'fedcba9876543210fedcba9876543210' }),
        container: 'datadog-agent',
        path: '$.containerDefinitions[1].environment[0]',
      },
    ],
  },
  'DATADOG.AGENT_VOLUMES': {
    compliant: [{}, { edit: (td) => ((byName(td, 'datadog-agent').mountPoints as Json[])[0].containerPath = '/etc/datadog-agent/') }],
    nonCompliant: ['/etc/datadog-agent', '/opt/datadog-agent/run', '/var/run/datadog'].map((path) => ({
      edit: (td: Json) => {
        const agent = byName(td, 'datadog-agent');
        agent.mountPoints = (agent.mountPoints as Json[]).filter((m) => m.containerPath !== path);
      },
      container: 'datadog-agent',
      path: '$.containerDefinitions[1].mountPoints',
    })),
  },
  'DATADOG.AGENT_TMP': {
    compliant: [{}],
    nonCompliant: [
      {
        edit: (td) => ((byName(td, 'datadog-agent').mountPoints as Json[]).find((m) => m.containerPath === '/tmp')!.readOnly = true),
        container: 'datadog-agent',
        path: '$.containerDefinitions[1].mountPoints',
      },
    ],
  },
  'DATADOG.INIT_CONTAINER': {
    compliant: [{}],
    nonCompliant: [
      { edit: (td) => (td.containerDefinitions = containers(td).filter((c) => c.name !== 'datadog-init')), container: 'datadog-agent', path: '$.containerDefinitions[0].dependsOn' },
      { edit: (td) => (byName(td, 'datadog-agent').dependsOn = [{ containerName: 'datadog-init', condition: 'START' }]), container: 'datadog-agent', path: '$.containerDefinitions[1].dependsOn[0].condition' },
      { edit: (td) => (byName(td, 'datadog-agent').dependsOn = []), container: 'datadog-agent', path: '$.containerDefinitions[1].dependsOn' },
      { edit: (td) => (byName(td, 'datadog-init').command = ['true']), container: 'datadog-init', path: '$.containerDefinitions[0].command' },
    ],
  },
  'DATADOG.LOG_ROUTING': {
    compliant: [
      { edit: routed() },
      // A key in the options (a plaintext key, another rule's finding) is still a path to Datadog.
      { edit: routed((td) => { const log = byName(td, 'api').logConfiguration as Json; delete log.secretOptions; (log.options as Json).apikey = 'x'; }) },
      { edit: routed((td) => (((byName(td, 'worker').logConfiguration as Json).options as Json).Name = 'Datadog')) },
    ],
    nonCompliant: [
      { edit: routed((td) => (byName(td, 'api').logConfiguration = { logDriver: 'awslogs', options: {} })), container: 'api', path: '$.containerDefinitions[3].logConfiguration.logDriver' },
      { edit: routed((td) => delete byName(td, 'worker').logConfiguration), container: 'worker', path: '$.containerDefinitions[4].logConfiguration' },
      { edit: routed((td) => (((byName(td, 'api').logConfiguration as Json).options as Json).Name = 'cloudwatch_logs')), container: 'api', path: '$.containerDefinitions[3].logConfiguration.options.Name' },
      { edit: routed((td) => delete (byName(td, 'worker').logConfiguration as Json).secretOptions), container: 'worker', path: '$.containerDefinitions[4].logConfiguration.secretOptions' },
    ],
  },
};

test('DATADOG.LOG_ROUTING does not apply without a FireLens router, and exempts the router and the Datadog containers', () => {
  expect(ruleById('DATADOG.LOG_ROUTING')!.check(subjectFor({})).status).toBe('not-applicable');
  const result = ruleById('DATADOG.LOG_ROUTING')!.check(subjectFor({ edit: routed() }));
  expect(result.status).toBe('compliant');
  const td = baseTask();
  routeToDatadog(td);
  expect(containers(td).map((c) => (c.logConfiguration as Json).logDriver)).toEqual(['awslogs', 'awslogs', 'awslogs', 'awsfirelens', 'awsfirelens']);
});

test('every rule of the table has compliance and noncompliance cases', () => {
  expect(Object.keys(CASES).sort()).toEqual(RULES.map((r) => r.id).sort());
});

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  test.each(CASES[id].compliant.map((c, i) => [i, c] as const))('Compliance %#', (_i, c) => {
    const result = rule.check(subjectFor(c));
    expect(result.findings).toEqual([]);
    expect(result.status).toBe('compliant');
  });

  test.each(CASES[id].nonCompliant.map((c, i) => [i, c] as const))('Noncompliance %#', (_i, c) => {
    const result = rule.check(subjectFor(c));
    expect(result.status).toBe('non-compliant');
    expect(result.findings.length).toBeGreaterThan(0);
    const first = result.findings[0];
    expect(first.container).toBe(c.container);
    if (c.path) expect(formatPath(first.path)).toBe(c.path);
    expect(first.message.length).toBeGreaterThan(10);
  });

  test('the table explains it and says how to comply', () => {
    expect(rule.title).not.toBe('');
    expect(rule.explanation.length).toBeGreaterThan(20);
    expect(rule.remediation.length).toBeGreaterThan(10);
    expect(['critical', 'high', 'medium', 'low']).toContain(rule.severity);
  });
});

describe('rules that cannot evaluate their input report an error, never a pass', () => {
  const containerRules = RULES.filter((r) => !['ECS.2', 'ECS.3', 'ECS.10', 'ECS.12', 'ECS.17'].includes(r.id));
  test.each(containerRules.map((r) => [r.id, r] as const))('%s on computed containerDefinitions', (_id, rule) => {
    const subject = subjectFor({ edit: (td) => (td.containerDefinitions = new Unevaluable('${jsonencode(local.containers)}') as unknown as Json[]) });
    const result = rule.check(subject);
    expect(result.status).toBe('error');
    expect(result.note).toContain('cannot evaluate');
  });

  test('ECS.2 on a computed assign_public_ip', () => {
    expect(ruleById('ECS.2')!.check(subjectFor({ service: { assignPublicIp: new Unevaluable('${var.public}') } })).status).toBe('error');
  });

  test('ECS.17 on a computed network_mode', () => {
    expect(ruleById('ECS.17')!.check(subjectFor({ edit: (td) => (td.networkMode = new Unevaluable('${var.mode}')) })).status).toBe('error');
  });

  test('a container that is not an object', () => {
    expect(ruleById('ECS.5')!.check(subjectFor({ edit: (td) => containers(td).push('web' as unknown as Json) })).status).toBe('error');
  });
});

describe('rules that do not apply say so', () => {
  test('ECS.2, ECS.10 and ECS.12 without a service or cluster', () => {
    const subject = subjectFor({ service: null, cluster: null });
    for (const id of ['ECS.2', 'ECS.10', 'ECS.12']) expect(ruleById(id)!.check(subject).status).toBe('not-applicable');
  });

  test('ECS.20 on Windows', () => {
    const subject = subjectFor({ edit: (td) => (td.runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }) });
    expect(ruleById('ECS.20')!.check(subject).status).toBe('not-applicable');
  });

  test('Datadog agent rules without an agent', () => {
    const subject = subjectFor({ edit: (td) => (td.containerDefinitions = containers(td).filter((c) => !String(c.name).startsWith('datadog'))) });
    for (const id of ['DATADOG.AGENT_VOLUMES', 'DATADOG.AGENT_TMP', 'DATADOG.INIT_CONTAINER']) expect(ruleById(id)!.check(subject).status).toBe('not-applicable');
  });

  test('Datadog agent rules when the agent has a writable root (ECS.5 reports it)', () => {
    const subject = subjectFor({ edit: (td) => (byName(td, 'datadog-agent').readonlyRootFilesystem = false) });
    for (const id of ['DATADOG.AGENT_VOLUMES', 'DATADOG.AGENT_TMP', 'DATADOG.INIT_CONTAINER']) expect(ruleById(id)!.check(subject).status).toBe('not-applicable');
  });

  test('Fargate-only rules on an EC2 task', () => {
    const subject = subjectFor({ service: null, edit: (td) => (td.requiresCompatibilities = ['EC2']) });
    for (const id of ['FARGATE.SIZE', 'FARGATE.LOG_DRIVER']) expect(ruleById(id)!.check(subject).status).toBe('not-applicable');
  });

  test('Fargate-only rules on an awsvpc task without requiresCompatibilities (ECS registers it for EC2 only)', () => {
    const subject = subjectFor({
      edit: (td) => {
        delete td.requiresCompatibilities;
        td.networkMode = 'awsvpc';
        td.memory = '3000';
        byName(td, 'api').logConfiguration = { logDriver: 'json-file' };
      },
    });
    for (const id of ['FARGATE.SIZE', 'FARGATE.LOG_DRIVER']) {
      const result = ruleById(id)!.check(subject);
      expect(result.status).toBe('not-applicable');
      expect(result.note).toBe('requiresCompatibilities does not include FARGATE, so the task is not a Fargate task');
    }
    const fargate = subjectFor({ edit: (td) => Object.assign(td, { requiresCompatibilities: ['EC2', 'FARGATE'], memory: '3000' }) });
    expect(ruleById('FARGATE.SIZE')!.check(fargate).status).toBe('non-compliant');
  });
});

describe('new findings', () => {
  test('a Datadog-key-shaped value in log options (FireLens apikey), never printed', () => {
    const secret = 'fedcba9876543210fedcba9876543210';
    const subject = subjectFor({
      edit: (td) => (byName(td, 'api').logConfiguration = { logDriver: 'awsfirelens', options: { Name: 'datadog', apikey: secret, Host: 'http-intake.logs.datadoghq.com' } }),
    });
    const result = ruleById('DATADOG.API_KEY_SECRET')!.check(subject);
    expect(result.status).toBe('non-compliant');
    expect(result.findings.map((f) => formatPath(f.path))).toEqual(['$.containerDefinitions[2].logConfiguration.options.apikey']);
    expect(result.findings[0].message).toContain('secretOptions');
    expect(JSON.stringify(result)).not.toContain(secret);
    const viaSecretOptions = subjectFor({
      edit: (td) => (byName(td, 'api').logConfiguration = { logDriver: 'awsfirelens', options: { Name: 'datadog' }, secretOptions: [{ name: 'apikey', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:dd-AbCdEf' }] }),
    });
    expect(ruleById('DATADOG.API_KEY_SECRET')!.check(viaSecretOptions).status).toBe('compliant');
  });

  test('a secret ARN written as environment[].valueFrom: ECS drops it', () => {
    const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:dd-AbCdEf';
    const subject = subjectFor({
      edit: (td) => {
        (byName(td, 'datadog-agent').environment as Json[]).push({ name: 'DD_API_KEY', valueFrom: arn });
        (byName(td, 'api').environment as Json[]).push({ name: 'DB_PASSWORD', valueFrom: arn });
      },
    });
    const key = ruleById('DATADOG.API_KEY_SECRET')!.check(subject);
    expect(key.findings.map((f) => f.message)).toEqual([expect.stringContaining('writes DD_API_KEY as environment[].valueFrom')]);
    const shape = ruleById('FARGATE.API_SHAPE')!.check(subject);
    expect(shape.findings.map((f) => [f.container, f.message])).toEqual([
      ['datadog-agent', expect.stringMatching(/has valueFrom, which environment does not take.*secrets/)],
      ['api', expect.stringMatching(/has valueFrom, which environment does not take.*secrets/)],
    ]);
  });

  test('ECS.20 says a null user is unset', () => {
    const result = ruleById('ECS.20')!.check(subjectFor({ edit: (td) => (byName(td, 'api').user = null) }));
    expect(result.findings.map((f) => f.message)).toEqual([`container "api" has user null, which is unset: it runs as the image's user (root unless the image sets one)`]);
  });
});

test('no finding ever carries the value of DD_API_KEY or of a credential variable', () => {
  const secret = 'fedcba9876543210fedcba9876543210';
  const subject = subjectFor({
    edit: (td) => {
      (byName(td, 'datadog-agent').environment as Json[]).push({ name: 'DD_API_KEY', value: secret });
      (byName(td, 'api').environment as Json[]).push({ name: 'AWS_SECRET_ACCESS_KEY', value: secret });
    },
  });
  const text = JSON.stringify(RULES.map((r) => r.check(subject)));
  expect(text).toContain('DD_API_KEY');
  expect(text).not.toContain(secret);
});

test('a task definition changed between two checks is read again', () => {
  const td = baseTask();
  expect(checkTaskDefinition(td).outcomes.find((o) => o.ruleId === 'ECS.5')!.status).toBe('compliant');
  byName(td, 'api').readonlyRootFilesystem = false;
  expect(checkTaskDefinition(td).outcomes.find((o) => o.ruleId === 'ECS.5')!.status).toBe('non-compliant');
});
