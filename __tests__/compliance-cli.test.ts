import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { renderRulesDoc } from '../src/compliance/rules-doc';
import { RULES } from '../src/compliance/rules';
import { ACCEPT_LABEL_PREFIX } from '../src/model/datadog';
import { runCli } from './helpers/cli';

const DIR = path.join(__dirname, 'fixtures', 'taskdefs');
const fixture = (name: string) => path.join(DIR, name);
const ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:dd-AbCdEf';
const PLAINTEXT_KEY = '0123456789abcdef0123456789abcdef';
const ROLE = 'arn:aws:iam::123456789012:role/web-execution';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCli(argv);
  return { code, out: stdout, err: stderr };
}

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-cli-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, value: unknown): string => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
};

describe('check', () => {
  test('findings: exit 1, and the table names rule, container and path', async () => {
    const r = await run('check', fixture('aws-sample-webservice.json'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL\s+ECS\.5/);
    expect(r.out).toContain('container "fargate-app"');
    expect(r.out).toContain('$.containerDefinitions[0].readonlyRootFilesystem');
  });

  test('several files at once', async () => {
    const r = await run('check', '--format', 'json', fixture('aws-sample-webservice.json'), fixture('service.tf.json'));
    const report = JSON.parse(r.out) as { subjects: { source: string }[]; exitCode: number };
    expect(report.subjects.map((s) => path.basename(s.source))).toEqual(['aws-sample-webservice.json', 'service.tf.json']);
    expect(report.exitCode).toBe(1);
  });

  test('--skip leaves a rule out and says so; only skipped findings left: exit 0', async () => {
    const fixedFile = path.join(tmp, 'fixed.json');
    expect((await run('fix', fixture('aws-sample-webservice.json'), '--execution-role-arn', ROLE, '--out', fixedFile)).code).toBe(0);
    expect((await run('check', fixedFile)).code).toBe(1);
    const r = await run('check', fixedFile, '--skip', 'ECS.20');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Skipped with --skip: ECS.20');
    expect(r.out).not.toMatch(/ECS\.20\s+medium/);
    const json = JSON.parse((await run('check', fixedFile, '--skip', 'ECS.20', '--format', 'json')).out) as { skipped: string[] };
    expect(json.skipped).toEqual(['ECS.20']);
  });

  test('an unknown --skip rule id: exit 2', async () => {
    const r = await run('check', fixture('aws-sample-webservice.json'), '--skip', 'ECS.99');
    expect(r.code).toBe(2);
    expect(r.err).toContain('ECS.99');
    expect(r.err).toContain('ECS.20');
  });

  test('an unreadable file or an unknown document: exit 2', async () => {
    expect((await run('check', path.join(tmp, 'missing.json'))).code).toBe(2);
    expect((await run('check', write('other.json', { hello: 'world' }))).code).toBe(2);
    expect((await run('check', write('broken.json', '{ "family": '))).code).toBe(2);
  });

  test('an accept label with an empty reason accepts nothing', async () => {
    const doc = JSON.parse(fs.readFileSync(fixture('aws-sample-webservice.json'), 'utf8'));
    doc.containerDefinitions[0].readonlyRootFilesystem = true;
    doc.containerDefinitions[0].dockerLabels = { [`${ACCEPT_LABEL_PREFIX}ECS.20`]: '  ' };
    const r = await run('check', write('empty-reason.json', doc));
    expect(r.code).toBe(1);
    expect(r.out).toContain('not accepted: the accept label has an empty reason');

    doc.containerDefinitions[0].dockerLabels[`${ACCEPT_LABEL_PREFIX}ECS.20`] = 'httpd binds port 80 as root before dropping privileges';
    const accepted = await run('check', write('with-reason.json', doc));
    expect(accepted.code).toBe(0);
    expect(accepted.out).toMatch(/ACCEPTED\s+ECS\.20/);
    expect(accepted.out).toContain('accepted: httpd binds port 80 as root before dropping privileges');
  });

  test('a label accepts only its own rule, on its own container', async () => {
    const doc = JSON.parse(fs.readFileSync(fixture('aws-sample-webservice.json'), 'utf8'));
    doc.containerDefinitions[0].dockerLabels = { [`${ACCEPT_LABEL_PREFIX}ECS.20`]: 'reason' };
    const r = JSON.parse((await run('check', '--json', write('one.json', doc))).out);
    const outcomes = r.subjects[0].outcomes as { ruleId: string; findings: { acceptedReason?: string }[] }[];
    expect(outcomes.find((o) => o.ruleId === 'ECS.20')!.findings[0].acceptedReason).toBe('reason');
    expect(outcomes.find((o) => o.ruleId === 'ECS.5')!.findings[0].acceptedReason).toBeUndefined();
    expect(r.exitCode).toBe(1);
  });

  test('a Terraform expression is an error (exit 1), never a pass', async () => {
    const r = await run('check', fixture('jsonencode.tf.json'), '--format', 'json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { summary: { failed: number; errors: number } };
    expect(report.summary.failed).toBe(0);
    expect(report.summary.errors).toBeGreaterThan(0);
  });

  test('a config file is checked as the deployment it generates', async () => {
    const config = write('service.yaml', 'name: orders\ndatadog:\n  apiKeySecretArn: arn:aws:secretsmanager:eu-west-1:123456789012:secret:dd-AbCdEf\nnetwork:\n  assignPublicIp: true\n');
    const r = await run('check', config, '--format', 'json');
    const outcomes = JSON.parse(r.out).subjects[0].outcomes as { ruleId: string; status: string }[];
    expect(outcomes.find((o) => o.ruleId === 'ECS.2')!.status).toBe('non-compliant');
    expect(outcomes.find((o) => o.ruleId === 'ECS.5')!.status).toBe('compliant');
    expect(r.code).toBe(1);
  });

  test('the DD_API_KEY value never appears in any report format', async () => {
    for (const format of ['table', 'json', 'sarif']) {
      const r = await run('check', fixture('plaintext-api-key.json'), '--format', format);
      expect(r.out).toContain('DD_API_KEY');
      expect(r.out + r.err).not.toContain(PLAINTEXT_KEY);
    }
  });
});

/** The required fields and enumerations of the SARIF 2.1.0 schema (OASIS sarif-schema-2.1.0.json) that this output uses. */
const SARIF_REQUIRED = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['tool'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string' },
                        shortDescription: { $ref: '#/$defs/multiformatMessage' },
                        fullDescription: { $ref: '#/$defs/multiformatMessage' },
                        help: { $ref: '#/$defs/multiformatMessage' },
                        defaultConfiguration: { type: 'object', properties: { level: { $ref: '#/$defs/level' } } },
                      },
                    },
                  },
                },
              },
            },
          },
          invocations: {
            type: 'array',
            items: {
              type: 'object',
              required: ['executionSuccessful'],
              properties: {
                executionSuccessful: { type: 'boolean' },
                ruleConfigurationOverrides: { type: 'array', items: { type: 'object', required: ['descriptor', 'configuration'] } },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message'],
              properties: {
                message: { type: 'object', anyOf: [{ required: ['text'] }, { required: ['id'] }] },
                level: { $ref: '#/$defs/level' },
                ruleIndex: { type: 'integer', minimum: -1 },
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        anyOf: [{ required: ['address'] }, { required: ['artifactLocation'] }],
                        properties: { region: { type: 'object', properties: { startLine: { type: 'integer', minimum: 1 }, startColumn: { type: 'integer', minimum: 1 } } } },
                      },
                    },
                  },
                },
                suppressions: { type: 'array', items: { type: 'object', required: ['kind'], properties: { kind: { enum: ['inSource', 'external'] } } } },
              },
            },
          },
        },
      },
    },
  },
  $defs: {
    level: { enum: ['none', 'note', 'warning', 'error'] },
    multiformatMessage: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
  },
};

