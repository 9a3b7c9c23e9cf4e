/**
 * fix on task definitions as users have them (the corpus in fixtures/fix/: describe output, a bare container array,
 * a FireLens task, an agent named otherwise, Terraform JSON, Datadog's sample style without logs, credentials in the
 * environment, names fix would use already taken).
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkSubject, unresolved } from '../src/compliance/check';
import { findAgent, isAgentImage } from '../src/compliance/datadog-roles';
import { detectIndent, fixDocument, fixFile } from '../src/compliance/fix/document';
import { findCycle, FixOptions } from '../src/compliance/fix/fix';
import { renderFixReport } from '../src/compliance/fix/report';
import { IMAGE_WRITABLE_PATHS, knownImage } from '../src/compliance/fix/writable-paths';
import { taskDefinitionSubject, terraformSubjects } from '../src/compliance/load';
import { validateContainerDefinitionShape, validateTaskDefinitionShape } from '../src/compliance/shape';
import type { Json } from '../src/compliance/subject';
import { UserError } from '../src/errors';
import { AGENT_WRITABLE_PATHS, INIT_COPY_COMMAND } from '../src/model/datadog';

const DIR = path.join(__dirname, 'fixtures', 'fix');
const file = (name: string) => path.join(DIR, name);
const read = (name: string): Json => JSON.parse(fs.readFileSync(file(name), 'utf8')) as Json;
const ARN = 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:datadog/api-key-Ab12Cd';
const ROLE = 'arn:aws:iam::210987654321:role/fixed-execution';
const FLAGS: FixOptions = { apiKeySecretArn: ARN, executionRoleArn: ROLE, logGroup: '/ecs/fixed', region: 'eu-west-1' };
const KEY = '3f9a1c0be27d4a6e8b5f0c1d2e3a4b5c';

const containers = (td: Json): Json[] => td.containerDefinitions as Json[];
const byName = (list: readonly Json[], name: string): Json => {
  const found = list.find((c) => c.name === name);
  if (!found) throw new Error(`no container ${name}`);
  return found;
};
const mountPaths = (c: Json) => ((c.mountPoints as Json[] | undefined) ?? []).map((m) => m.containerPath);
const envNames = (c: Json) => ((c.environment as Json[] | undefined) ?? []).map((e) => e.name);
const dependsOn = (c: Json) => ((c.dependsOn as Json[] | undefined) ?? []).map((d) => `${String(d.containerName)}:${String(d.condition)}`);

function failure(run: () => unknown): UserError {
  try {
    run();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('fix did not fail');
}

/** Standing check findings of a fixed document, ECS.20 aside. */
function standing(doc: unknown, name: string): string[] {
  if (Array.isArray(doc)) return [];
  const json = doc as Json;
  const subjects = json.resource !== undefined ? terraformSubjects(json, name) : [taskDefinitionSubject(json, name)];
  return subjects.flatMap((s) => unresolved(checkSubject(s)).filter((f) => f.ruleId !== 'ECS.20').map((f) => `${f.ruleId} ${f.message}`));
}

const CORPUS = ['describe-firelens.json', 'containers.json', 'agent-named-otherwise.json', 'api.tf.json', 'no-logs.json', 'datadog-init-taken.json'];

describe.each(CORPUS)('%s', (name) => {
  const fixed = fixFile(file(name), FLAGS);

  test('passes check afterwards (ECS.20 aside), every container read-only', () => {
    expect(standing(fixed.document, name)).toEqual([]);
    const list = Array.isArray(fixed.document)
      ? (fixed.document as Json[])
      : fixed.document.resource !== undefined
        ? (JSON.parse(String(((fixed.document.resource as Json).aws_ecs_task_definition as Record<string, Json>).api.container_definitions)) as Json[])
        : containers(fixed.document);
    for (const c of list) expect(c.readonlyRootFilesystem).toBe(true);
    expect(findCycle(list)).toBeUndefined();
  });

  test('the output matches the RegisterTaskDefinition shape table', () => {
    const doc = fixed.document;
    if (Array.isArray(doc)) {
      for (const c of doc as unknown[]) expect(validateContainerDefinitionShape(c)).toEqual([]);
    } else if (doc.resource !== undefined) {
      for (const body of Object.values((doc.resource as Json).aws_ecs_task_definition as Record<string, Json>)) {
        for (const c of JSON.parse(String(body.container_definitions)) as unknown[]) expect(validateContainerDefinitionShape(c)).toEqual([]);
      }
    } else {
      expect(validateTaskDefinitionShape(doc)).toEqual([]);
    }
  });

  test('fixing the output again changes no byte', () => {
    const again = fixDocument(JSON.parse(fixed.text), FLAGS, detectIndent(fixed.text), name);
    expect(again.changes).toEqual([]);
    expect(again.text).toBe(fixed.text);
  });

  test('no Datadog key and no null in the output', () => {
    expect(fixed.text).not.toContain(KEY);
    expect(JSON.stringify(fixed.changes)).not.toContain(KEY);
    expect(fixed.text).not.toMatch(/:\s*null/);
  });
});

