import { resolveConfig } from '../src/config/defaults';
import { deploymentModel } from '../src/model/deployment';
import { executionPolicy, PolicyStatement, secretArns } from '../src/model/iam';
import { APP_CONFIG, CONFIGS } from './support/configs';

const resources = (s: PolicyStatement): string[] => (s.Resource === undefined ? [] : ([] as string[]).concat(s.Resource as string | string[]));

describe.each(Object.entries(CONFIGS))('IAM of the %s', (_label, config) => {
  const model = deploymentModel(config);

  test('secrets are readable only at the given ARNs, never at *', () => {
    const secretStatements = model.executionRole.policy.Statement.filter((s) =>
      ([] as string[]).concat(s.Action as string[]).some((a) => a.startsWith('secretsmanager:') || a.startsWith('ssm:')),
    );
    expect(secretStatements.length).toBeGreaterThan(0);
    const granted = secretStatements.flatMap(resources).sort();
    const expected = [...secretArns(config).secretsManager, ...secretArns(config).ssm].sort();
    expect(granted).toEqual(expected);
    expect(granted).toContain(config.datadog.apiKeySecretArn);
    expect(granted).not.toContain('*');
  });

  test('logs go only to the service log group', () => {
    const logs = model.executionRole.policy.Statement.find((s) => s.Sid === 'WriteLogs')!;
    expect(resources(logs)).toEqual(['${aws_cloudwatch_log_group.this.arn}:*']);
  });

  test('both roles trust ECS tasks of this account only (aws:SourceAccount and aws:SourceArn)', () => {
    for (const role of [model.executionRole, model.taskRole]) {
      const [trust] = role.assumeRolePolicy.Statement;
      expect(trust.Principal).toEqual({ Service: 'ecs-tasks.amazonaws.com' });
      expect(trust.Condition?.StringEquals).toHaveProperty('aws:SourceAccount');
      expect(trust.Condition?.ArnLike).toHaveProperty('aws:SourceArn');
    }
  });

  test('the task role grants the ECS reads the agent makes', () => {
    const actions = model.taskRole.policy.Statement.flatMap((s) => ([] as string[]).concat(s.Action as string[]));
    expect(actions).toEqual(expect.arrayContaining(['ecs:ListClusters', 'ecs:ListContainerInstances', 'ecs:DescribeContainerInstances']));
  });

  test('the service is private, rolls back failed deployments and runs on the latest platform', () => {
    expect(model.service).toMatchObject({
      assignPublicIp: false,
      platformVersion: 'LATEST',
      launchType: 'FARGATE',
      circuitBreaker: { enable: true, rollback: true },
    });
  });
});

test('an SSM parameter key is granted with ssm:GetParameters, a Secrets Manager secret with GetSecretValue', () => {
  const statements = executionPolicy(resolveConfig(APP_CONFIG)).Statement;
  expect(statements.find((s) => s.Action === 'ssm:GetParameters')?.Resource).toEqual(['arn:aws:ssm:eu-west-1:210987654321:parameter/datadog/api-key']);
  expect(statements.find((s) => s.Action === 'secretsmanager:GetSecretValue')?.Resource).toEqual([
    'arn:aws:secretsmanager:eu-west-1:210987654321:secret:orders/db-AbCdEf',
  ]);
});

test('an existing cluster is used as given and no cluster is created', () => {
  const arn = 'arn:aws:ecs:eu-west-1:210987654321:cluster/platform';
  const model = deploymentModel(resolveConfig({ ...APP_CONFIG, cluster: { existingClusterArn: arn } }));
  expect(model.cluster).toEqual({ create: false, arn });
  expect(model.service.clusterArn).toBe(arn);
});

test('ECS Exec adds the SSM message channels to the task role only when enabled', () => {
  const on = deploymentModel(resolveConfig({ ...APP_CONFIG, service: { enableExecuteCommand: true } }));
  const off = deploymentModel(resolveConfig(APP_CONFIG));
  expect(on.taskRole.policy.Statement.map((s) => s.Sid)).toContain('EcsExec');
  expect(off.taskRole.policy.Statement.map((s) => s.Sid)).not.toContain('EcsExec');
});

test('customer managed keys of the secrets: kms:Decrypt on exactly those keys, and nothing without them', () => {
  const key = 'arn:aws:kms:eu-west-1:210987654321:key/0a1b2c3d-1111-2222-3333-444455556666';
  const withKey = executionPolicy(resolveConfig({ ...APP_CONFIG, secretsKmsKeyArns: [key, key] })).Statement;
  expect(withKey.find((s) => s.Action === 'kms:Decrypt')?.Resource).toEqual([key]);
  expect(executionPolicy(resolveConfig(APP_CONFIG)).Statement.some((s) => s.Action === 'kms:Decrypt')).toBe(false);
});
