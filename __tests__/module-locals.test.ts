/**
 * The module's locals, evaluated by real terraform from the variables, equal what the TypeScript model computes:
 * container definitions, task volumes and the IAM policy documents.
 */
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import type { ResolvedConfig, ServiceConfig } from '../src/config/types';
import { deploymentModel } from '../src/model/deployment';
import { ecsTasksTrustPolicy, executionPolicy, taskPolicy } from '../src/model/iam';
import { applicationPolicy } from '../src/model/iam-roles';
import { containerDefinitions, taskVolumes } from '../src/model/task-definition';
import { TF } from '../src/model/terraform-refs';
import { modelContext } from '../src/module/locals';
import { hclLiteral } from '../src/module/hcl';
import { moduleSpec } from '../src/module/spec';
import type { Value } from '../src/module/types';
import { moduleVariableValues } from '../src/module/variables';
import { APP_CONFIG } from './support/configs';
import { ApplyResult, describeWithTerraform, evaluateSpec } from './support/terraform';

const base = EMBEDDED_DEFAULT_CONFIG;
const smArn = (name: string) => `arn:aws:secretsmanager:eu-central-1:111122223333:secret:${name}-AbCdEf`;
const ssmArn = (name: string) => `arn:aws:ssm:eu-central-1:111122223333:parameter/${name}`;

