/**
 * The module's resources and data sources, mirroring the deployment model (`src/model/deployment.ts`). Resource
 * addresses match `src/model/terraform-refs.ts`: one of a kind is `this`, the roles are `execution` and `task`.
 */
import type { ResolvedConfig } from '../config/types';
import { DeploymentModel, deploymentModel } from '../model/deployment';
import type { RoleModel } from '../model/iam';
import { APPLICATION_POLICY_NAME } from '../model/iam-roles';
import { securityGroupDescription } from '../model/security-group';
import { hclString } from './hcl';
import { expr, type ResourceSpec } from './types';

/** Sentinel service name: the model's texts that contain the name become templates over `var.name`. */
const NAME_SENTINEL = 'SERVICE-NAME-SENTINEL';
/** Sentinel region: role names carry the region of the provider (`local.aws_region`). */
const REGION_SENTINEL = 'REGION-SENTINEL';
const SECURITY_GROUP_DESCRIPTION = securityGroupDescription(NAME_SENTINEL);

function nameTemplate(text: string): string {
  return text
    .split(NAME_SENTINEL)
    .map((part) => part.split(REGION_SENTINEL).map((p) => hclString(p).slice(1, -1)).join('${local.aws_region}'))
    .join('${var.name}');
}

const tags = expr('var.tags');

/** The IAM roles: created unless the caller brings one; the task role also carries the applications' permissions. */
function roleResources(model: DeploymentModel): ResourceSpec[] {
  const role = (name: 'execution' | 'task', r: RoleModel): ResourceSpec[] => {
    const created = expr(`var.${name}_role_arn == null ? 1 : 0`);
    return [
      {
        kind: 'resource',
        type: 'aws_iam_role',
        name,
        count: created,
        attributes: {
          name: expr(`"${nameTemplate(r.name)}"`),
          path: expr('var.iam_role_path'),
          description: expr(`"${nameTemplate(r.description)}"`),
          assume_role_policy: expr('local.assume_role_policy'),
          permissions_boundary: expr('var.iam_role_permissions_boundary_arn'),
          tags,
        },
        file: 'iam.tf',
      },
      {
        kind: 'resource',
        type: 'aws_iam_role_policy',
        name,
        count: created,
        attributes: {
          name: r.policyName,
          role: expr(`aws_iam_role.${name}[0].id`),
          policy: expr(`local.${name}_policy`),
        },
        file: 'iam.tf',
      },
    ];
  };
  return [
    ...role('execution', model.executionRole),
    ...role('task', model.taskRole),
    {
      kind: 'resource',
      type: 'aws_iam_role_policy',
      name: 'application',
      count: expr('var.task_role_arn == null && length(var.task_role_policy_statements) > 0 ? 1 : 0'),
      attributes: { name: APPLICATION_POLICY_NAME, role: expr('aws_iam_role.task[0].id'), policy: expr('local.application_policy') },
      file: 'iam.tf',
    },
    {
      kind: 'resource',
      type: 'aws_iam_role_policy_attachment',
      name: 'task',
      forEach: expr('var.task_role_arn == null ? toset(var.task_role_managed_policy_arns) : toset([])'),
      attributes: { role: expr('aws_iam_role.task[0].name'), policy_arn: expr('each.value') },
      file: 'iam.tf',
    },
  ];
}

function securityGroupResources(): ResourceSpec[] {
  return [
    {
      kind: 'resource',
      type: 'aws_security_group',
      name: 'this',
      count: expr('var.security_group.create ? 1 : 0'),
      attributes: {
        name_prefix: expr('"${var.name}-"'),
        description: expr(`"${nameTemplate(SECURITY_GROUP_DESCRIPTION)}"`),
        vpc_id: expr('var.security_group.vpc_id'),
        tags,
      },
      // A replacement (new VPC, new name) is created before the old one goes, so the service is never without one.
      lifecycle: { createBeforeDestroy: true },
      file: 'security-group.tf',
    },
    {
      kind: 'resource',
      type: 'aws_vpc_security_group_ingress_rule',
      name: 'this',
      forEach: expr('local.security_group_ingress'),
      attributes: {
        security_group_id: expr('aws_security_group.this[0].id'),
        ip_protocol: expr('each.value.ip_protocol'),
        from_port: expr('each.value.from_port'),
        to_port: expr('each.value.to_port'),
        referenced_security_group_id: expr('each.value.referenced_security_group_id'),
        cidr_ipv4: expr('each.value.cidr_ipv4'),
        tags,
      },
      file: 'security-group.tf',
    },
    {
      kind: 'resource',
      type: 'aws_vpc_security_group_egress_rule',
      name: 'this',
      count: expr('var.security_group.create ? 1 : 0'),
      attributes: {
        security_group_id: expr('aws_security_group.this[0].id'),
        ip_protocol: expr('local.security_group_egress.ip_protocol'),
        cidr_ipv4: expr('local.security_group_egress.cidr_ipv4'),
        tags,
      },
      file: 'security-group.tf',
    },
  ];
}

