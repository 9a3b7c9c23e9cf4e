import { AGENT_WRITABLE_PATHS } from '../../model/datadog';
import { ContainerRef, containerFinding, containersOf, fromFindings, notApplicable, perSubject } from '../access';
import { findAgent, normalisePath, writableMount } from '../datadog-roles';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** Paths the agent cannot start without on a read-only root. */
export const REQUIRED_AGENT_PATHS: readonly string[] = ['/etc/datadog-agent', '/opt/datadog-agent/run', '/var/run/datadog'];
/** Paths the agent should be able to write (diagnostics, flares). */
export const RECOMMENDED_AGENT_PATHS: readonly string[] = ['/tmp'];

type ReadonlyAgent = { ok: true; agent: ContainerRef; all: ContainerRef[] } | { ok: false; result: RuleResult };

/** The read-only agent, or the result when there is none. Found once per subject: several rules ask. */
export const readonlyAgent: (subject: Subject) => ReadonlyAgent = perSubject(findReadonlyAgent);

function findReadonlyAgent(subject: Subject): ReadonlyAgent {
  const containers = containersOf(subject);
  if (!containers.ok) return containers;
  const agent = findAgent(containers.list);
  if (!agent) return { ok: false, result: notApplicable('no Datadog Agent container in the task') };
  if (agent.def.readonlyRootFilesystem !== true) {
    return { ok: false, result: notApplicable(`the agent "${agent.name}" has a writable root filesystem (see ECS.5)`) };
  }
  return { ok: true, agent, all: containers.list };
}

function missingWritablePaths(subject: Subject, paths: readonly string[]): RuleResult {
  const found = readonlyAgent(subject);
  if (!found.ok) return found.result;
  const { agent } = found;
  return fromFindings(
    paths
      .filter((path) => !writableMount(agent.def, normalisePath(path)))
      .map((path) => {
        const why = AGENT_WRITABLE_PATHS.find((p) => p.path === path)?.reason;
        return containerFinding(subject, agent, ['mountPoints'], `agent "${agent.name}" has a read-only root but no writable volume at ${path}${why ? ` (${why})` : ''}`);
      }),
  );
}

/** DATADOG.AGENT_VOLUMES: a read-only agent has writable volumes where it must write. */
export const agentVolumes = (subject: Subject): RuleResult => missingWritablePaths(subject, REQUIRED_AGENT_PATHS);

/** DATADOG.AGENT_TMP: a read-only agent has a writable /tmp. */
export const agentTmp = (subject: Subject): RuleResult => missingWritablePaths(subject, RECOMMENDED_AGENT_PATHS);
