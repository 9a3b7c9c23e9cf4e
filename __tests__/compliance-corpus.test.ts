import * as fs from 'fs';
import * as path from 'path';
import { checkLoaded, checkSubject, checkTerraformJson, exitCodeOf, unresolved } from '../src/compliance/check';
import { findAgent, findInit } from '../src/compliance/datadog-roles';
import { fixDocument, fixFile } from '../src/compliance/fix/document';
import { configSubject, LoadedFile, loadFile, taskDefinitionSubject, terraformSubjects } from '../src/compliance/load';
import type { Json } from '../src/compliance/subject';
import { UserError } from '../src/errors';
import { resolveConfig } from '../src/config/defaults';
import { ACCEPT_LABEL_PREFIX, AGENT_WRITABLE_PATHS, SOCKETS_PATH } from '../src/model/datadog';
import { taskDefinition } from '../src/model/task-definition';
import { APP_CONFIG, CONFIGS } from './support/configs';

const DIR = path.join(__dirname, 'fixtures', 'taskdefs');
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:datadog/api-key-AbCdEf';
const PLAINTEXT_KEY = '0123456789abcdef0123456789abcdef';

const read = (name: string): Json => JSON.parse(fs.readFileSync(path.join(DIR, name), 'utf8')) as Json;
const loaded = (name: string, text: string): LoadedFile => {
  const doc = JSON.parse(text) as Json;
  return { path: name, text, subjects: name.endsWith('.tf.json') ? terraformSubjects(doc, name) : [taskDefinitionSubject(doc, name)] };
};
const standing = (name: string, text: string) => checkLoaded([loaded(name, text)]).subjects.flatMap(unresolved);
const taskOf = (doc: Json): Json => ('taskDefinition' in doc ? (doc.taskDefinition as Json) : doc);

/** The containers of a task definition, a describe wrapper, or the one task definition of a Terraform JSON file. */
function containersOf(doc: Json): Json[] {
  if (!('resource' in doc)) return taskOf(doc).containerDefinitions as Json[];
  const tasks = Object.values((doc.resource as Json).aws_ecs_task_definition as Json) as Json[];
  return JSON.parse(tasks[0].container_definitions as string) as Json[];
}

/** Names of the application containers: neither the agent nor its init container. */
function applicationContainers(doc: Json): string[] {
  const refs = containersOf(doc).map((def) => ({ def }));
  const agent = findAgent(refs);
  const init = agent && findInit(refs, agent);
  return refs.filter((r) => r !== agent && r !== init).map((r) => r.def.name as string);
}

/** What check must find in each fixture before fix (rule ids of standing findings, sorted, deduplicated). */
const EXPECTED_BEFORE: Record<string, string[]> = {
  'datadog-fargate-sample.json': ['ECS.20', 'ECS.5', 'ECS.9'],
  'aws-sample-webservice.json': ['ECS.20', 'ECS.5'],
  'agent-readonly-no-volumes.json': ['DATADOG.AGENT_TMP', 'DATADOG.AGENT_VOLUMES', 'DATADOG.INIT_CONTAINER', 'ECS.20'],
  'init-writable.json': ['DATADOG.AGENT_TMP', 'ECS.20', 'ECS.5', 'FARGATE.API_SHAPE'],
  'plaintext-api-key.json': ['DATADOG.API_KEY_SECRET', 'ECS.20', 'ECS.5', 'ECS.9'],
  'describe-wrapper.json': ['ECS.20', 'ECS.5', 'ECS.9'],
  'agent-terraform.tf.json': ['ECS.20', 'ECS.5', 'ECS.9', 'FARGATE.API_SHAPE'],
};

const OPTIONS = { apiKeySecretArn: ARN, executionRoleArn: 'arn:aws:iam::123456789012:role/corpus-execution' };

