/** The report for people: one block per task definition, one line per rule, findings indented under their rule. */

import type { Finding, RuleOutcome } from '../check';
import { RULE_IDS } from '../rules/table';
import type { ReportStream, ReportStreamFactory } from './stream';

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

/** The table, written task definition by task definition. */
export const tableStream: ReportStreamFactory = (write, start): ReportStream => {
  const idWidth = Math.max(0, ...RULE_IDS.filter((id) => !start.skipped.includes(id)).map((id) => id.length));
  // a rule's line is the same in every task definition but for its note: built once per rule and status
  const ruleLines = new Map<string, string>();
  const ruleLine = (o: RuleOutcome): string => {
    const label = statusLabel(o);
    const key = `${label} ${o.ruleId}`;
    let line = ruleLines.get(key);
    if (line === undefined) {
      line = `  ${label.padEnd(8)}  ${o.ruleId.padEnd(idWidth)}  ${o.severity.padEnd(6)}  ${o.title}`;
      ruleLines.set(key, line);
    }
    return line;
  };
  return {
    subject(subject) {
      const kind = subject.kind === 'config' ? 'config; paths are in the task definition it generates' : subject.kind;
      const lines = [`${subject.source}: ${subject.name} (${kind})`];
      if (subject.note !== undefined) lines.push(`  ${'ERROR'.padEnd(8)}  ${subject.note}`);
      for (const o of subject.outcomes) {
        const note = o.note ? ` (${o.note})` : '';
        lines.push(`${ruleLine(o)}${o.status === 'error' || o.status === 'not-applicable' ? note : ''}`);
        for (const f of o.findings) lines.push(...findingLines(f));
      }
      write(`${lines.join('\n')}\n\n`);
    },
    end(report) {
      const lines: string[] = [];
      if (report.inputErrors.length > 0) {
        lines.push('Not checked:');
        for (const e of report.inputErrors) lines.push(`  ${e.message.replace(/\n/g, '\n  ')}`);
        lines.push('');
      }
      const skippedFiles = report.skippedInputs.length;
      if (skippedFiles > 0) lines.push(`Skipped ${plural(skippedFiles, 'JSON file')} without a task definition (--format json lists them).`);
      if (report.skipped.length > 0) lines.push(`Skipped with --skip: ${report.skipped.join(', ')}`);
      const { checked, failed, accepted, errors, inputErrors } = report.summary;
      lines.push(
        `${plural(checked, 'task definition')} checked: ${plural(failed, 'finding')} to fix, ${accepted} accepted, ${errors} could not be evaluated` +
          `${inputErrors > 0 ? `; ${plural(inputErrors, 'input')} could not be checked` : ''}.`,
      );
      write(`${lines.join('\n')}\n`);
    },
  };
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

