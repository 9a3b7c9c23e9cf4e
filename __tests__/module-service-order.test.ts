import { parse } from '@cdktf/hcl2json';
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import { renderCdktfModule } from '../src/render/cdktf';
import { renderHclModule } from '../src/render/hcl';

// Tasks started before the execution role's policy is attached cannot pull images or read the API key secret.
const POLICIES = ['aws_iam_role_policy.execution', 'aws_iam_role_policy.task'];
// The modules name every permission and capacity provider resource they may create (count 0 when not wanted).
const MODULE_DEPENDENCIES = [...POLICIES, 'aws_iam_role_policy.application', 'aws_iam_role_policy_attachment.task', 'aws_ecs_cluster_capacity_providers.this'];
const config = resolveConfig(EMBEDDED_DEFAULT_CONFIG);

test('the HCL module starts the service only after both role policies exist', async () => {
  const ecs = (await parse('ecs.tf', renderHclModule(config)['ecs.tf'])) as { resource: { aws_ecs_service: { this: { depends_on: string[] }[] } } };
  expect(ecs.resource.aws_ecs_service.this[0].depends_on).toEqual(MODULE_DEPENDENCIES.map((p) => `\${${p}}`));
});

test('the CDKTF module starts the service only after both role policies exist', () => {
  const files = renderCdktfModule(config);
  const json = JSON.parse(Object.values(files)[0]) as { resource: { aws_ecs_service: { this: { depends_on: string[] } } } };
  expect(json.resource.aws_ecs_service.this.depends_on).toEqual(MODULE_DEPENDENCIES);
});

test('the deployable CDKTF stack starts the service only after both role policies exist', async () => {
  const { Testing } = await import('cdktf');
  const { DeployableStack } = await import('../modules/cdktf');
  const { only, withSubnets } = await import('./support/cdktf-json');
  const json = JSON.parse(Testing.synth(new DeployableStack(Testing.app(), 'svc', { config: withSubnets(config) })));
  const policies = Object.keys(json.resource.aws_iam_role_policy).map((name) => `aws_iam_role_policy.${name}`);
  expect(policies).toHaveLength(2);
  expect([...only(json, 'aws_ecs_service').body.depends_on].sort()).toEqual(policies.sort());
});
