/** Shapes shared by the compliance rules, the engine and the reports. */

import type { Subject } from './subject';

/** One step of a path into a JSON document: an object key or an array index. */
export type Segment = string | number;

export type Severity = 'critical' | 'high' | 'medium' | 'low';

export type RuleStatus = 'compliant' | 'non-compliant' | 'not-applicable' | 'error';

/** What a rule found wrong, as the rule reports it. */
export interface RuleFinding {
  readonly message: string;
  /** Name of the container the finding is about; absent for task, service or cluster findings. */
  readonly container?: string;
  /** Index of that container in `containerDefinitions`. */
  readonly containerIndex?: number;
  /** Path into the input document. */
  readonly path: readonly Segment[];
}

export interface RuleResult {
  readonly status: RuleStatus;
  readonly findings: readonly RuleFinding[];
  /** Why a rule does not apply, or what it could not evaluate. */
  readonly note?: string;
}

export interface RuleDefinition {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Why the rule exists. */
  readonly explanation: string;
  /** How to comply. */
  readonly remediation: string;
  /** Where the rule comes from: a Security Hub control, ECS registration rules, or Datadog's read-only guide. */
  readonly source: string;
  readonly check: (subject: Subject) => RuleResult;
}
