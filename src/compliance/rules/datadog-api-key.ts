import { DATADOG_API_KEY_LIKE } from '../../config/constraints';
import { containerFinding, containersOf, fromFindings, objectsOf } from '../access';
import { isObject, Subject } from '../subject';
import type { RuleFinding, RuleResult } from '../types';

export const API_KEY_ENV = 'DD_API_KEY';

/** Environment names under which a Datadog-key-shaped value is taken for a key (not a checksum). */
const KEY_NAME = /KEY|DATADOG|^DD_/i;

/**
 * DATADOG.API_KEY_SECRET: the Datadog API key comes from `secrets` (or a log configuration's `secretOptions`), never
 * from plain environment or log options. Values are only matched against the key's shape, never printed.
 */
export function apiKeyInSecrets(subject: Subject): RuleResult {
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  const findings: RuleFinding[] = [];
  for (const c of containers.list) {
    for (const { index, item } of objectsOf(c.def.environment)) {
      const name = typeof item.name === 'string' ? item.name : '';
      const shown = DATADOG_API_KEY_LIKE.test(name) ? `#${index}` : name;
      if (name === API_KEY_ENV && 'valueFrom' in item && item.value === undefined) {
        findings.push(
          containerFinding(subject, c, ['environment', index], `container "${c.name}" writes ${API_KEY_ENV} as environment[].valueFrom, which environment does not take: ECS drops it and the agent gets no key; move it to secrets`),
        );
      } else if (name === API_KEY_ENV) {
        findings.push(containerFinding(subject, c, ['environment', index], `container "${c.name}" sets ${API_KEY_ENV} in plain environment`));
      } else if (typeof item.value === 'string' && KEY_NAME.test(name) && DATADOG_API_KEY_LIKE.test(item.value)) {
        findings.push(containerFinding(subject, c, ['environment', index, 'value'], `container "${c.name}" environment ${shown} holds a value shaped like a Datadog API key in plain text`));
      }
    }
    for (const field of ['logConfiguration', 'firelensConfiguration'] as const) {
      const config = c.def[field];
      const options = isObject(config) ? config.options : undefined;
      if (!isObject(options)) continue;
      for (const [key, value] of Object.entries(options)) {
        if (typeof value !== 'string' || !DATADOG_API_KEY_LIKE.test(value)) continue;
        const shown = DATADOG_API_KEY_LIKE.test(key) ? 'an option' : `option "${key}"`;
        const fix = field === 'logConfiguration' ? `; pass it as logConfiguration.secretOptions [{"name": "${key}", "valueFrom": "<secret ARN>"}]` : '';
        findings.push(containerFinding(subject, c, [field, 'options', key], `container "${c.name}" ${field} ${shown} holds a value shaped like a Datadog API key in plain text${fix}`));
      }
    }
  }
  return fromFindings(findings);
}
