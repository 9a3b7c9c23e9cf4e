/** The rule table: every rule's id, title, severity, explanation and remediation, in report order. */

import type { RuleDefinition } from '../types';
import { agentTmp, agentVolumes } from './datadog-agent-volumes';
import { apiKeyInSecrets } from './datadog-api-key';
import { initContainer } from './datadog-init-container';
import { logRouting } from './datadog-log-routing';
import { dependsOnExit, dependsOnHealthy, dependsOnTarget } from './depends-on';
import { noPublicIp } from './ecs-2-public-ip';
import { noHostPidMode } from './ecs-3-pid-mode';
import { noPrivileged } from './ecs-4-privileged';
import { readonlyRootFilesystem } from './ecs-5-readonly-root';
import { noCredentialsInEnvironment } from './ecs-8-credentials-env';
import { logConfiguration } from './ecs-9-logging';
import { latestPlatformVersion } from './ecs-10-platform-version';
import { containerInsights } from './ecs-12-container-insights';
import { noHostNetworkMode } from './ecs-17-network-mode';
import { nonRootUser } from './ecs-20-non-root-user';
import { containerCount } from './fargate-container-count';
import { oneEssential } from './fargate-essential';
import { hostPortMatches } from './fargate-host-port';
import { apiShape } from './fargate-api-shape';
import { fargateLogDriver } from './fargate-log-driver';
import { mountVolumesDefined } from './fargate-mount-volumes';
import { fargateSize } from './fargate-size';

const SECURITY_HUB = 'AWS Security Hub control';
const REGISTRATION = 'ECS RegisterTaskDefinition rules and Fargate quotas';
const DATADOG = "Datadog's guide to the Agent on a read-only root filesystem";

