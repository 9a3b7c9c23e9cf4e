/**
 * The module's locals: the Datadog wiring computed from the variables, exactly as the TypeScript model computes it
 * (`containerDefinitions`, `taskVolumes`, the IAM policies). Every constant and every static piece of a container or
 * policy is taken from the model, never retyped; only the parts that depend on variables are written here.
 */
import type { ResolvedConfig } from '../config/types';
import {
  AGENT_CONTAINER_NAME,
  AGENT_WRITABLE_PATHS,
  ECS_EXEC_WRITABLE_PATHS,
  INIT_CONTAINER_NAME,
  SERVICE_TAG_LABELS,
  SOCKETS_PATH,
  SOCKETS_VOLUME,
} from '../model/datadog';
import type { ContainerDefinition } from '../model/ecs-types';
import { AGENT_ENVIRONMENT_DEFAULTS } from '../model/agent-settings';
import { ecsTasksTrustPolicy, executionPolicy, PolicyStatement, taskPolicy } from '../model/iam';
import { agentContainer, agentEnvironment, applicationContainer, awslogs, initContainer } from '../model/task-definition';
import { names } from '../model/names';
import { TF } from '../model/terraform-refs';
import { hclList, hclLiteral, hclObject, hclString, withoutNulls } from './hcl';
import { SERVICE_CONTEXT_LOCALS, serviceLocals } from './service-locals';
import {
  agentDefaultsExpr,
  agentSettingsFields,
  applicationDefaultsExpr,
  applicationTransportFields,
  datadogLogConfigurationExpr,
  imageShortNameExpr,
  LOG_ROUTER_NAME_LITERAL,
  logRouterContainerExpr,
  logRouterVolumesExpr,
  LOGS_TO_DATADOG,
  logTagsExpr,
  secretsManagerIamExpr,
} from './locals-datadog';
import { expr, type LocalSpec, type Value } from './types';

/** Locals that read the provider (or a resource); everything else is pure. */
export const CONTEXT_LOCALS = {
  aws_region: 'data.aws_region.current.region',
  aws_account_id: 'data.aws_caller_identity.current.account_id',
  aws_partition: 'data.aws_partition.current.partition',
  log_group_arn: 'aws_cloudwatch_log_group.this.arn',
  cluster_arn: 'var.existing_cluster_arn != null ? var.existing_cluster_arn : aws_ecs_cluster.this[0].arn',
  ...SERVICE_CONTEXT_LOCALS,
} as const;

export type ContextLocal = keyof typeof CONTEXT_LOCALS;

/** The model's Terraform placeholders and the local each one becomes inside the module. */
export const MODEL_REFS: Readonly<Record<string, string>> = {
  [TF.region]: 'local.aws_region',
  [TF.accountId]: 'local.aws_account_id',
  [TF.partition]: 'local.aws_partition',
  [TF.logGroupArn]: 'local.log_group_arn',
  [TF.clusterArn]: 'local.cluster_arn',
};

/**
 * The value each context local has in the TypeScript model: the model's Terraform placeholder, or the config's
 * region for `aws_region` (the model writes the region into the awslogs options). Evaluating the pure locals with
 * these literals gives exactly what the model returns.
 */
export function modelContext(config: ResolvedConfig): Record<ContextLocal, string> {
  return {
    aws_region: config.region,
    aws_account_id: TF.accountId,
    aws_partition: TF.partition,
    log_group_arn: TF.logGroupArn,
    cluster_arn: config.cluster.existingClusterArn ?? TF.clusterArn,
    execution_role_arn: names(config).executionRoleArn,
    task_role_arn: names(config).taskRoleArn,
  };
}

function omit<T extends object>(value: T, keys: readonly string[]): Value {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!keys.includes(k)) out[k] = v;
  return out as Value;
}

const lit = (value: unknown) => hclLiteral(value as Value, MODEL_REFS);
/** `[for name in sort(keys(m)) : { name = name, value = m[name] }]`, like `toEnvironment`. */
const sortedPairs = (map: string, valueKey: string) =>
  `[for name in sort(keys(${map})) : { name = name, ${valueKey} = ${map}[name] }]`;

function awslogsExpr(config: ResolvedConfig, streamPrefix: string): string {
  const sample = awslogs(config, '');
  return hclObject({
    logDriver: hclString(sample.logDriver),
    options: `merge(local.awslogs_options, { "awslogs-stream-prefix" = ${streamPrefix} })`,
  });
}

