/**
 * Terraform references the deployment model points at. Every resource of a kind is named `this`, so these addresses
 * are the same in the CDKTF stacks and in the HCL module.
 */
export const TF = {
  accountId: '${data.aws_caller_identity.current.account_id}',
  partition: '${data.aws_partition.current.partition}',
  region: '${data.aws_region.current.region}',
  logGroupArn: '${aws_cloudwatch_log_group.this.arn}',
  clusterArn: '${aws_ecs_cluster.this.arn}',
  taskDefinitionArn: '${aws_ecs_task_definition.this.arn}',
  executionRoleArn: '${aws_iam_role.execution.arn}',
  taskRoleArn: '${aws_iam_role.task.arn}',
  securityGroupId: '${aws_security_group.this.id}',
} as const;
