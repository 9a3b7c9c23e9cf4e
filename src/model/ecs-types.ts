/**
 * The ECS task definition, in the spelling of the RegisterTaskDefinition API (camelCase, `readonlyRootFilesystem`).
 * Only the fields this project writes or inspects are typed; `fix` keeps every other field as it was.
 */

export interface KeyValuePair {
  readonly name: string;
  readonly value: string;
}

export interface Secret {
  readonly name: string;
  readonly valueFrom: string;
}

export interface PortMapping {
  readonly containerPort: number;
  readonly hostPort?: number;
  readonly protocol?: 'tcp' | 'udp';
}

export interface MountPoint {
  readonly sourceVolume: string;
  readonly containerPath: string;
  readonly readOnly?: boolean;
}

export interface ContainerDependencyDefinition {
  readonly containerName: string;
  readonly condition: 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';
}

export interface HealthCheckDefinition {
  readonly command: readonly string[];
  readonly interval?: number;
  readonly timeout?: number;
  readonly retries?: number;
  readonly startPeriod?: number;
}

export interface LogConfiguration {
  readonly logDriver: string;
  readonly options?: Readonly<Record<string, string>>;
  readonly secretOptions?: readonly Secret[];
}

export interface FirelensConfiguration {
  readonly type: 'fluentbit' | 'fluentd';
  readonly options?: Readonly<Record<string, string>>;
}

export interface ContainerDefinition {
  readonly name: string;
  readonly image: string;
  readonly essential?: boolean;
  readonly readonlyRootFilesystem?: boolean;
  readonly user?: string;
  readonly cpu?: number;
  readonly memory?: number;
  readonly entryPoint?: readonly string[];
  readonly command?: readonly string[];
  readonly environment?: readonly KeyValuePair[];
  readonly secrets?: readonly Secret[];
  readonly portMappings?: readonly PortMapping[];
  readonly mountPoints?: readonly MountPoint[];
  readonly dependsOn?: readonly ContainerDependencyDefinition[];
  readonly healthCheck?: HealthCheckDefinition;
  readonly logConfiguration?: LogConfiguration;
  readonly firelensConfiguration?: FirelensConfiguration;
  readonly dockerLabels?: Readonly<Record<string, string>>;
  readonly privileged?: boolean;
}

export interface Volume {
  readonly name: string;
}

export interface Tag {
  readonly key: string;
  readonly value: string;
}

export interface TaskDefinition {
  readonly family: string;
  readonly taskRoleArn?: string;
  readonly executionRoleArn?: string;
  readonly networkMode?: string;
  readonly containerDefinitions: readonly ContainerDefinition[];
  readonly volumes?: readonly Volume[];
  readonly requiresCompatibilities?: readonly string[];
  readonly cpu?: string;
  readonly memory?: string;
  readonly runtimePlatform?: { readonly operatingSystemFamily?: string; readonly cpuArchitecture?: string };
  readonly pidMode?: string;
  readonly ephemeralStorage?: { readonly sizeInGiB: number };
  readonly tags?: readonly Tag[];
}
