import * as fs from 'fs';
import { parse } from 'yaml';
import { FARGATE_SIZES, LOG_RETENTION_DAYS } from '../src/config/constraints';
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import { loadConfig, parseConfig } from '../src/config/load';
import type { ServiceConfig } from '../src/config/types';
import { describeValue, didYouMean, formatConfigPath, validateConfig } from '../src/config/validate';
import { UserError } from '../src/errors';
import { repoPath } from './helpers/cli';

const ARN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key-AbCdEf';
const base = (extra: Partial<ServiceConfig> = {}): ServiceConfig => ({ name: 'web-api', datadog: { apiKeySecretArn: ARN }, ...extra });
const paths = (raw: unknown) => validateConfig(raw).map((p) => `${p.path}: ${p.message}`);

describe('Fargate sizes', () => {
  test.each(Object.entries(FARGATE_SIZES).flatMap(([cpu, mems]) => mems.map((m) => [Number(cpu), m])))('cpu %i memory %i is valid', (cpu, memory) => {
    expect(paths(base({ cpu, memory }))).toEqual([]);
  });

  test.each(Object.keys(FARGATE_SIZES).map(Number))('cpu %i refuses a memory of another size, naming the allowed ones', (cpu) => {
    const allowed = FARGATE_SIZES[cpu];
    const wrong = allowed[0] + 100; // in the schema's range, but no Fargate memory value
    const problems = validateConfig(base({ cpu, memory: wrong }));
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('memory');
    expect(problems[0].message).toContain(`for cpu ${cpu}, got memory ${wrong}`);
  });

  test('without memory the default memory is checked against the given cpu, reported on cpu', () => {
    expect(paths(base({ cpu: 256 }))).toEqual([expect.stringMatching(/^cpu: must be one of 512, 1024, 2048 for cpu 256, got memory 3072/)]);
  });
});

describe('valid configs', () => {
  test('the examples are valid and basic.yaml is the embedded default', () => {
    for (const f of ['basic.yaml', 'with-application.yaml']) expect(paths(parse(fs.readFileSync(repoPath('examples', f), 'utf8')))).toEqual([]);
    expect(loadConfig(repoPath('examples', 'basic.yaml'))).toEqual(resolveConfig(EMBEDDED_DEFAULT_CONFIG));
    expect(loadConfig()).toEqual(resolveConfig(EMBEDDED_DEFAULT_CONFIG));
  });

  test('dependencies that fit their targets are valid', () => {
    const config = base({
      containers: [
        { name: 'migrate', image: 'app:1', essential: false },
        { name: 'db', image: 'postgres:16', healthCheck: { command: ['CMD', 'pg_isready'] } },
        {
          name: 'web',
          image: 'app:1',
          port: 8080,
          dependsOn: [
            { containerName: 'migrate', condition: 'SUCCESS' },
            { containerName: 'db', condition: 'HEALTHY' },
          ],
        },
        { name: 'worker', image: 'app:1', dependsOn: [{ containerName: 'web', condition: 'START' }] },
      ],
    });
    expect(paths(config)).toEqual([]);
  });

  test('eight application containers are allowed, with reservations that fit', () => {
    const containers = Array.from({ length: 8 }, (_, i) => ({ name: `app${i}`, image: 'app:1', cpu: 64, memory: 128 }));
    expect(paths(base({ containers, datadog: { apiKeySecretArn: ARN, cpu: 512, memory: 1024 } }))).toEqual([]);
  });

  test('every CloudWatch retention value and an SSM parameter ARN are accepted', () => {
    for (const retentionInDays of LOG_RETENTION_DAYS) expect(paths(base({ logs: { retentionInDays } }))).toEqual([]);
    expect(paths({ name: 'x', datadog: { apiKeySecretArn: 'arn:aws:ssm:us-east-1:123456789012:parameter/datadog/api-key' } })).toEqual([]);
  });

  test('an image digest (64 hex) and a $schema key are not mistaken for problems', () => {
    const image = `app@sha256:${'ab'.repeat(32)}`;
    expect(paths({ $schema: './schema.json', ...base({ containers: [{ name: 'web', image }] }) })).toEqual([]);
  });
});

