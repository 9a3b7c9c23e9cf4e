/** Config rules, defaults and model of the production service features. */
import { resolveConfig } from '../src/config/defaults';
import type { ServiceConfig } from '../src/config/types';
import { validateConfig } from '../src/config/validate';
import { deploymentModel } from '../src/model/deployment';
import { TF } from '../src/model/terraform-refs';
import { taskDefinition } from '../src/model/task-definition';

const ARN = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key-AbCdEf';
const TG = 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/web/0123456789abcdef';
const web = { name: 'web', image: 'example/web:1', port: 8080, user: '1000' };
const base = (extra: Partial<ServiceConfig> = {}): ServiceConfig => ({ name: 'web-api', datadog: { apiKeySecretArn: ARN }, containers: [web], ...extra });
const problems = (raw: unknown) => validateConfig(raw).map((p) => `${p.path}: ${p.message}`);

describe('validation', () => {
  test('a config using every feature is valid', () => {
    expect(
      problems(
        base({
          ephemeralStorageGiB: 21,
          taskRole: {
            policyStatements: [{ Sid: 'Read', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:ResourceTag/team': ['a', 'b'] } } }],
            managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'],
          },
          iam: { executionRoleArn: 'arn:aws:iam::123456789012:role/exec', permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/b', path: '/svc/' },
          loadBalancers: [{ targetGroupArn: TG, containerName: 'web', containerPort: 8080 }],
          securityGroup: { vpcId: 'vpc-0123456789abcdef0', ingressSecurityGroupIds: ['sg-0123456789abcdef0'], ingressCidrBlocks: ['10.0.0.0/8'] },
          autoscaling: { minCapacity: 1, maxCapacity: 3, memoryTargetPercent: 80 },
          service: {
            healthCheckGracePeriodSeconds: 30,
            capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 2 }, { capacityProvider: 'FARGATE', base: 1 }],
            deploymentMinimumHealthyPercent: 0,
            deploymentMaximumPercent: 100,
            waitForSteadyState: false,
            serviceRegistryArn: 'arn:aws:servicediscovery:ap-northeast-1:123456789012:service/srv-abc123',
          },
        }),
      ),
    ).toEqual([]);
  });

  test('an Allow of every action on every resource is refused, a Deny is not', () => {
    expect(problems(base({ taskRole: { policyStatements: [{ Action: '*', Resource: ['*'] }] } }))).toEqual([
      expect.stringMatching(/^taskRole\.policyStatements\[0\]: allows "Action": "\*" on "Resource": "\*"/),
    ]);
    expect(problems(base({ taskRole: { policyStatements: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } }))).toEqual([]);
  });

  test('a malformed action is reported once, at the action, with the allowed form', () => {
    expect(problems(base({ taskRole: { policyStatements: [{ Action: 'GetObject', Resource: '*' }] } }))).toEqual([
      expect.stringMatching(/^taskRole\.policyStatements\[0\]\.Action: must be an IAM action such as s3:GetObject/),
    ]);
    expect(problems(base({ taskRole: { policyStatements: [{ Action: ['s3:GetObject', 'bad'], Resource: '*' }] } }))).toEqual([
      expect.stringMatching(/^taskRole\.policyStatements\[0\]\.Action\[1\]: must be an IAM action/),
    ]);
    expect(problems(base({ taskRole: { policyStatements: [{ Action: 3, Resource: '*' }] } }))).toEqual([
      'taskRole.policyStatements[0].Action: must be a string or a non-empty list of strings, got 3',
    ]);
  });

  test('load balancers name an application container and its tcp port', () => {
    const lb = (containerName: string, containerPort: number) => base({ loadBalancers: [{ targetGroupArn: TG, containerName, containerPort }] });
    expect(problems(lb('ghost', 8080))).toEqual([expect.stringMatching(/^loadBalancers\[0\]\.containerName: no application container is named "ghost"; the containers are web/)]);
    expect(problems(lb('web', 9090))).toEqual(['loadBalancers[0].containerPort: must be the port of container "web", 8080, got 9090']);
    expect(problems(base({ containers: [{ ...web, port: undefined }], loadBalancers: [{ targetGroupArn: TG, containerName: 'web', containerPort: 80 }] }))).toEqual([
      'loadBalancers[0].containerPort: container "web" has no port',
    ]);
    expect(problems(base({ service: { healthCheckGracePeriodSeconds: 60 } }))).toEqual([
      expect.stringMatching(/^service\.healthCheckGracePeriodSeconds: applies only to a service behind a load balancer/),
    ]);
  });

  test('a created security group needs its VPC; ingress sources need a port', () => {
    expect(problems(base({ securityGroup: {} }))).toEqual([expect.stringMatching(/^securityGroup\.vpcId: is required to create the security group/)]);
    expect(problems(base({ securityGroup: { create: false } }))).toEqual([]);
    expect(problems(base({ containers: [{ ...web, port: undefined }], securityGroup: { vpcId: 'vpc-0123456789abcdef0', ingressCidrBlocks: ['10.0.0.0/16'] } }))).toEqual([
      expect.stringMatching(/^securityGroup: allows ingress on the containers' ports, but no application container has a port/),
    ]);
    expect(problems(base({ securityGroup: { vpcId: 'vpc-0123456789abcdef0', ingressCidrBlocks: ['10.0.0.0/33'] } }))).toEqual([
      expect.stringMatching(/^securityGroup\.ingressCidrBlocks\[0\]: must be an IPv4 CIDR block/),
    ]);
  });

  test('autoscaling, capacity providers and deployment limits that cannot work are refused', () => {
    expect(problems(base({ autoscaling: { minCapacity: 4, maxCapacity: 2 } }))).toEqual(['autoscaling.minCapacity: must not exceed maxCapacity (2), got 4']);
    expect(problems(base({ service: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }, { capacityProvider: 'FARGATE' }] } }))).toEqual([
      'service.capacityProviderStrategy[1].capacityProvider: repeats FARGATE; each capacity provider appears once',
    ]);
    expect(problems(base({ service: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 0 }] } }))).toEqual([expect.stringMatching(/needs a weight above 0/)]);
    expect(problems(base({ service: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1 }, { capacityProvider: 'FARGATE_SPOT', base: 1 }] } }))).toEqual([
      expect.stringMatching(/base above 0 to one capacity provider only/),
    ]);
    expect(problems(base({ service: { deploymentMaximumPercent: 100 } }))).toEqual([expect.stringMatching(/^service\.deploymentMaximumPercent: deploymentMaximumPercent \(100\) must exceed deploymentMinimumHealthyPercent \(100\)/)]);
    expect(problems(base({ ephemeralStorageGiB: 20 }))).toEqual(['ephemeralStorageGiB: must be an integer 21..200, got 20']);
  });

  test('a brought task role takes no policies from the config', () => {
    expect(problems(base({ iam: { taskRoleArn: 'arn:aws:iam::123456789012:role/mine' }, taskRole: { managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } }))).toEqual([
      expect.stringMatching(/^taskRole: is not applied: iam\.taskRoleArn brings your own task role/),
    ]);
  });

  test('empty environment values, tag values, DD_ENV, service and version are refused with the reason', () => {
    const found = validateConfig(
      base({
        tags: { team: '' },
        datadog: { apiKeySecretArn: ARN, env: '', tags: { zone: '' } },
        containers: [{ ...web, environment: { MODE: '' }, service: '', version: '' }],
      }),
    );
    expect(found.map((p) => p.path).sort()).toEqual(['containers[0].environment.MODE', 'containers[0].service', 'containers[0].version', 'datadog.env', 'datadog.tags.zone', 'tags.team']);
    for (const p of found) {
      expect(p.message).toMatch(/^must not be empty: ECS drops empty values/);
      expect(p.fix).toBe('remove the key, or give it a value');
    }
  });

  test('a region too long for the role names is refused', () => {
    expect(problems(base({ region: 'ap-southeastern-12' }))).toEqual([expect.stringMatching(/^region: must have at most 15 characters: the IAM role names/)]);
  });
});