/** Statements of a policy document by Sid. */
function statement(statements: readonly PolicyStatement[], sid: string): PolicyStatement {
  const found = statements.find((s) => s.Sid === sid);
  if (!found) throw new Error(`the IAM model has no statement ${sid}`);
  return found;
}

/** A config that makes the model emit every optional statement, so the static parts can be read from it. */
function policyProbe(config: ResolvedConfig): ResolvedConfig {
  const { partition, accountId, region } = { partition: 'aws', accountId: '123456789012', region: config.region };
  return {
    ...config,
    datadog: { ...config.datadog, apiKeySecretArn: `arn:${partition}:secretsmanager:${region}:${accountId}:secret:probe-AbCdEf` },
    containers: [
      {
        name: 'probe',
        image: 'probe',
        protocol: 'tcp',
        writablePaths: [],
        environment: {},
        secrets: { PROBE: `arn:${partition}:ssm:${region}:${accountId}:parameter/probe` },
        essential: true,
        dependsOn: [],
        service: 'probe',
        logSource: 'probe',
      },
    ],
    secretsKmsKeyArns: [`arn:${partition}:kms:${region}:${accountId}:key/probe`],
    service: { ...config.service, enableExecuteCommand: true },
  };
}

/** HCL for `writableVolumeName(container, path)`: `<container>-<path without leading / and with other characters as ->`. */
export function writableVolumeNameExpr(container: string, path: string): string {
  return `format("%s-%s", ${container}, replace(replace(${path}, "/^/+/", ""), "/[^A-Za-z0-9_-]/", "-"))`;
}

/** The writable paths of container `c` like `writablePathsOf`: its own, then ECS Exec's that its own do not cover. */
export function writablePathsExpr(c: string): string {
  const covered = `anytrue([for own in ${c}.writable_paths : p == own || startswith(p, "\${own}/")])`;
  return `concat(${c}.writable_paths, var.enable_execute_command ? [for p in ${hclList(ECS_EXEC_WRITABLE_PATHS.map(hclString))} : p if !${covered}] : [])`;
}

