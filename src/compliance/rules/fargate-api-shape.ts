import { containersOf, fromFindings } from '../access';
import { ShapeIssue, validateContainerDefinitionShape, validateTaskDefinitionShape } from '../shape';
import { Subject, Unevaluable } from '../subject';
import type { RuleFinding, RuleResult } from '../types';

/**
 * FARGATE.API_SHAPE: the task definition has the shape of the RegisterTaskDefinition input: no unknown or mis-spelt
 * keys (ECS drops them: `readOnlyRootFilesystem`, `memory_limit_mib`), the right types, values inside their enums.
 * Task-level keys are checked in task definition JSON; in Terraform the provider checks its own attributes, so there
 * only the container definitions are.
 */
/** A clearer message for a mistake with a known cause. */
function hint(issue: ShapeIssue, container: string): string {
  const [field, index, key] = issue.path.slice(-3);
  if (issue.kind === 'unknown-key' && field === 'environment' && key === 'valueFrom') {
    return `container "${container}" environment[${String(index)}] has valueFrom, which environment does not take: ECS drops it and the variable is unset. A secret ARN goes under secrets: {"name": ..., "valueFrom": "<ARN>"}`;
  }
  return issue.message;
}

export function apiShape(subject: Subject): RuleResult {
  const findings: RuleFinding[] = [];
  const containers = containersOf(subject);
  if (subject.taskDefinition.containerDefinitions instanceof Unevaluable && !containers.ok) return containers.result;
  if (subject.kind === 'task-definition' || subject.kind === 'describe-task-definition') {
    const base = subject.taskPath('family').slice(0, -1);
    // Containers are checked below, by name; an unreadable containerDefinitions is checked here.
    const td = containers.ok ? { ...subject.taskDefinition, containerDefinitions: [] } : subject.taskDefinition;
    for (const issue of validateTaskDefinitionShape(td, { describe: subject.kind === 'describe-task-definition' }, base)) {
      findings.push({ message: issue.message, path: issue.path });
    }
  } else if (!containers.ok) return containers.result;
  for (const c of containers.ok ? containers.list : []) {
    for (const issue of validateContainerDefinitionShape(c.def, subject.containerPath(c.index), `container "${c.name}"`)) {
      findings.push({ message: hint(issue, c.name), path: issue.path, container: c.name, containerIndex: c.index });
    }
  }
  return fromFindings(findings);
}