describe.each(Object.keys(EXPECTED_BEFORE))('%s', (name) => {
  const text = fs.readFileSync(path.join(DIR, name), 'utf8');
  const doc = JSON.parse(text) as Json;
  const fixed = fixDocument(doc, OPTIONS, undefined, name);

  test('check finds what is wrong', () => {
    const ids = [...new Set(standing(name, text).map((f) => f.ruleId))].sort();
    expect(ids).toEqual(EXPECTED_BEFORE[name]);
  });

  test('fix repairs it: afterwards only ECS.20 on application containers stands', () => {
    expect(fixed.changes.length).toBeGreaterThan(0);
    const apps = applicationContainers(fixed.document);
    const left = standing(name, fixed.text);
    for (const f of left) expect(f.ruleId).toBe('ECS.20');
    const named = left.map((f) => /container "([^"]+)"/.exec(f.message)?.[1]);
    for (const container of named) expect(apps).toContain(container);
  });

  test('a second fix changes nothing', () => {
    const again = fixDocument(fixed.document, OPTIONS, undefined, name);
    expect(again.changes).toEqual([]);
    expect(again.text).toBe(fixed.text);
  });

  test('every container is read-only, the agent has its volumes, and the input was not changed', () => {
    const containers = containersOf(fixed.document);
    for (const c of containers) expect(c.readonlyRootFilesystem).toBe(true);
    expect(JSON.parse(text)).toEqual(doc);
    const agent = findAgent(containers.map((def) => ({ def })));
    if (agent) {
      const paths = (agent.def.mountPoints as Json[]).filter((m) => m.readOnly === false).map((m) => m.containerPath);
      for (const p of AGENT_WRITABLE_PATHS) expect(paths).toContain(p.path);
    }
  });

  test('fixing the file keeps the indentation of the input', () => {
    const indent = /^[ \t]+(?=\S)/m.exec(text)![0];
    const second = fixFile(path.join(DIR, name), OPTIONS).text.split('\n')[1];
    expect(second.startsWith(indent)).toBe(true);
    expect(second.startsWith(`${indent} `)).toBe(false);
  });
});

