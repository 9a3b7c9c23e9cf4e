import { safeText } from '../../errors';
import type { LeftFinding } from './document';
import type { FixChange } from './fix';

/** What `fix` changed, and what it left to the user, for people (text) or machines (json). */
export function renderFixReport(file: string, out: string | undefined, changes: readonly FixChange[], format: 'text' | 'json', left: readonly LeftFinding[] = []): string {
  return safeText(fixReportText(file, out, changes, format, left));
}

function fixReportText(file: string, out: string | undefined, changes: readonly FixChange[], format: 'text' | 'json', left: readonly LeftFinding[]): string {
  if (format === 'json') return `${JSON.stringify({ command: 'fix', file, out: out ?? null, changed: changes.length > 0, changes, left }, null, 2)}\n`;
  const head = changes.length === 0 ? `${file}: already in the read-only form, nothing changed` : `${file}: ${changes.length} change${changes.length === 1 ? '' : 's'}`;
  const lines = changes.map((c) => `  - ${[c.resource, c.container].filter(Boolean).join(' ')}${c.resource || c.container ? ': ' : ''}${c.description}`);
  const yours = left.map((f) => `  ! left to you: ${f.ruleId} ${f.location}: ${f.message} (fix does not choose a user; set a non-root "user" the image supports)`);
  return `${[head, ...lines, ...yours].join('\n')}\n`;
}
