/** Which container of a task definition is the Datadog Agent, and which is its config init container. */

import { AGENT_CONTAINER_NAME, INIT_CONTAINER_NAME } from '../model/datadog';
import type { ContainerRef } from './access';
import { isEssential, objectsOf } from './access';
import type { Json } from './subject';

const AGENT_IMAGE = /(^|\/)(datadog|datadoghq)\/agent([:@]|$)/;

export function isAgentImage(image: unknown): boolean {
  return typeof image === 'string' && AGENT_IMAGE.test(image);
}

/** A container from the agent image that does not run the agent: its command or entry point is set and it is not essential. */
function looksLikeInit(def: Json): boolean {
  return def.name === INIT_CONTAINER_NAME || (isAgentImage(def.image) && !isEssential(def) && def.name !== AGENT_CONTAINER_NAME);
}

/** The agent: the container named `datadog-agent`, else the first essential container from a Datadog Agent image. */
export function findAgent<C extends Pick<ContainerRef, 'def'>>(containers: readonly C[]): C | undefined {
  return (
    containers.find((c) => c.def.name === AGENT_CONTAINER_NAME) ??
    containers.find((c) => isAgentImage(c.def.image) && !looksLikeInit(c.def))
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
 * The init container: not the agent, mounts the agent's config volume read-write, and either runs a copy command or
 * is named `datadog-init`.
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

/** Whether a container's command copies files (`cp`). */
export function copies(def: Json): boolean {
  const words = [def.entryPoint, def.command].flatMap((v) => (Array.isArray(v) ? v : [])).join(' ');
  return /(^|[\s;&|])cp\s/.test(words);
}
