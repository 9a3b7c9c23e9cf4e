/** Runs the rule table over subjects and decides which findings stand. */

import { EXIT, UserError } from '../errors';
import { acceptance } from './accept';
import { containersOf } from './access';
import { ComplianceErrors, UnrecognisedInput } from './errors';
import { expandInputs, sourceName, STDIN } from './input';
import { locator, Position } from './locate';
import { LoadedFile, loadFile, taskDefinitionSubject, terraformSubjects } from './load';
import { RULES, RULE_IDS } from './rules/table';
import { formatPath, Json, Subject, Unevaluable } from './subject';
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
  /**
   * Why the rules that read the containers were not evaluated (container definitions Terraform computes), once for
   * the subject instead of once per rule. Counts as one error.
   */
  readonly note?: string;
  /** The rules the note is about. */
  readonly notEvaluated?: readonly string[];
  readonly outcomes: readonly RuleOutcome[];
}

/** An input that could not be checked: unreadable, not JSON, or not a task definition. */
export interface InputError {
  readonly source: string;
  readonly message: string;
}

/** A JSON file found in a directory that holds no task definition (package.json, a tsconfig), left out. */
export interface SkippedInput {
  readonly source: string;
  readonly reason: string;
}

export interface CheckSummary {
  /** Task definitions checked. */
  readonly checked: number;
  /** Findings neither accepted nor skipped. */
  readonly failed: number;
  readonly accepted: number;
  /** Rules that could not evaluate their input. */
  readonly errors: number;
  /** Inputs that could not be checked. */
  readonly inputErrors: number;
}

export interface CheckReport {
  readonly subjects: readonly SubjectReport[];
  /** Inputs that could not be checked; the others were. */
  readonly inputErrors: readonly InputError[];
  /** JSON files of a directory that are not task definitions. */
  readonly skippedInputs: readonly SkippedInput[];
  /** Rule ids left out with --skip. */
  readonly skipped: readonly string[];
  readonly summary: CheckSummary;
}

export interface CheckOptions {
  /** Rule ids to leave out. @default [] */
  readonly skip?: readonly string[];
  /** The source text, to locate findings. @default no positions */
  readonly text?: string;
  /** The source text parsed (JSON.parse), to locate findings faster. @default none */
  readonly document?: unknown;
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
  const locate = options.text !== undefined && subject.locatable ? locator(options.text, options.document) : undefined;
  const computed = subject.taskDefinition.containerDefinitions instanceof Unevaluable ? containersOf(subject) : undefined;
  const containersNote = computed && !computed.ok ? computed.result.note : undefined;
  const notEvaluated: string[] = [];
  const outcomes: RuleOutcome[] = [];
  for (const rule of RULES) {
    if (skip.length > 0 && skip.includes(rule.id)) continue;
    const result = rule.check(subject);
    if (containersNote !== undefined && result.status === 'error' && result.note === containersNote && result.findings.length === 0) {
      notEvaluated.push(rule.id);
      continue;
    }
    const findings = result.findings.length === 0 ? [] : result.findings.map((f): Finding => {
      const base: Finding = { ...f, ruleId: rule.id, location: formatPath(f.path), ...(locate && { position: locate(f.path) }) };
      if (result.status !== 'non-compliant') return base;
      const verdict = acceptance(containerOf(subject, f.containerIndex), rule.id);
      if (verdict.accepted) return { ...base, acceptedReason: verdict.reason };
      return verdict.emptyReason ? { ...base, emptyAcceptReason: true } : base;
    });
    outcomes.push({
      ruleId: rule.id,
      title: rule.title,
      severity: rule.severity,
      status: result.status,
      ...(result.note !== undefined && { note: result.note }),
      findings,
    });
  }
  const note =
    notEvaluated.length > 0
      ? `the ${notEvaluated.length} rules that read the containers were not evaluated (${notEvaluated.join(', ')}): ${containersNote!.replace(/^cannot evaluate /, '')}`
      : undefined;
  return { source: subject.source, kind: subject.kind, name: subject.name, ...(note && { note, notEvaluated }), outcomes };
}

/** Counts of a check, subject by subject. */
class Tally {
  private checked = 0;
  private failed = 0;
  private accepted = 0;
  private errors = 0;

