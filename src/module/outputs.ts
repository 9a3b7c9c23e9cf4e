/** The module's outputs. */
import { expr, type OutputSpec } from './types';

const output = (name: string, value: string, description: string): OutputSpec => ({ name, description, value: expr(value) });

export const MODULE_OUTPUTS: readonly OutputSpec[] = [
  output('cluster_arn', 'local.cluster_arn', 'ARN of the ECS cluster the service runs in (created or existing).'),
  output(
    'cluster_name',
    'var.existing_cluster_arn != null ? split("/", var.existing_cluster_arn)[1] : aws_ecs_cluster.this[0].name',
    'Name of the ECS cluster the service runs in.',
  ),
  output('service_name', 'aws_ecs_service.this.name', 'Name of the ECS service.'),
  output('service_arn', 'aws_ecs_service.this.id', 'ARN of the ECS service.'),
  output('task_definition_arn', 'aws_ecs_task_definition.this.arn', 'ARN of the task definition, revision included.'),
  output('task_definition_family', 'aws_ecs_task_definition.this.family', 'Family of the task definition.'),
  output('task_definition_revision', 'aws_ecs_task_definition.this.revision', 'Revision of the task definition.'),
  output('task_definition_arn_without_revision', 'aws_ecs_task_definition.this.arn_without_revision', 'ARN of the task definition without its revision (for IAM policies and EventBridge rules that outlive a revision).'),
  output('execution_role_arn', 'local.execution_role_arn', 'ARN of the task execution role (image pull, logs, secrets): created, or the one given.'),
  output('execution_role_name', 'regex("[^/]+$", local.execution_role_arn)', 'Name of the task execution role.'),
  output('task_role_arn', 'local.task_role_arn', "ARN of the task role (what the Datadog Agent reads from ECS, and the applications' permissions): created, or the one given."),
  output('task_role_name', 'regex("[^/]+$", local.task_role_arn)', 'Name of the task role; attach further policies to it.'),
  output('security_group_id', 'one(aws_security_group.this[*].id)', 'Id of the security group created for the service; null when none is created.'),
  output('autoscaling_target_resource_id', 'one(aws_appautoscaling_target.this[*].resource_id)', 'Resource id of the Application Auto Scaling target (service/<cluster>/<service>), for scheduled actions; null without autoscaling.'),
  output('autoscaling_policy_arns', '{ for k, p in aws_appautoscaling_policy.this : k => p.arn }', 'ARNs of the target-tracking policies by metric (cpu, memory).'),
  output('log_group_name', 'aws_cloudwatch_log_group.this.name', 'Name of the CloudWatch log group of every container.'),
  output('container_definitions', 'jsonencode(local.container_definitions)', 'The container definitions JSON, Datadog wiring included.'),
];
