resource "aws_ecs_cluster" "this" {
  count = var.existing_cluster_arn == null ? 1 : 0

  name = var.name
  tags = var.tags

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  pid_mode                 = var.datadog.process_collection ? "task" : null
  container_definitions    = jsonencode(local.container_definitions)
  tags                     = var.tags

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  dynamic "volume" {
    for_each = local.volumes

    content {
      name = volume.value.name
    }
  }
}

resource "aws_ecs_service" "this" {
  name                    = var.name
  cluster                 = local.cluster_arn
  task_definition         = aws_ecs_task_definition.this.arn
  desired_count           = var.desired_count
  launch_type             = "FARGATE"
  platform_version        = "LATEST"
  propagate_tags          = "SERVICE"
  enable_ecs_managed_tags = true
  enable_execute_command  = var.enable_execute_command
  tags                    = var.tags

  depends_on = [aws_iam_role_policy.execution, aws_iam_role_policy.task]

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = var.security_group_ids
    assign_public_ip = var.assign_public_ip
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }
}
