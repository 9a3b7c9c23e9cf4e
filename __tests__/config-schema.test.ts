import Ajv from 'ajv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { API_KEY_SECRET_ARN, FARGATE_CPU_VALUES, LOG_RETENTION_DAYS, PORT_RANGE } from '../src/config/constraints';
import { COMPILED_VALIDATOR_FILE, compiledValidatorSource, loadCompiledValidator } from '../src/config/compiled-validator';
import { configJsonSchema, renderConfigJsonSchema } from '../src/config/schema';
import { compileValidator } from '../src/config/validate';
import { repoPath, runCli } from './helpers/cli';

const shipped = fs.readFileSync(repoPath('schema', 'config.schema.json'), 'utf8');
const examples = fs.readdirSync(repoPath('examples')).filter((f) => /\.ya?ml$/.test(f));
type Node = { properties: Record<string, Node>; items: Node; enum: unknown[]; pattern: string; minimum: number; maximum: number };

test('the shipped schema/config.schema.json is what src/config/schema.ts generates', () => {
  expect(shipped).toBe(renderConfigJsonSchema());
});

test('`schema` prints the shipped schema', async () => {
  const run = await runCli(['schema']);
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(shipped);
});

test('the schema is a valid draft-07 JSON Schema and compiles in ajv strict mode', () => {
  const ajv = new Ajv({ strict: true });
  const schema = JSON.parse(shipped);
  expect(ajv.validateSchema(schema)).toBe(true);
  expect(() => ajv.compile(schema)).not.toThrow();
});

test.each(examples)('examples/%s starts with the yaml-language-server comment and validates against the shipped schema', (file) => {
  const text = fs.readFileSync(repoPath('examples', file), 'utf8');
  const first = text.split('\n')[0];
  expect(first).toBe('# yaml-language-server: $schema=../schema/config.schema.json');
  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(shipped));
  expect(validate(parse(text))).toBe(true);
});

test('enums, patterns and ranges come from the constraint table', () => {
  const s = configJsonSchema() as unknown as Node;
  expect(s.properties.cpu.enum).toEqual(FARGATE_CPU_VALUES);
  expect(s.properties.logs.properties.retentionInDays.enum).toEqual(LOG_RETENTION_DAYS);
  expect(s.properties.datadog.properties.apiKeySecretArn.pattern).toBe(API_KEY_SECRET_ARN.pattern);
  const port = s.properties.containers.items.properties.port;
  expect([port.minimum, port.maximum]).toEqual([PORT_RANGE.min, PORT_RANGE.max]);
});

test('the schema refuses unknown keys at every level an editor completes', () => {
  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(shipped));
  const arn = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:x';
  expect(validate({ name: 'x', datadog: { apiKeySecretArn: arn } })).toBe(true);
  expect(validate({ name: 'x', datadog: { apiKeySecretArn: arn, apiKey: 'k' } })).toBe(false);
  expect(validate({ name: 'x', datadog: { apiKeySecretArn: arn }, containers: [{ name: 'a', image: 'b', readOnly: true }] })).toBe(false);
});

test('docs/CLI.md carries the current key reference (ecs-datadog-readonly schema --markdown)', async () => {
  const doc = fs.readFileSync(repoPath('docs', 'CLI.md'), 'utf8');
  const section = /<!-- config-keys:start -->\n([\s\S]*)<!-- config-keys:end -->/.exec(doc)?.[1];
  const run = await runCli(['schema', '--markdown']);
  expect(run.code).toBe(0);
  expect(section).toBe(run.stdout);
  for (const key of ['`containers[].writablePaths`', '`datadog.apiKeySecretArn`', '`logs.retentionInDays`']) expect(run.stdout).toContain(key);
});

describe('the built validator (standalone code) is the schema compiled at run time', () => {
  const corpus = repoPath('__tests__', 'fixtures', 'bad-configs');
  const inputs: [string, unknown][] = [];
  for (const f of fs.readdirSync(corpus).filter((n) => /\.ya?ml$/.test(n))) {
    try {
      inputs.push([`bad-configs/${f}`, parse(fs.readFileSync(path.join(corpus, f), 'utf8'))]);
    } catch {
      // not YAML at all: refused before validation
    }
  }
  for (const f of examples) inputs.push([`examples/${f}`, parse(fs.readFileSync(repoPath('examples', f), 'utf8'))]);
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'edr-validator-'));
    fs.symlinkSync(repoPath('node_modules'), path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, COMPILED_VALIDATOR_FILE), compiledValidatorSource());
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('it is loaded when its digest is the schema\'s, and gives the same errors on every corpus and example config', () => {
    const built = loadCompiledValidator(dir);
    expect(built).toBeDefined();
    const runtime = compileValidator();
    expect(inputs.length).toBeGreaterThan(60);
    let failing = 0;
    for (const [name, input] of inputs) {
      const a = built!(input);
      const b = runtime(input);
      expect([name, a]).toEqual([name, b]);
      expect([name, built!.errors ?? null]).toEqual([name, runtime.errors ?? null]);
      if (!a) failing++;
    }
    expect(failing).toBeGreaterThan(30);
  });

  test('a validator built from another schema, or none, is not used', () => {
    const stale = path.join(dir, 'stale');
    fs.mkdirSync(stale);
    fs.writeFileSync(path.join(stale, COMPILED_VALIDATOR_FILE), compiledValidatorSource().replace(/schemaDigest = "[0-9a-f]+"/, 'schemaDigest = "0"'));
    expect(loadCompiledValidator(stale)).toBeUndefined();
    expect(loadCompiledValidator(path.join(dir, 'missing'))).toBeUndefined();
  });
});