function autoscalingResources(model: DeploymentModel): ResourceSpec[] {
  const probe = model.autoscaling;
  return [
    {
      kind: 'resource',
      type: 'aws_appautoscaling_target',
      name: 'this',
      count: expr('var.autoscaling == null ? 0 : 1'),
      attributes: {
        service_namespace: probe?.serviceNamespace ?? 'ecs',
        scalable_dimension: probe?.scalableDimension ?? 'ecs:service:DesiredCount',
        resource_id: expr('format("service/%s/%s", local.cluster_name, var.name)'),
        min_capacity: expr('try(var.autoscaling.min_capacity, null)'),
        max_capacity: expr('try(var.autoscaling.max_capacity, null)'),
        tags,
      },
      dependsOn: ['aws_ecs_service.this'],
      file: 'autoscaling.tf',
    },
    {
      kind: 'resource',
      type: 'aws_appautoscaling_policy',
      name: 'this',
      forEach: expr('local.scaling_policies'),
      attributes: {
        name: expr('"${var.name}-${each.key}"'),
        policy_type: probe?.policyType ?? 'TargetTrackingScaling',
        service_namespace: expr('aws_appautoscaling_target.this[0].service_namespace'),
        scalable_dimension: expr('aws_appautoscaling_target.this[0].scalable_dimension'),
        resource_id: expr('aws_appautoscaling_target.this[0].resource_id'),
      },
      blocks: [
        {
          type: 'target_tracking_scaling_policy_configuration',
          attributes: {
            target_value: expr('each.value.target_value'),
            scale_in_cooldown: expr('var.autoscaling.scale_in_cooldown_seconds'),
            scale_out_cooldown: expr('var.autoscaling.scale_out_cooldown_seconds'),
          },
          blocks: [{ type: 'predefined_metric_specification', attributes: { predefined_metric_type: expr('each.value.metric') } }],
        },
      ],
      file: 'autoscaling.tf',
    },
  ];
}

