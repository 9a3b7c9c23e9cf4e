/**
 * The RegisterTaskDefinition input as data: every key (case-sensitive), its type, its enum values, which keys are
 * required, and the keys only describe-task-definition returns. From the ECS API reference (RegisterTaskDefinition,
 * ContainerDefinition and the structures they use), checked against the ECS API model of @aws-sdk/client-ecs 3.1164.0.
 * Smithy order: the required members of a structure come first.
 */

import {
  BOOLEAN,
  describeOnly,
  enumOf,
  INTEGER,
  list,
  required,
  STRING,
  STRING_MAP,
  Structure,
  structure,
  TIMESTAMP,
  union,
} from './types';

const REPOSITORY_CREDENTIALS: Structure = structure('RepositoryCredentials', {
  credentialsParameter: required(STRING),
});

const PORT_MAPPING: Structure = structure('PortMapping', {
  containerPort: INTEGER,
  hostPort: INTEGER,
  protocol: enumOf('tcp', 'udp'),
  name: STRING,
  appProtocol: enumOf('grpc', 'http', 'http2'),
  containerPortRange: STRING,
});

const CONTAINER_RESTART_POLICY: Structure = structure('ContainerRestartPolicy', {
  enabled: required(BOOLEAN),
  ignoredExitCodes: list(INTEGER),
  restartAttemptPeriod: INTEGER,
});

const KEY_VALUE_PAIR: Structure = structure('KeyValuePair', {
  name: STRING,
  value: STRING,
});

const ENVIRONMENT_FILE: Structure = structure('EnvironmentFile', {
  value: required(STRING),
  type: required(enumOf('s3')),
});

const MOUNT_POINT: Structure = structure('MountPoint', {
  sourceVolume: STRING,
  containerPath: STRING,
  readOnly: BOOLEAN,
});

const VOLUME_FROM: Structure = structure('VolumeFrom', {
  sourceContainer: STRING,
  readOnly: BOOLEAN,
});

const KERNEL_CAPABILITIES: Structure = structure('KernelCapabilities', {
  add: list(STRING),
  drop: list(STRING),
});

const DEVICE: Structure = structure('Device', {
  hostPath: required(STRING),
  containerPath: STRING,
  permissions: list(enumOf('mknod', 'read', 'write')),
});

const TMPFS: Structure = structure('Tmpfs', {
  containerPath: required(STRING),
  size: required(INTEGER),
  mountOptions: list(STRING),
});

const LINUX_PARAMETERS: Structure = structure('LinuxParameters', {
  capabilities: KERNEL_CAPABILITIES,
  devices: list(DEVICE),
  initProcessEnabled: BOOLEAN,
  sharedMemorySize: INTEGER,
  tmpfs: list(TMPFS),
  maxSwap: INTEGER,
  swappiness: INTEGER,
});

const SECRET: Structure = structure('Secret', {
  name: required(STRING),
  valueFrom: required(STRING),
});

const CONTAINER_DEPENDENCY: Structure = structure('ContainerDependency', {
  containerName: required(STRING),
  condition: required(enumOf('COMPLETE', 'HEALTHY', 'START', 'SUCCESS')),
});

const HOST_ENTRY: Structure = structure('HostEntry', {
  hostname: required(STRING),
  ipAddress: required(STRING),
});

const ULIMIT: Structure = structure('Ulimit', {
  name: required(enumOf('core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack')),
  softLimit: required(INTEGER),
  hardLimit: required(INTEGER),
});

const LOG_CONFIGURATION: Structure = structure('LogConfiguration', {
  logDriver: required(enumOf('awsfirelens', 'awslogs', 'fluentd', 'gelf', 'journald', 'json-file', 'splunk', 'syslog')),
  options: STRING_MAP,
  secretOptions: list(SECRET),
});

const HEALTH_CHECK: Structure = structure('HealthCheck', {
  command: required(list(STRING)),
  interval: INTEGER,
  timeout: INTEGER,
  retries: INTEGER,
  startPeriod: INTEGER,
});

const SYSTEM_CONTROL: Structure = structure('SystemControl', {
  namespace: STRING,
  value: STRING,
});

const NVIDIA_MPS_ALLOCATION: Structure = structure('NvidiaMpsAllocation', {
  memory: required(INTEGER),
  maxComputePercent: INTEGER,
});

const SHARING_STRATEGY: Structure = union('SharingStrategy', {
  nvidiaMps: NVIDIA_MPS_ALLOCATION,
});

const RESOURCE_REQUIREMENT: Structure = structure('ResourceRequirement', {
  type: required(enumOf('GPU', 'InferenceAccelerator', 'NeuronDevice')),
  value: STRING,
  sharingStrategy: SHARING_STRATEGY,
});