describe('problems', () => {
  test('every problem is reported at once, in the config notation', () => {
    const raw = {
      name: 'web api',
      cpu: 1024,
      memory: 3000,
      datadog: { apiKeySecretArn: ARN, site: 'datadog.com' },
      containers: [
        { name: 'web', image: 'app:1', port: 70000 },
        { name: 'web', image: 'app:1', environment: { 'MY-VAR': 'x' } },
      ],
      logs: { retentionInDays: 10 },
    };
    const got = paths(raw);
    expect(got).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: must be 1 to 38/),
        expect.stringMatching(/^memory: must be one of 2048 to 8192/),
        expect.stringMatching(/^datadog\.site: must be a Datadog site/),
        'containers[0].port: must be an integer 1..65535, got 70000',
        expect.stringMatching(/^containers\[1\]\.name: duplicates the name of containers\[0\]/),
        expect.stringMatching(/^containers\[1\]\.environment\["MY-VAR"\]: is not a valid name/),
        expect.stringMatching(/^logs\.retentionInDays: must be one of 0, 1, 3/),
      ]),
    );
    expect(got).toHaveLength(7);
  });

  test('a wrong type is reported once, not again as a failed enum or pattern', () => {
    expect(paths(base({ cpu: '1024' as unknown as number }))).toEqual(['cpu: must be a whole number, got "1024"']);
  });

  test('an API key anywhere is refused without echoing it, and DD_API_KEY in an environment is refused', () => {
    const key = 'deadbeefdeadbeefdeadbeefdeadbeef';
    const raw = base({
      tags: { note: `key ${key} here` },
      containers: [{ name: 'web', image: 'app:1', environment: { DD_API_KEY: 'abc' } }],
    });
    const problems = validateConfig(raw);
    expect(problems.map((p) => p.path).sort()).toEqual(['containers[0].environment.DD_API_KEY', 'tags.note']);
    for (const p of problems) expect(p.fix).toContain('datadog.apiKeySecretArn');
    expect(JSON.stringify(problems)).not.toContain(key);
  });

  test('parseConfig throws a UserError whose problems carry their lines', () => {
    const text = `name: web-api\ndatadog:\n  apiKeySecretArn: ${ARN}\ncontainers:\n  - name: web\n    image: app:1\n    port: 70000\n`;
    try {
      parseConfig(text, 'inline.yaml');
      throw new Error('expected a UserError');
    } catch (err) {
      expect(err).toBeInstanceOf(UserError);
      const e = err as UserError;
      expect(e.problems).toEqual([{ path: 'containers[0].port', message: 'must be an integer 1..65535, got 70000', line: 7 }]);
      expect(e.describe()).toContain('  containers[0].port: must be an integer 1..65535, got 70000 (line 7)');
    }
  });
});

describe('helpers', () => {
  test('formatConfigPath', () => {
    expect(formatConfigPath([])).toBe('(root)');
    expect(formatConfigPath(['containers', 1, 'port'])).toBe('containers[1].port');
    expect(formatConfigPath(['tags', 'team-name'])).toBe('tags["team-name"]');
  });

  test('didYouMean: typos, case and snake_case; nothing for unrelated keys', () => {
    const keys = ['containers', 'writablePaths', 'apiKeySecretArn'];
    expect(didYouMean('contianers', keys)).toBe('containers');
    expect(didYouMean('WritablePaths', keys)).toBe('writablePaths');
    expect(didYouMean('api_key_secret_arn', keys)).toBe('apiKeySecretArn');
    expect(didYouMean('privileged', keys)).toBeUndefined();
  });

  test('describeValue hides API keys and shortens long strings', () => {
    expect(describeValue('0123456789abcdef0123456789ABCDEF')).not.toContain('0123456789');
    expect(describeValue('x'.repeat(200)).length).toBeLessThan(90);
    expect(describeValue(null)).toBe('nothing (an empty value)');
  });
});

test('a problem points at the line of its key, also when the value is a block on the following lines', () => {
  const text = ['name: web', 'contianers:', '  - name: web', 'datadog:', '  apiKeySecretArn: nope', ''].join('\n');
  let problems: readonly { path: string; line?: number }[] = [];
  try {
    parseConfig(text, 'service.yaml');
  } catch (err) {
    problems = (err as UserError).problems;
  }
  expect(problems.find((p) => p.path === 'contianers')?.line).toBe(2);
  expect(problems.find((p) => p.path === 'datadog.apiKeySecretArn')?.line).toBe(5);
});

test("with ECS Exec on, a writable path whose volume name is one that Exec adds is refused", () => {
  const config = (enableExecuteCommand: boolean) => ({
    ...EMBEDDED_DEFAULT_CONFIG,
    service: { enableExecuteCommand },
    containers: [
      { name: 'a', image: 'example/a:1' },
      { name: 'a-managed', image: 'example/b:1', writablePaths: ['/agents'] },
    ],
  });
  const problems = validateConfig(config(true));
  expect(problems.map((p) => p.path)).toEqual(['containers[1].writablePaths[0]']);
  expect(problems[0].message).toContain('a-managed-agents');
  expect(validateConfig(config(false))).toEqual([]);
});