const CASES: Record<string, ServiceConfig> = {
  'embedded default': base,
  'one container with port, writable paths, env, secrets, health check': {
    ...base,
    name: 'web',
    region: 'eu-central-1',
    containers: [
      {
        name: 'web',
        image: 'public.ecr.aws/nginx/nginx:1.27',
        port: 8080,
        writablePaths: ['/var/cache/nginx', '/tmp', '/run/nginx.d'],
        environment: { ZED: 'last', LOG_LEVEL: 'debug', APP_MODE: 'prod' },
        secrets: { DB_PASSWORD: smArn('db'), API_TOKEN: ssmArn('web/token') },
        healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'], intervalSeconds: 10, retries: 5, startPeriodSeconds: 20 },
      },
    ],
  },
  'two containers with a HEALTHY dependency': APP_CONFIG,
  'datadog env, tags, cpu and memory, APM off': {
    ...base,
    name: 'tagged',
    datadog: {
      apiKeySecretArn: smArn('dd'),
      site: 'us5.datadoghq.com',
      image: 'public.ecr.aws/datadog/agent:7.60.0',
      env: 'staging',
      tags: { zone: 'a', team: 'core', 'cost-center': '7' },
      apmEnabled: false,
      cpu: 128,
      memory: 256,
    },
    containers: [{ name: 'app', image: 'example/app:3', environment: { DD_ENV: 'user-wins', DD_SERVICE: 'custom' } }],
  },
  'ARM64 with an SSM parameter API key, ECS Exec and an existing cluster': {
    ...base,
    name: 'arm',
    cpu: 8192,
    memory: 16384,
    cpuArchitecture: 'ARM64',
    datadog: { apiKeySecretArn: ssmArn('datadog/api-key') },
    containers: [
      { name: 'svc', image: 'example/svc:1', secrets: { TOKEN: ssmArn('svc/token'), KEY: ssmArn('datadog/api-key') } },
      // Its own /var/log covers ECS Exec's /var/log/amazon/ssm, so only the other two Exec paths are added.
      { name: 'logger', image: 'example/logger:1', writablePaths: ['/var/log', '/tmp'] },
    ],
    secretsKmsKeyArns: ['arn:aws:kms:eu-central-1:111122223333:key/0a1b2c3d-1111-2222-3333-444455556666'],
    cluster: { existingClusterArn: 'arn:aws:ecs:eu-central-1:111122223333:cluster/shared' },
    service: { enableExecuteCommand: true },
  },
  'untagged and digest images, explicit service and version, command, udp, non-essential': {
    ...base,
    name: 'misc',
    containers: [
      { name: 'untagged', image: 'registry.example.com:5000/team/app', port: 53, protocol: 'udp', essential: false, command: ['run', '--fast'] },
      { name: 'digest', image: 'example/app@sha256:0123456789abcdef', service: 'digest-svc' },
      { name: 'explicit', image: 'example/app:1.0', version: '1.0-custom', cpu: 256, memory: 512, command: [] },
    ],
  },
  'logs to Datadog through FireLens, tcp, agent environment, process collection, JSON-key and partial secret ARNs, region from the key': {
    name: 'routed',
    cpu: 2048,
    memory: 4096,
    datadog: {
      apiKeySecretArn: 'arn:aws:secretsmanager:eu-west-3:111122223333:secret:shared/datadog-Xy12Zw:api_key::',
      site: 'datadoghq.eu',
      env: 'prod',
      tags: { team: 'core', env: 'shadowed-by-env' },
      environment: { DD_DOGSTATSD_TAG_CARDINALITY: 'high', DD_DOCKER_LABELS_AS_TAGS: '{"team":"team"}', DD_LOGS_ENABLED: 'false' },
      transport: 'tcp',
      processCollection: true,
      cpu: 256,
    },
    logs: { destination: 'datadog', router: { image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4', cpu: 64, memory: 128 } },
    containers: [
      {
        name: 'web',
        image: 'public.ecr.aws/nginx/nginx:1.27',
        port: 8080,
        writablePaths: ['/var/run'],
        secrets: { DB: 'arn:aws:secretsmanager:eu-west-3:111122223333:secret:web/db', TOKEN: smArn('web/token') + ':token:AWSPREVIOUS:' },
        memory: 512,
      },
      { name: 'jobs', image: 'registry.example.com:5000/team/jobs@sha256:0123456789abcdef', logSource: 'python', environment: { DD_DOGSTATSD_ORIGIN_DETECTION_CLIENT: 'false' } },
    ],
  },
  'Datadog logs with the default router, unix sockets without APM, no tags': {
    ...base,
    name: 'plain-routed',
    datadog: { apiKeySecretArn: ssmArn('datadog/api-key'), apmEnabled: false },
    logs: { destination: 'datadog', retentionInDays: 7 },
    containers: [{ name: 'app', image: 'example/app' }],
  },
  'web service: load balancer, created security group, autoscaling, FARGATE_SPOT, app permissions, ephemeral storage': {
    ...base,
    name: 'shop',
    region: 'eu-west-1',
    ephemeralStorageGiB: 50,
    containers: [
      { name: 'web', image: 'example/shop:2.1', port: 8080, user: '1000:1000', healthCheck: { command: ['CMD-SHELL', 'true'], startPeriodSeconds: 0 } },
      { name: 'metrics', image: 'example/exporter:1', port: 9100, user: '65534' },
      { name: 'again', image: 'example/shop:2.1', port: 8080, user: '1000' },
    ],
    loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shop/0123456789abcdef', containerName: 'web', containerPort: 8080 }],
    securityGroup: { vpcId: 'vpc-0123456789abcdef0', ingressSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'], ingressCidrBlocks: ['10.0.0.0/16'] },
    autoscaling: { minCapacity: 2, maxCapacity: 8, cpuTargetPercent: 60, memoryTargetPercent: 80 },
    taskRole: {
      policyStatements: [
        { Sid: 'ReadOrders', Action: 's3:GetObject', Resource: ['arn:aws:s3:::orders/*'], Condition: { StringEquals: { 'aws:ResourceTag/team': 'shop' } } },
        { Effect: 'Deny', Action: ['s3:DeleteObject'], Resource: '*' },
      ],
      managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
    },
    iam: { path: '/services/', permissionsBoundaryArn: 'arn:aws:iam::111122223333:policy/boundary' },
    service: {
      healthCheckGracePeriodSeconds: 90,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }],
      deploymentMinimumHealthyPercent: 50,
      deploymentMaximumPercent: 150,
      waitForSteadyState: false,
      serviceRegistryArn: 'arn:aws:servicediscovery:eu-west-1:111122223333:service/srv-0123456789abcdef',
    },
  },
  'bring-your-own roles, existing cluster with autoscaling, CPU only': {
    ...base,
    name: 'byo',
    iam: { executionRoleArn: 'arn:aws:iam::123456789012:role/platform/shared-execution', taskRoleArn: 'arn:aws:iam::123456789012:role/byo-task' },
    cluster: { existingClusterArn: 'arn:aws:ecs:ap-northeast-1:123456789012:cluster/shared' },
    autoscaling: { minCapacity: 1, maxCapacity: 3 },
    securityGroup: { create: false },
    service: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] },
  },
};

