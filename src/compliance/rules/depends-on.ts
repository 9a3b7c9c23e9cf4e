/** The three dependsOn rules: targets exist, exit conditions need a non-essential target, HEALTHY needs a health check. */

import { DEPENDS_ON_CONDITIONS } from '../../config/constraints';
import { ContainerRef, containerFinding, containersOf, fromFindings, isEssential, objectsOf } from '../access';
import { isObject, Subject } from '../subject';
import type { RuleFinding, RuleResult } from '../types';

interface Dependency {
  readonly from: ContainerRef;
  readonly index: number;
  readonly target?: ContainerRef;
  readonly targetName: unknown;
  readonly condition: unknown;
}

function eachDependency(
  subject: Subject,
  check: (dep: Dependency) => RuleFinding | undefined,
): RuleResult {
  const containers = containersOf(subject);
  if (!containers.ok) return containers.result;
  const findings: RuleFinding[] = [];
  for (const from of containers.list) {
    for (const { index, item } of objectsOf(from.def.dependsOn)) {
      const target = containers.list.find((c) => c.def.name === item.containerName);
      const finding = check({ from, index, target, targetName: item.containerName, condition: item.condition });
      if (finding) findings.push(finding);
    }
  }
  return fromFindings(findings);
}

/** FARGATE.DEPENDS_ON_TARGET: every dependency names another container of the task and a known condition. */
export function dependsOnTarget(subject: Subject): RuleResult {
  return eachDependency(subject, ({ from, index, target, targetName, condition }) => {
    const at = (key: string) => ['dependsOn', index, key];
    if (!target) return containerFinding(subject, from, at('containerName'), `container "${from.name}" depends on "${String(targetName)}", which is not a container of this task`);
    if (target === from) return containerFinding(subject, from, at('containerName'), `container "${from.name}" depends on itself`);
    if (!(DEPENDS_ON_CONDITIONS as readonly unknown[]).includes(condition)) {
      return containerFinding(subject, from, at('condition'), `container "${from.name}" has dependsOn condition ${JSON.stringify(condition)}; allowed: ${DEPENDS_ON_CONDITIONS.join(', ')}`);
    }
    return undefined;
  });
}

/** FARGATE.DEPENDS_ON_EXIT: COMPLETE and SUCCESS wait for a container to exit, so it must not be essential. */
export function dependsOnExit(subject: Subject): RuleResult {
  return eachDependency(subject, ({ from, index, target, condition }) =>
    target && target !== from && (condition === 'COMPLETE' || condition === 'SUCCESS') && isEssential(target.def)
      ? containerFinding(subject, from, ['dependsOn', index, 'condition'], `container "${from.name}" waits for "${target.name}" with ${condition}, but "${target.name}" is essential`)
      : undefined,
  );
}

/** FARGATE.DEPENDS_ON_HEALTHY: HEALTHY needs a target with a health check. */
export function dependsOnHealthy(subject: Subject): RuleResult {
  return eachDependency(subject, ({ from, index, target, condition }) =>
    target && condition === 'HEALTHY' && !isObject(target.def.healthCheck)
      ? containerFinding(subject, from, ['dependsOn', index, 'condition'], `container "${from.name}" waits for "${target.name}" to be HEALTHY, but "${target.name}" has no healthCheck`)
      : undefined,
  );
}
