/** The keys of the RegisterTaskDefinition API, to catch keys ECS ignores because they are spelt differently. */

import type { Json } from '../subject';

const CONTAINER_KEYS = [
  'name', 'image', 'repositoryCredentials', 'cpu', 'memory', 'memoryReservation', 'links', 'portMappings', 'essential',
  'restartPolicy', 'entryPoint', 'command', 'environment', 'environmentFiles', 'mountPoints', 'volumesFrom',
  'linuxParameters', 'secrets', 'dependsOn', 'startTimeout', 'stopTimeout', 'versionConsistency', 'hostname', 'user',
  'workingDirectory', 'disableNetworking', 'privileged', 'readonlyRootFilesystem', 'dnsServers', 'dnsSearchDomains',
  'extraHosts', 'dockerSecurityOptions', 'interactive', 'pseudoTerminal', 'dockerLabels', 'ulimits', 'logConfiguration',
  'healthCheck', 'systemControls', 'resourceRequirements', 'firelensConfiguration', 'credentialSpecs',
] as const;

const TASK_KEYS = [
  'family', 'taskRoleArn', 'executionRoleArn', 'networkMode', 'containerDefinitions', 'volumes', 'placementConstraints',
  'requiresCompatibilities', 'cpu', 'memory', 'tags', 'pidMode', 'ipcMode', 'proxyConfiguration', 'inferenceAccelerators',
  'ephemeralStorage', 'runtimePlatform', 'enableFaultInjection',
] as const;

/** Nested objects of a container whose keys are checked too. */
export const NESTED_CONTAINER_KEYS: Readonly<Record<string, readonly string[]>> = {
  mountPoints: ['sourceVolume', 'containerPath', 'readOnly'],
  portMappings: ['containerPort', 'hostPort', 'protocol', 'name', 'appProtocol', 'containerPortRange'],
  dependsOn: ['containerName', 'condition'],
  environment: ['name', 'value'],
  secrets: ['name', 'valueFrom'],
  logConfiguration: ['logDriver', 'options', 'secretOptions'],
  healthCheck: ['command', 'interval', 'timeout', 'retries', 'startPeriod'],
};

export const KNOWN_KEYS = { container: CONTAINER_KEYS, task: TASK_KEYS } as const;

const fold = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');

/** Keys of `obj` that are a known key spelt another way (`readOnlyRootFilesystem`, `log_configuration`). */
export function miscasedKeys(
  obj: Json,
  scope: keyof typeof KNOWN_KEYS | readonly string[],
): { key: string; expected: string }[] {
  const known: readonly string[] = typeof scope === 'string' ? KNOWN_KEYS[scope] : scope;
  const byFold = new Map(known.map((k) => [fold(k), k]));
  return Object.keys(obj).flatMap((key) => {
    const expected = byFold.get(fold(key));
    return expected !== undefined && expected !== key ? [{ key, expected }] : [];
  });
}
