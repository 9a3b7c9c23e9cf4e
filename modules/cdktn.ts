/**
 * The construct and the deployable stack for CDK Terrain (`cdktn`, `@cdktn/provider-aws`), the community fork that
 * continues CDKTF: `import { DatadogReadonlyService } from 'ecs-datadog-readonly/cdktn'`.
 */
import type { Construct } from 'constructs';
import { TerraformStack, Token } from 'cdktn';
import { CloudwatchLogGroup } from '@cdktn/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktn/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktn/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktn/provider-aws/lib/data-aws-region';
import { EcsCluster } from '@cdktn/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktn/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktn/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { AppautoscalingPolicy } from '@cdktn/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktn/provider-aws/lib/appautoscaling-target';
import { EcsClusterCapacityProviders } from '@cdktn/provider-aws/lib/ecs-cluster-capacity-providers';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktn/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktn/provider-aws/lib/vpc-security-group-ingress-rule';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider';
import { DatadogReadonlyServiceCore, type DatadogReadonlyServiceOptions, type DatadogReadonlyServiceProps } from './datadog-readonly-service';
import { buildDeployableStack, type DeployableStackProps } from './deployable-stack';
import type { Framework } from './framework';

export type { DatadogReadonlyServiceOptions, DatadogReadonlyServiceProps } from './datadog-readonly-service';
export type { DeployableStackProps } from './deployable-stack';

export const CDKTN: Framework = {
  name: 'cdktn',
  packages: 'cdktn constructs @cdktn/provider-aws',
  isUnresolved: (value) => Token.isUnresolved(value),
  asString: (value) => Token.asString(value),
  aws: {
    CloudwatchLogGroup,
    DataAwsCallerIdentity,
    DataAwsPartition,
    DataAwsRegion,
    EcsCluster,
    EcsService,
    EcsTaskDefinition,
    IamRole,
    IamRolePolicy,
    IamRolePolicyAttachment,
    EcsClusterCapacityProviders,
    SecurityGroup,
    VpcSecurityGroupIngressRule,
    VpcSecurityGroupEgressRule,
    AppautoscalingTarget,
    AppautoscalingPolicy,
    AwsProvider,
  },
};

/** {@inheritDoc DatadogReadonlyServiceCore} */
export class DatadogReadonlyService extends DatadogReadonlyServiceCore {
  declare readonly cluster?: EcsCluster;
  declare readonly logGroup: CloudwatchLogGroup;
  declare readonly executionRole?: IamRole;
  declare readonly taskRole?: IamRole;
  declare readonly securityGroup?: SecurityGroup;
  declare readonly scalingTarget?: AppautoscalingTarget;
  declare readonly rolePolicies: readonly IamRolePolicy[];
  declare readonly taskDefinition: EcsTaskDefinition;
  declare readonly service: EcsService;

  constructor(scope: Construct, id: string, props: DatadogReadonlyServiceProps, options?: DatadogReadonlyServiceOptions) {
    super(scope, id, props, CDKTN, options);
  }
}

/** A root stack ready for `terraform apply`: the AWS provider (region, default tags) and the service. */
export class DeployableStack extends TerraformStack {
  readonly service: DatadogReadonlyService;

  constructor(scope: Construct, id: string, props: DeployableStackProps) {
    super(scope, id);
    this.service = buildDeployableStack(this, props, CDKTN, DatadogReadonlyService);
  }
}
