/**
 * Every validation block of the module, checked by real terraform: for each rule, bad values are rejected with the
 * rule's message (and no other), good values are accepted. All calls run in two plans, one module call per value.
 */
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import { validateConfig } from '../src/config/validate';
import { modelContext } from '../src/module/locals';
import { moduleSpec } from '../src/module/spec';
import { MAX_APPLICATION_CONTAINERS, MAX_APPLICATION_CONTAINERS_WITH_ROUTER, VALIDATION_RULES, ValidationRule } from '../src/module/validations';
import { configFromVariableValues } from '../src/module/variables';
import { cleanup, describeWithTerraform, Diagnostic, planModuleCalls, tempDir, writeOfflineModule } from './support/terraform';

type Vars = Record<string, unknown>;

/** A bad value that, by nature, also breaks other rules (e.g. an API key where an ARN belongs is no ARN either). */
class Also {
  constructor(
    readonly vars: Vars,
    readonly rules: readonly string[],
  ) {}
}

interface Samples {
  readonly bad: readonly (Vars | Also)[];
  readonly good: readonly Vars[];
}

const varsOf = (sample: Vars | Also): Vars => (sample instanceof Also ? sample.vars : sample);

const config = resolveConfig(EMBEDDED_DEFAULT_CONFIG);
const dd = { api_key_secret_arn: config.datadog.apiKeySecretArn };
const hex32 = '0123456789abcdef0123456789ABCDEF';
const sm = 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:app/db-AbCdEf';
const app = (fields: Vars = {}): Vars => ({ name: 'app', image: 'example/app:1', ...fields });
const containers = (...items: Vars[]): Vars => ({ containers: items });
const one = (fields: Vars): Vars => containers(app(fields));
const pair = (a: Vars, b: Vars): Vars => containers(app({ name: 'a', ...a }), app({ name: 'b', ...b }));
const datadog = (fields: Vars): Vars => ({ datadog: { ...dd, ...fields } });
const healthCheck = (fields: Vars = {}): Vars => ({ command: ['CMD-SHELL', 'true'], ...fields });
const role = 'arn:aws:iam::123456789012:role/web-task';
const vpc = 'vpc-0123456789abcdef0';
const statement = (fields: Vars): Vars => ({ task_role_policy_statements: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::orders/*'], ...fields }] });
const web = containers(app({ name: 'web', port: 8080 }));
const tg = (i: number) => `arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/web-${i}/0123456789abcdef`;
const lb = { target_group_arn: tg(0), container_name: 'web', container_port: 8080 };
const scaling = (fields: Vars): Vars => ({ autoscaling: { min_capacity: 1, max_capacity: 4, ...fields } });
const many = (n: number): Vars => containers(...Array.from({ length: n }, (_, i) => app({ name: `c${i}` })));

const SAMPLES: Record<string, Samples> = {
  'name-pattern': { bad: [{ name: 'has space' }, { name: 'x'.repeat(39) }, { name: '' }], good: [{ name: 'x'.repeat(38) }, { name: 'a_b-C9' }] },
  'cpu-fargate-size': { bad: [{ cpu: 300 }, { cpu: 32768, memory: 65536 }], good: [{ cpu: 16384, memory: 32768 }, { cpu: 256, memory: 512 }] },
  'cpu-reservations': {
    bad: [
      { cpu: 256, memory: 512, ...datadog({ cpu: 128 }), ...one({ cpu: 256 }) },
      { cpu: 256, memory: 512, log_destination: 'datadog', log_router: { cpu: 128 }, ...one({ cpu: 192 }) },
    ],
    good: [
      { cpu: 512, memory: 1024, ...datadog({ cpu: 256 }), ...one({ cpu: 256 }) },
      { cpu: 256, memory: 512, log_destination: 'cloudwatch', log_router: { cpu: 128 }, ...one({ cpu: 192 }) },
    ],
  },
  'memory-fargate-size': {
    bad: [
      { cpu: 256, memory: 4096 },
      { cpu: 8192, memory: 18432 },
      { cpu: 16384, memory: 36864 },
      { cpu: 1024, memory: 1024 },
    ],
    good: [
      { cpu: 8192, memory: 61440 },
      { cpu: 16384, memory: 122880 },
      { cpu: 4096, memory: 30720 },
    ],
  },
  'memory-reservations': {
    bad: [{ cpu: 256, memory: 512, ...datadog({ memory: 64 }), ...one({ memory: 512 }) }],
    good: [{ cpu: 256, memory: 512, ...datadog({ memory: 64 }), ...one({ memory: 448 }) }],
  },
  'cpu-architecture': { bad: [{ cpu_architecture: 'arm64' }, { cpu_architecture: 'x86' }], good: [{ cpu_architecture: 'ARM64' }, { cpu_architecture: 'X86_64' }] },
  'tags-keys': { bad: [{ tags: { '': 'x' } }], good: [{ tags: { a: 'b' } }] },
  'tags-api-key': { bad: [{ tags: { key: hex32 } }, { tags: { [hex32]: 'x' } }], good: [{ tags: { team: 'core', id: hex32.slice(1) } }] },
  'datadog-site': { bad: [datadog({ site: 'datadog.com' }), datadog({ site: 'https://datadoghq.com' })], good: [datadog({ site: 'us3.datadoghq.com' }), datadog({ site: 'ddog-gov.com' })] },
  'datadog-api-key-secret-arn': {
    bad: [
      datadog({ api_key_secret_arn: 'arn:aws:s3:::bucket/key' }),
      datadog({ api_key_secret_arn: 'datadog/api-key' }),
      datadog({ api_key_secret_arn: `${dd.api_key_secret_arn}:api_key` }),
      datadog({ api_key_secret_arn: `${dd.api_key_secret_arn}:api_key:AWSCURRENT:id:extra` }),
    ],
    good: [
      datadog({ api_key_secret_arn: 'arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/dd/key' }),
      datadog({ api_key_secret_arn: `${dd.api_key_secret_arn}:api_key::` }),
      datadog({ api_key_secret_arn: `${dd.api_key_secret_arn}::AWSPREVIOUS:` }),
      datadog({ api_key_secret_arn: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:datadog/api-key' }),
    ],
  },
  'datadog-image': { bad: [datadog({ image: 'has space:7' })], good: [datadog({ image: 'public.ecr.aws/datadog/agent:7.61.0' })] },
  'datadog-tags-keys': { bad: [datadog({ tags: { '': 'x' } })], good: [datadog({ tags: { team: 'core' } })] },
  'datadog-api-key': {
    bad: [datadog({ tags: { key: hex32 } }), datadog({ env: `${hex32}` }), new Also(datadog({ api_key_secret_arn: hex32 }), ['datadog-api-key-secret-arn'])],
    good: [datadog({ tags: { team: 'core' }, env: hex32.slice(2) })],
  },
  'datadog-cpu': { bad: [datadog({ cpu: -1 }), datadog({ cpu: 1.5 })], good: [datadog({ cpu: 0 }), datadog({ cpu: 256 })] },
  'datadog-memory': { bad: [datadog({ memory: 5 }), datadog({ memory: 6.5 })], good: [datadog({ memory: 6 }), datadog({ memory: 512 })] },
  'containers-count': { bad: [many(MAX_APPLICATION_CONTAINERS + 1)], good: [many(MAX_APPLICATION_CONTAINERS)] },
  'containers-count-log-router': {
    bad: [{ log_destination: 'datadog', ...many(MAX_APPLICATION_CONTAINERS_WITH_ROUTER + 1) }],
    good: [{ log_destination: 'datadog', ...many(MAX_APPLICATION_CONTAINERS_WITH_ROUTER) }, { log_destination: 'cloudwatch', ...many(MAX_APPLICATION_CONTAINERS) }],
  },
  'containers-log-source': { bad: [one({ log_source: 'has space' }), one({ log_source: '-x' })], good: [one({ log_source: 'nginx' }), one({ log_source: 'my_app.v2' })] },
  'datadog-transport': { bad: [datadog({ transport: 'udp' }), datadog({ transport: 'UNIX' })], good: [datadog({ transport: 'tcp' }), datadog({ transport: 'unix' })] },
  'datadog-environment-names': { bad: [datadog({ environment: { 'DD-X': '1' } }), datadog({ environment: { '1X': '1' } })], good: [datadog({ environment: { DD_DOCKER_LABELS_AS_TAGS: '{}' } })] },
  'datadog-environment-owned': {
    bad: [datadog({ environment: { DD_SITE: 'datadoghq.eu' } }), datadog({ environment: { DD_DOGSTATSD_SOCKET: '/tmp/x' } }), datadog({ environment: { DD_API_KEY: 'x' } })],
    good: [datadog({ environment: { DD_DOGSTATSD_TAG_CARDINALITY: 'high', DD_ECS_TASK_COLLECTION_ENABLED: 'false', DD_PROXY_HTTPS: 'http://proxy:3128' } })],
  },
  'datadog-environment-credentials': { bad: [datadog({ environment: { AWS_SECRET_ACCESS_KEY: 'x' } })], good: [datadog({ environment: { AWS_REGION: 'eu-west-1' } })] },
  'datadog-process-collection-exec': {
    bad: [{ enable_execute_command: true, ...datadog({ process_collection: true }) }],
    good: [{ enable_execute_command: false, ...datadog({ process_collection: true }) }, { enable_execute_command: true, ...datadog({ process_collection: false }) }],
  },
  // With containers (none), so the calls that pack these take no containers sample (the count depends on the destination).
  'log-destination': {
    bad: [{ log_destination: 'firelens', containers: [] }, { log_destination: 'Datadog', containers: [] }],
    good: [{ log_destination: 'datadog', containers: [] }, { log_destination: 'cloudwatch', containers: [] }],
  },
  'log-router-image': { bad: [{ log_router: { image: 'has space' } }], good: [{ log_router: { image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4' } }] },
  'log-router-image-init': {
    bad: [
      { log_router: { image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:init-latest' } },
      { log_router: { image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:init-2.32.4' } },
      { log_router: { image: 'aws-for-fluent-bit:init' } },
    ],
    good: [{ log_router: { image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable' } }, { log_router: { image: 'example/initializer:1' } }],
  },
  'log-router-cpu': { bad: [{ log_router: { cpu: -1 } }, { log_router: { cpu: 2.5 } }], good: [{ log_router: { cpu: 64 } }] },
  'log-router-memory': { bad: [{ log_router: { memory: 5 } }], good: [{ log_router: { memory: 128 } }] },
  'containers-name-pattern': { bad: [one({ name: 'bad name' }), one({ name: 'x'.repeat(256) })], good: [one({ name: 'Good_name-1' })] },
  'containers-name-unique': { bad: [containers(app({ name: 'a' }), app({ name: 'a' }))], good: [containers(app({ name: 'a' }), app({ name: 'b' }))] },
  'containers-name-reserved': { bad: [one({ name: 'datadog-agent' }), one({ name: 'datadog-init' }), one({ name: 'datadog-log-router' })], good: [one({ name: 'datadog-app' })] },
  'containers-user': { bad: [one({ user: 'has space' }), one({ user: '1000:' })], good: [one({ user: '1000:1000' }), one({ user: 'app' })] },
  'containers-image': { bad: [one({ image: 'has space' }), one({ image: '-dash' })], good: [one({ image: 'registry.example.com:5000/team/app@sha256:abc' })] },
  'containers-port-range': { bad: [one({ port: 0 }), one({ port: 65536 }), one({ port: 80.5 })], good: [one({ port: 1 }), one({ port: 65535 })] },
  'containers-port-agent': {
    bad: [one({ port: 8125 }), one({ port: 8126 }), { ...datadog({ apm_enabled: false }), ...one({ port: 8125 }) }],
    good: [one({ port: 8127 }), { ...datadog({ apm_enabled: false }), ...one({ port: 8126 }) }],
  },
  'containers-protocol': { bad: [one({ protocol: 'http' })], good: [one({ protocol: 'udp' }), one({ protocol: 'tcp' })] },
  'containers-writable-paths': {
    bad: [one({ writable_paths: ['/'] }), one({ writable_paths: ['tmp'] }), one({ writable_paths: ['/trailing/'] })],
    good: [one({ writable_paths: ['/a/b.c', '/tmp'] })],
  },
  'containers-writable-paths-sockets': {
    bad: [one({ writable_paths: ['/var/run/datadog'] }), one({ writable_paths: ['/var/run/datadog/x'] }), one({ writable_paths: ['/var/run'] })],
    good: [one({ writable_paths: ['/var/run/other', '/var/run/datadog2'] }), { ...datadog({ transport: 'tcp' }), ...one({ writable_paths: ['/var/run'] }) }],
  },
  'containers-writable-paths-overlap': {
    bad: [one({ writable_paths: ['/a', '/a'] }), one({ writable_paths: ['/a', '/a/b'] }), one({ writable_paths: ['/a/b', '/a'] })],
    good: [one({ writable_paths: ['/a', '/ab'] }), pair({ writable_paths: ['/tmp'] }, { writable_paths: ['/tmp'] })],
  },
  'containers-writable-paths-volumes': {
    // With ECS Exec on, container a gets the volume a-managed-agents for /managed-agents: a-managed's /agents collides.
    bad: [
      containers(app({ name: 'datadog', writable_paths: ['/config'] })),
      containers(app({ name: 'datadog', writable_paths: ['/log-router-tmp'] })),
      one({ writable_paths: ['/b-c', '/b/c'] }),
      { enable_execute_command: true, ...containers(app({ name: 'a' }), app({ name: 'a-managed', writable_paths: ['/agents'] })) },
    ],
    good: [
      containers(app({ name: 'datadog', writable_paths: ['/cache'] })),
      { enable_execute_command: false, ...containers(app({ name: 'a' }), app({ name: 'a-managed', writable_paths: ['/agents'] })) },
    ],
  },
  'containers-environment-names': { bad: [one({ environment: { '1BAD': 'x' } }), one({ environment: { 'HAS-DASH': 'x' } })], good: [one({ environment: { _OK_1: 'x' } })] },
  'containers-environment-api-key': { bad: [one({ environment: { DD_API_KEY: 'x' } })], good: [one({ environment: { DD_ENV: 'prod' }, secrets: { DD_API_KEY: sm } })] },
  'containers-environment-credentials': {
    bad: [one({ environment: { AWS_ACCESS_KEY_ID: 'x' } }), one({ environment: { AWS_SECRET_ACCESS_KEY: 'x' } }), one({ environment: { ECS_ENGINE_AUTH_DATA: 'x' } })],
    good: [one({ environment: { AWS_REGION: 'eu-west-1' } })],
  },
  'containers-api-key': {
    bad: [one({ environment: { TOKEN: hex32 } }), one({ environment: { T: `key=${hex32}` } }), one({ command: ['--key', hex32] }), one({ version: hex32 })],
    good: [one({ environment: { A: hex32.slice(1), B: `${hex32}0` }, image: `app@sha256:${hex32}${hex32}` })],
  },
  'containers-secret-names': { bad: [one({ secrets: { 'bad-name': sm } })], good: [one({ secrets: { DB_PASSWORD: sm } })] },
  'containers-secret-arns': { bad: [one({ secrets: { X: 'plain' } }), one({ secrets: { X: 'arn:aws:s3:::bucket/x' } })], good: [one({ secrets: { X: sm } })] },
  'containers-cpu': { bad: [one({ cpu: -1 }), one({ cpu: 0.5 })], good: [one({ cpu: 0 }), one({ cpu: 1024 })] },
  'containers-memory': { bad: [one({ memory: 5 })], good: [one({ memory: 6 }), one({ memory: 3072 })] },
  'containers-health-check-command': {
    bad: [one({ health_check: { command: ['curl'] } }), one({ health_check: { command: ['RUN', 'x'] } }), one({ health_check: { command: [] } })],
    good: [one({ health_check: { command: ['CMD', 'true'] } }), one({ health_check: healthCheck() })],
  },
  'containers-health-check-interval-seconds': {
    bad: [one({ health_check: healthCheck({ interval_seconds: 4 }) }), one({ health_check: healthCheck({ interval_seconds: 301 }) })],
    good: [one({ health_check: healthCheck({ interval_seconds: 5 }) }), one({ health_check: healthCheck({ interval_seconds: 300 }) })],
  },
  'containers-health-check-timeout-seconds': {
    bad: [one({ health_check: healthCheck({ timeout_seconds: 1 }) }), one({ health_check: healthCheck({ timeout_seconds: 121 }) })],
    good: [one({ health_check: healthCheck({ timeout_seconds: 2 }) }), one({ health_check: healthCheck({ timeout_seconds: 120 }) })],
  },
  'containers-health-check-retries': {
    bad: [one({ health_check: healthCheck({ retries: 0 }) }), one({ health_check: healthCheck({ retries: 11 }) })],
    good: [one({ health_check: healthCheck({ retries: 1 }) }), one({ health_check: healthCheck({ retries: 10 }) })],
  },
  'containers-health-check-start-period-seconds': {
    bad: [one({ health_check: healthCheck({ start_period_seconds: -1 }) }), one({ health_check: healthCheck({ start_period_seconds: 301 }) })],
    good: [one({ health_check: healthCheck({ start_period_seconds: 0 }) }), one({ health_check: healthCheck({ start_period_seconds: 300 }) })],
  },
  'containers-depends-on-condition': {
    bad: [pair({ health_check: healthCheck() }, { depends_on: [{ container_name: 'a', condition: 'READY' }] })],
    good: [pair({}, { depends_on: [{ container_name: 'a', condition: 'START' }] })],
  },
  'containers-depends-on-target': {
    bad: [pair({}, { depends_on: [{ container_name: 'ghost', condition: 'START' }] }), pair({}, { depends_on: [{ container_name: 'b', condition: 'START' }] }), pair({}, { depends_on: [{ container_name: 'datadog-agent', condition: 'START' }] })],
    good: [pair({ depends_on: [{ container_name: 'b', condition: 'START' }] }, {})],
  },
  'containers-depends-on-healthy': {
    bad: [pair({}, { depends_on: [{ container_name: 'a', condition: 'HEALTHY' }] })],
    good: [pair({ health_check: healthCheck() }, { depends_on: [{ container_name: 'a', condition: 'HEALTHY' }] })],
  },
  'containers-depends-on-exit': {
    bad: [pair({}, { depends_on: [{ container_name: 'a', condition: 'SUCCESS' }] }), pair({}, { depends_on: [{ container_name: 'a', condition: 'COMPLETE' }] })],
    good: [pair({ essential: false }, { depends_on: [{ container_name: 'a', condition: 'SUCCESS' }] }), pair({ essential: false }, { depends_on: [{ container_name: 'a', condition: 'COMPLETE' }] })],
  },
  'containers-depends-on-cycle': {
    bad: [
      pair({ depends_on: [{ container_name: 'b', condition: 'START' }] }, { depends_on: [{ container_name: 'a', condition: 'START' }] }),
      containers(
        ...Array.from({ length: MAX_APPLICATION_CONTAINERS }, (_, i) =>
          app({ name: `c${i}`, depends_on: [{ container_name: `c${(i + 1) % MAX_APPLICATION_CONTAINERS}`, condition: 'START' }] }),
        ),
      ),
    ],
    good: [
      containers(
        ...Array.from({ length: MAX_APPLICATION_CONTAINERS }, (_, i) =>
          app({ name: `c${i}`, depends_on: i === 0 ? [] : [{ container_name: `c${i - 1}`, condition: 'START' }, { container_name: 'c0', condition: 'START' }] }),
        ),
      ),
    ],
  },
  'subnet-ids': { bad: [{ subnet_ids: ['subnet-xyz'] }, { subnet_ids: ['subnet-0123456789abcdef0', 'sg-01234567'] }], good: [{ subnet_ids: ['subnet-0123456789abcdef0', 'subnet-01234567'] }] },
  'security-group-ids': { bad: [{ security_group_ids: ['sg-1'] }], good: [{ security_group_ids: ['sg-0123456789abcdef0'] }] },
  'desired-count': { bad: [{ desired_count: -1 }, { desired_count: 1.5 }, { desired_count: 1001 }], good: [{ desired_count: 0 }, { desired_count: 1000 }] },
  'existing-cluster-arn': {
    bad: [{ existing_cluster_arn: 'arn:aws:ecs:eu-west-1:123:cluster/x' }, { existing_cluster_arn: 'shared' }],
    good: [{ existing_cluster_arn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/shared' }, { existing_cluster_arn: null }],
  },
  'container-insights': { bad: [{ container_insights: 'disabled' }], good: [{ container_insights: 'enhanced' }, { container_insights: 'enabled' }] },
  'log-retention': { bad: [{ log_retention_in_days: 2 }, { log_retention_in_days: 4000 }], good: [{ log_retention_in_days: 0 }, { log_retention_in_days: 3653 }] },
  'secrets-kms-key-arns': {
    bad: [{ secrets_kms_key_arns: ['alias/aws/secretsmanager'] }, { secrets_kms_key_arns: ['arn:aws:kms:ap-northeast-1:123456789012:alias/x'] }],
    good: [{ secrets_kms_key_arns: ['arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'] }, { secrets_kms_key_arns: [] }],
  },
  'log-kms-key-arn': {
    bad: [{ log_kms_key_arn: 'alias/logs' }],
    good: [{ log_kms_key_arn: 'arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' }, { log_kms_key_arn: null }],
  },
  // Plan and apply stability
  'tags-values': { bad: [{ tags: { team: '' } }], good: [{ tags: { team: 'core' } }] },
  'datadog-values': { bad: [datadog({ env: '' }), datadog({ tags: { team: '' } })], good: [datadog({ env: 'prod', tags: { team: 'core' } })] },
  'containers-empty-values': {
    bad: [one({ environment: { A: '' } }), one({ service: '' }), one({ version: '' })],
    good: [one({ environment: { A: 'x' }, service: 'svc', version: '1' })],
  },
  'subnet-ids-count': { bad: [{ subnet_ids: [] }], good: [{ subnet_ids: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] }] },
  // IAM
  'execution-role-arn': { bad: [{ execution_role_arn: 'arn:aws:iam::123456789012:policy/x' }, { execution_role_arn: 'my-role' }], good: [{ execution_role_arn: role }, { execution_role_arn: null }] },
  'task-role-arn': { bad: [{ task_role_arn: 'arn:aws:iam::123:role/x' }], good: [{ task_role_arn: 'arn:aws:iam::123456789012:role/teams/web/web-task', task_role_policy_statements: [], task_role_managed_policy_arns: [] }] },
  'iam-role-path': { bad: [{ iam_role_path: 'services' }, { iam_role_path: '/services' }], good: [{ iam_role_path: '/' }, { iam_role_path: '/teams/web/' }] },
  'iam-role-permissions-boundary-arn': { bad: [{ iam_role_permissions_boundary_arn: role }], good: [{ iam_role_permissions_boundary_arn: 'arn:aws:iam::123456789012:policy/boundary' }] },
  'task-role-policy-statements-sid': { bad: [statement({ sid: 'has space' })], good: [statement({ sid: 'ReadOrders1' })] },
  'task-role-policy-statements-effect': { bad: [statement({ effect: 'allow' })], good: [statement({ effect: 'Deny' })] },
  'task-role-policy-statements-actions': { bad: [statement({ actions: [] }), statement({ actions: ['GetObject'] })], good: [statement({ actions: ['s3:Get*', 'sqs:SendMessage'] })] },
  'task-role-policy-statements-resources': { bad: [statement({ resources: [] }), statement({ resources: ['bucket'] })], good: [statement({ resources: ['*'] })] },
  'task-role-policy-statements-conditions': {
    bad: [statement({ conditions: { 'not an operator': { 'aws:SourceVpc': ['vpc-1'] } } })],
    good: [statement({ conditions: { 'ForAnyValue:StringLike': { 'aws:PrincipalTag/team': ['pay*'] } } })],
  },
  'task-role-policy-statements-admin': {
    bad: [statement({ actions: ['*'], resources: ['*'] })],
    good: [statement({ effect: 'Deny', actions: ['*'], resources: ['*'] }), statement({ actions: ['*'], resources: ['arn:aws:s3:::orders/*'] })],
  },
  'task-role-managed-policy-arns': { bad: [{ task_role_managed_policy_arns: ['AmazonS3ReadOnlyAccess'] }], good: [{ task_role_managed_policy_arns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] }] },
  'task-role-not-applied': { bad: [{ task_role_arn: role, ...statement({}) }], good: [{ task_role_arn: role, task_role_policy_statements: [], task_role_managed_policy_arns: [] }] },
  // Load balancers
  'load-balancers-target-group-arn': { bad: [{ ...web, load_balancers: [{ ...lb, target_group_arn: 'web-tg' }] }], good: [{ ...web, load_balancers: [lb] }] },
  'load-balancers-count': { bad: [{ ...web, load_balancers: Array.from({ length: 6 }, (_, i) => ({ ...lb, target_group_arn: tg(i) })) }], good: [{ ...web, load_balancers: Array.from({ length: 5 }, (_, i) => ({ ...lb, target_group_arn: tg(i) })) }] },
  'load-balancers-container': {
    bad: [{ ...web, load_balancers: [{ ...lb, container_name: 'ghost' }] }, { ...web, load_balancers: [{ ...lb, container_port: 9090 }] }, { ...one({}), load_balancers: [{ ...lb, container_name: 'app' }] }],
    good: [{ ...web, load_balancers: [lb] }],
  },
  'health-check-grace-period-seconds': { bad: [{ ...web, load_balancers: [lb], health_check_grace_period_seconds: -1 }], good: [{ ...web, load_balancers: [lb], health_check_grace_period_seconds: 120 }] },
  'health-check-grace-period-load-balancers': { bad: [{ health_check_grace_period_seconds: 60 }], good: [{ ...web, load_balancers: [lb], health_check_grace_period_seconds: 0 }] },
  // Security group
  'security-group-vpc-id': { bad: [{ security_group: { create: true } }, { security_group: { vpc_id: 'vpc-1' } }], good: [{ security_group: { vpc_id: 'vpc-0123456789abcdef0' } }, { security_group: { create: false } }] },
  'security-group-ingress-security-group-ids': { bad: [{ ...web, security_group: { vpc_id: vpc, ingress_security_group_ids: ['alb'] } }], good: [{ ...web, security_group: { vpc_id: vpc, ingress_security_group_ids: ['sg-0123456789abcdef0'] } }] },
  'security-group-ingress-cidr-blocks': {
    bad: [{ ...web, security_group: { vpc_id: vpc, ingress_cidr_blocks: ['10.0.0.0'] } }, { ...web, security_group: { vpc_id: vpc, ingress_cidr_blocks: ['10.0.0.256/16'] } }],
    good: [{ ...web, security_group: { vpc_id: vpc, ingress_cidr_blocks: ['10.0.0.0/16', '0.0.0.0/0'] } }],
  },
  'security-group-ingress-sources': {
    bad: [{ ...web, security_group: { vpc_id: vpc, ingress_cidr_blocks: Array.from({ length: 21 }, (_, i) => `10.${i}.0.0/16`) } }],
    good: [{ ...web, security_group: { vpc_id: vpc, ingress_cidr_blocks: Array.from({ length: 20 }, (_, i) => `10.${i}.0.0/16`) } }],
  },
  'security-group-ingress-ports': { bad: [{ ...one({}), security_group: { vpc_id: vpc, ingress_cidr_blocks: ['10.0.0.0/16'] } }], good: [{ ...one({}), security_group: { vpc_id: vpc } }] },
  // Autoscaling
  'autoscaling-capacity': { bad: [scaling({ min_capacity: 3, max_capacity: 2 }), scaling({ min_capacity: -1 }), scaling({ max_capacity: 1.5 })], good: [scaling({ min_capacity: 0, max_capacity: 0 }), { autoscaling: null }] },
  'autoscaling-targets': { bad: [scaling({ cpu_target_percent: 0 }), scaling({ memory_target_percent: 101 })], good: [scaling({ cpu_target_percent: 50, memory_target_percent: 80 })] },
  'autoscaling-cooldowns': { bad: [scaling({ scale_in_cooldown_seconds: -1 }), scaling({ scale_out_cooldown_seconds: 3601 })], good: [scaling({ scale_in_cooldown_seconds: 0, scale_out_cooldown_seconds: 3600 })] },
  // Capacity providers and deployment limits
  'capacity-provider-strategy-provider': {
    bad: [{ capacity_provider_strategy: [{ capacity_provider: 'EC2' }] }, { capacity_provider_strategy: [{ capacity_provider: 'FARGATE' }, { capacity_provider: 'FARGATE', weight: 2 }] }],
    good: [{ capacity_provider_strategy: [{ capacity_provider: 'FARGATE', base: 1 }, { capacity_provider: 'FARGATE_SPOT', weight: 3 }] }],
  },
  'capacity-provider-strategy-weights': {
    bad: [
      { capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 0 }] },
      { capacity_provider_strategy: [{ capacity_provider: 'FARGATE', base: 1 }, { capacity_provider: 'FARGATE_SPOT', base: 2 }] },
      { capacity_provider_strategy: [{ capacity_provider: 'FARGATE', weight: 1001 }] },
    ],
    good: [{ capacity_provider_strategy: [{ capacity_provider: 'FARGATE_SPOT', weight: 0, base: 2 }, { capacity_provider: 'FARGATE', weight: 1 }] }, { capacity_provider_strategy: [] }],
  },
  'deployment-minimum-healthy-percent': { bad: [{ deployment_minimum_healthy_percent: 101 }, { deployment_minimum_healthy_percent: -1 }], good: [{ deployment_minimum_healthy_percent: 0 }, { deployment_minimum_healthy_percent: 50 }] },
  'deployment-maximum-percent': {
    bad: [{ deployment_maximum_percent: 100 }, { deployment_maximum_percent: 201 }, { deployment_minimum_healthy_percent: 50, deployment_maximum_percent: 99 }],
    good: [{ deployment_minimum_healthy_percent: 0, deployment_maximum_percent: 100 }, { deployment_maximum_percent: 150 }],
  },
  'service-registry-arn': { bad: [{ service_registry_arn: 'srv-0123' }], good: [{ service_registry_arn: 'arn:aws:servicediscovery:ap-northeast-1:123456789012:service/srv-0123456789abcdef' }] },
  'ephemeral-storage-gib': { bad: [{ ephemeral_storage_gib: 20 }, { ephemeral_storage_gib: 201 }], good: [{ ephemeral_storage_gib: 21 }, { ephemeral_storage_gib: 200 }, { ephemeral_storage_gib: null }] },
};

interface Call {
  readonly vars: Vars;
  /** The rules whose message terraform must report for this call, sorted. */
  readonly expected: string[];
}

/**
 * True when a rule of the same variable reads another variable: terraform then checks all rules of that variable
 * later, once every variable checked on its own has passed.
 */
function readsOtherVariables(rule: ValidationRule): boolean {
  return VALIDATION_RULES.filter((r) => r.variable === rule.variable).some((r) =>
    [...r.condition.matchAll(/\bvar\.([a-z_]+)/g)].some((m) => m[1] !== r.variable),
  );
}

/**
 * The samples of the chosen rules as module calls. Samples that set different variables share a call (terraform
 * checks every variable of a call), which keeps the number of module instances, and the plan time, down.
 */
function calls(kind: 'bad' | 'good', rules: readonly ValidationRule[], pack = true): Record<string, Call> {
  const packed: { vars: Vars; expected: string[] }[] = [];
  for (const rule of rules) {
    const samples = SAMPLES[rule.id];
    if (!samples) continue;
    for (const sample of samples[kind]) {
      const vars = varsOf(sample);
      const expected = sample instanceof Also ? [rule.id, ...sample.rules] : kind === 'bad' ? [rule.id] : [];
      const call = pack ? packed.find((c) => Object.keys(vars).every((k) => !(k in c.vars))) : undefined;
      if (call) {
        Object.assign(call.vars, vars);
        call.expected.push(...expected);
      } else packed.push({ vars: { ...vars }, expected: [...expected] });
    }
  }
  // subnet_ids is required (the module is generated from a config without subnets): calls that do not test it pass one.
  // datadog is always required (the API key secret has no default): calls that do not test it pass one.
  const withSubnets = (vars: Vars): Vars => ({ subnet_ids: ['subnet-0123456789abcdef0'], datadog: dd, ...vars });
  return Object.fromEntries(packed.map((c, i) => [`${kind}_${i}`, { vars: withSubnets(c.vars), expected: c.expected.sort() }]));
}

/** The rules whose message a diagnostic carries. */
function rulesOf(d: Diagnostic): string[] {
  return VALIDATION_RULES.filter((r) => d.detail.startsWith(`${r.errorMessage}\n`) || d.detail === r.errorMessage).map((r) => r.id);
}

describe('validation rules', () => {
  test('every rule has bad and good samples, and every sample set has a rule', () => {
    const ids = VALIDATION_RULES.map((r) => r.id);
    expect(ids.filter((id) => !SAMPLES[id] || SAMPLES[id].bad.length === 0 || SAMPLES[id].good.length === 0)).toEqual([]);
    expect(Object.keys(SAMPLES).filter((id) => !ids.includes(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every message names its attribute, the allowed values and a fix, and every message is distinct', () => {
    for (const r of VALIDATION_RULES) {
      expect(r.errorMessage.startsWith(`${r.attribute}: `)).toBe(true);
      expect(r.errorMessage).toMatch(/ Fix: .+\.$|\]\.$/);
      expect(r.condition).toContain(`var.${r.variable}`);
    }
    expect(new Set(VALIDATION_RULES.map((r) => r.errorMessage)).size).toBe(VALIDATION_RULES.length);
  });

  test('validateConfig agrees: it rejects every bad value and accepts every good one', () => {
    const base = EMBEDDED_DEFAULT_CONFIG as unknown as Record<string, unknown>;
    const problems = (vars: Vars) => validateConfig(configFromVariableValues(vars, base)).map((p) => `${p.path}: ${p.message}`);
    const disagreements: unknown[] = [];
    // A config may leave the subnets to deploy time; only the module call must name them.
    const moduleOnly = ['subnet-ids-count'];
    for (const [id, samples] of Object.entries(SAMPLES)) {
      samples.bad.forEach((sample, i) => {
        if (moduleOnly.includes(id)) return;
        if (problems(varsOf(sample)).length === 0) disagreements.push({ id, bad: i, accepted: varsOf(sample) });
      });
      samples.good.forEach((vars, i) => {
        const found = problems(vars);
        if (found.length > 0) disagreements.push({ id, good: i, problems: found });
      });
    }
    expect(disagreements).toEqual([]);
  });

  test('every rule belongs to a variable of the module', () => {
    const names = moduleSpec(config).variables.map((v) => v.name);
    expect(VALIDATION_RULES.filter((r) => !names.includes(r.variable))).toEqual([]);
  });
});

describeWithTerraform('validation blocks checked by terraform', () => {
  // Bad values go through the Terraform JSON form of the module, good values through the HCL native form, so both
  // forms of every condition are parsed and evaluated.
  let moduleDir: string;
  let hclModuleDir: string;
  beforeAll(() => {
    const options = { context: modelContext(config), variablesOnly: true };
    moduleDir = writeOfflineModule(moduleSpec(config), tempDir('tf-validations-'), options);
    hclModuleDir = writeOfflineModule(moduleSpec(config), tempDir('tf-validations-hcl-'), { ...options, syntax: 'hcl' });
  });
  afterAll(() => {
    cleanup(moduleDir);
    cleanup(hclModuleDir);
  });

  test('each bad value is rejected with its rule message, and only that', async () => {
    // terraform reports the rules of variables whose checks read other variables only when no other check failed
    // (see readsOtherVariables), so each of those samples gets a plan of its own; the others share one plan.
    const deferred = calls('bad', VALIDATION_RULES.filter(readsOtherVariables), false);
    const groups = [
      calls('bad', VALIDATION_RULES.filter((r) => !readsOtherVariables(r))),
      ...Object.values(deferred).map((c) => ({ bad_0: c })),
    ];
    const results = await Promise.all(groups.map((g) => planModuleCalls(moduleDir, Object.fromEntries(Object.entries(g).map(([k, c]) => [k, c.vars])))));
    const bad = Object.fromEntries(groups.flatMap((g, i) => Object.entries(g).map(([k, c]) => [`${k}_${i}`, c])));
    const byCall = new Map<string, string[]>();
    const stray: Diagnostic[] = [];
    results.forEach((diagnostics, i) => {
      for (const d of diagnostics) {
        const call = `${d.context?.replace(/^module\./, '')}_${i}`;
        const ids = rulesOf(d);
        if (!bad[call] || ids.length !== 1) stray.push(d);
        else byCall.set(call, [...(byCall.get(call) ?? []), ...ids]);
      }
    });
    expect(stray).toEqual([]);
    const got = Object.fromEntries(Object.keys(bad).map((call) => [call, (byCall.get(call) ?? []).sort()]));
    const expected = Object.fromEntries(Object.entries(bad).map(([call, c]) => [call, c.expected]));
    expect(got).toEqual(expected);
    expect(new Set(Object.values(bad).flatMap((c) => c.expected))).toEqual(new Set(VALIDATION_RULES.map((r) => r.id)));
  });

  test('every good value is accepted', async () => {
    const good = calls('good', VALIDATION_RULES);
    const diagnostics = await planModuleCalls(hclModuleDir, Object.fromEntries(Object.entries(good).map(([k, c]) => [k, c.vars])));
    expect(diagnostics.map((d) => `${d.context}: ${d.summary}: ${d.detail}`)).toEqual([]);
  });
});
