import { containerFinding, containersOf, fromFindings, notApplicable, objectsOf } from '../access';
import { findAgent, findInit } from '../datadog-roles';
import { isObject, Subject } from '../subject';
import type { RuleFinding, RuleResult } from '../types';

/** The options key of Datadog's Fluent Bit output that carries the API key (from `secretOptions` when done right). */
const API_KEY_OPTION = 'apikey';

/**
 * DATADOG.LOG_ROUTING: with a FireLens log router in the task, every application container logs through it to
 * Datadog (`awsfirelens`, `Name datadog`, an `apikey`). The router and the Datadog Agent's own containers are exempt.
 */
export function logRouting(subject: Subject): RuleResult {
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  const router = containers.list.find((c) => isObject(c.def.firelensConfiguration));
  if (!router) return notApplicable('the task has no FireLens log router (no container with firelensConfiguration)');
  const agent = findAgent(containers.list);
  const init = agent && findInit(containers.list, agent);
  const exempt = new Set([router, agent, init].filter((c) => c !== undefined));
  const findings: RuleFinding[] = [];
  for (const c of containers.list.filter((x) => !exempt.has(x))) {
    const log = c.def.logConfiguration;
    const driver = isObject(log) ? log.logDriver : undefined;
    if (!isObject(log) || driver !== 'awsfirelens') {
      const now = typeof driver === 'string' ? `logs with ${driver}` : 'has no log driver';
      findings.push(containerFinding(subject, c, isObject(log) ? ['logConfiguration', 'logDriver'] : ['logConfiguration'], `container "${c.name}" ${now}, not through the FireLens router "${router.name}"`));
      continue;
    }
    const options = isObject(log.options) ? log.options : {};
    const output = typeof options.Name === 'string' ? options.Name : undefined;
    if (output?.toLowerCase() !== 'datadog') {
      findings.push(
        containerFinding(subject, c, ['logConfiguration', 'options', 'Name'], `container "${c.name}" logs through FireLens to ${output === undefined ? 'no named output' : `"${output}"`}, not to Datadog (Name datadog)`),
      );
      continue;
    }
    const keyFromSecret = objectsOf(log.secretOptions).some(({ item }) => item.name === API_KEY_OPTION);
    if (!keyFromSecret && !(API_KEY_OPTION in options)) {
      findings.push(containerFinding(subject, c, ['logConfiguration', 'secretOptions'], `container "${c.name}" logs to Datadog without an ${API_KEY_OPTION}; Datadog's intake refuses the logs`));
    }
  }
  return fromFindings(findings);
}
