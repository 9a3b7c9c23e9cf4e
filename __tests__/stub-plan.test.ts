/**
 * Real `terraform validate` and `terraform plan`, offline, against the schema-only AWS provider stand-in: every
 * generated module (HCL and CDKTF module stack), every example, and the deployable stack, for configs that together
 * use every service feature. The assertions read the plan JSON.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '../src/config/load';
import { resolveConfig } from '../src/config/defaults';
import type { ResolvedConfig, ServiceConfig } from '../src/config/types';
import { deploymentModel } from '../src/model/deployment';
import { containerDefinitions } from '../src/model/task-definition';
import { moduleSpec } from '../src/module/spec';
import { moduleVariableValues } from '../src/module/variables';
import { renderCdktfModule } from '../src/render/cdktf';
import { synthCdktfApp } from '../src/render/cdktf-app';
import { renderModuleFiles } from '../src/render/hcl';
import { repoPath, runCli } from './helpers/cli';
import { inBatches, planned, plannedAddresses, plannedAll, plannedOne, StubResult, stubPlan, stubSchema } from './support/stub';
import { cleanup, describeWithTerraform, tempDir } from './support/terraform';

const EXAMPLE_CONFIGS = readdirSync(repoPath('examples')).filter((f) => f.endsWith('.yaml')).sort();
const WEB = loadConfig(repoPath('examples', 'web-service.yaml'));

/** Created roles under a path and a boundary with managed policies, Cloud Map, ephemeral storage, CIDR ingress. */
const EXTRAS: ServiceConfig = {
  name: 'orders-worker',
  region: 'eu-west-1',
  datadog: { apiKeySecretArn: 'arn:aws:ssm:eu-west-1:210987654321:parameter/datadog/api-key' },
  ephemeralStorageGiB: 64,
  containers: [{ name: 'worker', image: 'public.ecr.aws/example/worker:3', port: 9000, user: '1000' }],
  network: { subnetIds: ['subnet-0123456789abcdef0'] },
  iam: { path: '/services/', permissionsBoundaryArn: 'arn:aws:iam::210987654321:policy/platform-boundary' },
  taskRole: {
    policyStatements: [
      { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
      { Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: 'arn:aws:sqs:eu-west-1:210987654321:orders', Condition: { Bool: { 'aws:SecureTransport': 'true' } } },
    ],
    managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess'],
  },
  securityGroup: { vpcId: 'vpc-0123456789abcdef0', ingressCidrBlocks: ['10.20.0.0/16'] },
  autoscaling: { minCapacity: 1, maxCapacity: 4 },
  service: {
    deploymentMinimumHealthyPercent: 50,
    deploymentMaximumPercent: 150,
    waitForSteadyState: false,
    serviceRegistryArn: 'arn:aws:servicediscovery:eu-west-1:210987654321:service/srv-0123456789abcdef',
  },
};

/** Roles brought by the caller, an existing cluster, FARGATE_SPOT only. */
const BYO: ServiceConfig = {
  name: 'byo',
  datadog: { apiKeySecretArn: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key-AbCdEf' },
  containers: [{ name: 'app', image: 'public.ecr.aws/example/app:1', user: '1000' }],
  network: { subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0123456789abcdef0'] },
  iam: { executionRoleArn: 'arn:aws:iam::123456789012:role/platform/shared-execution', taskRoleArn: 'arn:aws:iam::123456789012:role/byo-app' },
  cluster: { existingClusterArn: 'arn:aws:ecs:ap-northeast-1:123456789012:cluster/shared' },
  service: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] },
};

const CONFIGS: Record<string, ResolvedConfig> = {
  ...Object.fromEntries(EXAMPLE_CONFIGS.map((f) => [f, loadConfig(repoPath('examples', f))])),
  extras: resolveConfig(EXTRAS),
  byo: resolveConfig(BYO),
};

const DIST = repoPath('dist', 'terraform-aws-ecs-datadog-readonly');
const DIST_EXAMPLES = readdirSync(join(DIST, 'examples')).sort();

function writeFiles(dir: string, files: Readonly<Record<string, string>>): string {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

/**
 * The inputs a caller must give a generated module: the Datadog settings (the API key secret has no default), and
 * subnets when the config leaves them to deploy time.
 */
function tfvars(dir: string, config: ResolvedConfig): string {
  const file = join(dir, 'inputs.tfvars.json');
  const subnets = config.network.subnetIds.length === 0 ? { subnet_ids: ['subnet-0123456789abcdef0'] } : {};
  writeFileSync(file, JSON.stringify({ datadog: moduleVariableValues(config).datadog, ...subnets }));
  return file;
}

const json = (v: unknown) => JSON.parse(v as string) as unknown;
/** The resource changes without module path, for comparing two renderings of the same module. */
const changes = (r: StubResult) =>
  Object.fromEntries((r.plan?.resource_changes ?? []).map((c) => [c.module_address ? c.address.slice(c.module_address.length + 1) : c.address, c.change.after]));

describeWithTerraform('terraform validate and plan with the stub provider', () => {
  const work = tempDir('stub-plan-test-');
  const results = new Map<string, StubResult>();
  const result = (key: string) => {
    const r = results.get(key)!;
    expect(r.output).toContain('validate: valid');
    expect(r.output).toMatch(/plan: Plan: \d+ to add, 0 to change, 0 to destroy/);
    expect(r.code).toBe(0);
    return r;
  };

  beforeAll(async () => {
    stubSchema();
    const runs: [string, () => Promise<StubResult>][] = [];
    for (const folder of DIST_EXAMPLES) runs.push([`dist example ${folder}`, () => stubPlan(DIST, { sub: `examples/${folder}` })]);
    for (const [label, config] of Object.entries(CONFIGS)) {
      const dir = join(work, label.replace(/\W/g, '-'));
      const spec = moduleSpec(config);
      const hcl = writeFiles(join(dir, 'hcl'), renderModuleFiles(spec, config));
      const stack = writeFiles(join(dir, 'stack'), renderCdktfModule(config));
      const vars = tfvars(dir, config);
      runs.push([`${label} hcl`, () => stubPlan(hcl, { tfvars: vars, region: config.region })]);
      runs.push([`${label} module stack`, () => stubPlan(stack, { tfvars: vars, region: config.region })]);
      // the deployable stack refuses a config without subnets (it could not be created)
      const deployable = config.network.subnetIds.length > 0 ? config : { ...config, network: { ...config.network, subnetIds: ['subnet-0123456789abcdef0'] } };
      const synth = synthCdktfApp(deployable, join(dir, 'cdktf.out'));
      runs.push([`${label} deployable`, () => stubPlan(join(synth.outdir, dirname(synth.stacks[config.name])))]);
    }
    runs.push(['web-service module example', () => stubPlan(join(work, 'web-service-yaml', 'hcl'), { sub: 'examples/web-service' })]);
    const done = await inBatches(runs, 4, ([, run]) => run());
    runs.forEach(([key], i) => results.set(key, done[i]));
  }, 900_000);

  afterAll(() => cleanup(work));

  test.each(DIST_EXAMPLES)('the dist module example %s validates and plans', (folder) => {
    result(`dist example ${folder}`);
  });

  test.each(Object.keys(CONFIGS))('%s: the HCL module, the module stack and the deployable stack validate and plan', (label) => {
    for (const kind of ['hcl', 'module stack', 'deployable']) result(`${label} ${kind}`);
  });

  test.each(Object.keys(CONFIGS))('%s: the module stack plans exactly what the HCL module plans', (label) => {
    const hcl = changes(result(`${label} hcl`));
    // at least the log group, the task definition and the service
    expect(Object.keys(hcl).length).toBeGreaterThanOrEqual(3);
    expect(changes(result(`${label} module stack`))).toEqual(hcl);
  });

  test.each(Object.keys(CONFIGS))('%s: the planned container definitions and role names are those of the model', (label) => {
    const config = CONFIGS[label];
    const model = deploymentModel(config);
    for (const kind of ['hcl', 'deployable']) {
      const plan = result(`${label} ${kind}`).plan;
      const td = plannedOne(plan, 'aws_ecs_task_definition');
      expect(json(td.container_definitions)).toEqual(containerDefinitions(config));
      const roles = plannedAll(plan, 'aws_iam_role');
      expect(roles.map((r) => r.name).sort()).toEqual([model.executionRole, model.taskRole].filter((r) => r.create).map((r) => r.name).sort());
      // IAM names are unique per account across regions: the region is in every created role name.
      for (const r of roles) expect(r.name).toContain(`-${config.region}-`);
    }
  });

  test('every example config passes the tool\'s own check', async () => {
    for (const file of EXAMPLE_CONFIGS) {
      const run = await runCli(['check', repoPath('examples', file)]);
      expect({ file, code: run.code }).toEqual({ file, code: 0 });
    }
  });

  describe('web service (examples/web-service.yaml)', () => {
    const model = deploymentModel(WEB);
    test.each(['hcl', 'deployable'])('%s: the service sits behind the target group on capacity providers, waiting for a steady state', (kind) => {
      const service = plannedOne(result(`web-service.yaml ${kind}`).plan, 'aws_ecs_service');
      expect(service.load_balancer).toEqual([
        expect.objectContaining({ target_group_arn: WEB.loadBalancers[0].targetGroupArn, container_name: 'web', container_port: 8080 }),
      ]);
      expect(service.capacity_provider_strategy).toEqual(
        expect.arrayContaining([
          { capacity_provider: 'FARGATE', weight: 1, base: 1 },
          { capacity_provider: 'FARGATE_SPOT', weight: 3, base: 0 },
        ]),
      );
      expect(service.launch_type).toBeNull();
      expect(service).toMatchObject({ health_check_grace_period_seconds: 60, wait_for_steady_state: true, deployment_minimum_healthy_percent: 100, deployment_maximum_percent: 200, desired_count: 1 });
    });

    test.each(['hcl', 'deployable'])('%s: a scaling target and target-tracking policies on CPU and memory', (kind) => {
      const plan = result(`web-service.yaml ${kind}`).plan;
      const target = plannedOne(plan, 'aws_appautoscaling_target');
      expect(target).toMatchObject({ service_namespace: 'ecs', scalable_dimension: 'ecs:service:DesiredCount', resource_id: 'service/shop-web/shop-web', min_capacity: 2, max_capacity: 10 });
      const policies = plannedAll(plan, 'aws_appautoscaling_policy');
      const byMetric = Object.fromEntries(
        policies.map((p) => {
          const c = (p.target_tracking_scaling_policy_configuration as Record<string, unknown>[])[0];
          return [(c.predefined_metric_specification as Record<string, unknown>[])[0].predefined_metric_type, { name: p.name, target: c.target_value, in: c.scale_in_cooldown, out: c.scale_out_cooldown }];
        }),
      );
      expect(byMetric).toEqual({
        ECSServiceAverageCPUUtilization: { name: 'shop-web-cpu', target: 60, in: 300, out: 60 },
        ECSServiceAverageMemoryUtilization: { name: 'shop-web-memory', target: 75, in: 300, out: 60 },
      });
    });

    test.each(['hcl', 'deployable'])('%s: a security group lets the ALB in on the container port, and out anywhere', (kind) => {
      const plan = result(`web-service.yaml ${kind}`).plan;
      expect(plannedOne(plan, 'aws_security_group')).toMatchObject({ name_prefix: 'shop-web-', vpc_id: 'vpc-0123456789abcdef0' });
      const ingress = plannedAll(plan, 'aws_vpc_security_group_ingress_rule');
      expect(ingress).toEqual([expect.objectContaining({ ip_protocol: 'tcp', from_port: 8080, to_port: 8080, referenced_security_group_id: 'sg-0aaaaaaaaaaaaaaaa', cidr_ipv4: null })]);
      const egress = plannedAll(plan, 'aws_vpc_security_group_egress_rule');
      expect(egress).toEqual([expect.objectContaining({ ip_protocol: '-1', cidr_ipv4: '0.0.0.0/0' })]);
    });

    test('hcl: the rule addresses name protocol, port and source; the cluster gets both Fargate capacity providers', () => {
      const plan = result('web-service.yaml hcl').plan;
      expect(plannedAddresses(plan)).toEqual(expect.arrayContaining(['aws_vpc_security_group_ingress_rule.this["tcp-8080-sg-0aaaaaaaaaaaaaaaa"]', 'aws_appautoscaling_policy.this["cpu"]']));
      expect(planned(plan, 'aws_ecs_cluster_capacity_providers.this[0]').capacity_providers).toEqual(['FARGATE', 'FARGATE_SPOT']);
    });

    test.each(['hcl', 'deployable'])('%s: the task role carries the applications\' statements', (kind) => {
      const plan = result(`web-service.yaml ${kind}`).plan;
      const policies = plannedAll(plan, 'aws_iam_role_policy').filter((p) => p.name === 'application');
      expect(policies).toHaveLength(1);
      expect(json(policies[0].policy)).toEqual(model.applicationPolicy?.policy);
    });

    test('the module example with the config\'s own values plans the same features', () => {
      const plan = result('web-service module example').plan;
      expect(planned(plan, 'aws_ecs_service.this').load_balancer).toEqual([expect.objectContaining({ container_name: 'web', container_port: 8080 })]);
      expect(planned(plan, 'aws_appautoscaling_target.this[0]')).toMatchObject({ min_capacity: 2, max_capacity: 10 });
    });

    test('the dist web-service example plans a service behind its sample target group', () => {
      const plan = result('dist example web-service').plan;
      expect(planned(plan, 'aws_ecs_service.this').load_balancer).toEqual([expect.objectContaining({ container_name: 'web', container_port: 8080 })]);
      expect(planned(plan, 'aws_security_group.this[0]').vpc_id).toBe('vpc-0123456789abcdef0');
      expect(planned(plan, 'aws_iam_role.execution[0]').name).toBe('datadog-agent-readonly-ap-northeast-1-execution');
    });
  });

  describe('created roles under a path and a boundary, Cloud Map, ephemeral storage, CIDR ingress', () => {
    const config = CONFIGS.extras;
    test.each(['hcl', 'deployable'])('%s', (kind) => {
      const plan = result(`extras ${kind}`).plan;
      const roles = plannedAll(plan, 'aws_iam_role');
      expect(roles).toHaveLength(2);
      for (const r of roles) expect(r).toMatchObject({ path: '/services/', permissions_boundary: 'arn:aws:iam::210987654321:policy/platform-boundary' });
      expect(plannedAll(plan, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual(['arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess']);
      const application = json(plannedAll(plan, 'aws_iam_role_policy').find((p) => p.name === 'application')?.policy);
      expect(application).toEqual({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Deny', Action: ['s3:DeleteObject'], Resource: ['*'] },
          { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: ['arn:aws:sqs:eu-west-1:210987654321:orders'], Condition: { Bool: { 'aws:SecureTransport': ['true'] } } },
        ],
      });
      expect(plannedOne(plan, 'aws_ecs_task_definition').ephemeral_storage).toEqual([{ size_in_gib: 64 }]);
      const service = plannedOne(plan, 'aws_ecs_service');
      expect(service.service_registries).toEqual([expect.objectContaining({ registry_arn: config.service.serviceRegistryArn })]);
      expect(service).toMatchObject({ launch_type: 'FARGATE', deployment_minimum_healthy_percent: 50, deployment_maximum_percent: 150, wait_for_steady_state: false });
      expect(plannedAll(plan, 'aws_vpc_security_group_ingress_rule')).toEqual([expect.objectContaining({ from_port: 9000, cidr_ipv4: '10.20.0.0/16', referenced_security_group_id: null })]);
      expect(plannedAll(plan, 'aws_appautoscaling_policy')).toHaveLength(1);
      expect(plannedOne(plan, 'aws_appautoscaling_target').resource_id).toBe('service/orders-worker/orders-worker');
    });
  });

  describe('roles brought by the caller, an existing cluster, FARGATE_SPOT only', () => {
    const config = CONFIGS.byo;
    test.each(['hcl', 'deployable'])('%s: no role is created or attached, the task definition names the given ones', (kind) => {
      const plan = result(`byo ${kind}`).plan;
      const addresses = plannedAddresses(plan);
      expect(addresses.filter((a) => a.startsWith('aws_iam_'))).toEqual([]);
      expect(addresses.filter((a) => a.startsWith('aws_ecs_cluster'))).toEqual([]);
      const td = plannedOne(plan, 'aws_ecs_task_definition');
      expect(td).toMatchObject({ execution_role_arn: config.iam.executionRoleArn, task_role_arn: config.iam.taskRoleArn });
      const service = plannedOne(plan, 'aws_ecs_service');
      expect(service).toMatchObject({ cluster: config.cluster.existingClusterArn, launch_type: null });
      expect(service.capacity_provider_strategy).toEqual([{ capacity_provider: 'FARGATE_SPOT', weight: 1, base: 0 }]);
    });
  });
});
