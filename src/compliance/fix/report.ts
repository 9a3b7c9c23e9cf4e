import { safeText } from '../../errors';
import type { FixChange } from './fix';

/** What `fix` changed, for people (text) or machines (json). */
export function renderFixReport(file: string, out: string | undefined, changes: readonly FixChange[], format: 'text' | 'json'): string {
  return safeText(fixReportText(file, out, changes, format));
}

function fixReportText(file: string, out: string | undefined, changes: readonly FixChange[], format: 'text' | 'json'): string {
  if (format === 'json') return `${JSON.stringify({ command: 'fix', file, out: out ?? null, changed: changes.length > 0, changes }, null, 2)}\n`;
  if (changes.length === 0) return `${file}: already in the read-only form, nothing changed\n`;
  const lines = changes.map((c) => `  - ${[c.resource, c.container].filter(Boolean).join(' ')}${c.resource || c.container ? ': ' : ''}${c.description}`);
  return `${file}: ${changes.length} change${changes.length === 1 ? '' : 's'}\n${lines.join('\n')}\n`;
}
