import { containerFinding, fromFindings, isEssential, objectsOf } from '../access';
import { AGENT_CONFIG_PATH, copies, findInit, writableMount } from '../datadog-roles';
import type { Subject } from '../subject';
import type { RuleFinding, RuleResult } from '../types';
import { readonlyAgent } from './datadog-agent-volumes';

/**
 * DATADOG.INIT_CONTAINER: an empty config volume hides the image's default config, so a non-essential init container
 * copies it into the volume and the agent waits for it with SUCCESS.
 */
export function initContainer(subject: Subject): RuleResult {
  const found = readonlyAgent(subject);
  if (!found.ok) return found.result;
  const { agent, all } = found;
  const configVolume = writableMount(agent.def, AGENT_CONFIG_PATH)?.sourceVolume;
  if (configVolume === undefined) {
    return fromFindings([containerFinding(subject, agent, ['mountPoints'], `agent "${agent.name}" has no writable config volume at ${AGENT_CONFIG_PATH} for an init container to fill`)]);
  }
  const init = findInit(all, agent);
  if (!init) {
    return fromFindings([containerFinding(subject, agent, ['dependsOn'], `no init container copies the agent's default config into volume "${configVolume}"`)]);
  }
  const findings: RuleFinding[] = [];
  const mounts = objectsOf(init.def.mountPoints).some(({ item }) => item.sourceVolume === configVolume && item.readOnly !== true);
  if (!mounts) findings.push(containerFinding(subject, init, ['mountPoints'], `init container "${init.name}" does not mount the config volume "${configVolume}" read-write`));
  if (!copies(init.def)) findings.push(containerFinding(subject, init, ['command'], `init container "${init.name}" has no cp command that copies the config`));
  if (isEssential(init.def)) findings.push(containerFinding(subject, init, ['essential'], `init container "${init.name}" is essential; it must be essential false so it can exit`));
  const dependency = objectsOf(agent.def.dependsOn).find(({ item }) => item.containerName === init.def.name);
  if (!dependency) {
    findings.push(containerFinding(subject, agent, ['dependsOn'], `agent "${agent.name}" does not wait for init container "${init.name}" (dependsOn SUCCESS)`));
  } else if (dependency.item.condition !== 'SUCCESS') {
    findings.push(containerFinding(subject, agent, ['dependsOn', dependency.index, 'condition'], `agent "${agent.name}" waits for "${init.name}" with ${String(dependency.item.condition)}; it must be SUCCESS`));
  }
  return fromFindings(findings);
}
