import { safeText } from '../../errors';
import type { CheckReport } from '../check';
import { jsonStream } from './json';
import { sarifStream } from './sarif';
import { renderWith, ReportStart, ReportStream, ReportStreamFactory } from './stream';
import { tableStream } from './table';

import type { ReportFormat } from './formats';

export { REPORT_FORMATS, type ReportFormat } from './formats';

const STREAMS: Readonly<Record<ReportFormat, ReportStreamFactory>> = { table: tableStream, json: jsonStream, sarif: sarifStream };

/**
 * Whether a string may hold what safeText changes: a character outside printable ASCII, or a run of 32 hex digits.
 * Two tests, the cheap one first: most report strings are short printable ASCII.
 */
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE_ASCII = /[^\t\n\x20-\x7e]/;
const HEX_RUN = /[0-9A-Fa-f]{32}/;
const maybeUnsafe = (s: string): boolean => NOT_PRINTABLE_ASCII.test(s) || (s.length >= 32 && HEX_RUN.test(s));

/** Keys whose values come from the rule table, never from the input. */
const TOOL_KEYS = new Set(['ruleId', 'title', 'severity', 'status', 'kind']);

/**
 * A copy of a report value with every string that came from the input made safe to print (safeText: no
 * Datadog-key-shaped value, no control or bidi character). Done on the values rather than on the rendered text, so a
 * report of thousands of files is not scanned whole; every format renders only these strings and its own.
 */
export function safeValue<T>(value: T): T {
  if (typeof value === 'string') return (maybeUnsafe(value) ? safeText(value) : value) as T;
  if (value === null || typeof value !== 'object') return value;
  // copy only what changes: most reports have nothing to hide
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const safe = safeValue(value[i] as unknown);
      if (safe !== value[i]) (out ??= value.slice())[i] = safe;
    }
    return (out ?? value) as T;
  }
  let out: Record<string, unknown> | undefined;
  const obj = value as Record<string, unknown>;
  for (const k in obj) {
    if (!Object.prototype.hasOwnProperty.call(obj, k) || TOOL_KEYS.has(k)) continue;
    const safe = safeValue(obj[k]);
    if (safe !== obj[k]) (out ??= { ...obj })[k] = safe;
  }
  return (out ?? value) as T;
}

const safeReport = (report: CheckReport): CheckReport => ({
  ...report,
  subjects: report.subjects.map(safeValue),
  inputErrors: safeValue(report.inputErrors),
  skippedInputs: safeValue(report.skippedInputs),
});

/** The report in a format, made safe to print (no Datadog-key-shaped value, no control or bidi character). */
export function renderReport(report: CheckReport, format: ReportFormat): string {
  return renderWith(STREAMS[format], safeReport(report));
}

export const renderJson = (report: CheckReport): string => renderReport(report, 'json');
export const renderSarif = (report: CheckReport): string => renderReport(report, 'sarif');
export const renderTable = (report: CheckReport): string => renderReport(report, 'table');

/**
 * A report in `format` written as the check goes (see `checkFiles`' `onSubject`), made safe to print as
 * `renderReport` makes it.
 */
export function reportStream(format: ReportFormat, write: (text: string) => void, start: ReportStart): ReportStream {
  const stream = STREAMS[format](write, start);
  return { subject: (s) => stream.subject(safeValue(s)), end: (report) => stream.end(safeReport(report)) };
}

export type { ReportStart, ReportStream };
