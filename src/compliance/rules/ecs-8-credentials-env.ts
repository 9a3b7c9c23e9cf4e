import { containerFinding, containersOf, environmentOf, fromFindings } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** Environment variable names Security Hub ECS.8 treats as credentials. */
export const CREDENTIAL_ENV_NAMES: readonly string[] = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'ECS_ENGINE_AUTH_DATA'];

/** ECS.8: no AWS credentials in plain environment variables. Only names are reported, never values. */
export function noCredentialsInEnvironment(subject: Subject): RuleResult {
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  return fromFindings(
    containers.list.flatMap((c) =>
      environmentOf(c.def)
        .filter((e) => CREDENTIAL_ENV_NAMES.includes(e.name))
        .map((e) => containerFinding(subject, c, ['environment', e.index, 'name'], `container "${c.name}" sets ${e.name} in plain environment`)),
    ),
  );
}
