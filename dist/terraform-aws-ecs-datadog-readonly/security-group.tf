resource "aws_security_group" "this" {
  count = var.security_group.create ? 1 : 0

  name_prefix = "${var.name}-"
  description = "ECS service ${var.name}: ingress on the application ports, egress anywhere"
  vpc_id      = var.security_group.vpc_id
  tags        = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each = local.security_group_ingress

  security_group_id            = aws_security_group.this[0].id
  ip_protocol                  = each.value.ip_protocol
  from_port                    = each.value.from_port
  to_port                      = each.value.to_port
  referenced_security_group_id = each.value.referenced_security_group_id
  cidr_ipv4                    = each.value.cidr_ipv4
  tags                         = var.tags
}

resource "aws_vpc_security_group_egress_rule" "this" {
  count = var.security_group.create ? 1 : 0

  security_group_id = aws_security_group.this[0].id
  ip_protocol       = local.security_group_egress.ip_protocol
  cidr_ipv4         = local.security_group_egress.cidr_ipv4
  tags              = var.tags
}
