/**
 * Property: for any task definition of the shapes fix handles, fix's output passes check apart from ECS.20 on
 * application containers, and a second fix changes nothing.
 */
import fc from 'fast-check';
import { checkSubject, unresolved } from '../src/compliance/check';
import { findAgent, findInit } from '../src/compliance/datadog-roles';
import { fixDocument } from '../src/compliance/fix/document';
import { findCycle } from '../src/compliance/fix/fix';
import { validateContainerDefinitionShape, validateTaskDefinitionShape } from '../src/compliance/shape';
import { UserError } from '../src/errors';
import { taskDefinitionSubject } from '../src/compliance/load';
import type { Json } from '../src/compliance/subject';
import { AGENT_WRITABLE_PATHS, CONFIG_VOLUME, INIT_COPY_COMMAND, INIT_STAGING_PATH } from '../src/model/datadog';

const ARN = 'arn:aws:ssm:eu-west-1:123456789012:parameter/datadog/api-key';
const OPTIONS = { apiKeySecretArn: ARN, executionRoleArn: 'arn:aws:iam::123456789012:role/prop-execution' };
const AWSLOGS = { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/prop', 'awslogs-region': 'eu-west-1', 'awslogs-stream-prefix': 'x' } };

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const readonlyKey = fc.constantFrom<Record<string, unknown>>({}, { readonlyRootFilesystem: true }, { readonlyRootFilesystem: false }, { readOnlyRootFilesystem: true });

const app = (i: number) =>
  fc
    .record({
      readonly: readonlyKey,
      user: optional(fc.constantFrom('1000', 'root', '0:0', 'app')),
      logs: fc.boolean(),
      port: optional(fc.integer({ min: 1, max: 65535 })),
      env: fc.subarray(['LOG_LEVEL', 'DD_API_KEY', 'DD_TRACE_AGENT_URL']),
      mounts: fc.boolean(),
    })
    .map((a) => ({
      name: `app-${i}`,
      image: `public.ecr.aws/example/app-${i}:1.0`,
      ...a.readonly,
      ...(a.user !== undefined && { user: a.user }),
      ...(a.port !== undefined && { portMappings: [{ containerPort: a.port, hostPort: a.port }] }),
      ...(a.env.length > 0 && { environment: a.env.map((name) => ({ name, value: 'v' })) }),
      ...(a.mounts && { mountPoints: [] }),
      ...(a.logs && { logConfiguration: { ...AWSLOGS, options: { ...AWSLOGS.options, 'awslogs-stream-prefix': `app-${i}` } } }),
    }));

const agent = fc
  .record({
    image: fc.constantFrom('public.ecr.aws/datadog/agent:7', 'gcr.io/datadoghq/agent:latest', 'datadog/agent:7.60.0'),
    readonly: readonlyKey,
    mounts: fc.subarray(AGENT_WRITABLE_PATHS.map((p) => p.path)),
    readOnlyMount: fc.boolean(),
    health: fc.boolean(),
    logs: fc.boolean(),
    plaintextKey: fc.boolean(),
  })
  .map((a) => ({
    name: 'datadog-agent',
    image: a.image,
    ...a.readonly,
    environment: [{ name: 'ECS_FARGATE', value: 'true' }, ...(a.plaintextKey ? [{ name: 'DD_API_KEY', value: 'k' }] : [])],
    ...(!a.plaintextKey && { secrets: [{ name: 'DD_API_KEY', valueFrom: ARN }] }),
    mountPoints: a.mounts.map((path, i) => ({
      sourceVolume: AGENT_WRITABLE_PATHS.find((p) => p.path === path)!.volume,
      containerPath: path,
      readOnly: a.readOnlyMount && i === 0,
    })),
    ...(a.health && { healthCheck: { command: ['CMD-SHELL', 'agent health'] } }),
    ...(a.logs && { logConfiguration: AWSLOGS }),
  }));

const init = fc.record({ name: fc.constantFrom('datadog-init', 'init-volume'), readonly: readonlyKey }).map((i) => ({
  name: i.name,
  image: 'public.ecr.aws/datadog/agent:7',
  essential: false,
  ...i.readonly,
  entryPoint: ['/bin/sh', '-c'],
  command: [INIT_COPY_COMMAND],
  mountPoints: [{ sourceVolume: CONFIG_VOLUME, containerPath: INIT_STAGING_PATH, readOnly: false }],
}));

const taskDefinitions = fc
  .record({
    apps: fc.integer({ min: 0, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => app(i)))),
    agent: optional(agent),
    init: optional(init),
    volumes: fc.boolean(),
    extra: fc.constantFrom({}, { tags: [{ key: 'team', value: 'x' }] }, { ephemeralStorage: { sizeInGiB: 30 } }),
  })
  .filter((t) => t.apps.length > 0 || t.agent !== undefined)
  .map((t) => {
    const containers: Json[] = [...(t.agent && t.init ? [t.init] : []), ...(t.agent ? [t.agent] : []), ...t.apps];
    containers[0] = { ...containers[0], logConfiguration: AWSLOGS };
    const mounted = [...new Set(containers.flatMap((c) => ((c.mountPoints as Json[] | undefined) ?? []).map((m) => m.sourceVolume as string)))];
    return {
      family: 'prop',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '1024',
      memory: '2048',
      containerDefinitions: containers,
      ...(t.volumes ? { volumes: mounted.map((name) => ({ name })) } : { volumes: mounted.map((name) => ({ name })).slice(0, 1) }),
      ...t.extra,
    } as Json;
  });

