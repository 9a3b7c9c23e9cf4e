resource "aws_appautoscaling_target" "this" {
  count = var.autoscaling == null ? 0 : 1

  service_namespace  = "ecs"
  scalable_dimension = "ecs:service:DesiredCount"
  resource_id        = format("service/%s/%s", local.cluster_name, var.name)
  min_capacity       = try(var.autoscaling.min_capacity, null)
  max_capacity       = try(var.autoscaling.max_capacity, null)
  tags               = var.tags

  depends_on = [aws_ecs_service.this]
}

resource "aws_appautoscaling_policy" "this" {
  for_each = local.scaling_policies

  name               = "${var.name}-${each.key}"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.this[0].service_namespace
  scalable_dimension = aws_appautoscaling_target.this[0].scalable_dimension
  resource_id        = aws_appautoscaling_target.this[0].resource_id

  target_tracking_scaling_policy_configuration {
    target_value       = each.value.target_value
    scale_in_cooldown  = var.autoscaling.scale_in_cooldown_seconds
    scale_out_cooldown = var.autoscaling.scale_out_cooldown_seconds

    predefined_metric_specification {
      predefined_metric_type = each.value.metric
    }
  }
}