  add(s: SubjectReport): void {
    this.checked++;
    if (s.note !== undefined) this.errors++;
    for (const o of s.outcomes) {
      if (o.status === 'error') this.errors++;
      else if (o.status === 'non-compliant') {
        for (const f of o.findings) {
          if (f.acceptedReason === undefined) this.failed++;
          else this.accepted++;
        }
      }
    }
  }

  summary(inputErrors: readonly InputError[]): CheckSummary {
    return { checked: this.checked, failed: this.failed, accepted: this.accepted, errors: this.errors, inputErrors: inputErrors.length };
  }
}

export function summarise(subjects: readonly SubjectReport[], inputErrors: readonly InputError[] = []): CheckSummary {
  const tally = new Tally();
  for (const s of subjects) tally.add(s);
  return tally.summary(inputErrors);
}

export interface CheckStreamOptions {
  /** Receives each task definition's report as it is checked; the returned report then has no subjects. @default kept in the report */
  readonly onSubject?: (subject: SubjectReport) => void;
}

/** Checks already loaded files. */
export function checkLoaded(files: readonly LoadedFile[], options: Pick<CheckOptions, 'skip'> = {}): CheckReport {
  const skip = [...(options.skip ?? [])];
  validateSkip(skip);
  const subjects = files.flatMap((file) => file.subjects.map((s) => checkSubject(s, { skip, text: file.text, document: file.document })));
  return { subjects, inputErrors: [], skippedInputs: [], skipped: skip, summary: summarise(subjects) };
}

/**
 * Loads and checks files, directories (their JSON files, recursively) and `-` (standard input), one at a time. An
 * input that cannot be read or is not a task definition is an input error and the others are still checked; a JSON
 * file of another kind found in a directory is skipped. Throws a UserError (exit 2) only for bad usage.
 */
export function checkFiles(inputs: readonly string[], options: Pick<CheckOptions, 'skip'> & CheckStreamOptions = {}): CheckReport {
  if (inputs.length === 0) throw ComplianceErrors.noInput();
  if (inputs.filter((i) => i === STDIN).length > 1) throw ComplianceErrors.stdinTwice();
  const skip = [...(options.skip ?? [])];
  validateSkip(skip);
  const { files, discovered, emptyDirectories } = expandInputs(inputs);
  const subjects: SubjectReport[] = [];
  const inputErrors: InputError[] = emptyDirectories.map((dir) => ({ source: dir, message: ComplianceErrors.emptyDirectory(dir).message }));
  const skippedInputs: SkippedInput[] = [];
  const tally = new Tally();
  for (const file of files) {
    let loaded: LoadedFile;
    try {
      loaded = loadFile(file);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      if (err instanceof UnrecognisedInput && discovered.has(file)) skippedInputs.push({ source: file, reason: 'not a task definition, Terraform JSON with ECS resources, plan JSON or config' });
      else inputErrors.push({ source: sourceName(file), message: err.describe() });
      continue;
    }
    for (const subject of loaded.subjects) {
      const checked = checkSubject(subject, { skip, text: loaded.text, document: loaded.document });
      tally.add(checked);
      if (options.onSubject) options.onSubject(checked);
      else subjects.push(checked);
    }
  }
  return { subjects, inputErrors, skippedInputs, skipped: skip, summary: tally.summary(inputErrors) };
}

/**
 * 2 when nothing could be checked; 1 when a finding stands (neither accepted nor skipped), a rule could not evaluate
 * its input, or an input could not be checked; else 0.
 */
export function exitCodeOf(report: Pick<CheckReport, 'summary'>): number {
  const { checked, failed, errors, inputErrors } = report.summary;
  if (checked === 0) return EXIT.usage;
  return failed > 0 || errors > 0 || inputErrors > 0 ? EXIT.findings : EXIT.ok;
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
  const notEvaluated = (report.notEvaluated ?? []).map((ruleId) => ({ ruleId, message: report.note ?? 'not evaluated' }));
  return notEvaluated.concat(
    report.outcomes.flatMap((o) =>
    o.status === 'error'
      ? [{ ruleId: o.ruleId, message: o.note ?? 'cannot evaluate' }]
      : o.status === 'non-compliant'
        ? o.findings.filter((f) => f.acceptedReason === undefined).map((f) => ({ ruleId: o.ruleId, message: f.message }))
        : [],
    ),
  );
}
