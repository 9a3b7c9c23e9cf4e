import type { CheckReport } from '../check';
import { exitCodeOf } from '../check';

/** The report as JSON: every subject, rule outcome and finding, the skipped rules, the summary and the exit code. */
export function renderJson(report: CheckReport): string {
  return `${JSON.stringify({ ...report, exitCode: exitCodeOf(report) }, null, 2)}\n`;
}
