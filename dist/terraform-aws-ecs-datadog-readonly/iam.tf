resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  description        = "ECS task execution role of ${var.name}: image pull, logs, the Datadog API key secret"
  assume_role_policy = local.assume_role_policy
  tags               = var.tags
}

resource "aws_iam_role_policy" "execution" {
  name   = "execution"
  role   = aws_iam_role.execution.id
  policy = local.execution_policy
}

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  description        = "ECS task role of ${var.name}: what the Datadog Agent reads from ECS"
  assume_role_policy = local.assume_role_policy
  tags               = var.tags
}

resource "aws_iam_role_policy" "task" {
  name   = "datadog-agent"
  role   = aws_iam_role.task.id
  policy = local.task_policy
}
