import { containerFinding, containersOf, environmentOf, fromFindings } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

export const API_KEY_ENV = 'DD_API_KEY';

/** DATADOG.API_KEY_SECRET: the Datadog API key comes from `secrets`, never plain environment. The value is never read. */
export function apiKeyInSecrets(subject: Subject): RuleResult {
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  return fromFindings(
    containers.list.flatMap((c) =>
      environmentOf(c.def)
        .filter((e) => e.name === API_KEY_ENV)
        .map((e) => containerFinding(subject, c, ['environment', e.index], `container "${c.name}" sets ${API_KEY_ENV} in plain environment`)),
    ),
  );
}
