/**
 * check's inputs as a platform team has them: directories, several paths, plan JSON; a bad input among good ones is
 * reported in every format and the others are still checked; only regular files are read, within a size limit.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkFiles, exitCodeOf } from '../src/compliance/check';
import { expandInputs, MAX_INPUT_BYTES, readInput } from '../src/compliance/input';
import { jsonSyntaxReason, loadFile } from '../src/compliance/load';
import { locator } from '../src/compliance/locate';
import { renderJson, renderSarif, renderTable } from '../src/compliance/report';
import { runCli } from './helpers/cli';
import { describeWithTerraform } from './support/terraform';

const FIXTURES = path.join(__dirname, 'fixtures');
const taskdef = (name: string) => path.join(FIXTURES, 'taskdefs', name);
const PLAN = path.join(FIXTURES, 'plan', 'minimal.plan.json');
const KEY = '0123456789abcdef0123456789abcdef';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-inputs-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const write = (name: string, value: unknown): string => {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return file;
};
const GOOD = () => JSON.parse(fs.readFileSync(taskdef('aws-sample-webservice.json'), 'utf8'));

describe('reading an input', () => {
  test('a FIFO is refused at once, without waiting for a writer', () => {
    const fifo = path.join(tmp, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const start = Date.now();
    expect(() => readInput(fifo)).toThrow(/named pipe \(FIFO\), not a regular file/);
    expect(Date.now() - start).toBeLessThan(2000);
  });

  test('a device is refused without reading it', () => {
    expect(() => readInput('/dev/zero')).toThrow(/\/dev\/zero: is a character device, not a regular file/);
  });

  test(`a file over ${MAX_INPUT_BYTES} bytes is refused before it is read`, () => {
    const big = path.join(tmp, 'big.json');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_INPUT_BYTES + 1); // sparse: no disk space used
    expect(() => readInput(big)).toThrow(`is ${MAX_INPUT_BYTES + 1} bytes; an input is at most ${MAX_INPUT_BYTES} bytes (32 MiB)`);
    expect(() => readInput(write('small.json', '{"a": 1}'), 4)).toThrow('an input is at most 4 bytes');
  });

  test('a UTF-8 byte order mark is dropped; UTF-16 is named', () => {
    expect(readInput(write('bom.json', '\ufeff{"a": 1}'))).toBe('{"a": 1}');
    const utf16 = path.join(tmp, 'utf16.json');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": 1}', 'utf16le')]));
    expect(() => readInput(utf16)).toThrow(/UTF-16/);
  });

  test('a missing file and a directory read as a file are named', () => {
    expect(() => readInput(path.join(tmp, 'missing.json'))).toThrow('missing.json: no such file or directory');
    expect(() => readInput(tmp)).toThrow('is a directory, not a regular file');
  });

  test('a JSON syntax error gives line and column, never an excerpt of the text', () => {
    const file = write('broken.json', `{\n  "family": "x",\n  "key": "${KEY}" oops\n}`);
    let message = '';
    try {
      loadFile(file);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/broken\.json: is not valid JSON \(.* at line 3, column \d+\)/);
    expect(message).not.toContain(KEY);
    expect(jsonSyntaxReason(new SyntaxError(`Unexpected token 'o', "${KEY} oops" is not valid JSON`), '')).toBe('unexpected "o"');
  });
});

describe('directories and several paths', () => {
  test('a directory gives its *.json files recursively and in order, without .git, node_modules or .terraform', () => {
    write('b/service.json', GOOD());
    write('a/main.tf.json', {});
    write('a/plan.json', {});
    write('a/notes.txt', 'x');
    write('.git/config.json', {});
    write('node_modules/x/package.json', {});
    write('c/.terraform/modules/modules.json', {});
    const { files, discovered } = expandInputs([tmp]);
    expect(files.map((f) => path.relative(tmp, f))).toEqual(['a/main.tf.json', 'a/plan.json', 'b/service.json']);
    expect(discovered.size).toBe(3);
  });

  test('task definitions, Terraform JSON and plan JSON of a directory are all checked; other JSON is skipped, not an error', () => {
    write('ecs/web.json', GOOD());
    fs.copyFileSync(taskdef('service.tf.json'), write('tf/main.tf.json', ''));
    fs.copyFileSync(PLAN, write('plans/minimal.json', ''));
    write('package.json', { name: 'infra', version: '1.0.0' });
    const report = checkFiles([tmp]);
    expect(report.subjects.map((s) => [path.relative(tmp, s.source), s.kind])).toEqual([
      ['ecs/web.json', 'task-definition'],
      ['plans/minimal.json', 'terraform-plan'],
      ['tf/main.tf.json', 'terraform'],
    ]);
    expect(report.skippedInputs.map((s) => path.relative(tmp, s.source))).toEqual(['package.json']);
    expect(report.inputErrors).toEqual([]);
  });

  test('a file named on the command line that is not a task definition is an error, not skipped', () => {
    const report = checkFiles([write('package.json', { name: 'x' }), write('web.json', GOOD())]);
    expect(report.inputErrors.map((e) => path.basename(e.source))).toEqual(['package.json']);
    expect(report.summary.checked).toBe(1);
    expect(exitCodeOf(report)).toBe(1);
  });

  test('a directory without JSON is an input error', () => {
    fs.mkdirSync(path.join(tmp, 'empty'));
    const report = checkFiles([path.join(tmp, 'empty'), write('web.json', GOOD())]);
    expect(report.inputErrors[0].message).toContain('without *.json files');
  });
});

describe('a bad input among good ones: reported in every format, the others checked (exit 1)', () => {
  const inputs = () => [write('a-good.json', GOOD()), write('b-broken.json', '{ "family": '), path.join(tmp, 'c-missing.json'), write('d-good.json', GOOD())];

  test('table', async () => {
    const r = await runCli(['check', ...inputs()]);
    expect(r.code).toBe(1);
    expect(r.stdout.match(/^\S+a-good\.json: /m)).not.toBeNull();
    expect(r.stdout.match(/^\S+d-good\.json: /m)).not.toBeNull();
    expect(r.stdout).toMatch(/Not checked:\n {2}\S+b-broken\.json: is not valid JSON[^\n]*\n {2}\S+c-missing\.json: no such file/);
    expect(r.stdout).toMatch(/2 task definitions checked: .*; 2 inputs could not be checked\.\n$/);
  });

  test('json', async () => {
    const r = await runCli(['check', '--format', 'json', ...inputs()]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.subjects.map((s: { source: string }) => path.basename(s.source))).toEqual(['a-good.json', 'd-good.json']);
    expect(report.inputErrors.map((e: { source: string }) => path.basename(e.source))).toEqual(['b-broken.json', 'c-missing.json']);
    expect(report.summary).toMatchObject({ checked: 2, inputErrors: 2 });
    expect(report.exitCode).toBe(1);
  });

  test('sarif: a toolExecutionNotification per bad input, results for the others', async () => {
    const r = await runCli(['check', '--format', 'sarif', ...inputs()]);
    expect(r.code).toBe(1);
    const run = JSON.parse(r.stdout).runs[0];
    const invocation = run.invocations[0];
    expect(invocation.executionSuccessful).toBe(false);
    expect(invocation.toolExecutionNotifications.map((n: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [n.level, path.basename(n.locations[0].physicalLocation.artifactLocation.uri)])).toEqual([
      ['error', 'b-broken.json'],
      ['error', 'c-missing.json'],
    ]);
    const files = new Set(run.results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => path.basename(x.locations[0].physicalLocation.artifactLocation.uri)));
    expect([...files].sort()).toEqual(['a-good.json', 'd-good.json']);
  });

  test('nothing could be checked: exit 2, the report still printed, the errors on stderr', async () => {
    for (const format of ['table', 'json', 'sarif']) {
      const r = await runCli(['check', '--format', format, write('x.json', '[]'), path.join(tmp, 'missing.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('error: check: none of the 2 inputs could be checked.');
      expect(r.stderr).toContain('x.json: not a task definition');
      if (format !== 'table') expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
  });
});

describe('streamed reports are the documents they claim to be', () => {
  test('JSON and SARIF streamed equal their JSON.stringify, byte for byte', () => {
    const report = checkFiles([taskdef('aws-sample-webservice.json'), taskdef('jsonencode.tf.json'), PLAN, write('bad.json', '{')]);
    const json = renderJson(report);
    expect(json).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    const sarif = renderSarif(report);
    expect(sarif).toBe(`${JSON.stringify(JSON.parse(sarif), null, 2)}\n`);
    expect(Object.keys(JSON.parse(sarif).runs[0])).toEqual(['tool', 'results', 'invocations']);
    const empty = checkFiles([write('bad2.json', '{')]);
    expect(JSON.parse(renderSarif(empty)).runs[0].results).toEqual([]);
    expect(JSON.parse(renderJson(empty)).subjects).toEqual([]);
    expect(renderTable(empty)).toContain('0 task definitions checked');
  });
});

describe('positions: found without parsing the text again', () => {
  const text = '{\n  "a": {"b": [1, {"c": "x\\"}"}, 3]},\n  "a\\u0062": 2,\n  "d": [ ],\n  "a": {"e": true}\n}';
  const at = locator(text);
  test.each([
    [['a'], 2, 3], // of duplicate keys, the first is shown
    [['a', 'b', 1, 'c'], 2, 19],
    [['ab'], 3, 3],
    [['d', 0], 4, 3], // no item 0: the key
    [['missing'], 1, 1],
    [[], 1, 1],
  ])('%j is at line %i, column %i', (p, line, column) => {
    expect(at(p)).toEqual({ line, column });
  });
  test('a path into a list item and through a string', () => {
    const other = locator('{"a": {"b": [1, {"c": "x\\"}"}, 3]}}');
    expect(other(['a', 'b', 1, 'c'])).toEqual({ line: 1, column: 18 });
    expect(other(['a', 'b', 2])).toEqual({ line: 1, column: 32 });
  });
});

describe('Terraform plan JSON (terraform show -json)', () => {
  test("the tool's own module, planned: task definition, service (ECS.2, ECS.10) and cluster (ECS.12) checked, and compliant", () => {
    const report = checkFiles([PLAN]);
    expect(report.subjects).toHaveLength(1);
    const [subject] = report.subjects;
    expect(subject.name).toBe('module.ecs_datadog_readonly.aws_ecs_task_definition.this');
    const status = Object.fromEntries(subject.outcomes.map((o) => [o.ruleId, o.status]));
    expect(status).toMatchObject({ 'ECS.2': 'compliant', 'ECS.10': 'compliant', 'ECS.12': 'compliant', 'ECS.5': 'compliant', 'FARGATE.API_SHAPE': 'compliant' });
    expect(exitCodeOf(report)).toBe(0);
  });

  test('planned values are checked: a public IP, an old platform version, no Container Insights, a writable root', () => {
    const plan = JSON.parse(fs.readFileSync(PLAN, 'utf8'));
    const resources = plan.planned_values.root_module.child_modules[0].resources as { type: string; values: Record<string, unknown> }[];
    const of = (type: string) => resources.find((r) => r.type === type)!.values;
    (of('aws_ecs_service').network_configuration as { assign_public_ip: boolean }[])[0].assign_public_ip = true;
    of('aws_ecs_service').platform_version = '1.3.0';
    of('aws_ecs_cluster').setting = [{ name: 'containerInsights', value: 'disabled' }];
    const td = of('aws_ecs_task_definition');
    const containers = JSON.parse(td.container_definitions as string);
    containers[1].readonlyRootFilesystem = false;
    containers[1].memory_limit_mib = 256;
    td.container_definitions = JSON.stringify(containers);
    const report = checkFiles([write('plan.json', plan)]);
    const failed = report.subjects[0].outcomes.filter((o) => o.status === 'non-compliant').map((o) => o.ruleId);
    expect(failed).toEqual(expect.arrayContaining(['ECS.2', 'ECS.10', 'ECS.12', 'ECS.5', 'FARGATE.API_SHAPE']));
  });

  test('container definitions known only after apply are one note, not a pass', () => {
    const plan = JSON.parse(fs.readFileSync(PLAN, 'utf8'));
    const td = plan.planned_values.root_module.child_modules[0].resources.find((r: { type: string }) => r.type === 'aws_ecs_task_definition');
    delete td.values.container_definitions;
    const change = plan.resource_changes.find((r: { address: string }) => r.address === td.address);
    change.change.after_unknown = { ...change.change.after_unknown, container_definitions: true };
    const report = checkFiles([write('plan.json', plan)]);
    expect(report.subjects[0].note).toContain('only after apply');
    expect(exitCodeOf(report)).toBe(1);
  });
});

describeWithTerraform('a real plan of the HCL module (offline provider stand-in)', () => {
  test('tf-stub.sh plans examples/minimal; check of its plan JSON passes', () => {
    const planJson = path.join(tmp, 'plan.json');
    const r = spawnSync(
      'bash',
      [path.join(__dirname, 'support', 'tf-stub-provider', 'tf-stub.sh'), '-p', '-C', 'examples/minimal', '-j', planJson, path.join(__dirname, '..', 'dist', 'terraform-aws-ecs-datadog-readonly')],
      { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } },
    );
    expect(r.stdout).toContain('validate: valid');
    expect(r.status).toBe(0);
    const report = checkFiles([planJson]);
    expect(report.subjects.map((s) => s.kind)).toEqual(['terraform-plan']);
    expect(report.subjects[0].outcomes.find((o) => o.ruleId === 'ECS.12')!.status).toBe('compliant');
    expect(exitCodeOf(report)).toBe(0);
  }, 300000);
});

describe('fix reads regular files only, too', () => {
  test('a FIFO and a device: exit 2 at once, nothing read or written', async () => {
    const fifo = path.join(tmp, 'in.json');
    execFileSync('mkfifo', [fifo]);
    for (const input of [fifo, '/dev/zero']) {
      const start = Date.now();
      const r = await runCli(['fix', input, '--out', path.join(tmp, 'out.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('not a regular file');
      expect(Date.now() - start).toBeLessThan(2000);
    }
    expect(fs.existsSync(path.join(tmp, 'out.json'))).toBe(false);
  });
});

describe('streamed reports print nothing key-shaped and no bidi control, in every format', () => {
  test.each(['table', 'json', 'sarif'])('%s', async (format) => {
    const td = GOOD();
    td.family = `svc-${KEY}`;
    td.containerDefinitions[0].name = 'web\u202egnp.exe';
    td.containerDefinitions[0].dockerLabels = { [KEY]: 'x' };
    const r = await runCli(['check', '--format', format, write(`${KEY}.json`, td), path.join(tmp, `missing-${KEY}.json`)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('not shown');
    expect(r.stdout + r.stderr).not.toContain(KEY);
    expect(r.stdout + r.stderr).not.toContain('\u202e');
  });
});
