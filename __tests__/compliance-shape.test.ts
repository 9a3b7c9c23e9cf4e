import { resolveConfig } from '../src/config/defaults';
import {
  CONTAINER_DEFINITION,
  DESCRIBE_ONLY_KEYS,
  isDescribeOnlyKey,
  REGISTER_KEYS,
  ShapeIssue,
  TASK_DEFINITION,
  validateContainerDefinitionShape,
  validateShape,
  validateTaskDefinitionShape,
  withoutDescribeOnlyKeys,
} from '../src/compliance/shape';
import { taskDefinition } from '../src/model/task-definition';
import { APP_CONFIG } from './support/configs';

const generated = (): Record<string, unknown> => JSON.parse(JSON.stringify(taskDefinition(resolveConfig(APP_CONFIG))));
const summary = (issues: readonly ShapeIssue[]) => issues.map((i) => [i.kind, i.path.join('.'), i.expected]);

describe('the RegisterTaskDefinition table', () => {
  test('has every task-level key of the API, case-sensitive, and marks the describe-only ones', () => {
    expect(REGISTER_KEYS).toEqual([
      'family', 'containerDefinitions', 'taskRoleArn', 'executionRoleArn', 'networkMode', 'volumes', 'placementConstraints',
      'requiresCompatibilities', 'cpu', 'memory', 'tags', 'pidMode', 'ipcMode', 'proxyConfiguration', 'inferenceAccelerators',
      'ephemeralStorage', 'runtimePlatform', 'enableFaultInjection',
    ]);
    expect(DESCRIBE_ONLY_KEYS).toEqual(expect.arrayContaining([
      'taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt',
    ]));
    expect(isDescribeOnlyKey('revision')).toBe(true);
    expect(isDescribeOnlyKey('family')).toBe(false);
    expect(isDescribeOnlyKey('constructor')).toBe(false);
  });

  test('knows the container keys and nested structures with their enums', () => {
    expect(Object.keys(CONTAINER_DEFINITION.members)).toEqual(expect.arrayContaining(['readonlyRootFilesystem', 'logConfiguration', 'firelensConfiguration', 'restartPolicy', 'credentialSpecs']));
    const log = CONTAINER_DEFINITION.members.logConfiguration.shape;
    expect(log.kind === 'structure' && log.members.logDriver).toEqual({ shape: { kind: 'string', enum: expect.arrayContaining(['awslogs', 'awsfirelens', 'splunk']) }, required: true });
    const runtime = TASK_DEFINITION.members.runtimePlatform.shape;
    expect(runtime.kind === 'structure' && runtime.members.cpuArchitecture.shape).toEqual({ kind: 'string', enum: ['ARM64', 'X86_64'] });
  });

  test('withoutDescribeOnlyKeys drops exactly the describe-only keys', () => {
    const td = { family: 'f', revision: 4, status: 'ACTIVE', taskDefinitionArn: 'arn', registeredBy: 'me', containerDefinitions: [] };
    expect(withoutDescribeOnlyKeys(td)).toEqual({ family: 'f', containerDefinitions: [] });
  });
});