const FIRELENS_CONFIGURATION: Structure = structure('FirelensConfiguration', {
  type: required(enumOf('fluentbit', 'fluentd')),
  options: STRING_MAP,
});

export const CONTAINER_DEFINITION: Structure = structure('ContainerDefinition', {
  name: STRING,
  image: STRING,
  repositoryCredentials: REPOSITORY_CREDENTIALS,
  cpu: INTEGER,
  memory: INTEGER,
  memoryReservation: INTEGER,
  links: list(STRING),
  portMappings: list(PORT_MAPPING),
  essential: BOOLEAN,
  restartPolicy: CONTAINER_RESTART_POLICY,
  entryPoint: list(STRING),
  command: list(STRING),
  environment: list(KEY_VALUE_PAIR),
  environmentFiles: list(ENVIRONMENT_FILE),
  mountPoints: list(MOUNT_POINT),
  volumesFrom: list(VOLUME_FROM),
  linuxParameters: LINUX_PARAMETERS,
  secrets: list(SECRET),
  dependsOn: list(CONTAINER_DEPENDENCY),
  startTimeout: INTEGER,
  stopTimeout: INTEGER,
  versionConsistency: enumOf('disabled', 'enabled'),
  hostname: STRING,
  user: STRING,
  workingDirectory: STRING,
  disableNetworking: BOOLEAN,
  privileged: BOOLEAN,
  readonlyRootFilesystem: BOOLEAN,
  dnsServers: list(STRING),
  dnsSearchDomains: list(STRING),
  extraHosts: list(HOST_ENTRY),
  dockerSecurityOptions: list(STRING),
  interactive: BOOLEAN,
  pseudoTerminal: BOOLEAN,
  dockerLabels: STRING_MAP,
  ulimits: list(ULIMIT),
  logConfiguration: LOG_CONFIGURATION,
  healthCheck: HEALTH_CHECK,
  systemControls: list(SYSTEM_CONTROL),
  resourceRequirements: list(RESOURCE_REQUIREMENT),
  firelensConfiguration: FIRELENS_CONFIGURATION,
  credentialSpecs: list(STRING),
});

const HOST_VOLUME_PROPERTIES: Structure = structure('HostVolumeProperties', {
  sourcePath: STRING,
});

const DOCKER_VOLUME_CONFIGURATION: Structure = structure('DockerVolumeConfiguration', {
  scope: enumOf('shared', 'task'),
  autoprovision: BOOLEAN,
  driver: STRING,
  driverOpts: STRING_MAP,
  labels: STRING_MAP,
});

const EFS_AUTHORIZATION_CONFIG: Structure = structure('EFSAuthorizationConfig', {
  accessPointId: STRING,
  iam: enumOf('DISABLED', 'ENABLED'),
});

const EFS_VOLUME_CONFIGURATION: Structure = structure('EFSVolumeConfiguration', {
  fileSystemId: required(STRING),
  rootDirectory: STRING,
  transitEncryption: enumOf('DISABLED', 'ENABLED'),
  transitEncryptionPort: INTEGER,
  authorizationConfig: EFS_AUTHORIZATION_CONFIG,
});

const S3_FILES_VOLUME_CONFIGURATION: Structure = structure('S3FilesVolumeConfiguration', {
  fileSystemArn: required(STRING),
  rootDirectory: STRING,
  transitEncryptionPort: INTEGER,
  accessPointArn: STRING,
});

const FSX_WINDOWS_FILE_SERVER_AUTHORIZATION_CONFIG: Structure = structure('FSxWindowsFileServerAuthorizationConfig', {
  credentialsParameter: required(STRING),
  domain: required(STRING),
});

const FSX_WINDOWS_FILE_SERVER_VOLUME_CONFIGURATION: Structure = structure('FSxWindowsFileServerVolumeConfiguration', {
  fileSystemId: required(STRING),
  rootDirectory: required(STRING),
  authorizationConfig: required(FSX_WINDOWS_FILE_SERVER_AUTHORIZATION_CONFIG),
});

const VOLUME: Structure = structure('Volume', {
  name: STRING,
  host: HOST_VOLUME_PROPERTIES,
  dockerVolumeConfiguration: DOCKER_VOLUME_CONFIGURATION,
  efsVolumeConfiguration: EFS_VOLUME_CONFIGURATION,
  s3filesVolumeConfiguration: S3_FILES_VOLUME_CONFIGURATION,
  fsxWindowsFileServerVolumeConfiguration: FSX_WINDOWS_FILE_SERVER_VOLUME_CONFIGURATION,
  configuredAtLaunch: BOOLEAN,
});

