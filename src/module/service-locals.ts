/**
 * Locals of the production service features, computed from the variables exactly as the model computes them
 * (`loadBalancers`, `ingressRules`, `applicationPolicy`, `autoscaling`).
 */
import { CAPACITY_PROVIDERS } from '../config/service-constraints';
import { EGRESS_ANYWHERE } from '../model/security-group';
import { hclList, hclString, withoutNulls } from './hcl';
import { expr, type LocalSpec } from './types';

/** Locals that read a resource: the role ARNs the task definition names. */
export const SERVICE_CONTEXT_LOCALS = {
  execution_role_arn: 'var.execution_role_arn != null ? var.execution_role_arn : aws_iam_role.execution[0].arn',
  task_role_arn: 'var.task_role_arn != null ? var.task_role_arn : aws_iam_role.task[0].arn',
} as const;

export function serviceLocals(): LocalSpec[] {
  const pure = (name: string, text: string): LocalSpec => ({ name, value: expr(text), pure: true });
  return [
    pure('cluster_name', 'var.existing_cluster_arn != null ? split("/", var.existing_cluster_arn)[1] : var.name'),
    pure('cluster_capacity_providers', `var.existing_cluster_arn == null && length(var.capacity_provider_strategy) > 0 ? ${hclList(CAPACITY_PROVIDERS.map(hclString))} : []`),
    // Like `applicationPolicy`, Sid and Condition only when given (the policy exists only with statements).
    pure(
      'application_policy',
      `jsonencode({
  Version = "2012-10-17"
  Statement = [for s in var.task_role_policy_statements : ${withoutNulls('{ Sid = s.sid, Effect = s.effect, Action = s.actions, Resource = s.resources, Condition = length(s.conditions) == 0 ? null : s.conditions }')}]
})`,
    ),
    // Like `ingressRules`: each distinct application port from each source, keyed `<protocol>-<port>-<source>`.
    pure(
      'application_ports',
      'distinct([for c in var.containers : { port = c.port, protocol = c.protocol } if c.port != null])',
    ),
    pure(
      'security_group_ingress',
      `!var.security_group.create ? {} : merge(
  { for pair in setproduct(local.application_ports, var.security_group.ingress_security_group_ids) : format("%s-%d-%s", pair[0].protocol, pair[0].port, pair[1]) => { ip_protocol = pair[0].protocol, from_port = pair[0].port, to_port = pair[0].port, referenced_security_group_id = pair[1], cidr_ipv4 = null } },
  { for pair in setproduct(local.application_ports, var.security_group.ingress_cidr_blocks) : format("%s-%d-%s", pair[0].protocol, pair[0].port, pair[1]) => { ip_protocol = pair[0].protocol, from_port = pair[0].port, to_port = pair[0].port, referenced_security_group_id = null, cidr_ipv4 = pair[1] } },
)`,
    ),
    pure('security_group_egress', `{ ip_protocol = ${hclString(EGRESS_ANYWHERE.ipProtocol)}, cidr_ipv4 = ${hclString(EGRESS_ANYWHERE.cidrIpv4)} }`),
    // Like `autoscaling`: the target-tracking policies by key, memory only with a memory target.
    pure(
      'scaling_policies',
      `var.autoscaling == null ? {} : merge(
  { cpu = { metric = "ECSServiceAverageCPUUtilization", target_value = var.autoscaling.cpu_target_percent } },
  var.autoscaling.memory_target_percent == null ? {} : { memory = { metric = "ECSServiceAverageMemoryUtilization", target_value = var.autoscaling.memory_target_percent } },
)`,
    ),
  ];
}
