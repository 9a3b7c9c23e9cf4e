/**
 * The module's resources and data sources, mirroring the deployment model (`src/model/deployment.ts`). Resource
 * addresses match `src/model/terraform-refs.ts`: one of a kind is `this`, the roles are `execution` and `task`.
 */
import type { ResolvedConfig } from '../config/types';
import { deploymentModel } from '../model/deployment';
import { hclString } from './hcl';
import { expr, type ResourceSpec } from './types';

/** Sentinel service name: the model's texts that contain the name become templates over `var.name`. */
const NAME_SENTINEL = 'SERVICE-NAME-SENTINEL';

function nameTemplate(text: string): string {
  return text.split(NAME_SENTINEL).map((part) => hclString(part).slice(1, -1)).join('${var.name}');
}

const tags = expr('var.tags');

export function moduleResources(config: ResolvedConfig): ResourceSpec[] {
  const model = deploymentModel({ ...config, name: NAME_SENTINEL });
  const td = model.taskDefinition;
  const service = model.service;
  const pidMode = deploymentModel({ ...config, name: NAME_SENTINEL, datadog: { ...config.datadog, processCollection: true } }).taskDefinition.pidMode;
  const role = (name: 'execution' | 'task', r: typeof model.executionRole): ResourceSpec[] => [
    {
      kind: 'resource',
      type: 'aws_iam_role',
      name,
      attributes: {
        name: expr(`"${nameTemplate(r.name)}"`),
        description: expr(`"${nameTemplate(r.description)}"`),
        assume_role_policy: expr('local.assume_role_policy'),
        tags,
      },
      file: 'iam.tf',
    },
    {
      kind: 'resource',
      type: 'aws_iam_role_policy',
      name,
      attributes: {
        name: r.policyName,
        role: expr(`aws_iam_role.${name}.id`),
        policy: expr(`local.${name}_policy`),
      },
      file: 'iam.tf',
    },
  ];
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
    ...role('execution', model.executionRole),
    ...role('task', model.taskRole),
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
        execution_role_arn: expr('aws_iam_role.execution.arn'),
        task_role_arn: expr('aws_iam_role.task.arn'),
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
      ],
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
        launch_type: service.launchType,
        platform_version: service.platformVersion,
        propagate_tags: service.propagateTags,
        enable_ecs_managed_tags: service.enableEcsManagedTags,
        enable_execute_command: expr('var.enable_execute_command'),
        tags,
      },
      blocks: [
        {
          type: 'network_configuration',
          attributes: {
            subnets: expr('var.subnet_ids'),
            security_groups: expr('var.security_group_ids'),
            assign_public_ip: expr('var.assign_public_ip'),
          },
        },
        {
          type: 'deployment_circuit_breaker',
          attributes: { enable: service.circuitBreaker.enable, rollback: service.circuitBreaker.rollback },
        },
      ],
      dependsOn: ['aws_iam_role_policy.execution', 'aws_iam_role_policy.task'],
      file: 'ecs.tf',
    },
  ];
}