function applicationNames(td: Json): string[] {
  const refs = (td.containerDefinitions as Json[]).map((def) => ({ def }));
  const a = findAgent(refs);
  const i = a && findInit(refs, a);
  return refs.filter((r) => r !== a && r !== i).map((r) => r.def.name as string);
}

test('fix output passes check apart from ECS.20 on application containers, and a second fix changes nothing', () => {
  fc.assert(
    fc.property(taskDefinitions, (td) => {
      const fixed = fixDocument(td, OPTIONS, undefined, 'prop.json');
      const apps = applicationNames(fixed.document);
      const standing = unresolved(checkSubject(taskDefinitionSubject(fixed.document, 'prop.json')));
      for (const f of standing) {
        expect(f.ruleId).toBe('ECS.20');
        expect(apps.some((name) => f.message.includes(`"${name}"`))).toBe(true);
      }
      const again = fixDocument(fixed.document, OPTIONS, undefined, 'prop.json');
      expect(again.changes).toEqual([]);
      expect(again.text).toBe(fixed.text);
      // Keys fix does not own are kept.
      for (const key of Object.keys(td)) expect(fixed.document).toHaveProperty([key]);
    }),
    { numRuns: 300, seed: 20261128 },
  );
});

// Task definitions as users have them: agents under any name and essential flag, from mirrors; well-known and
// unknown application images; containers feeding the agent's config; FireLens with a key in its options; secret ARNs
// in environment valueFrom; describe output with nulls, and bare container arrays.
const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const FULL_OPTIONS = { ...OPTIONS, logGroup: '/ecs/prop', region: 'eu-west-1' };

const wideAgent = fc.record({
  name: fc.constantFrom('datadog-agent', 'dd-agent', 'datadog', 'agent'),
  essential: fc.constantFrom<boolean | undefined>(true, false, undefined),
  image: fc.constantFrom(
    'public.ecr.aws/datadog/agent:7',
    'gcr.io/datadoghq/agent:7.60.0',
    'docker.io/datadog/agent@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/mirror/datadog/agent:7',
  ),
  confVolume: fc.boolean(),
  logs: fc.boolean(),
});

const wideApp = (i: number) =>
  fc.record({
    image: fc.constantFrom('nginx:1.27', 'httpd:2.4', 'tomcat:10', 'redis:7', 'python:3.12', 'node:20', `example/app-${i}:1`),
    readonly: fc.boolean(),
    secretEnv: fc.boolean(),
    logs: fc.boolean(),
  });