/** A module call must name subnets (the config may leave them to deploy time): the cases get one when they have none. */
function resolved(raw: ServiceConfig): ResolvedConfig {
  return resolveConfig(raw.network?.subnetIds?.length ? raw : { ...raw, network: { ...raw.network, subnetIds: ['subnet-0123456789abcdef0'] } });
}

/** The model's output with the region placeholder written as the region, as the module's context locals give it. */
function withRegion<T>(value: T, region: string): T {
  return JSON.parse(JSON.stringify(value).split(TF.region).join(region)) as T;
}

/** Spec from the embedded default: every value of the case travels through the tfvars file. */
const spec = moduleSpec(resolveConfig(base));
const OUTPUTS = ['container_definitions', 'volumes', 'assume_role_policy', 'execution_policy', 'task_policy'];

/**
 * Every resource attribute (and attribute of a static block) that reads only variables and locals, as an output named
 * `<type>__<name>[__<block>]__<attribute>`. Attributes that read other resources (ARNs, ids) are left out.
 */
const RESOURCE_EXPRESSIONS: Record<string, string> = (() => {
  const out: Record<string, string> = {};
  const add = (key: string, value: Value) => {
    const text = hclLiteral(value);
    if (!/\b(data\.|aws_[a-z_]+\.[a-z_]+(\[[^\]]*\])?\.)/.test(text.replace(/"[^"$]*"/g, '""'))) out[key] = text;
  };
  for (const r of spec.resources.filter((x) => x.kind === 'resource')) {
    if (r.count) add(`${r.type}__${r.name}__count`, r.count);
    // The body of a for_each resource reads each.*: its collection is compared instead.
    if (r.forEach) {
      add(`${r.type}__${r.name}__for_each`, r.forEach);
      continue;
    }
    for (const [k, v] of Object.entries(r.attributes)) add(`${r.type}__${r.name}__${k}`, v);
    for (const b of r.blocks ?? []) {
      if (b.forEach) add(`${r.type}__${r.name}__${b.type}__for_each`, b.forEach);
      else for (const [k, v] of Object.entries(b.attributes)) add(`${r.type}__${r.name}__${b.type}__${k}`, v);
    }
  }
  return out;
})();

/** What the deployment model says each of those attributes is. JSON documents are compared parsed. */
function modelAttributes(config: ResolvedConfig): Record<string, unknown> {
  const m = deploymentModel(config);
  const td = m.taskDefinition;
  const trust = withRegion(ecsTasksTrustPolicy(), config.region);
  const role = (name: string, r: typeof m.executionRole) => ({
    [`aws_iam_role__${name}__count`]: r.create ? 1 : 0,
    [`aws_iam_role__${name}__name`]: r.name,
    [`aws_iam_role__${name}__path`]: r.path,
    [`aws_iam_role__${name}__permissions_boundary`]: r.permissionsBoundaryArn ?? null,
    [`aws_iam_role__${name}__description`]: r.description,
    [`aws_iam_role__${name}__assume_role_policy`]: trust,
    [`aws_iam_role__${name}__tags`]: m.tags,
    [`aws_iam_role_policy__${name}__count`]: r.create ? 1 : 0,
    [`aws_iam_role_policy__${name}__name`]: r.policyName,
    [`aws_iam_role_policy__${name}__policy`]: r.policy,
  });
  const sg = m.securityGroup;
  const scaling = m.autoscaling;
  const svc = m.service;
  return {
    aws_ecs_cluster__this__count: m.cluster.create ? 1 : 0,
    aws_ecs_cluster__this__name: m.names.cluster,
    aws_ecs_cluster__this__tags: m.tags,
    aws_ecs_cluster__this__setting__name: 'containerInsights',
    aws_ecs_cluster__this__setting__value: config.cluster.containerInsights,
    aws_cloudwatch_log_group__this__name: m.logGroup.name,
    aws_cloudwatch_log_group__this__retention_in_days: m.logGroup.retentionInDays,
    aws_cloudwatch_log_group__this__kms_key_id: m.logGroup.kmsKeyArn ?? null,
    aws_cloudwatch_log_group__this__tags: m.tags,
    ...role('execution', m.executionRole),
    ...role('task', m.taskRole),
    aws_ecs_task_definition__this__family: td.family,
    aws_ecs_task_definition__this__pid_mode: td.pidMode ?? null,
    aws_ecs_task_definition__this__cpu: td.cpu,
    aws_ecs_task_definition__this__memory: td.memory,
    aws_ecs_task_definition__this__network_mode: td.networkMode,
    aws_ecs_task_definition__this__requires_compatibilities: td.requiresCompatibilities,
    aws_ecs_task_definition__this__container_definitions: td.containerDefinitions,
    aws_ecs_task_definition__this__tags: Object.fromEntries((td.tags ?? []).map((t) => [t.key, t.value])),
    aws_ecs_task_definition__this__runtime_platform__operating_system_family: td.runtimePlatform?.operatingSystemFamily,
    aws_ecs_task_definition__this__runtime_platform__cpu_architecture: td.runtimePlatform?.cpuArchitecture,
    aws_ecs_task_definition__this__execution_role_arn: td.executionRoleArn,
    aws_ecs_task_definition__this__task_role_arn: td.taskRoleArn,
    aws_ecs_task_definition__this__volume__for_each: td.volumes,
    aws_ecs_task_definition__this__ephemeral_storage__for_each: td.ephemeralStorage ? [td.ephemeralStorage.sizeInGiB] : [],
    aws_ecs_cluster_capacity_providers__this__count: m.cluster.create && m.cluster.capacityProviders.length > 0 ? 1 : 0,
    aws_ecs_cluster_capacity_providers__this__capacity_providers: m.cluster.create ? m.cluster.capacityProviders : [],
    aws_iam_role_policy__application__count: m.applicationPolicy ? 1 : 0,
    aws_iam_role_policy__application__name: 'application',
    aws_iam_role_policy__application__policy: config.taskRole.policyStatements.length > 0 ? applicationPolicy(config) : { Version: '2012-10-17', Statement: [] },
    aws_iam_role_policy_attachment__task__for_each: [...m.taskRole.managedPolicyArns].sort(),
    aws_security_group__this__count: sg ? 1 : 0,
    aws_security_group__this__name_prefix: `${config.name}-`,
    aws_security_group__this__description: `ECS service ${config.name}: ingress on the application ports, egress anywhere`,
    aws_security_group__this__vpc_id: config.securityGroup.vpcId ?? null,
    aws_security_group__this__tags: m.tags,
    aws_vpc_security_group_ingress_rule__this__for_each: Object.fromEntries(
      (sg?.ingress ?? []).map((r) => [
        r.key,
        { ip_protocol: r.ipProtocol, from_port: r.fromPort, to_port: r.toPort, referenced_security_group_id: r.referencedSecurityGroupId ?? null, cidr_ipv4: r.cidrIpv4 ?? null },
      ]),
    ),
    aws_vpc_security_group_egress_rule__this__count: sg ? 1 : 0,
    aws_vpc_security_group_egress_rule__this__ip_protocol: '-1',
    aws_vpc_security_group_egress_rule__this__cidr_ipv4: '0.0.0.0/0',
    aws_vpc_security_group_egress_rule__this__tags: m.tags,
    aws_appautoscaling_target__this__count: scaling ? 1 : 0,
    aws_appautoscaling_target__this__service_namespace: 'ecs',
    aws_appautoscaling_target__this__scalable_dimension: 'ecs:service:DesiredCount',
    aws_appautoscaling_target__this__resource_id: scaling?.resourceId ?? `service/${config.cluster.existingClusterArn?.split('/')[1] ?? config.name}/${config.name}`,
    aws_appautoscaling_target__this__min_capacity: scaling?.minCapacity ?? null,
    aws_appautoscaling_target__this__max_capacity: scaling?.maxCapacity ?? null,
    aws_appautoscaling_target__this__tags: m.tags,
    aws_appautoscaling_policy__this__for_each: Object.fromEntries((scaling?.policies ?? []).map((p) => [p.key, { metric: p.metric, target_value: p.targetValue }])),
    aws_ecs_service__this__health_check_grace_period_seconds: svc.healthCheckGracePeriodSeconds ?? null,
    aws_ecs_service__this__deployment_minimum_healthy_percent: svc.deploymentMinimumHealthyPercent,
    aws_ecs_service__this__deployment_maximum_percent: svc.deploymentMaximumPercent,
    aws_ecs_service__this__wait_for_steady_state: svc.waitForSteadyState,
    aws_ecs_service__this__capacity_provider_strategy__for_each: svc.capacityProviderStrategy.map((c) => ({ capacity_provider: c.capacityProvider, weight: c.weight, base: c.base })),
    aws_ecs_service__this__load_balancer__for_each: svc.loadBalancers.map((lb) => ({ target_group_arn: lb.targetGroupArn, container_name: lb.containerName, container_port: lb.containerPort })),
    aws_ecs_service__this__service_registries__for_each: svc.serviceRegistryArn ? [svc.serviceRegistryArn] : [],
    aws_ecs_service__this__name: m.service.name,
    aws_ecs_service__this__cluster: m.service.clusterArn,
    aws_ecs_service__this__desired_count: m.service.desiredCount,
    aws_ecs_service__this__launch_type: m.service.launchType ?? null,
    aws_ecs_service__this__platform_version: m.service.platformVersion,
    aws_ecs_service__this__propagate_tags: m.service.propagateTags,
    aws_ecs_service__this__enable_ecs_managed_tags: m.service.enableEcsManagedTags,
    aws_ecs_service__this__enable_execute_command: m.service.enableExecuteCommand,
    aws_ecs_service__this__tags: m.tags,
    aws_ecs_service__this__network_configuration__subnets: m.service.subnetIds,
    aws_ecs_service__this__network_configuration__assign_public_ip: m.service.assignPublicIp,
    aws_ecs_service__this__deployment_circuit_breaker__enable: m.service.circuitBreaker.enable,
    aws_ecs_service__this__deployment_circuit_breaker__rollback: m.service.circuitBreaker.rollback,
  };
}

const JSON_ATTRIBUTES = /__(assume_role_policy|policy|container_definitions)$/;
const parseJson = (v: unknown) => (v === null || v === undefined ? null : JSON.parse(v as string));

describeWithTerraform('module locals evaluated by terraform', () => {
  const results = new Map<string, ApplyResult>();
  const hclResults = new Map<string, ApplyResult>();

  beforeAll(async () => {
    const entries = Object.entries(CASES);
    const run = (syntax: 'json' | 'hcl') =>
      Promise.all(
        entries.map(([, raw]) => {
          const config = resolved(raw);
          return evaluateSpec(spec, moduleVariableValues(config), {
            context: modelContext(config),
            outputs: OUTPUTS,
            expressions: RESOURCE_EXPRESSIONS,
            syntax,
          });
        }),
      );
    const [json, hcl] = await Promise.all([run('json'), run('hcl')]);
    entries.forEach(([label], i) => {
      results.set(label, json[i]);
      hclResults.set(label, hcl[i]);
    });
  });

  describe.each(Object.entries(CASES))('%s', (label, raw) => {
    const config: ResolvedConfig = resolved(raw);
    const result = () => {
      const r = results.get(label)!;
      expect(r.diagnostics).toEqual([]);
      expect(r.ok).toBe(true);
      return r.outputs;
    };

    test('container_definitions equal the model, with no null anywhere', () => {
      const definitions = result().container_definitions;
      expect(definitions).toEqual(containerDefinitions(config));
      expect(JSON.stringify(definitions)).not.toMatch(/:null\b/);
    });

    test('volumes equal the model', () => {
      expect(result().volumes).toEqual(taskVolumes(config));
    });

    test('the expressions evaluate the same in HCL native syntax as inside "${...}" of Terraform JSON', () => {
      const hcl = hclResults.get(label)!;
      expect(hcl.diagnostics).toEqual([]);
      expect(hcl.outputs).toEqual(result());
    });

    test('every resource attribute that reads only variables and locals equals the deployment model', () => {
      const out = result();
      const got = Object.fromEntries(
        Object.keys(RESOURCE_EXPRESSIONS).map((k) => [k, JSON_ATTRIBUTES.test(k) ? parseJson(out[k]) : (out[k] ?? null)]),
      );
      expect(got).toEqual(modelAttributes(config));
    });

    test('the IAM policy documents equal the model', () => {
      const out = result();
      expect(JSON.parse(out.assume_role_policy as string)).toEqual(withRegion(ecsTasksTrustPolicy(), config.region));
      expect(JSON.parse(out.execution_policy as string)).toEqual(executionPolicy(config));
      expect(JSON.parse(out.task_policy as string)).toEqual(taskPolicy(config));
    });
  });

  test.each(['two containers with a HEALTHY dependency', 'datadog env, tags, cpu and memory, APM off'])(
    'a module generated from the %s config gives the model with no variable set but the required subnets and datadog (its defaults)',
    async (label) => {
      const config = resolveConfig(CASES[label]);
      expect(config.network.subnetIds).toEqual([]);
      const { ok, outputs, diagnostics } = await evaluateSpec(moduleSpec(config), { subnet_ids: ['subnet-0123456789abcdef0'], datadog: moduleVariableValues(config).datadog }, {
        context: modelContext(config),
        outputs: ['container_definitions', 'volumes', 'execution_policy'],
      });
      expect(diagnostics).toEqual([]);
      expect(ok).toBe(true);
      expect(outputs.container_definitions).toEqual(containerDefinitions(config));
      expect(outputs.volumes).toEqual(taskVolumes(config));
      expect(JSON.parse(outputs.execution_policy as string)).toEqual(executionPolicy(config));
    },
  );

  test('the cases cover what the wiring branches on', () => {
    const all = Object.values(CASES).map(resolveConfig);
    const containers = all.flatMap((c) => c.containers);
    expect(containers.some((c) => c.version === undefined)).toBe(true);
    expect(containers.some((c) => c.healthCheck !== undefined)).toBe(true);
    expect(containers.some((c) => c.dependsOn.some((d) => d.condition === 'HEALTHY'))).toBe(true);
    expect(containers.some((c) => c.writablePaths.length > 0)).toBe(true);
    expect(all.some((c) => c.datadog.env !== undefined && c.datadog.cpu !== undefined && Object.keys(c.datadog.tags).length > 1)).toBe(true);
    expect(all.some((c) => c.cpuArchitecture === 'ARM64')).toBe(true);
    expect(all.some((c) => c.datadog.apiKeySecretArn.includes(':ssm:'))).toBe(true);
    expect(all.some((c) => c.service.enableExecuteCommand)).toBe(true);
    expect(all.some((c) => c.logs.destination === 'datadog' && c.logs.router.cpu !== undefined)).toBe(true);
    expect(all.some((c) => c.logs.destination === 'datadog' && c.datadog.transport === 'unix' && !c.datadog.apmEnabled)).toBe(true);
    expect(all.some((c) => c.datadog.transport === 'tcp' && c.datadog.apmEnabled && c.datadog.processCollection)).toBe(true);
    expect(all.some((c) => Object.keys(c.datadog.environment).length > 0)).toBe(true);
    const arns = all.flatMap((c) => [c.datadog.apiKeySecretArn, ...c.containers.flatMap((x) => Object.values(x.secrets))]);
    expect(arns.some((a) => a.split(':').length > 7)).toBe(true);
    expect(arns.some((a) => a.includes(':secretsmanager:') && !/-[A-Za-z0-9]{6}$/.test(a.split(':').slice(0, 7).join(':')))).toBe(true);
    expect(containers.some((c) => c.logSource !== 'nginx' && c.logSource !== c.name)).toBe(true);
  });

  test('the variable values differ from the defaults of the spec, so the tfvars file is what terraform used', () => {
    const defaults = Object.fromEntries(spec.variables.map((v) => [v.name, v.default]));
    const differing = Object.values(CASES)
      .slice(1)
      .filter((raw) => JSON.stringify(moduleVariableValues(resolveConfig(raw))) !== JSON.stringify(defaults));
    expect(differing).toHaveLength(Object.keys(CASES).length - 1);
  });
});
