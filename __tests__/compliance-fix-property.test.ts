/**
 * Property: for any task definition of the shapes fix handles, fix's output passes check apart from ECS.20 on
 * application containers, and a second fix changes nothing.
 */
import fc from 'fast-check';
import { checkSubject, unresolved } from '../src/compliance/check';
import { findAgent, findInit } from '../src/compliance/datadog-roles';
import { fixDocument } from '../src/compliance/fix/document';
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
