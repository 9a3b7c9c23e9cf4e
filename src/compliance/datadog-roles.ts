/** Which container of a task definition is the Datadog Agent, and which is its config init container. */

import { AGENT_CONTAINER_NAME, INIT_CONTAINER_NAME } from '../model/datadog';
import type { ContainerRef } from './access';
import { isEssential, objectsOf } from './access';
import type { Json } from './subject';

/**
 * The Datadog Agent image wherever it is pulled from: public.ecr.aws/datadog/agent, gcr.io/datadoghq/agent,
 * datadog/agent, docker.io/datadog/agent, and mirrors whose path ends in datadog/agent; any tag or digest.
 */
const AGENT_IMAGE = /(^|\/)(datadog|datadoghq)\/agent([:@]|$)/;

export function isAgentImage(image: unknown): boolean {
  return typeof image === 'string' && AGENT_IMAGE.test(image);
}

/** Whether a container overrides what its image runs (entryPoint or command set). */
const overridesCommand = (def: Json): boolean => def.entryPoint !== undefined || def.command !== undefined;

/** A command that starts the agent itself (the image's s6 `/init`, its entrypoint, or `agent run`). */
function startsAgent(def: Json): boolean {
  const words = [def.entryPoint, def.command].flatMap((v) => (Array.isArray(v) ? v : [])).join(' ');
  return /(^|\s)(\/init|\/bin\/entrypoint\.sh|agent run)(\s|$)/.test(words);
}

/** A container that runs the agent: from the agent image and not overriding its command (or starting the agent). */
function runsAgent(def: Json): boolean {
  return isAgentImage(def.image) && !copies(def) && (!overridesCommand(def) || startsAgent(def));
}

/**
 * The agent: the container named `datadog-agent` (unless it copies files, as an init does), else the first container
 * that runs the agent image, essential ones first. Its name and `essential` flag do not matter.
 */
export function findAgent<C extends Pick<ContainerRef, 'def'>>(containers: readonly C[]): C | undefined {
  const running = containers.filter((c) => c.def.name !== INIT_CONTAINER_NAME && runsAgent(c.def));
  return (
    containers.find((c) => c.def.name === AGENT_CONTAINER_NAME && !copies(c.def)) ??
    running.find((c) => isEssential(c.def)) ??
    running[0]
  );
}

/** Path the agent reads its config from; the init container fills the volume mounted there. */
export const AGENT_CONFIG_PATH = '/etc/datadog-agent';

export const normalisePath = (p: unknown): string => (typeof p === 'string' ? p.replace(/\/+$/, '') || '/' : '');

/** The volume the agent mounts at `path`, read-write; undefined when there is none. */
export function writableMount(agent: Json, path: string): { index: number; sourceVolume: string } | undefined {
  const hit = objectsOf(agent.mountPoints).find(
    ({ item }) => normalisePath(item.containerPath) === path && item.readOnly !== true && typeof item.sourceVolume === 'string',
  );
  return hit && { index: hit.index, sourceVolume: hit.item.sourceVolume as string };
}

/**
 * The init container: not the agent, mounts the agent's config volume read-write and copies files; else the
 * container named `datadog-init`; else one from the agent image that mounts the config volume read-write.
 */
export function findInit<C extends Pick<ContainerRef, 'def'>>(containers: readonly C[], agent: C): C | undefined {
  const configVolume = writableMount(agent.def, AGENT_CONFIG_PATH)?.sourceVolume;
  const candidates = containers.filter((c) => c.def !== agent.def);
  const mountsConfig = (c: C) =>
    configVolume !== undefined &&
    objectsOf(c.def.mountPoints).some(({ item }) => item.sourceVolume === configVolume && item.readOnly !== true);
  return (
    candidates.find((c) => mountsConfig(c) && copies(c.def)) ??
    candidates.find((c) => c.def.name === INIT_CONTAINER_NAME) ??
    candidates.find((c) => mountsConfig(c) && isAgentImage(c.def.image))
  );
}

/**
 * Whether fix can make a found init container do the init's work: it copies already, or it is from the agent image
 * and runs no command of its own (fix gives it the copy command). A `datadog-init` from another image, or one that
 * runs some other command, is left as it is and gets an init container beside it.
 */
export function isUsableInit(def: Json): boolean {
  return copies(def) || (isAgentImage(def.image) && !overridesCommand(def));
}

/** Whether a container's command copies files (`cp`). */
export function copies(def: Json): boolean {
  const words = [def.entryPoint, def.command].flatMap((v) => (Array.isArray(v) ? v : [])).join(' ');
  return /(^|[\s;&|])cp\s/.test(words);
}
