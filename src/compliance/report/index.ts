import { safeText } from '../../errors';
import type { CheckReport } from '../check';
import { jsonStream, renderJson } from './json';
import { renderSarif, sarifStream } from './sarif';
import type { ReportStart, ReportStream, ReportStreamFactory } from './stream';
import { renderTable, tableStream } from './table';

export const REPORT_FORMATS = ['table', 'json', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const STREAMS: Readonly<Record<ReportFormat, ReportStreamFactory>> = { table: tableStream, json: jsonStream, sarif: sarifStream };

/** The report in a format, made safe to print (no Datadog-key-shaped value, no control or bidi character). */
export function renderReport(report: CheckReport, format: ReportFormat): string {
  return safeText(reportText(report, format));
}

function reportText(report: CheckReport, format: ReportFormat): string {
  return format === 'json' ? renderJson(report) : format === 'sarif' ? renderSarif(report) : renderTable(report);
}

/**
 * A report in `format` written as the check goes (see `checkFiles`' `onSubject`), each part made safe to print as
 * `renderReport` makes the whole. Parts are whole subjects, so nothing safeText looks for is split between two.
 */
export function reportStream(format: ReportFormat, write: (text: string) => void, start: ReportStart): ReportStream {
  return STREAMS[format]((text) => write(safeText(text)), start);
}

export { renderJson, renderSarif, renderTable };
export type { ReportStart, ReportStream };
