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