const TASK_DEFINITION_PLACEMENT_CONSTRAINT: Structure = structure('TaskDefinitionPlacementConstraint', {
  type: enumOf('memberOf'),
  expression: STRING,
});

const TAG: Structure = structure('Tag', {
  key: STRING,
  value: STRING,
});

const PROXY_CONFIGURATION: Structure = structure('ProxyConfiguration', {
  containerName: required(STRING),
  type: enumOf('APPMESH'),
  properties: list(KEY_VALUE_PAIR),
});

const INFERENCE_ACCELERATOR: Structure = structure('InferenceAccelerator', {
  deviceName: required(STRING),
  deviceType: required(STRING),
});

const EPHEMERAL_STORAGE: Structure = structure('EphemeralStorage', {
  sizeInGiB: required(INTEGER),
});

const RUNTIME_PLATFORM: Structure = structure('RuntimePlatform', {
  cpuArchitecture: enumOf('ARM64', 'X86_64'),
  operatingSystemFamily: enumOf('LINUX', 'WINDOWS_SERVER_2004_CORE', 'WINDOWS_SERVER_2016_FULL', 'WINDOWS_SERVER_2019_CORE', 'WINDOWS_SERVER_2019_FULL', 'WINDOWS_SERVER_2022_CORE', 'WINDOWS_SERVER_2022_FULL', 'WINDOWS_SERVER_2025_CORE', 'WINDOWS_SERVER_2025_FULL', 'WINDOWS_SERVER_20H2_CORE'),
});

const ATTRIBUTE: Structure = structure('Attribute', {
  name: required(STRING),
  value: STRING,
  targetType: enumOf('container-instance'),
  targetId: STRING,
});

/** A task definition: the RegisterTaskDefinition input, plus the keys describe-task-definition adds (marked). */
export const TASK_DEFINITION: Structure = structure('RegisterTaskDefinitionRequest', {
  family: required(STRING),
  containerDefinitions: required(list(CONTAINER_DEFINITION)),
  taskRoleArn: STRING,
  executionRoleArn: STRING,
  networkMode: enumOf('awsvpc', 'bridge', 'host', 'none'),
  volumes: list(VOLUME),
  placementConstraints: list(TASK_DEFINITION_PLACEMENT_CONSTRAINT),
  requiresCompatibilities: list(enumOf('EC2', 'EXTERNAL', 'FARGATE', 'MANAGED_INSTANCES')),
  cpu: STRING,
  memory: STRING,
  tags: list(TAG),
  pidMode: enumOf('host', 'task'),
  ipcMode: enumOf('host', 'none', 'task'),
  proxyConfiguration: PROXY_CONFIGURATION,
  inferenceAccelerators: list(INFERENCE_ACCELERATOR),
  ephemeralStorage: EPHEMERAL_STORAGE,
  runtimePlatform: RUNTIME_PLATFORM,
  enableFaultInjection: BOOLEAN,
  taskDefinitionArn: describeOnly(STRING),
  revision: describeOnly(INTEGER),
  status: describeOnly(enumOf('ACTIVE', 'DELETE_IN_PROGRESS', 'INACTIVE')),
  requiresAttributes: describeOnly(list(ATTRIBUTE)),
  compatibilities: describeOnly(list(enumOf('EC2', 'EXTERNAL', 'FARGATE', 'MANAGED_INSTANCES'))),
  registeredAt: describeOnly(TIMESTAMP),
  registeredBy: describeOnly(STRING),
  deregisteredAt: describeOnly(TIMESTAMP),
  deleteRequestedAt: describeOnly(TIMESTAMP),
});

/** Keys of a task definition that only describe-task-definition returns; RegisterTaskDefinition does not take them. */
export const DESCRIBE_ONLY_KEYS: readonly string[] = Object.entries(TASK_DEFINITION.members)
  .filter(([, member]) => member.describeOnly === true)
  .map(([key]) => key);

/** Keys RegisterTaskDefinition takes. */
export const REGISTER_KEYS: readonly string[] = Object.entries(TASK_DEFINITION.members)
  .filter(([, member]) => member.describeOnly !== true)
  .map(([key]) => key);

export const isDescribeOnlyKey = (key: string): boolean => TASK_DEFINITION.members[key]?.describeOnly === true;

/** A copy of a task definition without the describe-only keys, so RegisterTaskDefinition takes it. */
export function withoutDescribeOnlyKeys<T extends Readonly<Record<string, unknown>>>(taskDefinition: T): Partial<T> {
  return Object.fromEntries(Object.entries(taskDefinition).filter(([key]) => !isDescribeOnlyKey(key))) as Partial<T>;
}
