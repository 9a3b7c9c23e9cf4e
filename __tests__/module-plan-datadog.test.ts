/**
 * Offline `terraform validate` and `terraform plan` (the schema-only AWS provider stand-in) of the HCL module with
 * every Datadog option in use: once as the module generated from examples/datadog-logs.yaml (its defaults), once as the
 * embedded-default module called with that config's values as variables; and the CDKTF deployable stack of the same
 * config. The planned task definitions equal the model.
 */
import { spawnSync } from 'node:child_process';
import { Testing } from 'cdktf';
import { DeployableStack } from '../modules/cdktf';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import { readConfigFile } from '../src/config/load';
import { hclKey, hclLiteral } from '../src/module/hcl';
import { moduleSpec } from '../src/module/spec';
import { moduleVariableValues } from '../src/module/variables';
import { containerDefinitions, taskVolumes } from '../src/model/task-definition';
import { renderModuleFiles } from '../src/render/hcl';
import { cleanup, describeWithTerraform, tempDir } from './support/terraform';

const EXAMPLE = 'examples/datadog-logs.yaml';
const config = resolveConfig(readConfigFile(EXAMPLE));

function writeModule(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    if (path.startsWith('examples/')) continue;
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

interface PlannedResource {
  readonly address: string;
  readonly values: Record<string, unknown>;
}

describeWithTerraform('offline validate and plan of the module with every Datadog option', () => {
  let dir: string;
  let run: { status: number | null; stdout: string; stderr: string };
  let resources: PlannedResource[] = [];

  beforeAll(() => {
    dir = tempDir('tf-plan-datadog-');
    writeModule(join(dir, 'from-defaults'), renderModuleFiles(moduleSpec(config), config));
    const base = resolveConfig(EMBEDDED_DEFAULT_CONFIG);
    writeModule(join(dir, 'generic'), renderModuleFiles(moduleSpec(base), base));
    const inputs = Object.entries(moduleVariableValues(config))
      .map(([k, v]) => `  ${hclKey(k)} = ${hclLiteral(v).replace(/\n/g, '\n  ')}`)
      .join('\n');
    writeFileSync(
      join(dir, 'main.tf'),
      [
        'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws" }\n  }\n}',
        `provider "aws" {\n  region = "${config.region}"\n}`,
        // datadog is always the caller's (the API key secret has no default)
        `module "from_defaults" {\n  source = "./from-defaults"\n  datadog = ${hclLiteral(moduleVariableValues(config).datadog).replace(/\n/g, '\n  ')}\n}`,
        `module "from_variables" {\n  source = "./generic"\n${inputs}\n}`,
        '',
      ].join('\n\n'),
    );
    const planFile = join(dir, 'plan.json');
    run = spawnSync('bash', ['__tests__/support/tf-stub-provider/tf-stub.sh', '-p', '-j', planFile, dir], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    if (run.status === 0) {
      const plan = JSON.parse(readFileSync(planFile, 'utf8')) as { planned_values: { root_module: { child_modules: { resources: PlannedResource[] }[] } } };
      resources = plan.planned_values.root_module.child_modules.flatMap((m) => m.resources);
    }
  }, 180_000);

  afterAll(() => cleanup(dir));

  test('validates and plans', () => {
    expect(run.stderr).not.toMatch(/ERROR/);
    expect(run.stdout).toContain('validate: valid');
    expect(run.stdout).toContain('Plan: 16 to add, 0 to change, 0 to destroy.');
    expect(run.status).toBe(0);
  });

  test.each(['from_defaults', 'from_variables'])('module.%s plans the task definition of the model', (name) => {
    const td = resources.find((r) => r.address === `module.${name}.aws_ecs_task_definition.this`);
    expect(td).toBeDefined();
    expect(JSON.parse(td!.values.container_definitions as string)).toEqual(containerDefinitions(config));
    expect(td!.values.pid_mode).toBe('task');
    const volumes = (td!.values.volume as { name: string }[]).map((v) => v.name).sort();
    expect(volumes).toEqual(taskVolumes(config).map((v) => v.name).sort());
    expect(volumes).toContain('datadog-log-router-tmp');
  });

  test('the CDKTF deployable stack of the same config validates, plans and plans the model', () => {
    const stackDir = tempDir('tf-plan-datadog-cdktf-');
    try {
      const stack = new DeployableStack(Testing.app(), config.name, { config });
      writeFileSync(join(stackDir, 'cdk.tf.json'), Testing.synth(stack, true));
      const planFile = join(stackDir, 'plan.json');
      const r = spawnSync('bash', ['__tests__/support/tf-stub-provider/tf-stub.sh', '-p', '-j', planFile, stackDir], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
      expect(r.stdout).toContain('validate: valid');
      expect(r.stdout).toContain('Plan: 8 to add, 0 to change, 0 to destroy.');
      expect(r.status).toBe(0);
      const plan = JSON.parse(readFileSync(planFile, 'utf8')) as { planned_values: { root_module: { resources: PlannedResource[] } } };
      const td = plan.planned_values.root_module.resources.find((x) => x.address.startsWith('aws_ecs_task_definition.'))!;
      expect(JSON.parse(td.values.container_definitions as string)).toEqual(containerDefinitions(config));
      expect(td.values.pid_mode).toBe('task');
    } finally {
      cleanup(stackDir);
    }
  }, 180_000);

  test('the example uses every new option', () => {
    expect(config.logs.destination).toBe('datadog');
    expect(config.logs.router.cpu).toBeDefined();
    expect(config.datadog.transport).toBe('tcp');
    expect(config.datadog.processCollection).toBe(true);
    expect(Object.keys(config.datadog.environment).length).toBeGreaterThan(0);
    expect(config.datadog.apiKeySecretArn.split(':').length).toBe(10);
    expect(readConfigFile(EXAMPLE).region).toBeUndefined();
    expect(config.region).toBe('eu-central-1');
    expect(config.containers.some((c) => c.logSource === 'python')).toBe(true);
  });
});
