/** docs/RULES.md, rendered from the rule table. */

import { ACCEPT_LABEL_PREFIX } from '../model/datadog';
import { RULES } from './rules/table';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderRulesDoc(): string {
  const lines = [
    '# Compliance rules',
    '',
    '<!-- Generated from src/compliance/rules/table.ts by scripts/rules-doc.ts; do not edit. -->',
    '',
    '`ecs-datadog-readonly check` runs these rules on task definition JSON, `aws ecs describe-task-definition` output,',
    'Terraform JSON (`*.tf.json`) and this tool\'s config. Each rule reports compliant, non-compliant, not-applicable, or',
    'error when it cannot evaluate its input (a Terraform expression, for instance); an error never counts as a pass.',
    '',
    `A finding on a container is accepted only by a docker label on that container, \`${ACCEPT_LABEL_PREFIX}<RULE_ID>\`,`,
    'whose value is the written reason. An empty reason accepts nothing; accepted findings are always listed with their',
    'reason. `--skip <RULE_ID>` leaves a rule out and the report says so.',
    '',
    '| Id | Title | Severity | Source |',
    '|---|---|---|---|',
    ...RULES.map((r) => `| [${r.id}](#${anchor(r.id)}) | ${cell(r.title)} | ${r.severity} | ${cell(r.source)} |`),
    '',
  ];
  for (const r of RULES) {
    lines.push(`## ${r.id}`, '', `**${r.title}** (${r.severity}; ${r.source})`, '', r.explanation, '', `Remediation: ${r.remediation}`, '');
  }
  return lines.join('\n');
}

const anchor = (id: string): string => id.toLowerCase().replace(/[^a-z0-9_ -]/g, '');