describe('SARIF', () => {
  test('the output satisfies the required fields of the SARIF 2.1.0 schema, with findings, accepted findings, errors and skips', async () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(SARIF_REQUIRED);
    for (const args of [
      [fixture('init-writable.json')],
      [fixture('jsonencode.tf.json'), fixture('service.tf.json'), '--skip', 'ECS.20'],
    ]) {
      const sarif = JSON.parse((await run('check', '--format', 'sarif', ...args)).out);
      const valid = validate(sarif);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(validate({ ...sarif, runs: [{ ...sarif.runs[0], results: [{ ruleId: 'ECS.5' }] }] })).toBe(false);
    }
  });

  test('SARIF 2.1.0 with the rule table as driver rules, and results that point into the file', async () => {
    const r = await run('check', '--format', 'sarif', fixture('init-writable.json'));
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toContain('sarif');
    expect(sarif.runs).toHaveLength(1);
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe('ecs-datadog-readonly');
    expect(run0.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(RULES.map((rule) => rule.id));
    for (const rule of run0.tool.driver.rules) {
      expect(rule.shortDescription.text).not.toBe('');
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
    expect(run0.results.length).toBeGreaterThan(0);
    const lines = fs.readFileSync(fixture('init-writable.json'), 'utf8').split('\n');
    for (const result of run0.results) {
      expect(typeof result.message.text).toBe('string');
      expect(run0.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
      expect(['error', 'warning', 'note']).toContain(result.level);
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation.uri).toContain('init-writable.json');
      expect(location.region.startLine).toBeGreaterThanOrEqual(1);
      expect(location.region.startLine).toBeLessThanOrEqual(lines.length);
    }
    const spelling = run0.results.find((x: { ruleId: string }) => x.ruleId === 'FARGATE.API_SHAPE');
    expect(lines[spelling.locations[0].physicalLocation.region.startLine - 1]).toContain('readOnlyRootFilesystem');
  });

  test('accepted findings are suppressed with their reason; skipped rules are disabled in the invocation', async () => {
    const fixedFile = path.join(tmp, 'fixed.json');
    expect((await run('fix', fixture('init-writable.json'), '--execution-role-arn', ROLE, '--out', fixedFile)).code).toBe(0);
    const r = await run('check', '--format', 'sarif', fixedFile, '--skip', 'DATADOG.AGENT_TMP');
    expect(r.code).toBe(0);
    const run0 = JSON.parse(r.out).runs[0];
    expect(run0.results.length).toBeGreaterThan(0);
    for (const result of run0.results) {
      expect(result.suppressions[0].kind).toBe('inSource');
      expect(result.suppressions[0].justification.length).toBeGreaterThan(10);
    }
    expect(run0.invocations[0].ruleConfigurationOverrides).toEqual([
      { descriptor: { id: 'DATADOG.AGENT_TMP', index: RULES.findIndex((rule) => rule.id === 'DATADOG.AGENT_TMP') }, configuration: { enabled: false } },
    ]);
  });
});

describe('fix', () => {
  test('prints the fixed task definition on stdout and the changes on stderr', async () => {
    const r = await run('fix', fixture('aws-sample-webservice.json'), '--execution-role-arn', ROLE);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).containerDefinitions[0].readonlyRootFilesystem).toBe(true);
    expect(r.err).toContain('readonlyRootFilesystem set to true');
  });

  test('--out writes the file and --format json reports the changes', async () => {
    const out = path.join(tmp, 'fixed.json');
    const r = await run('fix', fixture('datadog-fargate-sample.json'), '--out', out, '--format', 'json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { changed: boolean; changes: { description: string }[] };
    expect(report.changed).toBe(true);
    expect(fs.existsSync(out)).toBe(true);
    const again = JSON.parse((await run('fix', out, '--out', out, '--json')).out) as { changed: boolean };
    expect(again.changed).toBe(false);
    expect((await run('check', out, '--skip', 'ECS.20')).code).toBe(0);
  });

  test('a plaintext DD_API_KEY without an ARN: exit 2, nothing written, the key never echoed', async () => {
    const out = path.join(tmp, 'never.json');
    const r = await run('fix', fixture('plaintext-api-key.json'), '--out', out);
    expect(r.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
    expect(r.out).toBe('');
    expect(r.err).toContain('--api-key-secret-arn');
    expect(r.out + r.err).not.toContain(PLAINTEXT_KEY);
  });

  test('with the ARN: the key moves to secrets', async () => {
    const r = await run('fix', fixture('plaintext-api-key.json'), '--api-key-secret-arn', ARN, '--execution-role-arn', ROLE);
    expect(r.code).toBe(0);
    expect(r.out + r.err).not.toContain(PLAINTEXT_KEY);
    expect(JSON.parse(r.out).containerDefinitions.find((c: { name: string }) => c.name === 'datadog-agent').secrets).toEqual([
      { name: 'DD_API_KEY', valueFrom: ARN },
    ]);
  });

  test('Terraform expressions and configs are refused with guidance (exit 2)', async () => {
    const expression = await run('fix', fixture('jsonencode.tf.json'));
    expect(expression.code).toBe(2);
    expect(expression.err).toContain('aws_ecs_task_definition.app');
    const config = write('c.yaml', 'name: x\n');
    const r = await run('fix', config);
    expect(r.code).toBe(2);
    expect(r.err).toContain('generate');
  });
});

test('docs/RULES.md is generated from the rule table and up to date', () => {
  const doc = renderRulesDoc();
  for (const rule of RULES) expect(doc).toContain(`### ${rule.id}\n`);
  expect(fs.readFileSync(path.join(__dirname, '..', 'docs', 'RULES.md'), 'utf8')).toBe(doc);
});
