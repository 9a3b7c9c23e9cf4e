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
  output('execution_role_arn', 'aws_iam_role.execution.arn', 'ARN of the task execution role (image pull, logs, secrets).'),
  output('task_role_arn', 'aws_iam_role.task.arn', 'ARN of the task role (what the Datadog Agent reads from ECS).'),
  output('log_group_name', 'aws_cloudwatch_log_group.this.name', 'Name of the CloudWatch log group of every container.'),
  output('container_definitions', 'jsonencode(local.container_definitions)', 'The container definitions JSON, Datadog wiring included.'),
];