describe('validateShape', () => {
  test('the generated task definition has no issue', () => {
    expect(validateTaskDefinitionShape(generated())).toEqual([]);
  });

  test('an unknown key anywhere, not only a mis-cased one', () => {
    const issues = validateContainerDefinitionShape({ name: 'app', memory_limit_mib: 512, readOnlyRootFilesystem: true, log_configuration: {} }, ['containerDefinitions', 0], 'container "app"');
    expect(summary(issues)).toEqual([
      ['unknown-key', 'containerDefinitions.0.memory_limit_mib', undefined],
      ['miscased-key', 'containerDefinitions.0.readOnlyRootFilesystem', 'readonlyRootFilesystem'],
      ['miscased-key', 'containerDefinitions.0.log_configuration', 'logConfiguration'],
    ]);
    expect(issues[0].message).toBe('container "app" has key "memory_limit_mib", which is not a ContainerDefinition key, so ECS drops it');
    expect(issues[1].message).toContain('the key is "readonlyRootFilesystem"');
  });

  test('a near miss is suggested; a far one is not', () => {
    const issues = validateContainerDefinitionShape({ readonlyRootFilesytem: true, xyz: 1 });
    expect(summary(issues)).toEqual([
      ['unknown-key', 'readonlyRootFilesytem', 'readonlyRootFilesystem'],
      ['unknown-key', 'xyz', undefined],
    ]);
  });

  test('wrong types and values outside an enum, with the path and the allowed values', () => {
    const td = generated();
    td.networkMode = 'AWSVPC';
    td.cpu = 512;
    const app = (td.containerDefinitions as Record<string, unknown>[])[0];
    app.essential = 'true';
    app.portMappings = [{ containerPort: '8080', protocol: 'TCP' }];
    app.dockerLabels = { team: 7 };
    const issues = validateTaskDefinitionShape(td);
    expect(summary(issues)).toEqual([
      ['not-in-enum', 'networkMode', undefined],
      ['wrong-type', 'cpu', undefined],
      ['wrong-type', 'containerDefinitions.0.essential', undefined],
      ['wrong-type', 'containerDefinitions.0.dockerLabels.team', undefined],
      ['wrong-type', 'containerDefinitions.0.portMappings.0.containerPort', undefined],
      ['not-in-enum', 'containerDefinitions.0.portMappings.0.protocol', undefined],
    ]);
    expect(issues[0].message).toBe('the task definition networkMode is "AWSVPC"; ECS accepts "awsvpc", "bridge", "host", "none" (case-sensitive: "awsvpc")');
    expect(issues[4].message).toContain('ECS expects an integer (write 8080 without quotes)');
  });

  test('missing required keys, and a union with no member', () => {
    const issues = validateContainerDefinitionShape({ dependsOn: [{ containerName: 'init' }], logConfiguration: { options: {} }, resourceRequirements: [{ type: 'GPU', sharingStrategy: {} }] });
    expect(summary(issues)).toEqual([
      ['missing-required', 'dependsOn.0.condition', undefined],
      ['missing-required', 'logConfiguration.logDriver', undefined],
      ['union', 'resourceRequirements.0.sharingStrategy', undefined],
    ]);
  });

  test('null is absent; a null list item is not', () => {
    expect(validateContainerDefinitionShape({ user: null, environment: [null] }).map((i) => i.path.join('.'))).toEqual(['environment.0']);
  });

  test('describe-only keys: reported in a RegisterTaskDefinition input, accepted in describe output', () => {
    const td = { ...generated(), revision: 3, status: 'ACTIVE', registeredAt: '2025-01-01T00:00:00Z' };
    expect(summary(validateTaskDefinitionShape(td))).toEqual([
      ['describe-only', 'revision', undefined],
      ['describe-only', 'status', undefined],
      ['describe-only', 'registeredAt', undefined],
    ]);
    expect(validateTaskDefinitionShape(td, { describe: true })).toEqual([]);
    expect(summary(validateTaskDefinitionShape({ ...td, status: 'GONE' }, { describe: true }))).toEqual([['not-in-enum', 'status', undefined]]);
  });

  test('never echoes a value or key that looks like a Datadog API key', () => {
    const key = '0123456789abcdef0123456789abcdef';
    const issues = validateShape({ family: 'f', containerDefinitions: [], networkMode: key, [key]: 1 }, TASK_DEFINITION, [], { describe: true });
    expect(issues.map((i) => i.kind)).toEqual(['not-in-enum', 'unknown-key']);
    for (const issue of issues) expect(issue.message).not.toContain(key);
  });

  test('__proto__ and constructor are ordinary unknown keys', () => {
    const obj = JSON.parse('{"__proto__": {"x": 1}, "constructor": 1}');
    expect(summary(validateContainerDefinitionShape(obj)).map((s) => s[1])).toEqual(['__proto__', 'constructor']);
  });
});

