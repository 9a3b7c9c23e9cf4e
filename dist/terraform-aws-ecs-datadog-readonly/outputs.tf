output "cluster_arn" {
  description = "ARN of the ECS cluster the service runs in (created or existing)."
  value       = local.cluster_arn
}

output "cluster_name" {
  description = "Name of the ECS cluster the service runs in."
  value       = var.existing_cluster_arn != null ? split("/", var.existing_cluster_arn)[1] : aws_ecs_cluster.this[0].name
}

output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.this.name
}

output "service_arn" {
  description = "ARN of the ECS service."
  value       = aws_ecs_service.this.id
}

output "task_definition_arn" {
  description = "ARN of the task definition, revision included."
  value       = aws_ecs_task_definition.this.arn
}

output "task_definition_family" {
  description = "Family of the task definition."
  value       = aws_ecs_task_definition.this.family
}

output "task_definition_revision" {
  description = "Revision of the task definition."
  value       = aws_ecs_task_definition.this.revision
}

output "execution_role_arn" {
  description = "ARN of the task execution role (image pull, logs, secrets)."
  value       = aws_iam_role.execution.arn
}

output "task_role_arn" {
  description = "ARN of the task role (what the Datadog Agent reads from ECS)."
  value       = aws_iam_role.task.arn
}

output "log_group_name" {
  description = "Name of the CloudWatch log group of every container."
  value       = aws_cloudwatch_log_group.this.name
}

output "container_definitions" {
  description = "The container definitions JSON, Datadog wiring included."
  value       = jsonencode(local.container_definitions)
}
