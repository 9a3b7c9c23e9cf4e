/**
 * Every string the CDKTF renderer writes reaches Terraform as literal text, keys included, in every stack: template
 * syntax is not evaluated, CDKTF token markers are not resolved, and no map key is dropped (`//`, `__proto__`).
 * Checked by letting terraform evaluate what was written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from '../src/config/defaults';
import type { ServiceConfig } from '../src/config/types';
import { validateConfig } from '../src/config/validate';
import type { ContainerDefinition } from '../src/model/ecs-types';
import { CDKTF_MODULE_FILE, renderCdktfModule } from '../src/render/cdktf';
import { synthCdktfApp } from '../src/render/cdktf-app';
import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DatadogReadonlyService } from '../modules/cdktf';
import { only } from './support/cdktf-json';
import { applyConfiguration, cleanup, describeWithTerraform, tempDir } from './support/terraform';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const HOSTILE = [
  '${file("/etc/hostname")}',
  '%{ if true }yes%{ endif }',
  '$${kept}',
  '$$${x}',
  '${TfToken[TOKEN.1]}',
  '${TfToken[TOKEN.99999]}',
  '#{TfToken[TOKEN.1]}',
  '&{TfToken[TOKEN.1]}',
  'trailing $',
  'trailing %',
  '${',
  '"quoted" \\ back\nslash',
];
const TAGS: Record<string, string> = Object.fromEntries([...HOSTILE.map((v, i) => [`k${i} ${v}`, v]), ['__proto__', 'proto'], ['//', 'comment']]);
const ENVIRONMENT: Record<string, string> = Object.fromEntries([...HOSTILE.map((v, i) => [`V${i}`, v]), ['__proto__', 'proto']]);

const CONFIG: ServiceConfig = {
  name: 'literal',
  region: 'eu-west-1',
  tags: TAGS,
  datadog: { apiKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:datadog-Q1w2E3', tags: { team: HOSTILE[0] } },
  network: { subnetIds: ['subnet-0123456789abcdef0'] },
  containers: [{ name: 'web', image: 'nginx:1.27', command: HOSTILE, environment: ENVIRONMENT }],
};

/** Terraform evaluates `values` (Terraform JSON expressions) and returns them as outputs. */
async function evaluate(values: Record<string, unknown>, variable: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const dir = tempDir('literal-text-');
  try {
    const output = Object.fromEntries(Object.keys(values).map((name) => [name, { value: `\${local.${name}}` }]));
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify({ ...(Object.keys(variable).length > 0 && { variable }), locals: values, output }));
    const result = await applyConfiguration(dir);
    expect(result.diagnostics).toEqual([]);
    return result.outputs;
  } finally {
    cleanup(dir);
  }
}

test('the hostile config is a valid config', () => {
  expect(validateConfig(JSON.parse(JSON.stringify(CONFIG)))).toEqual([]);
  expect(Object.keys(CONFIG.tags!)).toContain('__proto__');
});

describeWithTerraform('literal text through CDKTF, evaluated by terraform', () => {
  test('synth: the deployable stack (default_tags, container definitions, names) holds every string exactly', async () => {
    const out = tempDir('literal-synth-');
    try {
      const config = resolveConfig(JSON.parse(JSON.stringify(CONFIG)) as ServiceConfig);
      const { stacks } = synthCdktfApp(config, out);
      const json = JSON.parse(readFileSync(join(out, stacks[config.name]), 'utf8')) as Json;
      const td = only(json, 'aws_ecs_task_definition').body;
      const values = await evaluate({ tags: json.provider.aws[0].default_tags[0].tags, containers: td.container_definitions });
      expect(values.tags).toEqual(TAGS);
    const web = (JSON.parse(values.containers as string) as ContainerDefinition[]).find((c) => c.name === 'web')!;
      expect(web.command).toEqual(HOSTILE);
      const environment = Object.fromEntries(web.environment!.map((e) => [e.name, e.value]));
      expect(environment).toMatchObject(ENVIRONMENT);
      expect(Object.keys(environment)).toContain('__proto__');
    } finally {
      cleanup(out);
    }
  });

  test('the CDKTF module keeps every key and value of its variable defaults and locals', async () => {
    const config = resolveConfig(JSON.parse(JSON.stringify(CONFIG)) as ServiceConfig);
    const module = JSON.parse(renderCdktfModule(config)[CDKTF_MODULE_FILE]) as Json;
    const tags = module.variable.tags.default as Record<string, string>;
    expect(Object.keys(tags).sort()).toEqual(Object.keys(TAGS).sort());
    const containers = module.variable.containers.default as Json[];
    // Variable defaults are read as plain JSON (no templates): exact text.
    expect(tags).toEqual(TAGS);
    expect(containers[0].environment).toEqual(ENVIRONMENT);
    expect(containers[0].command).toEqual(HOSTILE);
  });

  test('the construct: literal text around a token stays literal, the token is a reference', async () => {
    const stack = new TerraformStack(Testing.app(), 'user');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    const suffix = new TerraformVariable(stack, 'suffix', { type: 'string', default: 'X' }).stringValue;
    // In a token-accepting prop (environment values), token-shaped text is a token; everything else is literal.
    const around = ['$', '%', '${', '$${', '%{', 'a $$', '$$$', '}{', '#{TfToken[TOKEN.1]}', '&{TfToken[', '"q"\\'];
    const environment = Object.fromEntries(around.map((text, i) => [`E${i}`, `${text}${suffix}${text}`]));
    new DatadogReadonlyService(stack, 'svc', {
      name: 'svc',
      region: 'eu-west-1',
      tags: { [HOSTILE[0]]: HOSTILE[1], [HOSTILE[6]]: HOSTILE[7] },
      datadog: { apiKeySecretArn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:datadog-Q1w2E3' },
      containers: [{ name: 'web', image: 'nginx:1.27', environment }],
    });
    const json = JSON.parse(Testing.synth(stack, true)) as Json;
    const td = only(json, 'aws_ecs_task_definition').body;
    const values = await evaluate(
      { containers: td.container_definitions, tags: only(json, 'aws_ecs_cluster').body.tags },
      { suffix: { type: 'string', default: 'X' } },
    );
    const web = (JSON.parse(values.containers as string) as ContainerDefinition[]).find((c) => c.name === 'web')!;
    const got = Object.fromEntries(web.environment!.map((e) => [e.name, e.value]));
    for (const [i, text] of around.entries()) expect(got[`E${i}`]).toBe(`${text}X${text}`);
    expect(values.tags).toEqual({ [HOSTILE[0]]: HOSTILE[1], [HOSTILE[6]]: HOSTILE[7] });
  });
});
