/**
 * The module calls of the examples and of the README usage: the config's own values for the inputs a caller sets,
 * with placeholder network ids when the config leaves them to deploy time.
 */
import { SECURITY_GROUP_ID, SUBNET_ID } from '../../config/constraints';
import { TARGET_GROUP_ARN, VPC_ID } from '../../config/service-constraints';
import { resolveContainer } from '../../config/defaults';
import type { ContainerConfig, ResolvedConfig } from '../../config/types';
import type { ModuleSpec, Value } from '../../module/types';
import { containerVariableValue, moduleVariableValues } from '../../module/variables';

/** The application container of the `with-application` example when the config has none. */
export const EXAMPLE_APPLICATION: ContainerConfig = {
  name: 'app',
  image: 'public.ecr.aws/docker/library/busybox:1.37',
  command: ['sh', '-c', 'while true; do date > /tmp/heartbeat; sleep 60; done'],
  writablePaths: ['/tmp'],
};

export interface ExampleCall {
  /** Folder under `examples/`. */
  readonly folder: string;
  /** Input name to value, in the order written. */
  readonly inputs: readonly (readonly [string, Value])[];
}

/** Inputs of the minimal call: the service name, the API key secret, and where the tasks run. */
export function minimalInputs(spec: ModuleSpec, config: ResolvedConfig): (readonly [string, Value])[] {
  const values = moduleVariableValues(config);
  const candidates: (readonly [string, Value])[] = [
    ['name', values.name],
    ['datadog', values.datadog],
    ['subnet_ids', config.network.subnetIds.length > 0 ? [...config.network.subnetIds] : [SUBNET_ID.example]],
    ['security_group_ids', config.network.securityGroupIds.length > 0 ? [...config.network.securityGroupIds] : [SECURITY_GROUP_ID.example]],
  ];
  const declared = new Set(spec.variables.map((v) => v.name));
  return candidates.filter(([name]) => declared.has(name));
}

/** Inputs of the call with application containers: the minimal ones, then the config's containers (or a sample). */
export function applicationInputs(spec: ModuleSpec, config: ResolvedConfig): (readonly [string, Value])[] {
  const containers = config.containers.length > 0 ? config.containers : [resolveContainer(EXAMPLE_APPLICATION)];
  const inputs = minimalInputs(spec, config);
  return spec.variables.some((v) => v.name === 'containers') ? [...inputs, ['containers', containers.map(containerVariableValue)]] : inputs;
}

/** The web container of the `web-service` example when the config has no load balancer. */
export const EXAMPLE_WEB: ContainerConfig = {
  name: 'web',
  image: 'public.ecr.aws/nginx/nginx-unprivileged:1.27',
  port: 8080,
  user: '101:101',
  writablePaths: ['/tmp', '/var/cache/nginx'],
  healthCheck: { command: ['CMD-SHELL', 'curl -fs http://localhost:8080/ || exit 1'], startPeriodSeconds: 10 },
};

/**
 * Inputs of a web service behind an existing ALB target group, with autoscaling and a created security group that
 * lets the ALB's security group in: the config's own when it has load balancers, else a sample.
 */
export function webServiceInputs(spec: ModuleSpec, config: ResolvedConfig): (readonly [string, Value])[] {
  const values = moduleVariableValues(config);
  const own = config.loadBalancers.length > 0;
  const web = resolveContainer(EXAMPLE_WEB);
  const candidates: (readonly [string, Value])[] = [
    ...minimalInputs(spec, config).filter(([name]) => name !== 'security_group_ids'),
    ['containers', own ? config.containers.map(containerVariableValue) : [containerVariableValue(web)]],
    ['load_balancers', own ? values.load_balancers : [{ target_group_arn: TARGET_GROUP_ARN.example, container_name: web.name, container_port: web.port ?? 8080 }]],
    ['health_check_grace_period_seconds', own && config.service.healthCheckGracePeriodSeconds !== undefined ? config.service.healthCheckGracePeriodSeconds : 60],
    ['security_group', own && config.securityGroup.create ? values.security_group : { vpc_id: VPC_ID.example, ingress_security_group_ids: [SECURITY_GROUP_ID.example] }],
    ['autoscaling', own && config.autoscaling ? values.autoscaling : { min_capacity: 2, max_capacity: 6, cpu_target_percent: 60, memory_target_percent: 75 }],
  ];
  const declared = new Set(spec.variables.map((v) => v.name));
  return candidates.filter(([name]) => declared.has(name));
}

export function exampleCalls(spec: ModuleSpec, config: ResolvedConfig): ExampleCall[] {
  return [
    { folder: 'minimal', inputs: minimalInputs(spec, config) },
    { folder: 'with-application', inputs: applicationInputs(spec, config) },
    { folder: 'web-service', inputs: webServiceInputs(spec, config) },
  ];
}
