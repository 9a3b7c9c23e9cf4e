/**
 * The module calls of the examples and of the README usage: the config's own values for the inputs a caller sets,
 * with placeholder network ids when the config leaves them to deploy time.
 */
import { SECURITY_GROUP_ID, SUBNET_ID } from '../../config/constraints';
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

export function exampleCalls(spec: ModuleSpec, config: ResolvedConfig): ExampleCall[] {
  return [
    { folder: 'minimal', inputs: minimalInputs(spec, config) },
    { folder: 'with-application', inputs: applicationInputs(spec, config) },
  ];
}
