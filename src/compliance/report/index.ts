import { safeText } from '../../errors';
import type { CheckReport } from '../check';
import { renderJson } from './json';
import { renderSarif } from './sarif';
import { renderTable } from './table';

export const REPORT_FORMATS = ['table', 'json', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The report in a format, made safe to print (no Datadog-key-shaped value, no control or bidi character). */
export function renderReport(report: CheckReport, format: ReportFormat): string {
  return safeText(reportText(report, format));
}

function reportText(report: CheckReport, format: ReportFormat): string {
  return format === 'json' ? renderJson(report) : format === 'sarif' ? renderSarif(report) : renderTable(report);
}

export { renderJson, renderSarif, renderTable };