test('what fix leaves to the user is reported: ECS.20 on applications without a user, not on the accepted agent', () => {
  const out = fixFile(file('containers.json'), FLAGS);
  expect(out.left.map((f) => f.ruleId)).toEqual(['ECS.20']);
  expect(out.left[0].message).toContain('"web"');
  expect(renderFixReport('containers.json', undefined, out.changes, 'text', out.left)).toMatch(/! left to you: ECS\.20 \$\[0\]\.user/);
  expect(JSON.parse(renderFixReport('containers.json', undefined, out.changes, 'json', out.left)).left).toHaveLength(1);
});

describe('output registers as it stands', () => {
  test('describe output is unwrapped; describe-only keys and nulls dropped; tags kept; nothing else removed', () => {
    const input = read('describe-firelens.json');
    const out = fixFile(file('describe-firelens.json'), FLAGS).document;
    expect(out).not.toHaveProperty('taskDefinition');
    for (const key of ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'ephemeralStorage']) {
      expect(out).not.toHaveProperty([key]);
    }
    expect(out.tags).toEqual(input.tags);
    const before = input.taskDefinition as Json;
    for (const key of ['family', 'taskRoleArn', 'executionRoleArn', 'networkMode', 'placementConstraints', 'runtimePlatform', 'requiresCompatibilities', 'cpu', 'memory']) {
      expect(out[key]).toEqual(before[key]);
    }
    const checkout = byName(containers(out), 'checkout');
    expect(checkout).not.toHaveProperty('healthCheck');
    expect(checkout).not.toHaveProperty('user');
    expect(checkout.systemControls).toEqual([]);
  });

  test('a key RegisterTaskDefinition does not know is not dropped: fix refuses with its path', () => {
    const doc = read('containers.json') as unknown as Json[];
    doc[1].memory_limit_mib = 256;
    const err = failure(() => fixDocument(doc, FLAGS, undefined, 'x.json'));
    expect(err.exitCode).toBe(2);
    expect(err.describe()).toMatch(/\$\[\d\]\.memory_limit_mib: container "datadog" has key "memory_limit_mib"/);
  });

  test('a bare container definitions array stays a bare array; the volumes it needs are reported', () => {
    const out = fixFile(file('containers.json'), FLAGS);
    expect(Array.isArray(out.document)).toBe(true);
    expect((out.document as unknown as Json[]).map((c) => c.name)).toEqual(['web', 'datadog-init', 'datadog']);
    const declare = out.changes.find((c) => c.description.startsWith('the task definition must declare the volumes'));
    expect(declare?.description).toContain('"datadog-config"');
    expect(declare?.description).toContain('"web-var-cache-nginx"');
  });

  test('Terraform JSON stays Terraform JSON: a literal $${ stays escaped, execution_role_arn comes from the flag', () => {
    const out = fixFile(file('api.tf.json'), FLAGS).document;
    const body = ((out.resource as Json).aws_ecs_task_definition as Record<string, Json>).api;
    expect(typeof body.container_definitions).toBe('string');
    expect(body.container_definitions).toContain('cost:$${team}');
    expect(body.execution_role_arn).toBe(ROLE);
    expect(body.tags).toEqual({ service: 'api' });
    expect((body.volume as Json[]).map((v) => v.name)).toEqual(expect.arrayContaining(['datadog-config', 'api-tmp']));
  });
});