export const RULES: readonly RuleDefinition[] = [
  {
    id: 'ECS.2',
    title: 'The ECS service does not assign public IP addresses',
    severity: 'high',
    source: SECURITY_HUB,
    explanation: 'A task with a public IP address is reachable from the internet unless every security group rule is right.',
    remediation: 'Set assignPublicIp DISABLED (Terraform: network_configuration.assign_public_ip = false) and reach the internet through a NAT gateway or VPC endpoints.',
    check: noPublicIp,
  },
  {
    id: 'ECS.3',
    title: "The task does not share the host's process namespace",
    severity: 'high',
    source: SECURITY_HUB,
    explanation: 'pidMode host lets containers see and signal every process on the host.',
    remediation: 'Remove pidMode, or set it to "task" to share processes between the task\'s own containers.',
    check: noHostPidMode,
  },
  {
    id: 'ECS.4',
    title: 'No container is privileged',
    severity: 'high',
    source: SECURITY_HUB,
    explanation: 'A privileged container has root on the host. Fargate rejects privileged containers.',
    remediation: 'Remove privileged (or set it to false) and grant only the Linux capabilities the container needs.',
    check: noPrivileged,
  },
  {
    id: 'ECS.5',
    title: 'Every container has a read-only root filesystem',
    severity: 'high',
    source: SECURITY_HUB,
    explanation: 'A writable root filesystem lets an attacker change binaries and configuration. ECS treats an absent readonlyRootFilesystem as false, and ignores the misspelt readOnlyRootFilesystem.',
    remediation: 'Set "readonlyRootFilesystem": true on every container and give each path it writes to a task volume (`ecs-datadog-readonly fix` does this for the Datadog containers).',
    check: readonlyRootFilesystem,
  },
  {
    id: 'ECS.8',
    title: 'No AWS credentials in container environment variables',
    severity: 'high',
    source: SECURITY_HUB,
    explanation: 'AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and ECS_ENGINE_AUTH_DATA in plain environment are readable by anyone who can describe the task definition.',
    remediation: 'Use the task role for AWS credentials, and `secrets` (Secrets Manager or SSM Parameter Store) for other secrets.',
    check: noCredentialsInEnvironment,
  },
  {
    id: 'ECS.9',
    title: 'Every container has a logging configuration',
    severity: 'high',
    source: SECURITY_HUB,
    explanation: 'Without logConfiguration.logDriver a container\'s output is lost.',
    remediation: 'Add a logConfiguration, for example the awslogs driver with awslogs-group, awslogs-region and awslogs-stream-prefix.',
    check: logConfiguration,
  },
  {
    id: 'ECS.10',
    title: 'The Fargate service runs on the latest platform version',
    severity: 'medium',
    source: SECURITY_HUB,
    explanation: 'Older Fargate platform versions miss security fixes and features such as more ephemeral storage.',
    remediation: 'Set platformVersion LATEST (or 1.4.0), or leave it unset.',
    check: latestPlatformVersion,
  },
  {
    id: 'ECS.12',
    title: 'The cluster has Container Insights',
    severity: 'medium',
    source: SECURITY_HUB,
    explanation: 'Container Insights collects the task and service metrics needed to notice and investigate problems.',
    remediation: 'Add the cluster setting containerInsights with value "enabled" or "enhanced".',
    check: containerInsights,
  },
  {
    id: 'ECS.17',
    title: 'The task does not use host networking',
    severity: 'medium',
    source: SECURITY_HUB,
    explanation: 'networkMode host puts containers on the host\'s network stack, bypassing task-level isolation.',
    remediation: 'Use networkMode awsvpc (required on Fargate).',
    check: noHostNetworkMode,
  },
  {
    id: 'ECS.20',
    title: 'Every Linux container runs as a non-root user',
    severity: 'medium',
    source: SECURITY_HUB,
    explanation: 'A container without user runs as the image\'s user, usually root. Absent, "root", "0", "root:<group>" and "0:<group>" all count as root.',
    remediation: 'Set "user" to a non-root UID (for example "1000:1000") the image supports. Where root is unavoidable, accept the finding with a docker label ecs-datadog-readonly.accept.ECS.20 stating why.',
    check: nonRootUser,
  },
  {
    id: 'FARGATE.SIZE',
    title: 'Task cpu and memory form a Fargate size, and the containers fit in it',
    severity: 'high',
    source: REGISTRATION,
    explanation: 'Fargate runs only certain cpu and memory pairs; registration or launch fails otherwise.',
    remediation: 'Pick a supported pair: 256 with 512 to 2048, 512 with 1024 to 4096, 1024 with 2048 to 8192, 2048 with 4096 to 16384, 4096 with 8192 to 30720, 8192 with 16384 to 61440 (steps of 4096), 16384 with 32768 to 122880 (steps of 8192).',
    check: fargateSize,
  },
  {
    id: 'FARGATE.CONTAINER_COUNT',
    title: 'At most 10 containers per task definition',
    severity: 'high',
    source: REGISTRATION,
    explanation: 'ECS refuses task definitions with more than 10 containers, the Datadog Agent and its init container included.',
    remediation: 'Split the task, or merge sidecars.',
    check: containerCount,
  },
  {
    id: 'FARGATE.ESSENTIAL',
    title: 'At least one container is essential',
    severity: 'high',
    source: REGISTRATION,
    explanation: 'ECS refuses a task definition in which every container has essential false (essential defaults to true).',
    remediation: 'Make the main application container essential.',
    check: oneEssential,
  },
  {
    id: 'FARGATE.DEPENDS_ON_TARGET',
    title: 'Every dependsOn names another container and a known condition',
    severity: 'high',
    source: REGISTRATION,
    explanation: 'A dependency on a missing container, or with an unknown condition, makes registration fail.',
    remediation: 'Name a container of the same task, with condition START, COMPLETE, SUCCESS or HEALTHY.',
    check: dependsOnTarget,
  },
  {
    id: 'FARGATE.DEPENDS_ON_EXIT',
    title: 'COMPLETE and SUCCESS only wait for non-essential containers',
    severity: 'high',
    source: REGISTRATION,
    explanation: 'COMPLETE and SUCCESS wait for the target to exit; an essential container that exits stops the task.',
    remediation: 'Set essential false on the container waited for (such as the Datadog init container).',
    check: dependsOnExit,
  },
  {
    id: 'FARGATE.DEPENDS_ON_HEALTHY',
    title: 'HEALTHY only waits for containers with a health check',
    severity: 'high',
    source: REGISTRATION,
    explanation: 'A container without a healthCheck never becomes HEALTHY, so the waiting container never starts.',
    remediation: 'Add a healthCheck to the target (for the Datadog Agent: ["CMD-SHELL", "agent health"]), or wait with START.',
    check: dependsOnHealthy,
  },
  {
    id: 'FARGATE.MOUNT_VOLUMES',
    title: 'Every mount point names a task volume',
    severity: 'high',
    source: REGISTRATION,
    explanation: 'A mountPoints[].sourceVolume that no volumes[].name defines makes registration fail.',
    remediation: 'Add {"name": "<volume>"} to volumes for each mounted volume.',
    check: mountVolumesDefined,
  },
  {
    id: 'FARGATE.HOST_PORT',
    title: 'With awsvpc, hostPort is omitted or equals containerPort',
    severity: 'high',
    source: REGISTRATION,
    explanation: 'In awsvpc mode each task has its own network interface, so ports cannot be remapped.',
    remediation: 'Remove hostPort or set it to the containerPort.',
    check: hostPortMatches,
  },
  {
    id: 'FARGATE.LOG_DRIVER',
    title: 'Fargate containers use a supported log driver',
    severity: 'high',
    source: REGISTRATION,
    explanation: 'Fargate supports only the awslogs, splunk and awsfirelens log drivers.',
    remediation: 'Use awslogs, splunk, or awsfirelens (FireLens) for other destinations.',
    check: fargateLogDriver,
  },
  {
    id: 'FARGATE.API_SHAPE',
    title: 'The task definition has the shape of the RegisterTaskDefinition input',
    severity: 'high',
    source: REGISTRATION,
    explanation:
      'ECS keys are case-sensitive and ECS drops keys it does not know: "readOnlyRootFilesystem": true leaves the root filesystem writable, and a "memory_limit_mib" in a container definition limits nothing. A value of the wrong type, or outside its enum, makes registration fail. Task definition JSON is checked whole; Terraform container_definitions container by container.',
    remediation:
      'Rename a mis-spelt key to the spelling the finding gives, remove unknown keys, and write values with the type and values the finding lists (`ecs-datadog-readonly fix` renames mis-spelt keys and drops describe-task-definition keys).',
    check: apiShape,
  },
  {
    id: 'DATADOG.API_KEY_SECRET',
    title: 'The Datadog API key comes from secrets',
    severity: 'high',
    source: DATADOG,
    explanation: 'DD_API_KEY in plain environment, or a Datadog key in log options (the FireLens datadog output\'s apikey), is readable by anyone who can describe the task definition. A secret ARN written as environment[].valueFrom is dropped by ECS, so the agent starts without a key.',
    remediation: 'Store the key in Secrets Manager or SSM Parameter Store and reference it under secrets: {"name": "DD_API_KEY", "valueFrom": "<ARN>"} (`ecs-datadog-readonly fix --api-key-secret-arn <ARN>`); for FireLens, logConfiguration.secretOptions: [{"name": "apikey", "valueFrom": "<ARN>"}].',
    check: apiKeyInSecrets,
  },
  {
    id: 'DATADOG.AGENT_VOLUMES',
    title: 'A read-only Datadog Agent has writable volumes where it must write',
    severity: 'high',
    source: DATADOG,
    explanation: 'On a read-only root the agent needs writable /etc/datadog-agent (start-up scripts), /opt/datadog-agent/run (runtime state) and /var/run/datadog (APM and DogStatsD sockets); without them it fails to start.',
    remediation: 'Add a task volume for each path and mount it read-write in the agent (`ecs-datadog-readonly fix`).',
    check: agentVolumes,
  },
  {
    id: 'DATADOG.AGENT_TMP',
    title: 'A read-only Datadog Agent has a writable /tmp',
    severity: 'low',
    source: DATADOG,
    explanation: 'The agent writes diagnostics and flares to /tmp.',
    remediation: 'Add a task volume mounted read-write at /tmp in the agent.',
    check: agentTmp,
  },
  {
    id: 'DATADOG.INIT_CONTAINER',
    title: 'An init container fills the read-only agent\'s config volume',
    severity: 'high',
    source: DATADOG,
    explanation: 'An empty volume over /etc/datadog-agent hides the image\'s default configuration. An init container from the agent image copies it into the volume (cp -n), exits, and the agent starts after it with dependsOn SUCCESS.',
    remediation: 'Add a non-essential init container from the agent image with a read-only root that mounts the config volume and copies /etc/datadog-agent into it; make the agent depend on it with SUCCESS (`ecs-datadog-readonly fix`).',
    check: initContainer,
  },
  {
    id: 'DATADOG.LOG_ROUTING',
    title: 'With a FireLens log router, every application container logs through it to Datadog',
    severity: 'medium',
    source: "Datadog's Fargate log collection (FireLens)",
    explanation:
      'A task with a FireLens router sends logs to Datadog only from the containers that use it: a container that still logs with awslogs, or through FireLens to another output, or without an apikey, is missing from Datadog. The router and the Datadog Agent containers are exempt.',
    remediation:
      'Give the container logConfiguration {"logDriver": "awsfirelens", "options": {"Name": "datadog", "Host": "http-intake.logs.<site>", "TLS": "on", "provider": "ecs", "dd_service": "...", "dd_source": "..."}, "secretOptions": [{"name": "apikey", "valueFrom": "<API key secret ARN>"}]} (config: logs.destination datadog).',
    check: logRouting,
  },
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): RuleDefinition | undefined {
  return RULES.find((r) => r.id === id);
}