describe('the conformance pre-check agrees with the full walk', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require('fast-check') as typeof import('fast-check');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { conforms, shapeIssues } = require('../src/compliance/shape/validate-shape') as typeof import('../src/compliance/shape/validate-shape');
  type Shape = import('../src/compliance/shape').Shape;
  type Json = unknown;

  /** A value of the shape: every required member, some optional ones, one member of a union. */
  function valueOf(shape: Shape, depth: number): fc.Arbitrary<Json> {
    switch (shape.kind) {
      case 'string':
        return shape.enum ? fc.constantFrom(...shape.enum) : fc.string({ maxLength: 4 });
      case 'integer':
        return fc.integer();
      case 'boolean':
        return fc.boolean();
      case 'timestamp':
        return fc.oneof(fc.string({ maxLength: 4 }), fc.integer());
      case 'list':
        return depth > 3 ? fc.constant([]) : fc.array(valueOf(shape.items, depth + 1), { maxLength: 2 });
      case 'map':
        return depth > 3 ? fc.constant({}) : fc.dictionary(fc.constantFrom('a', 'B'), valueOf(shape.values, depth + 1), { maxKeys: 2 });
      case 'structure': {
        const keys = Object.keys(shape.members).filter((k) => !shape.members[k].describeOnly);
        const required = keys.filter((k) => shape.members[k].required);
        const optional = keys.filter((k) => !shape.members[k].required);
        const pick = shape.union ? fc.constantFrom(...keys).map((k) => [k]) : fc.subarray(optional, { maxLength: depth > 2 ? 0 : Math.min(3, optional.length) }).map((o) => [...required, ...o]);
        return pick.chain((chosen) =>
          fc.tuple(...chosen.map((k) => valueOf(shape.members[k].shape, depth + 1))).map((values) => Object.fromEntries(chosen.map((k, i) => [k, values[i]]))),
        );
      }
    }
  }

  /** The least value of a shape (the first union member, required members only). */
  function sampleOf(shape: Shape): Json {
    switch (shape.kind) {
      case 'string':
        return shape.enum ? shape.enum[0] : 'x';
      case 'integer':
      case 'timestamp':
        return 1;
      case 'boolean':
        return true;
      case 'list':
        return [];
      case 'map':
        return {};
      case 'structure': {
        const keys = Object.keys(shape.members).filter((k) => (shape.union ? !shape.members[k].describeOnly : shape.members[k].required));
        return Object.fromEntries((shape.union ? keys.slice(0, 1) : keys).map((k) => [k, sampleOf(shape.members[k].shape)]));
      }
    }
  }

  /** Every node of a value with its shape, in a fixed order. */
  function nodes(value: Json, shape: Shape, out: { value: Json; shape: Shape; set: (v: Json) => void }[] = [], set: (v: Json) => void = () => undefined) {
    out.push({ value, shape, set });
    if (shape.kind === 'list' && Array.isArray(value)) value.forEach((item, i) => nodes(item, shape.items, out, (v) => (value[i] = v)));
    if (shape.kind === 'map' && value && typeof value === 'object') for (const k of Object.keys(value)) nodes((value as Record<string, Json>)[k], shape.values, out, (v) => ((value as Record<string, Json>)[k] = v));
    if (shape.kind === 'structure' && value && typeof value === 'object') {
      const obj = value as Record<string, Json>;
      for (const k of Object.keys(obj)) nodes(obj[k], shape.members[k].shape, out, (v) => (obj[k] = v));
    }
    return out;
  }

  /** One defect of the kind a hand-written task definition has, at one node (choice picks which). */
  function mutate(root: Json, shape: Shape, choice: number, describe: boolean): Json {
    const all = nodes(root, shape);
    const node = all[choice % all.length];
    const n = Math.floor(choice / all.length);
    const s = node.shape;
    const obj = node.value as Record<string, Json>;
    switch (s.kind) {
      case 'string':
        node.set(s.enum && n % 2 === 0 ? `${s.enum[0].toLowerCase()}x` : 7);
        break;
      case 'integer':
        node.set([1.5, '12', true][n % 3]);
        break;
      case 'boolean':
        node.set(['true', 0][n % 2]);
        break;
      case 'timestamp':
        node.set([true, {}][n % 2]);
        break;
      case 'list':
        if (n % 2 === 0 && Array.isArray(node.value)) node.value.push(null);
        else node.set({});
        break;
      case 'map':
        node.set(n % 2 === 0 ? [] : 'x');
        break;
      case 'structure': {
        const keys = Object.keys(s.members);
        const describeOnly = keys.find((k) => s.members[k].describeOnly);
        const required = keys.find((k) => s.members[k].required && k in obj);
        const unset = keys.find((k) => !(k in obj) && !s.members[k].describeOnly);
        const options = [
          () => (obj.unknownKey = 1),
          () => (obj[keys[0].toUpperCase()] = obj[keys[0]] ?? 1),
          () => Object.defineProperty(obj, '__proto__', { value: {}, enumerable: true, configurable: true, writable: true }),
          () => (describeOnly ? (obj[describeOnly] = sampleOf(s.members[describeOnly].shape)) : (obj.constructor = 1)),
          () => (required ? delete obj[required] : (obj.other = 1)),
          () => (required ? (obj[required] = null) : node.set([])),
          () => (s.union && unset ? (obj[unset] = sampleOf(s.members[unset].shape)) : node.set('x')),
          () => (s.union ? Object.keys(obj).forEach((k) => delete obj[k]) : (obj.x = 1)),
        ];
        options[n % options.length]();
      }
    }
    return root;
  }

  test.each([
    ['a task definition', TASK_DEFINITION, false],
    ['describe output', TASK_DEFINITION, true],
    ['a container definition', CONTAINER_DEFINITION, false],
    // a union (sharingStrategy) and an enum, where the whole container rarely reaches them
    ['a resource requirement', (CONTAINER_DEFINITION.members.resourceRequirements.shape as { items: Shape }).items, false],
  ] as const)('on %s with no defect or one', (_, shape: Shape, describe) => {
    let conforming = 0;
    let failing = 0;
    fc.assert(
      fc.property(valueOf(shape, 0), fc.nat(), fc.boolean(), (value, choice, defect) => {
        const input = JSON.parse(JSON.stringify(defect ? mutate(value, shape, choice, describe) : value)) as unknown;
        const ok = conforms(input, shape, describe);
        expect(ok).toBe(shapeIssues(input, shape, [], { describe }).length === 0);
        if (ok) conforming++;
        else failing++;
      }),
      { numRuns: 3000, seed: 20261202 },
    );
    expect(conforming).toBeGreaterThan(1000);
    expect(failing).toBeGreaterThan(1000);
  });

  test('the generated task definition conforms, and so does a describe output of it only with describe', () => {
    const td = generated();
    expect(conforms(td, TASK_DEFINITION, false)).toBe(true);
    const described = { ...td, revision: 3, status: 'ACTIVE' };
    expect(conforms(described, TASK_DEFINITION, false)).toBe(false);
    expect(conforms(described, TASK_DEFINITION, true)).toBe(true);
  });
});
