/** Accepted findings: a docker label `ecs-datadog-readonly.accept.<RULE_ID>` with a written reason, on the container. */

import { ACCEPT_LABEL_PREFIX } from '../model/datadog';
import { isObject, Json } from './subject';

export type Acceptance = { readonly accepted: true; readonly reason: string } | { readonly accepted: false; readonly emptyReason: boolean };

export const acceptLabel = (ruleId: string): string => `${ACCEPT_LABEL_PREFIX}${ruleId}`;

/** Whether the container accepts findings of `ruleId`, and why. A label with an empty reason accepts nothing. */
export function acceptance(container: Json | undefined, ruleId: string): Acceptance {
  const labels = container?.dockerLabels;
  if (!isObject(labels) || !(acceptLabel(ruleId) in labels)) return { accepted: false, emptyReason: false };
  const reason = labels[acceptLabel(ruleId)];
  if (typeof reason === 'string' && reason.trim() !== '') return { accepted: true, reason: reason.trim() };
  return { accepted: false, emptyReason: true };
}
