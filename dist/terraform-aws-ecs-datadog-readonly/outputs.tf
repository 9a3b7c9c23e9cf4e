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

output "task_definition_arn_without_revision" {
  description = "ARN of the task definition without its revision (for IAM policies and EventBridge rules that outlive a revision)."
  value       = aws_ecs_task_definition.this.arn_without_revision
}

output "execution_role_arn" {
  description = "ARN of the task execution role (image pull, logs, secrets): created, or the one given."
  value       = local.execution_role_arn
}

output "execution_role_name" {
  description = "Name of the task execution role."
  value       = regex("[^/]+$", local.execution_role_arn)
}

output "task_role_arn" {
  description = "ARN of the task role (what the Datadog Agent reads from ECS, and the applications' permissions): created, or the one given."
  value       = local.task_role_arn
}

output "task_role_name" {
  description = "Name of the task role; attach further policies to it."
  value       = regex("[^/]+$", local.task_role_arn)
}

output "security_group_id" {
  description = "Id of the security group created for the service; null when none is created."
  value       = one(aws_security_group.this[*].id)
}

output "autoscaling_target_resource_id" {
  description = "Resource id of the Application Auto Scaling target (service/<cluster>/<service>), for scheduled actions; null without autoscaling."
  value       = one(aws_appautoscaling_target.this[*].resource_id)
}

output "autoscaling_policy_arns" {
  description = "ARNs of the target-tracking policies by metric (cpu, memory)."
  value       = { for k, p in aws_appautoscaling_policy.this : k => p.arn }
}

output "log_group_name" {
  description = "Name of the CloudWatch log group of every container."
  value       = aws_cloudwatch_log_group.this.name
}

output "container_definitions" {
  description = "The container definitions JSON, Datadog wiring included."
  value       = jsonencode(local.container_definitions)
}
