/** Compliance: check any ECS task definition against the AWS controls, and fix it into the read-only form. */

export { acceptance, acceptLabel } from './accept';
export type { Acceptance } from './accept';
export { checkFiles, checkLoaded, checkSubject, checkTaskDefinition, checkTerraformJson, exitCodeOf, summarise, unresolved, validateSkip } from './check';
export type { CheckOptions, CheckReport, CheckSummary, Finding, RuleOutcome, SubjectReport, TaskDefinitionContext } from './check';
export { findAgent, findInit, isAgentImage } from './datadog-roles';
export { fixDocument, fixFile } from './fix/document';
export type { FixResult, LeftFinding } from './fix/document';
export { fixTaskDefinition } from './fix/fix';
export type { FixChange, FixOptions, FixScope, WritableRequest } from './fix/fix';
export { IMAGE_WRITABLE_PATHS, knownImage } from './fix/writable-paths';
export type { ImageWritablePaths } from './fix/writable-paths';
export { configSubject, detectKind, loadFile, loadText, planSubjects, taskDefinitionSubject, terraformSubjects } from './load';
export type { InputKind, LoadedFile } from './load';
export { REPORT_FORMATS, renderJson, renderReport, renderSarif, renderTable, reportStream } from './report';
export type { ReportFormat } from './report';
export { renderRulesDoc } from './rules-doc';
export { RULES, RULE_IDS, ruleById } from './rules';
export {
  CONTAINER_DEFINITION,
  DESCRIBE_ONLY_KEYS,
  isDescribeOnlyKey,
  REGISTER_KEYS,
  TASK_DEFINITION,
  validateContainerDefinitionShape,
  validateShape,
  validateTaskDefinitionShape,
  withoutDescribeOnlyKeys,
} from './shape';
export type { Shape, ShapeIssue, ShapeIssueKind, ShapeOptions, Structure } from './shape';
export { expandInputs, MAX_INPUT_BYTES, readInput } from './input';
export type { CheckStreamOptions, InputError, SkippedInput } from './check';
export { formatPath, Unevaluable } from './subject';
export type { Subject, SubjectCluster, SubjectService } from './subject';
export type { RuleDefinition, RuleFinding, RuleResult, RuleStatus, Severity } from './types';
