/*
 * Writes an estate of task definition files, as a platform team's repository holds them: an application with the
 * Datadog Agent, a web service behind a load balancer, a worker, a describe-task-definition dump, each with its own
 * family, images, environment, sizes and some of the usual mistakes. Deterministic: file i is always the same.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const SIZES = [['256', '512'], ['512', '1024'], ['1024', '2048'], ['1024', '3072'], ['2048', '4096'], ['4096', '8192']];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-northeast-1', 'eu-central-1'];

const awslogs = (family, region, prefix) => ({
  logDriver: 'awslogs',
  options: { 'awslogs-group': `/ecs/${family}`, 'awslogs-region': region, 'awslogs-stream-prefix': prefix, mode: 'non-blocking' },
});

function app(i, family, region) {
  const env = [];
  for (let e = 0; e < 4 + (i % 9); e++) env.push({ name: `APP_SETTING_${e}`, value: `value-${i}-${e}` });
  env.push({ name: 'DD_SERVICE', value: family }, { name: 'DD_ENV', value: i % 3 === 0 ? 'prod' : 'staging' });
  const c = {
    name: 'app',
    image: `123456789012.dkr.ecr.${region}.amazonaws.com/${family}:${1 + (i % 40)}.${i % 7}.0`,
    essential: true,
    portMappings: [{ containerPort: 8080, protocol: 'tcp', name: 'http', appProtocol: 'http' }],
    environment: env,
    secrets: [{ name: 'DATABASE_URL', valueFrom: `arn:aws:secretsmanager:${region}:123456789012:secret:${family}/db-AbCdEf` }],
    logConfiguration: awslogs(family, region, 'app'),
    healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], interval: 30, timeout: 5, retries: 3, startPeriod: 10 },
    dockerLabels: { 'com.datadoghq.tags.service': family, 'com.datadoghq.tags.env': 'prod', 'com.datadoghq.tags.version': `${i % 40}` },
  };
  if (i % 4 !== 1) c.readonlyRootFilesystem = true;
  if (i % 11 === 0) c.readOnlyRootFilesystem = true;
  if (i % 5 !== 0) c.user = '1000:1000';
  if (i % 13 === 0) c.memory_limit_mib = 512;
  return c;
}

function agent(i, family, region) {
  return {
    name: 'datadog-agent',
    image: 'public.ecr.aws/datadog/agent:7',
    essential: true,
    readonlyRootFilesystem: i % 3 !== 0,
    environment: [
      { name: 'ECS_FARGATE', value: 'true' },
      { name: 'DD_SITE', value: 'datadoghq.eu' },
      { name: 'DD_APM_ENABLED', value: 'true' },
    ],
    secrets: [{ name: 'DD_API_KEY', valueFrom: `arn:aws:secretsmanager:${region}:123456789012:secret:datadog-api-key-AbCdEf` }],
    portMappings: [{ containerPort: 8125, protocol: 'udp' }, { containerPort: 8126, protocol: 'tcp' }],
    mountPoints: [
      { sourceVolume: 'dd-config', containerPath: '/etc/datadog-agent', readOnly: false },
      { sourceVolume: 'dd-run', containerPath: '/opt/datadog-agent/run', readOnly: false },
      { sourceVolume: 'dd-sockets', containerPath: '/var/run/datadog', readOnly: false },
    ],
    logConfiguration: awslogs(family, region, 'datadog-agent'),
    healthCheck: { command: ['CMD-SHELL', 'agent health'], interval: 30, timeout: 5, retries: 3, startPeriod: 15 },
  };
}

/** Task definition number `i`. */
function taskDefinition(i) {
  const region = REGIONS[i % REGIONS.length];
  const family = `team${i % 37}-service${i}`;
  const [cpu, memory] = SIZES[i % SIZES.length];
  const td = {
    family,
    taskRoleArn: `arn:aws:iam::123456789012:role/${family}-task`,
    executionRoleArn: `arn:aws:iam::123456789012:role/${family}-execution`,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu,
    memory,
    runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: i % 2 ? 'ARM64' : 'X86_64' },
    containerDefinitions: [app(i, family, region)],
    volumes: [],
  };
  if (i % 2 === 0) {
    td.containerDefinitions.push(agent(i, family, region));
    td.volumes.push({ name: 'dd-config' }, { name: 'dd-run' }, { name: 'dd-sockets' });
  }
  if (i % 17 === 0) delete td.requiresCompatibilities;
  if (i % 10 === 7) {
    return {
      taskDefinition: { taskDefinitionArn: `arn:aws:ecs:${region}:123456789012:task-definition/${family}:${i % 90}`, ...td, revision: i % 90, status: 'ACTIVE', registeredAt: '2025-06-01T10:00:00.000Z' },
      tags: [{ key: 'team', value: `team${i % 37}` }],
    };
  }
  return td;
}

/** Writes `count` task definition files under `dir` (in subdirectories of 500) and returns `dir`. */
function writeEstate(dir, count) {
  for (let i = 0; i < count; i++) {
    const sub = path.join(dir, `team-${Math.floor(i / 500)}`);
    if (i % 500 === 0) fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `service-${i}.json`), `${JSON.stringify(taskDefinition(i), null, 2)}\n`);
  }
  return dir;
}

module.exports = { taskDefinition, writeEstate };
