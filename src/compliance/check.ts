/** Runs the rule table over subjects and decides which findings stand. */

import { EXIT } from '../errors';
import { acceptance } from './accept';
import { locator, Position } from './locate';
import { LoadedFile, loadFile, taskDefinitionSubject, terraformSubjects } from './load';
import { ComplianceErrors } from './errors';
import { RULES, RULE_IDS } from './rules/table';
import { formatPath, Json, Subject } from './subject';
import type { RuleFinding, RuleStatus, Severity } from './types';

export interface Finding extends RuleFinding {
  readonly ruleId: string;
  /** `$.containerDefinitions[1].user` */
  readonly location: string;
  /** Where in the source file, when the path can be located there. */
  readonly position?: Position;
  /** The written reason of an accepting docker label. */
  readonly acceptedReason?: string;
  /** The container has the accept label, but with an empty reason, so it accepts nothing. */
  readonly emptyAcceptReason?: boolean;
}

export interface RuleOutcome {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  readonly status: RuleStatus;
  readonly note?: string;
  readonly findings: readonly Finding[];
}

export interface SubjectReport {
  readonly source: string;
  readonly kind: Subject['kind'];
  readonly name: string;
  readonly outcomes: readonly RuleOutcome[];
}

export interface CheckSummary {
  /** Findings neither accepted nor skipped. */
  readonly failed: number;
  readonly accepted: number;
  /** Rules that could not evaluate their input. */
  readonly errors: number;
}

export interface CheckReport {
  readonly subjects: readonly SubjectReport[];
  /** Rule ids left out with --skip. */
  readonly skipped: readonly string[];
  readonly summary: CheckSummary;
}

export interface CheckOptions {
  /** Rule ids to leave out. @default [] */
  readonly skip?: readonly string[];
  /** The source text, to locate findings. @default no positions */
  readonly text?: string;
}

/** Throws a UserError (exit 2) for a --skip id that is not in the rule table. */
export function validateSkip(skip: readonly string[]): void {
  for (const id of skip) if (!RULE_IDS.includes(id)) throw ComplianceErrors.unknownRule(id, RULE_IDS);
}

function containerOf(subject: Subject, index: number | undefined): Json | undefined {
  const list = subject.taskDefinition.containerDefinitions;
  return index !== undefined && Array.isArray(list) ? (list[index] as Json | undefined) : undefined;
}

/** Every rule (but the skipped ones) on one subject, with accepted findings marked. */
export function checkSubject(subject: Subject, options: CheckOptions = {}): SubjectReport {
  const skip = options.skip ?? [];
  validateSkip(skip);
  const locate = options.text !== undefined && subject.locatable ? locator(options.text) : undefined;
  const outcomes = RULES.filter((rule) => !skip.includes(rule.id)).map((rule): RuleOutcome => {
    const result = rule.check(subject);
    const findings = result.findings.map((f): Finding => {
      const base = { ...f, ruleId: rule.id, location: formatPath(f.path), ...(locate && { position: locate(f.path) }) };
      if (result.status !== 'non-compliant') return base;
      const verdict = acceptance(containerOf(subject, f.containerIndex), rule.id);
      if (verdict.accepted) return { ...base, acceptedReason: verdict.reason };
      return verdict.emptyReason ? { ...base, emptyAcceptReason: true } : base;
    });
    return {
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      status: result.status,
      ...(result.note !== undefined && { note: result.note }),
      findings,
    };
  });
  return { source: subject.source, kind: subject.kind, name: subject.name, outcomes };
}

export function summarise(subjects: readonly SubjectReport[]): CheckSummary {
  const outcomes = subjects.flatMap((s) => s.outcomes);
  const findings = outcomes.filter((o) => o.status === 'non-compliant').flatMap((o) => o.findings);
  return {
    failed: findings.filter((f) => f.acceptedReason === undefined).length,
    accepted: findings.filter((f) => f.acceptedReason !== undefined).length,
    errors: outcomes.filter((o) => o.status === 'error').length,
  };
}

/** Checks already loaded files. */
export function checkLoaded(files: readonly LoadedFile[], options: Pick<CheckOptions, 'skip'> = {}): CheckReport {
  const skip = [...(options.skip ?? [])];
  validateSkip(skip);
  const subjects = files.flatMap((file) => file.subjects.map((s) => checkSubject(s, { skip, text: file.text })));
  return { subjects, skipped: skip, summary: summarise(subjects) };
}

/** Loads and checks files. Throws a UserError (exit 2) for bad input. */
export function checkFiles(files: readonly string[], options: Pick<CheckOptions, 'skip'> = {}): CheckReport {
  if (files.length === 0) throw ComplianceErrors.noInput();
  validateSkip(options.skip ?? []);
  return checkLoaded(files.map(loadFile), options);
}

/** 1 when a finding stands (neither accepted nor skipped) or a rule could not evaluate its input; else 0. */
export function exitCodeOf(report: Pick<CheckReport, 'summary'>): number {
  return report.summary.failed > 0 || report.summary.errors > 0 ? EXIT.findings : EXIT.ok;
}

/** What surrounds a task definition checked on its own. */
export interface TaskDefinitionContext {
  /** Shown as the source in reports. @default "task-definition" */
  readonly source?: string;
  /** The service that runs it. @default none (ECS.2 and ECS.10 do not apply) */
  readonly service?: Subject['service'];
  /** The cluster it runs in. @default none (ECS.12 does not apply) */
  readonly cluster?: Subject['cluster'];
}

/**
 * Checks a task definition object (RegisterTaskDefinition shape, or describe-task-definition output) without a file,
 * for instance the JSON Terraform renders for a module.
 */
export function checkTaskDefinition(taskDefinition: object, context: TaskDefinitionContext & Pick<CheckOptions, 'skip'> = {}): SubjectReport {
  const subject = taskDefinitionSubject(taskDefinition as Json, context.source ?? 'task-definition');
  return checkSubject({ ...subject, service: context.service, cluster: context.cluster }, { skip: context.skip });
}

/** Checks every aws_ecs_task_definition of a parsed Terraform JSON document (`*.tf.json`, CDKTF output). */
export function checkTerraformJson(doc: object, options: { source?: string; text?: string } & Pick<CheckOptions, 'skip'> = {}): SubjectReport[] {
  return terraformSubjects(doc as Json, options.source ?? 'main.tf.json').map((s) => checkSubject(s, { skip: options.skip, text: options.text }));
}

/** Findings that stand: neither accepted nor skipped, plus rules that could not evaluate their input. */
export function unresolved(report: SubjectReport): { ruleId: string; message: string }[] {
  return report.outcomes.flatMap((o) =>
    o.status === 'error'
      ? [{ ruleId: o.ruleId, message: o.note ?? 'cannot evaluate' }]
      : o.status === 'non-compliant'
        ? o.findings.filter((f) => f.acceptedReason === undefined).map((f) => ({ ruleId: o.ruleId, message: f.message }))
        : [],
  );
}
