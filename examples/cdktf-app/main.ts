/**
 * A platform team's CDKTF stack: its own provider, backend, network, secret and an IAM role named "execution", and two
 * services whose every container (the Datadog Agent included) has a read-only root filesystem. The API key secret
 * ARN and the subnets are references to resources of this stack; every name stays the stack's own.
 */
import { App, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { DatadogReadonlyService } from 'ecs-datadog-readonly/cdktf';

class PlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1', defaultTags: [{ tags: { owner: 'platform' } }] });
    new S3Backend(this, { bucket: 'example-terraform-state', key: 'platform/terraform.tfstate', region: 'eu-west-1' });

    // The team's own role, unrelated to the services, with the name a service's role would have had.
    new IamRole(this, 'execution', {
      name: 'ci-deploy',
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }],
      }),
    });

    const apiKey = new SecretsmanagerSecret(this, 'datadog-api-key', { name: 'platform/datadog-api-key' });
    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.20.0.0/16' });
    const subnets = ['a', 'c'].map(
      (zone, i) => new Subnet(this, `private-${zone}`, { vpcId: vpc.id, cidrBlock: `10.20.${i}.0/24`, availabilityZone: `eu-west-1${zone}` }),
    );
    const tasks = new SecurityGroup(this, 'tasks', { vpcId: vpc.id, name: 'ecs-tasks' });

    const orders = new DatadogReadonlyService(this, 'orders', {
      name: 'orders',
      tags: { team: 'orders' },
      datadog: { apiKeySecretArn: apiKey.arn, env: 'prod' },
      network: { subnetIds: subnets.map((s) => s.id), securityGroupIds: [tasks.id] },
      containers: [
        {
          name: 'api',
          image: 'public.ecr.aws/docker/library/httpd:2.4',
          port: 8080,
          writablePaths: ['/usr/local/apache2/logs'],
          environment: { VPC_ID: vpc.id },
        },
      ],
    });

    const billing = new DatadogReadonlyService(this, 'billing', {
      name: 'billing',
      tags: { team: 'billing' },
      datadog: { apiKeySecretArn: apiKey.arn, env: 'prod' },
      network: { subnetIds: subnets.map((s) => s.id), securityGroupIds: [tasks.id] },
      containers: [{ name: 'worker', image: 'public.ecr.aws/docker/library/busybox:1.37', command: ['sh', '-c', 'while true; do sleep 60; done'] }],
    });

    new TerraformOutput(this, 'orders_service', { value: orders.service.name });
    new TerraformOutput(this, 'billing_task_definition', { value: billing.taskDefinition.arn });
  }
}

const app = new App();
new PlatformStack(app, 'platform');
app.synth();
