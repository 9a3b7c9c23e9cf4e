resource "aws_iam_role" "execution" {
  count = var.execution_role_arn == null ? 1 : 0

  name                 = "${var.name}-${local.aws_region}-execution"
  path                 = var.iam_role_path
  description          = "ECS task execution role of ${var.name}: image pull, logs, the Datadog API key secret"
  assume_role_policy   = local.assume_role_policy
  permissions_boundary = var.iam_role_permissions_boundary_arn
  tags                 = var.tags
}

resource "aws_iam_role_policy" "execution" {
  count = var.execution_role_arn == null ? 1 : 0

  name   = "execution"
  role   = aws_iam_role.execution[0].id
  policy = local.execution_policy
}

resource "aws_iam_role" "task" {
  count = var.task_role_arn == null ? 1 : 0

  name                 = "${var.name}-${local.aws_region}-task"
  path                 = var.iam_role_path
  description          = "ECS task role of ${var.name}: what the Datadog Agent reads from ECS, and the applications' permissions"
  assume_role_policy   = local.assume_role_policy
  permissions_boundary = var.iam_role_permissions_boundary_arn
  tags                 = var.tags
}

resource "aws_iam_role_policy" "task" {
  count = var.task_role_arn == null ? 1 : 0

  name   = "datadog-agent"
  role   = aws_iam_role.task[0].id
  policy = local.task_policy
}

resource "aws_iam_role_policy" "application" {
  count = var.task_role_arn == null && length(var.task_role_policy_statements) > 0 ? 1 : 0

  name   = "application"
  role   = aws_iam_role.task[0].id
  policy = local.application_policy
}

resource "aws_iam_role_policy_attachment" "task" {
  for_each = var.task_role_arn == null ? toset(var.task_role_managed_policy_arns) : toset([])

  role       = aws_iam_role.task[0].name
  policy_arn = each.value
}
