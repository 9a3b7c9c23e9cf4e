/**
 * HCL for the agent settings, the transport and the FireLens log routing (`src/model/agent-settings.ts`,
 * `src/model/log-router.ts`). Every literal is read from the model with probe configs, never retyped; only what depends
 * on variables is written here. `locals.ts` places these in the module's locals.
 */
import type { ResolvedConfig, ResolvedContainer } from '../config/types';
import {
  AGENT_ENVIRONMENT_DEFAULTS,
  agentTransportEnvironment,
  APPLICATION_ENVIRONMENT_DEFAULTS,
  applicationTransportEnvironment,
  PROCESS_COLLECTION_ENVIRONMENT,
} from '../model/agent-settings';
import { datadogLogConfiguration, LOG_ROUTER_CONTAINER_NAME, LOG_ROUTER_WRITABLE_PATHS, logIntakeHost, logRouterContainer } from '../model/log-router';
import { SECRET_ARN_FIELDS, SECRET_SUFFIX_PATTERN, SECRET_SUFFIX_WILDCARD } from '../model/secret-arns';
import { hclList, hclObject, hclString } from './hcl';

type Lit = (value: unknown) => string;

const isUnix = 'var.datadog.transport == "unix"';
const isTcp = 'var.datadog.transport == "tcp"';
const apm = 'var.datadog.apm_enabled';
export const LOGS_TO_DATADOG = 'var.log_destination == "datadog"';

/** A probe config with the given transport and APM on, so every transport variable appears in the model's output. */
function transportProbe(config: ResolvedConfig, transport: 'unix' | 'tcp', apmEnabled: boolean): ResolvedConfig {
  return { ...config, datadog: { ...config.datadog, transport, apmEnabled } };
}

/** `cond ? "value" : null` per variable, so `withoutNulls` drops what does not apply. */
function when(condition: string, value: string | undefined): string {
  if (value === undefined) throw new Error('the agent-settings model no longer has a variable the module mirrors');
  return `${condition} ? ${hclString(value)} : null`;
}

/** The agent's transport, process collection, Datadog's defaults and `datadog.environment`, in `agentEnvironment`'s order. */
export function agentSettingsFields(config: ResolvedConfig): Record<string, string> {
  const unixEnv = agentTransportEnvironment(transportProbe(config, 'unix', true));
  const unixNoApm = agentTransportEnvironment(transportProbe(config, 'unix', false));
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(unixEnv)) fields[k] = when(k in unixNoApm ? isUnix : `${isUnix} && ${apm}`, v);
  for (const [k, v] of Object.entries(PROCESS_COLLECTION_ENVIRONMENT)) fields[k] = when('var.datadog.process_collection', v);
  return fields;
}

export function agentDefaultsExpr(lit: Lit): string {
  return lit(AGENT_ENVIRONMENT_DEFAULTS);
}

/** How an application reaches the agent (`applicationTransportEnvironment`), then Datadog's application defaults. */
export function applicationTransportFields(config: ResolvedConfig): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const transport of ['unix', 'tcp'] as const) {
    const withApm = applicationTransportEnvironment(transportProbe(config, transport, true));
    const withoutApm = applicationTransportEnvironment(transportProbe(config, transport, false));
    const on = transport === 'unix' ? isUnix : isTcp;
    for (const [k, v] of Object.entries(withApm)) fields[k] = when(k in withoutApm ? on : `${on} && ${apm}`, v);
  }
  return fields;
}

export function applicationDefaultsExpr(lit: Lit): string {
  return lit(APPLICATION_ENVIRONMENT_DEFAULTS);
}

/** The container's short image name, like `imageShortName`. */
export function imageShortNameExpr(image: string): string {
  return `reverse(split("/", replace(split("@", ${image})[0], "/:[^:/]*$/", "")))[0]`;
}

/** Per container, its `dd_tags` pairs like `logTags`: the agent's tags, then env and version. */
export function logTagsExpr(): string {
  return '[for c in local.containers : merge(var.datadog.tags, { for k, v in { env = var.datadog.env, version = c.version } : k => v if v != null })]';
}

/** The `awsfirelens` log configuration of container `c` (index `i`), like `datadogLogConfiguration`. */
export function datadogLogConfigurationExpr(config: ResolvedConfig, probe: ResolvedContainer, lit: Lit): string {
  const sample = datadogLogConfiguration({ ...config, datadog: { ...config.datadog, env: 'x', tags: { x: 'x' } } }, { ...probe, version: 'x' });
  const options = sample.options ?? {};
  const secret = sample.secretOptions?.[0];
  const hostPrefix = logIntakeHost('');
  if (!secret || options.Host !== `${hostPrefix}${config.datadog.site}`) throw new Error('the log routing model no longer has the shape the module mirrors');
  const tags = 'local.application_log_tags[i]';
  return hclObject({
    logDriver: lit(sample.logDriver),
    options: `{ for k, v in ${hclObject({
      Name: lit(options.Name),
      Host: `format(${hclString(`${hostPrefix}%s`)}, var.datadog.site)`,
      TLS: lit(options.TLS),
      provider: lit(options.provider),
      dd_service: 'c.service',
      dd_source: 'c.log_source',
      dd_tags: `length(${tags}) == 0 ? null : join(",", [for k in sort(keys(${tags})) : format("%s:%s", k, ${tags}[k])])`,
    })} : k => v if v != null }`,
    secretOptions: hclList([hclObject({ name: lit(secret.name), valueFrom: 'var.datadog.api_key_secret_arn' })]),
  });
}

/** The FireLens log router container, like `logRouterContainer`, logging with `logConfiguration`. */
export function logRouterContainerExpr(config: ResolvedConfig, logConfiguration: string, lit: Lit): string {
  const router = logRouterContainer(config, { logDriver: 'x' });
  const rest: Record<string, unknown> = { ...router };
  for (const k of ['image', 'cpu', 'memory', 'logConfiguration']) delete rest[k];
  return `{ for k, v in merge(${lit(rest)}, ${hclObject({
    image: 'var.log_router.image',
    cpu: 'var.log_router.cpu',
    memory: 'var.log_router.memory',
    logConfiguration,
  })}) : k => v if v != null }`;
}

export const LOG_ROUTER_NAME_LITERAL = hclString(LOG_ROUTER_CONTAINER_NAME);

export function logRouterVolumesExpr(lit: Lit): string {
  return lit(LOG_ROUTER_WRITABLE_PATHS.map((p) => ({ name: p.volume })));
}

/** IAM resources of the Secrets Manager ARNs among `arns`, like `secretIamResource`: the secret itself, `-??????` when partial. */
export function secretsManagerIamExpr(arns: string): string {
  const secret = `join(":", slice(split(":", arn), 0, ${SECRET_ARN_FIELDS}))`;
  return `sort(distinct([for s in [for arn in ${arns} : ${secret} if split(":", arn)[2] == "secretsmanager"] : can(regex(${hclString(SECRET_SUFFIX_PATTERN)}, s)) ? s : format("%s%s", s, ${hclString(SECRET_SUFFIX_WILDCARD)})]))`;
}
