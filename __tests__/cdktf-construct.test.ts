/**
 * The construct in a user's own stack: path-derived addresses (several services and the user's resources of any
 * name side by side), typed props validated by the config rules, tokens wired by reference, tags on every taggable
 * resource, and user strings that reach Terraform as literal text. Run for CDKTF and for CDK Terrain.
 */
import * as cdktf from 'cdktf';
import * as cdktn from 'cdktn';
import { IamRole as CdktfIamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider as CdktfProvider } from '@cdktf/provider-aws/lib/provider';
import { SecretsmanagerSecret as CdktfSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { Subnet as CdktfSubnet } from '@cdktf/provider-aws/lib/subnet';
import { IamRole as CdktnIamRole } from '@cdktn/provider-aws/lib/iam-role';
import { AwsProvider as CdktnProvider } from '@cdktn/provider-aws/lib/provider';
import { SecretsmanagerSecret as CdktnSecret } from '@cdktn/provider-aws/lib/secretsmanager-secret';
import { Subnet as CdktnSubnet } from '@cdktn/provider-aws/lib/subnet';
import * as forCdktf from '../modules/cdktf';
import * as forCdktn from '../modules/cdktn';
import type { DatadogReadonlyServiceProps } from '../modules/datadog-readonly-service';
import { resolveConfig } from '../src/config/defaults';
import type { ContainerDefinition } from '../src/model/ecs-types';
import { TF } from '../src/model/terraform-refs';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Literal text of a Terraform JSON template that holds no expression other than the constant interpolations the
 * construct writes to keep token markers apart (`${""}`, and `${"$$"}` for dollars before a reference); throws on anything else.
 */
function decodeTemplate(text: string): string {
  const constants: Record<string, string> = { '$${': '${', '%%{': '%{', '${""}': '' };
  let out = '';
  for (let i = 0; i < text.length; ) {
    const dollars = /^\$\{"(\$+)"\}/.exec(text.slice(i));
    const constant = Object.keys(constants).find((c) => text.startsWith(c, i));
    if (dollars) {
      out += dollars[1];
      i += dollars[0].length;
    } else if (constant !== undefined) {
      out += constants[constant];
      i += constant.length;
    } else if (text.startsWith('${', i) || text.startsWith('%{', i)) {
      throw new Error(`an expression or directive in ${JSON.stringify(text)}`);
    } else out += text[i++];
  }
  return out;
}

const API_KEY_ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:datadog/api-key-Q1w2E3';

/** What each framework brings, so the same tests run for both. */
const FRAMEWORKS = [
  { name: 'cdktf', lib: cdktf, IamRole: CdktfIamRole, AwsProvider: CdktfProvider, Secret: CdktfSecret, Subnet: CdktfSubnet, mod: forCdktf },
  { name: 'cdktn', lib: cdktn, IamRole: CdktnIamRole, AwsProvider: CdktnProvider, Secret: CdktnSecret, Subnet: CdktnSubnet, mod: forCdktn },
] as const;

const TAGGABLE = ['aws_cloudwatch_log_group', 'aws_ecs_cluster', 'aws_ecs_service', 'aws_ecs_task_definition', 'aws_iam_role'];

describe.each(FRAMEWORKS)('the construct in a user stack ($name)', (fw) => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const lib = fw.lib as any;
  function userStack() {
    const stack = new lib.TerraformStack(lib.Testing.app(), 'user');
    new fw.AwsProvider(stack, 'aws', { region: 'eu-west-1', defaultTags: [{ tags: { owner: 'platform' } }] });
    return stack;
  }
  const synth = (stack: unknown): Json => JSON.parse(lib.Testing.synth(stack, true)) as Json;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const service = (stack: any, id: string, props: DatadogReadonlyServiceProps, options?: forCdktf.DatadogReadonlyServiceOptions) =>
    new fw.mod.DatadogReadonlyService(stack, id, props, options);

  test("two services and the user's own IamRole named execution: nothing merged, every reference its own", () => {
    const stack = userStack();
    const own = new fw.IamRole(stack, 'execution', { name: 'user-execution', assumeRolePolicy: '{}' });
    const secret = new fw.Secret(stack, 'api-key', { name: 'datadog/api-key' });
    const subnet = new fw.Subnet(stack, 'private', { vpcId: 'vpc-0123456789abcdef0', cidrBlock: '10.0.0.0/24' });
    const a = service(stack, 'orders', { name: 'orders', datadog: { apiKeySecretArn: secret.arn }, network: { subnetIds: [subnet.id] } });
    const b = service(stack, 'billing', {
      name: 'billing',
      datadog: { apiKeySecretArn: API_KEY_ARN },
      network: { subnetIds: ['subnet-0123456789abcdef0'] },
      containers: [{ name: 'web', image: 'nginx:1.27', secrets: { DB_PASSWORD: secret.arn } }],
    });
    const json = synth(stack);
    expect(json.resource.aws_iam_role.execution).toEqual({ name: 'user-execution', assume_role_policy: '{}' });
    expect(Object.keys(json.resource.aws_iam_role)).toHaveLength(5);
    for (const type of ['aws_ecs_service', 'aws_ecs_task_definition', 'aws_ecs_cluster', 'aws_cloudwatch_log_group']) {
      expect(Object.keys(json.resource[type])).toHaveLength(2);
    }
    for (const [svc, other] of [
      [a, b],
      [b, a],
    ]) {
      const ref = (el: unknown, attr: string) => {
        const e = el as { terraformResourceType: string; friendlyUniqueId: string };
        return `\${${e.terraformResourceType}.${e.friendlyUniqueId}.${attr}}`;
      };
      const td = json.resource.aws_ecs_task_definition[(svc.taskDefinition as unknown as { friendlyUniqueId: string }).friendlyUniqueId];
      expect(td.execution_role_arn).toBe(ref(svc.executionRole, 'arn'));
      expect(td.task_role_arn).toBe(ref(svc.taskRole, 'arn'));
      expect(td.execution_role_arn).not.toBe(ref(other.executionRole, 'arn'));
      expect(td.execution_role_arn).not.toBe(ref(own, 'arn'));
      const ecs = Object.values(json.resource.aws_ecs_service as Record<string, Json>).find((s) => s.name === svc.config.name)!;
      expect(ecs.cluster).toBe(ref(svc.cluster!, 'arn'));
      expect(ecs.task_definition).toBe(ref(svc.taskDefinition, 'arn'));
    }
    // The token secret ARN and subnet are references to the user's resources, in the task, the policy and the service.
    const ordersTd = JSON.parse(json.resource.aws_ecs_task_definition[(a.taskDefinition as unknown as { friendlyUniqueId: string }).friendlyUniqueId].container_definitions) as ContainerDefinition[];
    expect(ordersTd.find((c) => c.name === 'datadog-agent')!.secrets).toEqual([{ name: 'DD_API_KEY', valueFrom: '${aws_secretsmanager_secret.api-key.arn}' }]);
    const policies = Object.values(json.resource.aws_iam_role_policy as Record<string, Json>);
    const ordersPolicy = policies.find((p) => p.role === `\${aws_iam_role.${(a.executionRole as unknown as { friendlyUniqueId: string }).friendlyUniqueId}.id}`)!;
    const statements = JSON.parse(ordersPolicy.policy).Statement as Json[];
    const secretResources = statements.filter((s) => /^(secretsmanager|ssm):/.test(String(s.Action))).flatMap((s) => s.Resource);
    expect(new Set(secretResources)).toEqual(new Set(['${aws_secretsmanager_secret.api-key.arn}']));
    expect(JSON.stringify(statements)).toContain(`\${aws_cloudwatch_log_group.${(a.logGroup as unknown as { friendlyUniqueId: string }).friendlyUniqueId}.arn}:*`);
    const ordersService = Object.values(json.resource.aws_ecs_service as Record<string, Json>).find((s) => s.name === 'orders')!;
    expect(ordersService.network_configuration.subnets).toEqual(['${aws_subnet.private.id}']);
    const billingPolicy = policies.find((p) => p.role === `\${aws_iam_role.${(b.executionRole as unknown as { friendlyUniqueId: string }).friendlyUniqueId}.id}`)!;
    const billingSecrets = (JSON.parse(billingPolicy.policy).Statement as Json[]).filter((s) => s.Action === 'secretsmanager:GetSecretValue').flatMap((s) => s.Resource);
    expect(billingSecrets.sort()).toEqual(['${aws_secretsmanager_secret.api-key.arn}', API_KEY_ARN].sort());
  });

  test('list tokens, cluster, KMS key and image tokens are references, in the service, the log group and the policy', () => {
    const stack = userStack();
    const subnets = new lib.TerraformVariable(stack, 'subnets', { type: 'list(string)' });
    const cluster = new lib.TerraformVariable(stack, 'cluster_arn', { type: 'string' });
    const key = new lib.TerraformVariable(stack, 'kms_key_arn', { type: 'string' });
    const repo = new lib.TerraformVariable(stack, 'repository_url', { type: 'string' });
    const svc = service(stack, 'svc', {
      name: 'svc',
      datadog: { apiKeySecretArn: API_KEY_ARN },
      network: { subnetIds: subnets.listValue },
      cluster: { existingClusterArn: cluster.stringValue },
      logs: { kmsKeyArn: key.stringValue },
      secretsKmsKeyArns: [key.stringValue],
      containers: [{ name: 'web', image: `${repo.stringValue}:1.4.2` }],
    });
    const json = synth(stack);
    const ecs = Object.values(json.resource.aws_ecs_service as Record<string, Json>)[0];
    expect(ecs.network_configuration.subnets).toBe('${var.subnets}');
    expect(ecs.cluster).toBe('${var.cluster_arn}');
    expect(json.resource.aws_ecs_cluster).toBeUndefined();
    expect(svc.cluster).toBeUndefined();
    expect(Object.values(json.resource.aws_cloudwatch_log_group as Record<string, Json>)[0].kms_key_id).toBe('${var.kms_key_arn}');
    const policy = Object.values(json.resource.aws_iam_role_policy as Record<string, Json>).map((p) => JSON.parse(p.policy)).find((p) => p.Statement.some((st: Json) => st.Sid === 'DecryptSecrets'));
    expect(policy.Statement.find((st: Json) => st.Sid === 'DecryptSecrets').Resource).toEqual(['${var.kms_key_arn}']);
    const td = Object.values(json.resource.aws_ecs_task_definition as Record<string, Json>)[0];
    const web = (JSON.parse(td.container_definitions) as ContainerDefinition[]).find((c) => c.name === 'web')!;
    expect(web.image).toBe('${var.repository_url}:1.4.2');
    expect(web.environment).toContainEqual({ name: 'DD_VERSION', value: '1.4.2' });
  });

  test('the deployable stack: the provider with region and default tags, the service with the subnets', () => {
    const config = resolveConfig({ name: 'dep', region: 'eu-west-2', tags: { team: 'x' }, datadog: { apiKeySecretArn: API_KEY_ARN }, network: { subnetIds: ['subnet-0123456789abcdef0'] } });
    const stack = new fw.mod.DeployableStack(lib.Testing.app(), 'dep', { config });
    const json = synth(stack);
    expect(json.provider.aws).toEqual([{ region: 'eu-west-2', default_tags: [{ tags: { team: 'x' } }] }]);
    const ecs = Object.values(json.resource.aws_ecs_service as Record<string, Json>);
    expect(ecs).toHaveLength(1);
    expect(ecs[0].network_configuration.subnets).toEqual(['subnet-0123456789abcdef0']);
    expect(ecs[0].tags).toBeUndefined();
    expect(() => new fw.mod.DeployableStack(lib.Testing.app(), 'none', { config: resolveConfig({ name: 'n', datadog: { apiKeySecretArn: API_KEY_ARN } }) })).toThrow(/needs subnets/);
  });

  test('the awslogs region is the provider region by default, and the given one when set', () => {
    const stack = userStack();
    const a = service(stack, 'a', { name: 'a', datadog: { apiKeySecretArn: API_KEY_ARN } });
    service(stack, 'b', { name: 'b', region: 'us-east-2', datadog: { apiKeySecretArn: API_KEY_ARN } });
    const json = synth(stack);
    const regions = Object.values(json.resource.aws_ecs_task_definition as Record<string, Json>).map(
      (td) => (JSON.parse(td.container_definitions) as ContainerDefinition[])[0].logConfiguration!.options!['awslogs-region'],
    );
    const region = Object.keys(json.data.aws_region).find((n) => n.startsWith('a_'))!;
    expect(regions.sort()).toEqual([`\${data.aws_region.${region}.region}`, 'us-east-2'].sort());
    expect(a.config.name).toBe('a');
    // Everything the model derives from the region (role names too) refers to the provider's region.
    const roleNames = Object.values(json.resource.aws_iam_role as Record<string, Json>).map((r) => r.name as string);
    expect(roleNames).toContain(`a-\${data.aws_region.${region}.region}-execution`);
    expect(roleNames).toContain('b-us-east-2-execution');
    expect(JSON.stringify(json)).not.toContain('ecs-datadog-readonly-region-');
  });

  test('tags go on every taggable resource; the provider merges its default_tags', () => {
    const stack = userStack();
    service(stack, 'svc', { name: 'svc', tags: { team: 'payments' }, datadog: { apiKeySecretArn: API_KEY_ARN } });
    const json = synth(stack);
    for (const type of TAGGABLE) for (const body of Object.values(json.resource[type] as Record<string, Json>)) expect(body.tags).toEqual({ team: 'payments' });
    expect(json.provider.aws[0].default_tags).toEqual([{ tags: { owner: 'platform' } }]);
  });

  test('bad props fail at construction, each problem at its props path, nothing added', () => {
    const stack = userStack();
    expect(() => service(stack, 'bad', { name: 'bad', cpu: 1024, memory: 512, datadog: { apiKeySecretArn: 'not-an-arn' } })).toThrow(
      /user\/bad: 2 problems in the props\.[\s\S]*props\.datadog\.apiKeySecretArn: must be[\s\S]*props\.memory: must be/,
    );
  });

  test('a token where a literal belongs is refused, naming the path and where tokens go', () => {
    const stack = userStack();
    const secret = new fw.Secret(stack, 's', { name: 's' });
    expect(() => service(stack, 'x', { name: 'x', tags: { owner: secret.arn }, datadog: { apiKeySecretArn: API_KEY_ARN } })).toThrow(
      /props\.tags\.owner: is a token .*tokens are accepted only at datadog\.apiKeySecretArn, .*network\.subnetIds\[\*\]/,
    );
  });

  test('in token-accepting props, text that looks like a model reference stays literal', () => {
    const stack = userStack();
    const environment = Object.fromEntries(Object.values(TF).map((ref, i) => [`R${i}`, ref]));
    service(stack, 'svc', { name: 'svc', region: 'eu-west-1', datadog: { apiKeySecretArn: API_KEY_ARN }, containers: [{ name: 'web', image: 'nginx:1.27', environment }] });
    const json = synth(stack);
    const td = Object.values(json.resource.aws_ecs_task_definition as Record<string, Json>)[0];
    const web = (JSON.parse(decodeTemplate(td.container_definitions)) as ContainerDefinition[]).find((c) => c.name === 'web')!;
    expect(Object.fromEntries(web.environment!.filter((e) => e.name.startsWith('R')).map((e) => [e.name, e.value]))).toEqual(environment);
  });

  test('user strings reach Terraform as literal text: template syntax and token markers, keys included', () => {
    const stack = userStack();
    new fw.IamRole(stack, 'decoy', { name: 'decoy', assumeRolePolicy: '{}' }).arn; // registers a token that a marker could name
    const hostile = ['${file("/etc/hostname")}', '%{ if true }x%{ endif }', '$${kept}', '${TfToken[TOKEN.1]}', '#{TfToken[TOKEN.1]}', '&{TfToken[TOKEN.1]}', 'a$', '${', ...Object.values(TF)];
    const tags = Object.fromEntries(hostile.map((v, i) => [`k${i}${v}`, v]));
    service(stack, 'svc', { name: 'svc', region: 'eu-west-1', tags, datadog: { apiKeySecretArn: API_KEY_ARN }, containers: [{ name: 'web', image: 'nginx:1.27', command: hostile }] }, { tokens: 'literal' });
    const json = synth(stack);
    const cluster = Object.values(json.resource.aws_ecs_cluster as Record<string, Json>)[0];
    const decoded = Object.fromEntries(Object.entries(cluster.tags as Record<string, string>).map(([k, v]) => [decodeTemplate(k), decodeTemplate(v)]));
    expect(decoded).toEqual(tags);
    const td = Object.values(json.resource.aws_ecs_task_definition as Record<string, Json>)[0];
    const web = (JSON.parse(decodeTemplate(td.container_definitions)) as ContainerDefinition[]).find((c) => c.name === 'web')!;
    expect(web.command).toEqual(hostile);
  });
});
