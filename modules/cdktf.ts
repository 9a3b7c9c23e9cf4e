/**
 * The construct and stacks for CDKTF (`cdktf`, `@cdktf/provider-aws`):
 * `import { DatadogReadonlyService } from 'ecs-datadog-readonly/cdktf'`.
 */
import type { Construct } from 'constructs';
import { TerraformStack, Token } from 'cdktf';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { AppautoscalingPolicy } from '@cdktf/provider-aws/lib/appautoscaling-policy';
import { AppautoscalingTarget } from '@cdktf/provider-aws/lib/appautoscaling-target';
import { EcsClusterCapacityProviders } from '@cdktf/provider-aws/lib/ecs-cluster-capacity-providers';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DatadogReadonlyServiceCore, type DatadogReadonlyServiceOptions, type DatadogReadonlyServiceProps } from './datadog-readonly-service';
import { buildDeployableStack, type DeployableStackProps } from './deployable-stack';
import type { Framework } from './framework';

export type { DatadogReadonlyServiceOptions, DatadogReadonlyServiceProps } from './datadog-readonly-service';
export type { DeployableStackProps } from './deployable-stack';
export { ModuleStack, moduleJson, type ModuleStackProps } from './module-stack';

export const CDKTF: Framework = {
  name: 'cdktf',
  packages: 'cdktf constructs @cdktf/provider-aws',
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
    super(scope, id, props, CDKTF, options);
  }
}

/** A root stack ready for `terraform apply`: the AWS provider (region, default tags) and the service. */
export class DeployableStack extends TerraformStack {
  readonly service: DatadogReadonlyService;

  constructor(scope: Construct, id: string, props: DeployableStackProps) {
    super(scope, id);
    this.service = buildDeployableStack(this, props, CDKTF, DatadogReadonlyService);
  }
}