describe('what fix cannot infer is a flag, all named at once, nothing written', () => {
  test('Datadog sample style without logs, key or role: every missing flag in one error', () => {
    const err = failure(() => fixFile(file('no-logs.json')));
    expect(err.exitCode).toBe(2);
    const paths = err.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['--api-key-secret-arn', '--log-group', '--region', '--execution-role-arn']));
    expect(err.describe()).not.toContain(KEY);
  });

  test.each([
    [['--api-key-secret-arn'], { executionRoleArn: ROLE, logGroup: '/ecs/x', region: 'eu-west-1' }],
    [['--execution-role-arn'], { apiKeySecretArn: ARN, logGroup: '/ecs/x', region: 'eu-west-1' }],
    [['--region'], { apiKeySecretArn: ARN, executionRoleArn: ROLE, logGroup: '/ecs/x' }],
    [['--log-group', '--region'], { apiKeySecretArn: ARN, executionRoleArn: ROLE }],
    [['--api-key-secret-arn', '--execution-role-arn', '--log-group'], { region: 'eu-west-1' }],
  ])('missing %j: exactly those are named', (missing, options: FixOptions) => {
    const err = failure(() => fixFile(file('no-logs.json'), options));
    expect(err.problems.map((p) => p.path).sort()).toEqual([...missing].sort());
  });

  test('--add-agent without --api-key-secret-arn, --site and --env names all three', () => {
    const doc = read('agent-named-otherwise.json');
    doc.containerDefinitions = containers(doc).filter((c) => c.name === 'orders');
    doc.volumes = [{ name: 'cws-instrumentation-volume' }];
    byName(containers(doc), 'orders').dependsOn = [];
    const err = failure(() => fixDocument(doc, { addAgent: true, executionRoleArn: ROLE }, undefined, 'x.json'));
    expect(err.problems.map((p) => p.path).sort()).toEqual(['--api-key-secret-arn', '--env', '--site']);
  });

  test('--add-agent with --site and --env: the agent sends to that site, wired like the generator\'s agent', () => {
    const doc = read('no-logs.json');
    doc.containerDefinitions = containers(doc).filter((c) => c.name === 'redis');
    const out = fixDocument(doc, { ...FLAGS, addAgent: true, site: 'datadoghq.eu', env: 'staging' }, undefined, 'x.json').document;
    const agent = byName(containers(out), 'datadog-agent');
    expect(agent.environment).toEqual(expect.arrayContaining([{ name: 'DD_SITE', value: 'datadoghq.eu' }, { name: 'DD_ENV', value: 'staging' }]));
    expect(agent.secrets).toEqual([{ name: 'DD_API_KEY', valueFrom: ARN }]);
    expect(dependsOn(agent)).toEqual(['datadog-init:SUCCESS']);
    expect(mountPaths(agent)).toEqual(AGENT_WRITABLE_PATHS.map((p) => p.path));
    expect(standing(out, 'x.json')).toEqual([]);
  });

  test('flag values are validated together, and a key passed as an ARN is never echoed', () => {
    const err = failure(() => fixFile(file('containers.json'), { apiKeySecretArn: KEY, site: 'datadoghq.org', region: 'Europe', writable: [{ container: 'web', path: 'relative' }] }));
    expect(err.problems.map((p) => p.path)).toEqual(['--api-key-secret-arn', '--site', '--region', '--writable']);
    expect(err.describe()).not.toContain(KEY);
  });

  test('--writable naming no container of the task: exit 2 with the names it has', () => {
    const err = failure(() => fixFile(file('containers.json'), { ...FLAGS, writable: [{ container: 'api', path: '/cache' }] }));
    expect(err.describe()).toContain('"web", "datadog"');
  });
});

