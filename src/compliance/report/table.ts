/** The report for people: one block per task definition, one line per rule, findings indented under their rule. */

import type { CheckReport, Finding, RuleOutcome } from '../check';

const LABEL: Readonly<Record<string, string>> = {
  compliant: 'PASS',
  'non-compliant': 'FAIL',
  'not-applicable': 'N/A',
  error: 'ERROR',
};

function statusLabel(o: RuleOutcome): string {
  if (o.status === 'non-compliant' && o.findings.every((f) => f.acceptedReason !== undefined)) return 'ACCEPTED';
  return LABEL[o.status];
}

function findingLines(f: Finding): string[] {
  const where = f.position ? `${f.location} (line ${f.position.line})` : f.location;
  const lines = [`      - ${f.message}`, `        at ${where}`];
  if (f.acceptedReason !== undefined) lines.push(`        accepted: ${f.acceptedReason}`);
  else if (f.emptyAcceptReason) lines.push('        not accepted: the accept label has an empty reason');
  return lines;
}

export function renderTable(report: CheckReport): string {
  const idWidth = Math.max(0, ...report.subjects.flatMap((s) => s.outcomes.map((o) => o.ruleId.length)));
  const lines: string[] = [];
  for (const subject of report.subjects) {
    const kind = subject.kind === 'config' ? 'config; paths are in the task definition it generates' : subject.kind;
    lines.push(`${subject.source}: ${subject.name} (${kind})`);
    for (const o of subject.outcomes) {
      const note = o.note ? ` (${o.note})` : '';
      lines.push(`  ${statusLabel(o).padEnd(8)}  ${o.ruleId.padEnd(idWidth)}  ${o.severity.padEnd(6)}  ${o.title}${o.status === 'error' || o.status === 'not-applicable' ? note : ''}`);
      for (const f of o.findings) lines.push(...findingLines(f));
    }
    lines.push('');
  }
  if (report.skipped.length > 0) lines.push(`Skipped with --skip: ${report.skipped.join(', ')}`);
  const { failed, accepted, errors } = report.summary;
  lines.push(`${failed} finding${failed === 1 ? '' : 's'} to fix, ${accepted} accepted, ${errors} rule${errors === 1 ? '' : 's'} could not evaluate the input.`);
  return `${lines.join('\n')}\n`;
}
