/**
 * Reports written as the check goes: each task definition's part is written when it is checked, and the end (input
 * errors, summary) once all are, so memory does not grow with the number of files.
 */

import type { CheckReport, SubjectReport } from '../check';

export interface ReportStream {
  /** Writes one task definition's part. */
  subject(subject: SubjectReport): void;
  /** Writes the end; `report.subjects` may be empty (already written). */
  end(report: CheckReport): void;
}

/** What a report needs to know before the first subject. */
export interface ReportStart {
  /** Rule ids left out with --skip. */
  readonly skipped: readonly string[];
}

export type ReportStreamFactory = (write: (text: string) => void, start: ReportStart) => ReportStream;

/** The whole report as one string, through its stream. */
export function renderWith(factory: ReportStreamFactory, report: CheckReport): string {
  const parts: string[] = [];
  const stream = factory((t) => void parts.push(t), { skipped: report.skipped });
  for (const s of report.subjects) stream.subject(s);
  stream.end(report);
  return parts.join('');
}

/**
 * JSON.stringify(value, null, 2) as it reads nested `depth` levels deep in a larger document: stringified inside
 * `depth` arrays, which indent it, and cut out of them.
 */
export function nestedJson(value: unknown, depth: number): string {
  if (depth === 0) return JSON.stringify(value, null, 2);
  let wrapped: unknown = value;
  for (let k = 0; k < depth; k++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // "[\n  " ... "[\n" + indent before the value; "\n" + indent + "]" ... after it
  const before = depth * 2 + depth * (depth + 1);
  const after = depth * 2 + depth * (depth - 1);
  return text.slice(before, text.length - after);
}