describe('agents by image, whatever their name or essential flag', () => {
  test.each([
    'public.ecr.aws/datadog/agent:7',
    'public.ecr.aws/datadog/agent:7.60.1-full',
    'gcr.io/datadoghq/agent:latest',
    'datadog/agent',
    'docker.io/datadog/agent:7@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    '123456789012.dkr.ecr.us-east-1.amazonaws.com/mirror/datadog/agent:7',
    'registry.example.com:5000/datadog/agent',
  ])('%s is the agent image', (image) => {
    expect(isAgentImage(image)).toBe(true);
    expect(findAgent([{ def: { name: 'sidecar', image, essential: false } }])?.def.name).toBe('sidecar');
  });

  test.each(['datadog/cluster-agent:7', 'datadog/agent-dev:nightly', 'public.ecr.aws/datadog/cws-instrumentation:latest', 'example/datadog-agent:1'])('%s is not', (image) => {
    expect(isAgentImage(image)).toBe(false);
  });

  test('dd-agent, essential false, from a mirror with a digest: volumes, init, health check like the generator\'s agent', () => {
    const out = fixFile(file('agent-named-otherwise.json'), FLAGS).document;
    const agent = byName(containers(out), 'dd-agent');
    expect(mountPaths(agent)).toEqual(['/etc/datadog-agent/conf.d', ...AGENT_WRITABLE_PATHS.map((p) => p.path)]);
    expect(agent.healthCheck).toMatchObject({ command: ['CMD-SHELL', 'agent health'] });
    const init = byName(containers(out), 'datadog-init');
    expect(init.image).toBe(agent.image);
    expect(init.command).toEqual([INIT_COPY_COMMAND]);
    expect(init.essential).toBe(false);
  });
});

test('an existing agent keeps its site and gets the generator\'s other settings it lacks; DD_SITE is never defaulted', () => {
  const noSite = byName(containers(fixFile(file('no-logs.json'), FLAGS).document), 'datadog-agent');
  expect(envNames(noSite)).not.toContain('DD_SITE');
  expect(envNames(noSite)).toEqual(expect.arrayContaining(['ECS_FARGATE', 'DD_APM_RECEIVER_SOCKET', 'DD_DOGSTATSD_SOCKET']));
  const us5 = byName(fixFile(file('containers.json'), FLAGS).document as unknown as Json[], 'datadog');
  expect((us5.environment as Json[]).filter((e) => e.name === 'DD_SITE')).toEqual([{ name: 'DD_SITE', value: 'us5.datadoghq.com' }]);
});

describe('start-up order that works', () => {
  const out = fixFile(file('agent-named-otherwise.json'), FLAGS).document;
  const list = containers(out);

  test('a container that writes the agent\'s config runs first and never waits for the agent', () => {
    const feeder = byName(list, 'config-init');
    expect(dependsOn(feeder)).toEqual([]);
    expect(dependsOn(byName(list, 'dd-agent'))).toEqual(['datadog-init:SUCCESS', 'config-init:SUCCESS']);
    expect(envNames(feeder)).not.toContain('DD_TRACE_AGENT_URL');
  });

  test('cws-instrumentation-init is a Datadog helper, not an application', () => {
    const cws = byName(list, 'cws-instrumentation-init');
    expect(dependsOn(cws)).toEqual([]);
    expect(mountPaths(cws)).toEqual(['/cws-instrumentation-volume']);
    expect(envNames(cws)).toEqual([]);
    expect(dependsOn(byName(list, 'orders'))).toEqual(['cws-instrumentation-init:SUCCESS', 'dd-agent:HEALTHY']);
  });

  test('the FireLens log router is not an application either', () => {
    const router = byName(containers(fixFile(file('describe-firelens.json'), FLAGS).document), 'log_router');
    expect(dependsOn(router)).toEqual([]);
    expect(mountPaths(router)).toEqual(['/tmp']);
  });

  test('a dependency cycle in the input is refused with the cycle named', () => {
    const doc = read('containers.json') as unknown as Json[];
    doc[0].dependsOn = [{ containerName: 'worker', condition: 'START' }];
    doc.push({ ...doc[0], name: 'worker', image: 'example/worker:1', portMappings: [], dependsOn: [{ containerName: 'web', condition: 'START' }] });
    const err = failure(() => fixDocument(doc, FLAGS, undefined, 'x.json'));
    expect(err.message).toMatch(/cycle/);
    expect(err.message).toContain('web -> worker');
  });
});

