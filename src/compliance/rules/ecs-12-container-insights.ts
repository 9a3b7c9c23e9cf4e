import { CONTAINER_INSIGHTS_MODES } from '../../config/constraints';
import { fromFindings, known, notApplicable } from '../access';
import type { Subject } from '../subject';
import type { RuleResult } from '../types';

/** ECS.12: the cluster has Container Insights (`enabled` or `enhanced`). */
export function containerInsights(subject: Subject): RuleResult {
  const cluster = subject.cluster;
  if (!cluster) return notApplicable('no ECS cluster in the input');
  const value = known('the cluster containerInsights setting', cluster.containerInsights);
  if (!value.ok) return value.result;
  const on = (CONTAINER_INSIGHTS_MODES as readonly string[]).includes(value.value ?? '');
  return fromFindings(
    on
      ? []
      : [
          {
            message:
              value.value === undefined
                ? `cluster ${cluster.name} has no containerInsights setting`
                : `cluster ${cluster.name} has containerInsights "${value.value}"`,
            path: cluster.path,
          },
        ],
  );
}
