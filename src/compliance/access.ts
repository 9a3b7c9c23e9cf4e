/** Safe reads of an untrusted task definition, shared by the rules. */

import { Json, isObject, Known, Subject, Unevaluable } from './subject';
import type { RuleFinding, RuleResult } from './types';

export interface ContainerRef {
  readonly index: number;
  /** The container's name, or `#<index>` when it has none. */
  readonly name: string;
  readonly def: Json;
}

export const compliant = (note?: string): RuleResult => ({ status: 'compliant', findings: [], ...(note && { note }) });
export const notApplicable = (note: string): RuleResult => ({ status: 'not-applicable', findings: [], note });
export const evaluationError = (note: string, findings: readonly RuleFinding[] = []): RuleResult => ({
  status: 'error',
  findings,
  note,
});
/** Compliant when nothing was found, non-compliant otherwise. */
export const fromFindings = (findings: readonly RuleFinding[]): RuleResult =>
  findings.length === 0 ? compliant() : { status: 'non-compliant', findings };

const cannotEvaluate = (what: string, value: Unevaluable): RuleResult =>
  evaluationError(
    `cannot evaluate ${what}: ${value.reason}` +
      (/plan|apply/.test(value.reason) ? '.' : '. Check the plan JSON (terraform show -json plan.out) or the literal task definition instead.'),
  );

type Containers = { ok: true; list: ContainerRef[] } | { ok: false; result: RuleResult };

/**
 * `compute`, run once per subject for the rules that share it. A subject is made for each check, so a task definition
 * changed between two checks is read again.
 */
export function perSubject<T>(compute: (subject: Subject) => T): (subject: Subject) => T {
  const cache = new WeakMap<Subject, T>();
  return (subject) => {
    let value = cache.get(subject);
    if (value === undefined) {
      value = compute(subject);
      cache.set(subject, value);
    }
    return value;
  };
}

/** The containers, or the error result a rule returns when they cannot be read. Read once per subject. */
export const containersOf: (subject: Subject) => Containers = perSubject(readContainers);

function readContainers(subject: Subject): Containers {
  const raw = subject.taskDefinition.containerDefinitions;
  if (raw instanceof Unevaluable) return { ok: false, result: cannotEvaluate('containerDefinitions', raw) };
  if (!Array.isArray(raw)) {
    return { ok: false, result: evaluationError('cannot evaluate containerDefinitions: it is missing or not a list of containers') };
  }
  const list: ContainerRef[] = [];
  for (const [index, def] of raw.entries()) {
    if (!isObject(def)) {
      return { ok: false, result: evaluationError(`cannot evaluate containerDefinitions[${index}]: it is not an object`) };
    }
    list.push({ index, name: typeof def.name === 'string' && def.name !== '' ? def.name : `#${index}`, def });
  }
  return { ok: true, list };
}

/** A task-level value, or the error result when Terraform computes it. */
export function taskValue(subject: Subject, key: string): { ok: true; value: unknown } | { ok: false; result: RuleResult } {
  const value = subject.taskDefinition[key];
  if (value instanceof Unevaluable) return { ok: false, result: cannotEvaluate(key, value) };
  return { ok: true, value };
}

export function known<T>(what: string, value: Known<T> | undefined): { ok: true; value: T | undefined } | { ok: false; result: RuleResult } {
  if (value instanceof Unevaluable) return { ok: false, result: cannotEvaluate(what, value) };
  return { ok: true, value };
}

/** A container finding with its path. */
export function containerFinding(subject: Subject, c: ContainerRef, rest: readonly (string | number)[], message: string): RuleFinding {
  return { message, container: c.name, containerIndex: c.index, path: [...subject.containerPath(c.index), ...rest] };
}

export function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The object items of a list, with their indexes (loops, not flatMap: every rule reads lists). */
export function objectsOf(value: unknown): { index: number; item: Json }[] {
  const out: { index: number; item: Json }[] = [];
  if (!Array.isArray(value)) return out;
  for (let index = 0; index < value.length; index++) {
    const item: unknown = value[index];
    if (isObject(item)) out.push({ index, item });
  }
  return out;
}

/** `essential` defaults to true. */
export const isEssential = (def: Json): boolean => def.essential !== false;

/**
 * Whether the task runs on Fargate: its requiresCompatibilities includes FARGATE. Without it ECS registers the task
 * for EC2 only, whatever its network mode. Undefined when Terraform computes requiresCompatibilities.
 */
export function runsOnFargate(subject: Subject): boolean | undefined {
  const compat = subject.taskDefinition.requiresCompatibilities;
  if (compat instanceof Unevaluable) return undefined;
  return Array.isArray(compat) && compat.includes('FARGATE');
}

/** The result for a Fargate-only rule on a task that is not (or may not be) Fargate; undefined when it is Fargate. */
export function unlessFargate(subject: Subject): RuleResult | undefined {
  const fargate = runsOnFargate(subject);
  if (fargate === undefined) return evaluationError('cannot tell whether the task runs on Fargate: requiresCompatibilities is a Terraform expression');
  return fargate ? undefined : notApplicable('requiresCompatibilities does not include FARGATE, so the task is not a Fargate task');
}

export function environmentOf(def: Json): { index: number; name: string }[] {
  const out: { index: number; name: string }[] = [];
  for (const { index, item } of objectsOf(def.environment)) if (typeof item.name === 'string') out.push({ index, name: item.name });
  return out;
}