describe('somewhere to write', () => {
  test('nginx gets /tmp, /var/cache/nginx and /var/run, and the report says other paths need --writable', () => {
    const out = fixFile(file('containers.json'), FLAGS);
    const web = byName(out.document as unknown as Json[], 'web');
    expect(mountPaths(web)).toEqual(['/tmp', '/var/cache/nginx', '/var/run', '/var/run/datadog']);
    const line = out.changes.find((c) => c.container === 'web' && c.description.startsWith('made writable'))!;
    expect(line.description).toContain('--writable web:PATH');
    expect(line.description).toContain('nginx');
  });

  test('--writable adds a path; an existing /tmp mount is not doubled', () => {
    const doc = read('containers.json') as unknown as Json[];
    doc[0].mountPoints = [{ sourceVolume: 'scratch', containerPath: '/tmp', readOnly: false }];
    const out = fixDocument(doc, { ...FLAGS, writable: [{ container: 'web', path: '/usr/share/nginx/html/cache' }] }, undefined, 'x.json');
    const web = byName(out.document as unknown as Json[], 'web');
    expect(mountPaths(web).filter((p) => p === '/tmp')).toHaveLength(1);
    expect(mountPaths(web)).toContain('/usr/share/nginx/html/cache');
  });

  test('a container that was read-only already is left as the user made it', () => {
    const doc = read('containers.json') as unknown as Json[];
    doc[0].readonlyRootFilesystem = true;
    const web = byName(fixDocument(doc, FLAGS, undefined, 'x.json').document as unknown as Json[], 'web');
    expect(mountPaths(web)).toEqual(['/var/run/datadog']);
  });

  test('every table entry has a source and absolute paths', () => {
    for (const entry of IMAGE_WRITABLE_PATHS) {
      expect(entry.source.length).toBeGreaterThan(20);
      for (const p of entry.paths) expect(p).toMatch(/^\/[^/]/);
    }
  });

  test.each([
    ['nginx', 'nginx'],
    ['public.ecr.aws/nginx/nginx:1.27', 'nginx'],
    ['docker.io/library/httpd:2.4', 'httpd'],
    ['tomcat:10.1-jdk21', 'tomcat'],
    ['public.ecr.aws/docker/library/postgres:16', 'postgres'],
    ['redis:7.4-alpine', 'redis'],
    ['php:8.3-fpm-alpine', 'php-fpm'],
    ['envoyproxy/envoy:v1.31-latest', 'envoy'],
    ['node:20-slim', 'node'],
    ['python:3.12@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'python'],
  ])('%s is %s', (image, entry) => {
    expect(knownImage(image)?.image).toBe(entry);
  });

  test.each(['php:8.3-apache', 'nginx-exporter:1', 'example/app:1', 'mynode:1'])('%s is not in the table', (image) => {
    expect(knownImage(image)).toBeUndefined();
  });
});

describe('secrets, all of them', () => {
  test('a FireLens apikey moves to secretOptions with the given ARN', () => {
    const out = fixFile(file('describe-firelens.json'), FLAGS).document;
    const log = byName(containers(out), 'checkout').logConfiguration as Json;
    expect(log.options).not.toHaveProperty('apikey');
    expect(log.secretOptions).toEqual([{ name: 'apikey', valueFrom: ARN }]);
  });

  test('a key-shaped value under any name moves to secrets; one inside a longer value is refused', () => {
    const doc = read('containers.json') as unknown as Json[];
    doc[0].environment = [{ name: 'DATADOG_KEY', value: KEY }];
    const web = byName(fixDocument(doc, FLAGS, undefined, 'x.json').document as unknown as Json[], 'web');
    expect(web.secrets).toEqual([{ name: 'DATADOG_KEY', valueFrom: ARN }]);
    doc[0].environment = [{ name: 'DD_URL', value: `https://intake.example.com/?k=${KEY}` }];
    const err = failure(() => fixDocument(doc, FLAGS, undefined, 'x.json'));
    expect(err.describe()).toContain('DD_URL');
    expect(err.describe()).not.toContain(KEY);
  });

  test('with a FireLens router, a container without logs logs through it like the others, its own service name, the key from secretOptions', () => {
    const doc = read('describe-firelens.json');
    const td = doc.taskDefinition as Json;
    containers(td).push({ name: 'worker', image: '210987654321.dkr.ecr.eu-west-1.amazonaws.com/worker:3.4.1', essential: false });
    const worker = byName(containers(fixDocument(doc, FLAGS, undefined, 'x.json').document), 'worker');
    const log = worker.logConfiguration as Json;
    expect(log.logDriver).toBe('awsfirelens');
    expect(log.options).toEqual({ Name: 'datadog', Host: 'http-intake.logs.datadoghq.eu', TLS: 'on', provider: 'ecs', dd_service: 'worker' });
    expect(log.secretOptions).toEqual([{ name: 'apikey', valueFrom: ARN }]);
  });

  test('environment[].valueFrom moves to secrets', () => {
    const out = fixFile(file('api.tf.json'), FLAGS).document;
    const body = ((out.resource as Json).aws_ecs_task_definition as Record<string, Json>).api;
    const api = byName(JSON.parse(String(body.container_definitions)) as Json[], 'api');
    expect(api.secrets).toEqual([{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:ap-southeast-2:567890123456:parameter/api/db-password' }]);
    expect(JSON.stringify(api.environment)).not.toContain('valueFrom');
  });

  test('AWS credentials in plain environment (ECS.8): exit 2 with the reason, values never shown', () => {
    const err = failure(() => fixFile(file('credentials-env.json'), FLAGS));
    expect(err.exitCode).toBe(2);
    expect(err.problems.map((p) => p.path)).toEqual(['containerDefinitions["reports"].environment[0]', 'containerDefinitions["reports"].environment[1]']);
    expect(err.describe()).toContain('ECS.8');
    expect(err.describe()).not.toContain('AKIAEXAMPLE');
  });
});

describe('names fix would use are taken (fuzzing finds)', () => {
  test('an essential nginx named datadog-init stays essential; the init gets another name', () => {
    const out = fixFile(file('datadog-init-taken.json'), FLAGS).document;
    const nginx = containers(out).find((c) => c.image === 'nginx:1.27')!;
    expect(nginx.name).toBe('datadog-init');
    expect(nginx.essential).toBe(true);
    const init = byName(containers(out), 'datadog-init-2');
    expect(init.command).toEqual([INIT_COPY_COMMAND]);
    expect(dependsOn(byName(containers(out), 'datadog-agent'))).toEqual(['datadog-init-2:SUCCESS']);
  });

  test('a datadog-init from the agent image that runs another command is kept; a real init comes beside it', () => {
    const doc = read('datadog-init-taken.json');
    Object.assign(containers(doc)[0], { image: 'public.ecr.aws/datadog/agent:7', essential: false, command: ['true'] });
    delete containers(doc)[0].portMappings;
    const out = fixDocument(doc, FLAGS, undefined, 'x.json').document;
    expect(byName(containers(out), 'datadog-init').command).toEqual(['true']);
    expect(byName(containers(out), 'datadog-init-2').command).toEqual([INIT_COPY_COMMAND]);
    expect(standing(out, 'x.json')).toEqual([]);
  });

  test('an application waiting for a missing datadog-init HEALTHY: the init never takes that name; the dangling dependency is refused', () => {
    const doc = read('datadog-init-taken.json');
    doc.containerDefinitions = containers(doc).slice(1).concat([{ ...containers(doc)[0], name: 'web', dependsOn: [{ containerName: 'datadog-init', condition: 'HEALTHY' }] }]);
    const err = failure(() => fixDocument(doc, FLAGS, undefined, 'x.json'));
    expect(err.describe()).toContain('FARGATE.DEPENDS_ON_TARGET');
    expect(err.describe()).toContain('"datadog-init"');
  });

  test('an application waiting for the real init HEALTHY waits for SUCCESS instead (an init exits)', () => {
    const doc = read('datadog-init-taken.json');
    containers(doc)[0].name = 'web';
    containers(doc)[0].dependsOn = [{ containerName: 'datadog-init', condition: 'HEALTHY' }];
    containers(doc).unshift({
      name: 'datadog-init',
      image: 'public.ecr.aws/datadog/agent:7',
      essential: false,
      logConfiguration: containers(doc)[0].logConfiguration,
    });
    const out = fixDocument(doc, FLAGS, undefined, 'x.json').document;
    expect(byName(containers(out), 'datadog-init').command).toEqual([INIT_COPY_COMMAND]);
    expect(dependsOn(byName(containers(out), 'web'))).toEqual(['datadog-init:SUCCESS', 'datadog-agent:HEALTHY']);
    expect(standing(out, 'x.json')).toEqual([]);
  });
});