describe('fix keeps what it does not own', () => {
  test('describe-task-definition output is unwrapped into what RegisterTaskDefinition takes; the rest keeps its order', () => {
    const input = read('describe-wrapper.json');
    const out = fixDocument(input, OPTIONS, undefined, 'describe-wrapper.json').document;
    const before = input.taskDefinition as Json;
    expect(out).not.toHaveProperty('taskDefinition');
    for (const key of ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy']) {
      expect(before).toHaveProperty([key]);
      expect(out).not.toHaveProperty([key]);
    }
    const kept = Object.keys(before).filter((k) => !['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy'].includes(k));
    expect(Object.keys(out).slice(0, kept.length)).toEqual(kept);
    expect(out.tags ?? []).toEqual(input.tags);
    const payments = (out.containerDefinitions as Json[]).find((c) => c.name === 'payments')!;
    const original = (before.containerDefinitions as Json[]).find((c) => c.name === 'payments')!;
    expect(Object.keys(payments).slice(0, Object.keys(original).length)).toEqual(Object.keys(original));
    expect(payments.systemControls).toEqual([]);
    expect(payments.user).toBe('10001');
  });

  test('fix does not invent a user for application containers', () => {
    const out = fixDocument(read('datadog-fargate-sample.json'), OPTIONS, undefined, 'x.json').document;
    const web = (out.containerDefinitions as Json[]).find((c) => c.name === 'web')!;
    expect(web).not.toHaveProperty('user');
  });

  test('application containers get the sockets read-only, the agent dependency and the socket URLs', () => {
    const out = fixDocument(read('datadog-fargate-sample.json'), OPTIONS, undefined, 'x.json').document;
    const web = (out.containerDefinitions as Json[]).find((c) => c.name === 'web')!;
    expect(web.mountPoints).toContainEqual({ sourceVolume: 'datadog-sockets', containerPath: SOCKETS_PATH, readOnly: true });
    expect(web.dependsOn).toEqual([{ containerName: 'datadog-agent', condition: 'HEALTHY' }]);
    expect(web.environment).toEqual(
      expect.arrayContaining([
        { name: 'DD_TRACE_AGENT_URL', value: 'unix:///var/run/datadog/apm.socket' },
        { name: 'DD_DOGSTATSD_URL', value: 'unix:///var/run/datadog/dsd.socket' },
      ]),
    );
    expect((web.logConfiguration as Json).options).toMatchObject({ 'awslogs-group': '/ecs/datadog-fargate-sample', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' });
  });

  test('the init container comes from the agent image, read-only, not essential, with logs and an accepted ECS.20', () => {
    const out = fixDocument(read('agent-readonly-no-volumes.json'), OPTIONS, undefined, 'x.json').document;
    const [init, agent] = out.containerDefinitions as Json[];
    expect(init).toMatchObject({ name: 'datadog-init', image: agent.image, essential: false, readonlyRootFilesystem: true });
    expect((init.logConfiguration as Json).logDriver).toBe('awslogs');
    expect(String((init.dockerLabels as Json)[`${ACCEPT_LABEL_PREFIX}ECS.20`]).length).toBeGreaterThan(20);
    expect(agent.dependsOn).toEqual([{ containerName: 'datadog-init', condition: 'SUCCESS' }]);
  });

  test('an existing init container under another name is reused, not duplicated', () => {
    const out = fixDocument(read('init-writable.json'), OPTIONS, undefined, 'x.json').document;
    const names = (out.containerDefinitions as Json[]).map((c) => c.name);
    expect(names).toEqual(['init-volume', 'datadog-agent']);
    expect((out.containerDefinitions as Json[])[0]).not.toHaveProperty('readOnlyRootFilesystem');
  });
});

describe('fix asks for what it cannot guess, and writes nothing', () => {
  const attempt = (name: string, options = {}): UserError => {
    try {
      fixDocument(read(name), options, undefined, name);
    } catch (err) {
      if (err instanceof UserError) return err;
      throw err;
    }
    throw new Error('fix did not fail');
  };

  test('a plaintext DD_API_KEY without --api-key-secret-arn: exit 2, and the key is never echoed', () => {
    const err = attempt('plaintext-api-key.json');
    expect(err.exitCode).toBe(2);
    expect(err.describe()).toContain('--api-key-secret-arn');
    expect(err.describe()).not.toContain(PLAINTEXT_KEY);
  });

  test('with the ARN the key moves to secrets and its value is gone', () => {
    const out = fixDocument(read('plaintext-api-key.json'), OPTIONS, undefined, 'x.json');
    expect(out.text).not.toContain(PLAINTEXT_KEY);
    expect(JSON.stringify(out.changes)).not.toContain(PLAINTEXT_KEY);
    const agent = (out.document.containerDefinitions as Json[]).find((c) => c.name === 'datadog-agent')!;
    expect(agent.secrets).toEqual([{ name: 'DD_API_KEY', valueFrom: ARN }]);
  });

  test('a malformed ARN is refused', () => {
    expect(attempt('plaintext-api-key.json', { apiKeySecretArn: PLAINTEXT_KEY }).exitCode).toBe(2);
  });

  test('missing logs and no awslogs container to copy from', () => {
    const doc = read('datadog-fargate-sample.json');
    for (const c of doc.containerDefinitions as Json[]) delete c.logConfiguration;
    let error: unknown;
    try {
      fixDocument(doc, OPTIONS, undefined, 'x.json');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).describe()).toContain('--log-group');
    expect((error as UserError).describe()).toContain('--region');
  });

  test('a Windows task definition is left alone: ECS has no read-only root for Windows containers', () => {
    const doc = read('aws-sample-webservice.json');
    doc.runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' };
    expect(() => fixDocument(doc, {}, undefined, 'windows.json')).toThrow(/Windows/);
  });

  test('--add-agent needs the ARN', () => {
    expect(attempt('aws-sample-webservice.json', { addAgent: true }).exitCode).toBe(2);
  });
});

test('--add-agent adds the agent and its init container, and the result passes check', () => {
  const ADD = { ...OPTIONS, addAgent: true, site: 'datadoghq.eu', env: 'prod' };
  const out = fixDocument(read('aws-sample-webservice.json'), ADD, undefined, 'x.json');
  const names = (out.document.containerDefinitions as Json[]).map((c) => c.name);
  expect(names).toEqual(['datadog-init', 'datadog-agent', 'fargate-app']);
  const left = standing('x.json', out.text);
  expect(left.map((f) => f.ruleId)).toEqual(['ECS.20']);
  expect(left[0].message).toContain('fargate-app');
  expect(fixDocument(out.document, ADD, undefined, 'x.json').changes).toEqual([]);
});

describe('the generated task definition passes check with only accepted findings', () => {
  test.each(Object.entries(CONFIGS))('%s, as a task definition', (_label, config) => {
    const report = checkSubject(taskDefinitionSubject(JSON.parse(JSON.stringify(taskDefinition(config))) as Json, 'generated.json'));
    const ecs20 = report.outcomes.find((o) => o.ruleId === 'ECS.20')!;
    const withoutUser = config.containers.filter((c) => c.user === undefined).map((c) => c.name);
    const standingFindings = unresolved(report);
    // An application container without a `user` in the config runs as the image's user, so its ECS.20 stands;
    // one with a non-root user passes; nothing else stands.
    expect(standingFindings.every((f) => f.ruleId === 'ECS.20' && withoutUser.some((a) => f.message.includes(`"${a}"`)))).toBe(true);
    expect(standingFindings).toHaveLength(withoutUser.length);
    expect(ecs20.findings.filter((f) => f.acceptedReason !== undefined).map((f) => f.container)).toEqual(['datadog-init', 'datadog-agent']);
  });

  test('the embedded default config, with its service and cluster, passes with only accepted findings', () => {
    const report = checkSubject(configSubject(CONFIGS['embedded default'], 'default.yaml'));
    expect(unresolved(report)).toEqual([]);
    expect(report.outcomes.find((o) => o.ruleId === 'ECS.2')!.status).toBe('compliant');
    expect(report.outcomes.find((o) => o.ruleId === 'ECS.12')!.status).toBe('compliant');
    expect(report.outcomes.find((o) => o.ruleId === 'ECS.10')!.status).toBe('compliant');
  });

  test('a config with a public IP fails ECS.2 at the config path', () => {
    const report = checkSubject(configSubject(resolveConfig({ ...APP_CONFIG, network: { assignPublicIp: true } }), 'app.yaml'));
    const ecs2 = report.outcomes.find((o) => o.ruleId === 'ECS.2')!;
    expect(ecs2.status).toBe('non-compliant');
    expect(ecs2.findings[0].location).toBe('$.network.assignPublicIp');
  });
});

describe('Terraform JSON', () => {
  test('fix keeps a literal $${ literal, the other attributes, and adds volume blocks', () => {
    const input = read('agent-terraform.tf.json');
    const out = fixDocument(input, {}, undefined, 'agent-terraform.tf.json').document as Json;
    const before = (input.resource as Json).aws_ecs_task_definition.shop as Json;
    const after = (out.resource as Json).aws_ecs_task_definition.shop as Json;
    expect(after.execution_role_arn).toBe(before.execution_role_arn);
    expect(Object.keys(after).slice(0, Object.keys(before).length)).toEqual(Object.keys(before));
    expect(after.container_definitions).toContain('$${literal}');
    expect((after.volume as Json[]).map((v) => v.name)).toEqual(['datadog-config', 'datadog-run', 'datadog-sockets', 'datadog-tmp', 'datadog-logs']);
    expect((out.resource as Json).aws_ecs_service).toEqual((input.resource as Json).aws_ecs_service);
  });

  test('several task definitions: each is paired with the service that references it, and that service\'s cluster', () => {
    const containers = (name: string) => JSON.stringify([{ name, image: `example/${name}:1`, readonlyRootFilesystem: true, user: '1000' }]);
    const doc = {
      resource: [
        {
          aws_ecs_cluster: {
            on: { setting: { name: 'containerInsights', value: 'enhanced' } },
            off: { name: 'off' },
          },
        },
        {
          aws_ecs_task_definition: {
            a: { family: 'a', network_mode: 'awsvpc', container_definitions: containers('a') },
            b: { family: 'b', network_mode: 'awsvpc', container_definitions: containers('b') },
          },
          aws_ecs_service: {
            b: { task_definition: '${aws_ecs_task_definition.b.arn}', cluster: '${aws_ecs_cluster.off.id}', network_configuration: { assign_public_ip: 'true' } },
            a: { task_definition: '${aws_ecs_task_definition.a.arn}', cluster: '${aws_ecs_cluster.on.arn}', network_configuration: { assign_public_ip: '${var.public}' } },
          },
        },
      ],
    };
    const [a, b] = checkTerraformJson(doc);
    const status = (r: typeof a, id: string) => r.outcomes.find((o) => o.ruleId === id)!.status;
    expect([a.name, b.name]).toEqual(['aws_ecs_task_definition.a', 'aws_ecs_task_definition.b']);
    expect(status(a, 'ECS.12')).toBe('compliant');
    expect(status(b, 'ECS.12')).toBe('non-compliant');
    expect(status(a, 'ECS.2')).toBe('error');
    expect(status(b, 'ECS.2')).toBe('non-compliant');
    expect(b.outcomes.find((o) => o.ruleId === 'ECS.2')!.findings[0].location).toBe('$.resource[1].aws_ecs_service.b.network_configuration.assign_public_ip');
  });

  test('fix refuses container_definitions built by an expression, and changes nothing', () => {
    expect(() => fixDocument(read('jsonencode.tf.json'), {}, undefined, 'jsonencode.tf.json')).toThrow(UserError);
  });

  test('literal container_definitions with service and cluster: ECS.2, ECS.10 and ECS.12 fail where they are written', () => {
    const file = loadFile(path.join(DIR, 'service.tf.json'));
    const report = checkLoaded([file]);
    expect(report.subjects.map((s) => s.name)).toEqual(['aws_ecs_task_definition.web']);
    const failing = report.subjects[0].outcomes.filter((o) => o.status !== 'compliant' && o.status !== 'not-applicable');
    expect(failing.map((o) => [o.ruleId, o.status])).toEqual([
      ['ECS.2', 'non-compliant'],
      ['ECS.10', 'non-compliant'],
      ['ECS.12', 'non-compliant'],
    ]);
    const ecs2 = failing[0].findings[0];
    expect(ecs2.location).toBe('$.resource.aws_ecs_service.web.network_configuration[0].assign_public_ip');
    expect(file.text.split('\n')[ecs2.position!.line - 1]).toContain('assign_public_ip');
  });

  test('escaped $${ in a literal is text, not an expression', () => {
    const file = loadFile(path.join(DIR, 'service.tf.json'));
    const td = file.subjects[0].taskDefinition as Json;
    const env = ((td.containerDefinitions as Json[])[0].environment as Json[])[0];
    expect(env.value).toBe('literal ${not_interpolated}');
  });

  test('container_definitions = ${jsonencode(...)}: one note to check the plan JSON instead, one error, never a pass', () => {
    const report = checkLoaded([loadFile(path.join(DIR, 'jsonencode.tf.json'))]);
    const [subject] = report.subjects;
    expect(subject.note).toContain('terraform show -json');
    expect(subject.note).toContain('ECS.5');
    expect(subject.outcomes.find((o) => o.ruleId === 'ECS.5')).toBeUndefined();
    expect(subject.outcomes.filter((o) => o.status === 'error')).toEqual([]);
    for (const o of subject.outcomes.filter((o) => o.status === 'compliant')) expect(['ECS.3', 'ECS.17']).toContain(o.ruleId);
    expect(report.summary.errors).toBe(1);
    expect(exitCodeOf(report)).toBe(1);
  });
});