describe('defaults and model', () => {
  test('without the new keys: no security group, no autoscaling, launch type FARGATE, wait for steady state', () => {
    const config = resolveConfig(base());
    expect(config.securityGroup).toEqual({ create: false, ingressSecurityGroupIds: [], ingressCidrBlocks: [] });
    expect(config.service).toMatchObject({ waitForSteadyState: true, deploymentMinimumHealthyPercent: 100, deploymentMaximumPercent: 200, capacityProviderStrategy: [] });
    const m = deploymentModel(config);
    expect(m.service.launchType).toBe('FARGATE');
    expect(m.securityGroup).toBeUndefined();
    expect(m.autoscaling).toBeUndefined();
    expect(m.applicationPolicy).toBeUndefined();
    expect(m.executionRole).toMatchObject({ create: true, name: 'web-api-ap-northeast-1-execution', path: '/', arn: 'arn:aws:iam::123456789012:role/web-api-ap-northeast-1-execution' });
  });

  test('a securityGroup section creates one by default; its id joins the service security groups', () => {
    const config = resolveConfig(base({ network: { securityGroupIds: ['sg-0123456789abcdef0'] }, securityGroup: { vpcId: 'vpc-0123456789abcdef0', ingressCidrBlocks: ['10.0.0.0/16'] } }));
    const m = deploymentModel(config);
    expect(m.service.securityGroupIds).toEqual(['sg-0123456789abcdef0', TF.securityGroupId]);
    expect(m.securityGroup?.ingress).toEqual([{ key: 'tcp-8080-10.0.0.0/16', ipProtocol: 'tcp', fromPort: 8080, toPort: 8080, cidrIpv4: '10.0.0.0/16' }]);
  });

  test('capacity providers replace the launch type and are associated with a created cluster', () => {
    const m = deploymentModel(resolveConfig(base({ service: { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] } })));
    expect(m.service.launchType).toBeUndefined();
    expect(m.service.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }]);
    expect(m.cluster).toMatchObject({ create: true, capacityProviders: ['FARGATE', 'FARGATE_SPOT'] });
  });

  test('brought roles are named in the task definition and not created; created ones carry the path', () => {
    const exec = 'arn:aws:iam::123456789012:role/platform/exec';
    const td = taskDefinition(resolveConfig(base({ iam: { executionRoleArn: exec, path: '/svc/' } })));
    expect(td.executionRoleArn).toBe(exec);
    expect(td.taskRoleArn).toBe('arn:aws:iam::123456789012:role/svc/web-api-ap-northeast-1-task');
    const m = deploymentModel(resolveConfig(base({ iam: { executionRoleArn: exec } })));
    expect(m.executionRole.create).toBe(false);
    expect(m.taskRole.create).toBe(true);
  });

  test('autoscaling targets the service in its cluster, with a memory policy only when asked', () => {
    const m = deploymentModel(resolveConfig(base({ cluster: { existingClusterArn: 'arn:aws:ecs:ap-northeast-1:123456789012:cluster/shared' }, autoscaling: { minCapacity: 1, maxCapacity: 2 } })));
    expect(m.autoscaling).toMatchObject({ resourceId: 'service/shared/web-api', minCapacity: 1, maxCapacity: 2 });
    expect(m.autoscaling?.policies.map((p) => [p.key, p.targetValue, p.scaleInCooldownSeconds, p.scaleOutCooldownSeconds])).toEqual([['cpu', 75, 300, 60]]);
  });

  test('statements are written as IAM JSON with lists; ephemeral storage and health checks as ECS returns them', () => {
    const config = resolveConfig(
      base({
        ephemeralStorageGiB: 100,
        containers: [{ ...web, healthCheck: { command: ['CMD', 'true'] } }, { name: 'b', image: 'b:1', user: '1', healthCheck: { command: ['CMD', 'true'], startPeriodSeconds: 5 } }],
        taskRole: { policyStatements: [{ Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringLike: { 's3:prefix': 'a/*' } } }] },
      }),
    );
    expect(deploymentModel(config).applicationPolicy?.policy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'], Condition: { StringLike: { 's3:prefix': ['a/*'] } } }],
    });
    const td = taskDefinition(config);
    expect(td.ephemeralStorage).toEqual({ sizeInGiB: 100 });
    const [a, b] = td.containerDefinitions.slice(2);
    expect(a.healthCheck).toEqual({ command: ['CMD', 'true'], interval: 30, timeout: 5, retries: 3 });
    expect(b.healthCheck).toEqual({ command: ['CMD', 'true'], interval: 30, timeout: 5, retries: 3, startPeriod: 5 });
  });
});