const wideTasks = fc
  .record({
    agent: fc.option(wideAgent, { nil: undefined }),
    apps: fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => wideApp(i)))),
    feeder: fc.constantFrom<'none' | 'plain' | 'waits'>('none', 'plain', 'waits'),
    firelens: fc.boolean(),
    form: fc.constantFrom<'task' | 'describe' | 'array'>('task', 'describe', 'array'),
  })
  .map((t) => {
    const containers: Json[] = [];
    const agentName = t.agent?.name;
    if (t.agent) {
      containers.push({
        name: t.agent.name,
        image: t.agent.image,
        ...(t.agent.essential !== undefined && { essential: t.agent.essential }),
        secrets: [{ name: 'DD_API_KEY', valueFrom: ARN }],
        ...(t.agent.confVolume && { mountPoints: [{ sourceVolume: 'agent-conf', containerPath: '/etc/datadog-agent/conf.d', readOnly: false }] }),
        ...(t.agent.logs && { logConfiguration: AWSLOGS }),
      });
      if (t.agent.confVolume && t.feeder !== 'none') {
        containers.push({
          name: 'config-init',
          image: 'busybox:1.36',
          essential: false,
          command: ['sh', '-c', 'echo instances: [] > /conf.d/x.yaml'],
          mountPoints: [{ sourceVolume: 'agent-conf', containerPath: '/conf.d', readOnly: false }],
          ...(t.feeder === 'waits' && { dependsOn: [{ containerName: agentName, condition: 'HEALTHY' }] }),
        });
      }
    }
    if (t.firelens) {
      containers.push({ name: 'log_router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable', essential: true, firelensConfiguration: { type: 'fluentbit' }, logConfiguration: AWSLOGS });
    }
    t.apps.forEach((a, i) => {
      containers.push({
        name: `app-${i}`,
        image: a.image,
        ...(a.readonly && { readonlyRootFilesystem: true }),
        ...(a.secretEnv && { environment: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/db' }] }),
        // With a FireLens router, applications log through it (or have no log configuration for fix to fill in).
        ...(t.firelens
          ? (i === 0 || a.logs) && { logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'datadog', apikey: KEY, Host: 'http-intake.logs.datadoghq.eu', dd_service: `app-${i}` } } }
          : a.logs && { logConfiguration: AWSLOGS }),
      });
    });
    const mounted = [...new Set(containers.flatMap((c) => ((c.mountPoints as Json[] | undefined) ?? []).map((m) => m.sourceVolume as string)))];
    const td: Json = { family: 'wide', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '1024', memory: '2048', containerDefinitions: containers, volumes: mounted.map((name) => ({ name })) };
    if (t.form === 'array') return containers as unknown;
    if (t.form === 'describe') return { taskDefinition: { ...td, taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/wide:3', revision: 3, status: 'ACTIVE', ephemeralStorage: null }, tags: [] };
    return td;
  });

test('on task definitions as users have them, fix either writes what passes check and the shape table, stable on a second run, or refuses with a UserError; never anything else', () => {
  let written = 0;
  fc.assert(
    fc.property(wideTasks, (input) => {
      let fixed: ReturnType<typeof fixDocument>;
      try {
        fixed = fixDocument(input, FULL_OPTIONS, undefined, 'wide.json');
      } catch (err) {
        expect(err).toBeInstanceOf(UserError);
        expect((err as UserError).describe()).not.toContain(KEY);
        return;
      }
      written++;
      expect(fixed.text).not.toContain(KEY);
      expect(fixed.text).not.toContain('null');
      const doc = fixed.document;
      const list = Array.isArray(doc) ? (doc as Json[]) : (doc.containerDefinitions as Json[]);
      expect(findCycle(list)).toBeUndefined();
      for (const c of list) expect(c.readonlyRootFilesystem).toBe(true);
      if (Array.isArray(doc)) {
        for (const c of list) expect(validateContainerDefinitionShape(c)).toEqual([]);
      } else {
        expect(validateTaskDefinitionShape(doc)).toEqual([]);
        const standing = unresolved(checkSubject(taskDefinitionSubject(doc, 'wide.json'))).filter((f) => f.ruleId !== 'ECS.20');
        expect(standing).toEqual([]);
      }
      // Containers that write the agent's config never wait for it.
      const feeder = list.find((c) => c.name === 'config-init');
      if (feeder) expect(JSON.stringify(feeder.dependsOn ?? [])).not.toContain('HEALTHY');
      const again = fixDocument(JSON.parse(fixed.text), FULL_OPTIONS, undefined, 'wide.json');
      expect(again.changes).toEqual([]);
      expect(again.text).toBe(fixed.text);
    }),
    { numRuns: 200, seed: 20261201 },
  );
  expect(written).toBeGreaterThan(150);
});

test('on arbitrary JSON shaped like a task definition, fix never fails with anything but a UserError', () => {
  const loose = fc.jsonValue({ maxDepth: 2 });
  const anyContainer = fc.record(
    {
      name: fc.oneof(fc.constantFrom('datadog-agent', 'datadog-init', 'app', 'config-init'), loose),
      image: fc.oneof(fc.constantFrom('public.ecr.aws/datadog/agent:7', 'nginx:1', 'busybox'), loose),
      essential: fc.oneof(fc.boolean(), loose),
      environment: fc.oneof(fc.array(fc.record({ name: fc.oneof(fc.constantFrom('DD_API_KEY', 'AWS_ACCESS_KEY_ID', 'X'), loose), value: loose, valueFrom: loose }, { requiredKeys: [] })), loose),
      mountPoints: fc.oneof(
        fc.array(fc.record({ sourceVolume: fc.oneof(fc.constantFrom('datadog-config', 'v'), loose), containerPath: fc.oneof(fc.constantFrom('/etc/datadog-agent', '/var/run/datadog', '/tmp', '/'), loose), readOnly: loose }, { requiredKeys: [] })),
        loose,
      ),
      dependsOn: fc.oneof(fc.array(fc.record({ containerName: fc.oneof(fc.constantFrom('datadog-agent', 'datadog-init', 'app'), loose), condition: loose }, { requiredKeys: [] })), loose),
      logConfiguration: fc.oneof(fc.record({ logDriver: fc.oneof(fc.constantFrom('awslogs', 'awsfirelens'), loose), options: loose }, { requiredKeys: [] }), loose),
      command: loose,
      entryPoint: loose,
      healthCheck: loose,
      firelensConfiguration: loose,
      readonlyRootFilesystem: loose,
    },
    { requiredKeys: [] },
  );
  const anyTask = fc.record({
    containerDefinitions: fc.oneof(fc.array(anyContainer, { maxLength: 4 }), fc.jsonValue({ maxDepth: 2 })),
    volumes: fc.jsonValue({ maxDepth: 2 }),
    requiresCompatibilities: fc.constantFrom<unknown>(['FARGATE'], 'FARGATE', null, undefined),
  });
  fc.assert(
    fc.property(anyTask, fc.boolean(), (td, asArray) => {
      const input = asArray ? td.containerDefinitions : td;
      try {
        fixDocument(input, FULL_OPTIONS, undefined, 'any.json');
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
      }
    }),
    { numRuns: 500, seed: 20261202 },
  );
});