export function moduleLocals(config: ResolvedConfig): LocalSpec[] {
  const context: LocalSpec[] = Object.entries(CONTEXT_LOCALS).map(([name, text]) => ({ name, value: expr(text), pure: false }));
  const pure = (name: string, text: string): LocalSpec => ({ name, value: expr(text), pure: true });

  const awslogsSample = awslogs(config, '').options ?? {};
  const init: ContainerDefinition = initContainer(config);
  // APM on, so both port mappings are there to filter.
  const agent: ContainerDefinition = agentContainer({ ...config, datadog: { ...config.datadog, apmEnabled: true } });
  // The agent's environment without any setting: what stays is static (ECS_FARGATE).
  const bareAgentEnv = agentEnvironment({
    ...config,
    datadog: { ...config.datadog, transport: 'tcp', environment: {}, processCollection: false, env: undefined, tags: {} },
  });
  const agentStatic = omit(bareAgentEnv, ['DD_SITE', 'DD_APM_ENABLED', ...Object.keys(AGENT_ENVIRONMENT_DEFAULTS)]);
  const probeContainer = policyProbe(config).containers[0];
  const app = applicationContainer({ ...config, datadog: { ...config.datadog, transport: 'unix' } }, probeContainer);
  const sockets = app.mountPoints?.find((m) => m.sourceVolume === SOCKETS_VOLUME && m.containerPath === SOCKETS_PATH);
  const agentDependency = app.dependsOn?.find((d) => d.containerName === AGENT_CONTAINER_NAME);
  const appReadonly = app.readonlyRootFilesystem;
  if (!sockets || !agentDependency || init.name !== INIT_CONTAINER_NAME || agent.name !== AGENT_CONTAINER_NAME) {
    throw new Error('the task definition model no longer has the Datadog wiring the module mirrors');
  }

  const probe = policyProbe(config);
  const execution = executionPolicy(probe);
  const task = taskPolicy(probe);
  const readSecrets = statement(execution.Statement, 'ReadSecrets');
  const readParameters = statement(execution.Statement, 'ReadParameters');
  const decryptSecrets = statement(execution.Statement, 'DecryptSecrets');
  const execStatement = statement(task.Statement, 'EcsExec');
  const alwaysExecution = execution.Statement.filter((s) => s !== readSecrets && s !== readParameters && s !== decryptSecrets);
  const alwaysTask = task.Statement.filter((s) => s !== execStatement);

  const ddEnv = 'var.datadog.env';
  const tagsEnv = `length(var.datadog.tags) == 0 ? null : join(" ", [for key in sort(keys(var.datadog.tags)) : format("%s:%s", key, var.datadog.tags[key])])`;

  return [
    ...context,
    pure('log_group_name', `format(${hclString('/ecs/%s')}, var.name)`),
    pure(
      'awslogs_options',
      hclObject({
        'awslogs-group': 'local.log_group_name',
        'awslogs-region': 'local.aws_region',
        mode: lit(awslogsSample.mode),
        'max-buffer-size': lit(awslogsSample['max-buffer-size']),
      }),
    ),
    // The containers with service and version resolved like `resolveContainer`, and their writable paths like
    // `writablePathsOf` (ECS Exec adds the SSM agent's paths that the container's own paths do not cover).
    pure(
      'containers',
      `[for c in var.containers : merge(c, ${hclObject({
        writable_paths: writablePathsExpr('c'),
        service: 'c.service != null ? c.service : c.name',
        version: `c.version != null ? c.version : try(regex(${hclString(':([^:/@]+)$')}, split("@", c.image)[0])[0], null)`,
        log_source: `c.log_source != null ? c.log_source : ${imageShortNameExpr('c.image')}`,
      })})]`,
    ),
    // Per container, its writable paths and the task volume each one gets (`writableVolumeName`).
    pure(
      'writable_volumes',
      `[for c in local.containers : [for p in c.writable_paths : { path = p, name = ${writableVolumeNameExpr('c.name', 'p')} }]]`,
    ),
    pure(
      'init_container',
      `merge(${lit(omit(init, ['image', 'logConfiguration']))}, ${hclObject({
        image: 'var.datadog.image',
        logConfiguration: awslogsExpr(config, hclString(INIT_CONTAINER_NAME)),
      })})`,
    ),
    // Like `agentEnvironment`: the wiring, the settings, Datadog's defaults, then datadog.environment (applied last).
    pure(
      'agent_environment',
      withoutNulls(
        `merge(${lit(agentStatic)}, ${hclObject({
          DD_SITE: 'var.datadog.site',
          DD_APM_ENABLED: 'tostring(var.datadog.apm_enabled)',
          DD_ENV: ddEnv,
          DD_TAGS: tagsEnv,
          ...agentSettingsFields(config),
        })}, ${agentDefaultsExpr(lit)}, var.datadog.environment)`,
      ),
    ),
    pure(
      'agent_container',
      withoutNulls(
        `merge(${lit(omit(agent, ['image', 'cpu', 'memory', 'portMappings', 'environment', 'secrets', 'logConfiguration']))}, ${hclObject({
          image: 'var.datadog.image',
          cpu: 'var.datadog.cpu',
          memory: 'var.datadog.memory',
          portMappings: `[for p in ${lit(agent.portMappings ?? [])} : p if p.protocol == "udp" || var.datadog.apm_enabled]`,
          environment: sortedPairs('local.agent_environment', 'value'),
          secrets: hclList([hclObject({ name: lit(agent.secrets?.[0].name), valueFrom: 'var.datadog.api_key_secret_arn' })]),
          logConfiguration: awslogsExpr(config, hclString(AGENT_CONTAINER_NAME)),
        })})`,
      ),
    ),
    // Environment of each application container: the Datadog wiring and defaults, then the user's values (which win).
    pure(
      'application_environments',
      `[for c in local.containers : ${withoutNulls(
        `merge(${hclObject(applicationTransportFields(config))}, ${applicationDefaultsExpr(lit)}, ${hclObject({
          DD_ENV: ddEnv,
          DD_SERVICE: 'c.service',
          DD_VERSION: 'c.version',
        })}, c.environment)`,
      )}]`,
    ),
    // Per container, the tags of its logs to Datadog (`logTags`).
    pure('application_log_tags', logTagsExpr()),
    pure('log_router_container', logRouterContainerExpr(config, awslogsExpr(config, LOG_ROUTER_NAME_LITERAL), lit)),
    pure(
      'application_containers',
      `[for i, c in local.containers : ${withoutNulls(
        hclObject({
          name: 'c.name',
          image: 'c.image',
          essential: 'c.essential',
          readonlyRootFilesystem: lit(appReadonly),
          user: 'c.user',
          cpu: 'c.cpu',
          memory: 'c.memory',
          command: 'c.command',
          environment: sortedPairs('local.application_environments[i]', 'value'),
          secrets: `length(c.secrets) == 0 ? null : ${sortedPairs('c.secrets', 'valueFrom')}`,
          portMappings: 'c.port == null ? null : [{ containerPort = c.port, hostPort = c.port, protocol = c.protocol }]',
          mountPoints: `concat(var.datadog.transport == "unix" ? ${lit([sockets])} : [], [for v in local.writable_volumes[i] : { sourceVolume = v.name, containerPath = v.path, readOnly = false }])`,
          dependsOn: `concat(${lit([agentDependency])}, [for d in c.depends_on : { containerName = d.container_name, condition = d.condition }])`,
          // startPeriod only when on, as ECS returns it (like the model).
          healthCheck: `c.health_check == null ? null : ${withoutNulls(
            hclObject({
              command: 'c.health_check.command',
              interval: 'c.health_check.interval_seconds',
              timeout: 'c.health_check.timeout_seconds',
              retries: 'c.health_check.retries',
              startPeriod: 'c.health_check.start_period_seconds > 0 ? c.health_check.start_period_seconds : null',
            }),
          )}`,
          // The awslogs or the FireLens configuration, chosen by key: the two objects have different attributes.
          logConfiguration: `${hclObject({
            cloudwatch: awslogsExpr(config, 'c.name'),
            datadog: datadogLogConfigurationExpr(config, probeContainer, lit),
          })}[var.log_destination]`,
          dockerLabels: withoutNulls(
            hclObject({ [SERVICE_TAG_LABELS.env]: ddEnv, [SERVICE_TAG_LABELS.service]: 'c.service', [SERVICE_TAG_LABELS.version]: 'c.version' }),
          ),
        }),
      )}]`,
    ),
    pure(
      'container_definitions',
      `concat([local.init_container, local.agent_container], ${LOGS_TO_DATADOG} ? [local.log_router_container] : [], local.application_containers)`,
    ),
    pure(
      'volumes',
      `concat(${lit(AGENT_WRITABLE_PATHS.map((p) => ({ name: p.volume })))}, ${LOGS_TO_DATADOG} ? ${logRouterVolumesExpr(lit)} : [], [for v in flatten(local.writable_volumes) : { name = v.name }])`,
    ),
    // Every secret ARN the task reads at start-up, split by service like `secretArns` (Secrets Manager: the IAM resource).
    pure(
      'secret_arns',
      'sort(distinct(concat([var.datadog.api_key_secret_arn], flatten([for c in var.containers : values(c.secrets)]))))',
    ),
    pure('secrets_manager_arns', secretsManagerIamExpr('local.secret_arns')),
    pure('ssm_parameter_arns', '[for arn in local.secret_arns : arn if split(":", arn)[2] == "ssm"]'),
    pure('assume_role_policy', `jsonencode(${lit(ecsTasksTrustPolicy())})`),
    pure(
      'execution_policy',
      `jsonencode(${hclObject({
        Version: lit(execution.Version),
        Statement: `concat(
  ${lit(alwaysExecution).replace(/\n/g, '\n  ')},
  length(local.secrets_manager_arns) == 0 ? [] : [merge(${lit(omit(readSecrets, ['Resource']))}, { Resource = local.secrets_manager_arns })],
  length(local.ssm_parameter_arns) == 0 ? [] : [merge(${lit(omit(readParameters, ['Resource']))}, { Resource = local.ssm_parameter_arns })],
  length(var.secrets_kms_key_arns) == 0 ? [] : [merge(${lit(omit(decryptSecrets, ['Resource']))}, { Resource = sort(distinct(var.secrets_kms_key_arns)) })],
)`,
      })})`,
    ),
    pure(
      'task_policy',
      `jsonencode(${hclObject({
        Version: lit(task.Version),
        Statement: `concat(${lit(alwaysTask)}, var.enable_execute_command ? ${lit([execStatement])} : [])`,
      })})`,
    ),
    ...serviceLocals(),
  ];
}