export function moduleResources(config: ResolvedConfig): ResourceSpec[] {
  // A probe with every feature on, so the static parts of each resource come from the model.
  const model = deploymentModel({
    ...config,
    name: NAME_SENTINEL,
    region: REGION_SENTINEL,
    autoscaling: { minCapacity: 1, maxCapacity: 2, cpuTargetPercent: 75, scaleInCooldownSeconds: 300, scaleOutCooldownSeconds: 60 },
  });
  const td = model.taskDefinition;
  const service = model.service;
  const pidMode = deploymentModel({ ...config, name: NAME_SENTINEL, datadog: { ...config.datadog, processCollection: true } }).taskDefinition.pidMode;
  return [
    { kind: 'data', type: 'aws_region', name: 'current', attributes: {}, file: 'main.tf' },
    { kind: 'data', type: 'aws_caller_identity', name: 'current', attributes: {}, file: 'main.tf' },
    { kind: 'data', type: 'aws_partition', name: 'current', attributes: {}, file: 'main.tf' },
    {
      kind: 'resource',
      type: 'aws_ecs_cluster',
      name: 'this',
      count: expr('var.existing_cluster_arn == null ? 1 : 0'),
      attributes: { name: expr('var.name'), tags },
      blocks: [{ type: 'setting', attributes: { name: 'containerInsights', value: expr('var.container_insights') } }],
      file: 'ecs.tf',
    },
    {
      kind: 'resource',
      type: 'aws_ecs_cluster_capacity_providers',
      name: 'this',
      count: expr('length(local.cluster_capacity_providers) > 0 ? 1 : 0'),
      attributes: { cluster_name: expr('aws_ecs_cluster.this[0].name'), capacity_providers: expr('local.cluster_capacity_providers') },
      file: 'ecs.tf',
    },
    {
      kind: 'resource',
      type: 'aws_cloudwatch_log_group',
      name: 'this',
      attributes: {
        name: expr('local.log_group_name'),
        retention_in_days: expr('var.log_retention_in_days'),
        kms_key_id: expr('var.log_kms_key_arn'),
        tags,
      },
      file: 'logs.tf',
    },
    ...roleResources(model),
    ...securityGroupResources(),
    {
      kind: 'resource',
      type: 'aws_ecs_task_definition',
      name: 'this',
      attributes: {
        family: expr('var.name'),
        cpu: expr('tostring(var.cpu)'),
        memory: expr('tostring(var.memory)'),
        network_mode: td.networkMode ?? 'awsvpc',
        requires_compatibilities: [...(td.requiresCompatibilities ?? ['FARGATE'])],
        execution_role_arn: expr('local.execution_role_arn'),
        task_role_arn: expr('local.task_role_arn'),
        // Process collection: the containers share one process namespace.
        pid_mode: expr(`var.datadog.process_collection ? ${hclString(pidMode ?? 'task')} : null`),
        container_definitions: expr('jsonencode(local.container_definitions)'),
        tags,
      },
      blocks: [
        {
          type: 'runtime_platform',
          attributes: {
            operating_system_family: td.runtimePlatform?.operatingSystemFamily ?? 'LINUX',
            cpu_architecture: expr('var.cpu_architecture'),
          },
        },
        { type: 'volume', forEach: expr('local.volumes'), attributes: { name: expr('volume.value.name') } },
        {
          type: 'ephemeral_storage',
          forEach: expr('var.ephemeral_storage_gib == null ? [] : [var.ephemeral_storage_gib]'),
          attributes: { size_in_gib: expr('ephemeral_storage.value') },
        },
      ],
      // The service moves to the new revision before the old one is deregistered.
      lifecycle: { createBeforeDestroy: true },
      file: 'ecs.tf',
    },
    {
      kind: 'resource',
      type: 'aws_ecs_service',
      name: 'this',
      attributes: {
        name: expr('var.name'),
        cluster: expr('local.cluster_arn'),
        task_definition: expr('aws_ecs_task_definition.this.arn'),
        desired_count: expr('var.desired_count'),
        launch_type: expr(`length(var.capacity_provider_strategy) == 0 ? ${hclString('FARGATE')} : null`),
        platform_version: service.platformVersion,
        propagate_tags: service.propagateTags,
        enable_ecs_managed_tags: service.enableEcsManagedTags,
        enable_execute_command: expr('var.enable_execute_command'),
        health_check_grace_period_seconds: expr('var.health_check_grace_period_seconds'),
        deployment_minimum_healthy_percent: expr('var.deployment_minimum_healthy_percent'),
        deployment_maximum_percent: expr('var.deployment_maximum_percent'),
        wait_for_steady_state: expr('var.wait_for_steady_state'),
        tags,
      },
      blocks: [
        {
          type: 'network_configuration',
          attributes: {
            subnets: expr('var.subnet_ids'),
            security_groups: expr('concat(var.security_group_ids, aws_security_group.this[*].id)'),
            assign_public_ip: expr('var.assign_public_ip'),
          },
        },
        {
          type: 'deployment_circuit_breaker',
          attributes: { enable: service.circuitBreaker.enable, rollback: service.circuitBreaker.rollback },
        },
        {
          type: 'capacity_provider_strategy',
          forEach: expr('var.capacity_provider_strategy'),
          attributes: {
            capacity_provider: expr('capacity_provider_strategy.value.capacity_provider'),
            weight: expr('capacity_provider_strategy.value.weight'),
            base: expr('capacity_provider_strategy.value.base'),
          },
        },
        {
          type: 'load_balancer',
          forEach: expr('var.load_balancers'),
          attributes: {
            target_group_arn: expr('load_balancer.value.target_group_arn'),
            container_name: expr('load_balancer.value.container_name'),
            container_port: expr('load_balancer.value.container_port'),
          },
        },
        {
          type: 'service_registries',
          forEach: expr('var.service_registry_arn == null ? [] : [var.service_registry_arn]'),
          attributes: { registry_arn: expr('service_registries.value') },
        },
      ],
      // Tasks must not start before their roles can pull images, read the secrets and reach AWS.
      dependsOn: [
        'aws_iam_role_policy.execution',
        'aws_iam_role_policy.task',
        'aws_iam_role_policy.application',
        'aws_iam_role_policy_attachment.task',
        'aws_ecs_cluster_capacity_providers.this',
      ],
      // Autoscaling (or an operator) owns the running count after creation.
      lifecycle: { ignoreChanges: ['desired_count'] },
      file: 'ecs.tf',
    },
    ...autoscalingResources(model),
  ];
}
