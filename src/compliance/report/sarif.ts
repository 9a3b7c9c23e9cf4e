/** The report as SARIF 2.1.0, for code scanning: rules from the rule table, one result per finding. */

import * as path from 'path';
import { pathToFileURL } from 'url';
import { packageVersion } from '../../cli/version';
import { RULES } from '../rules/table';
import type { CheckReport } from '../check';
import type { Severity } from '../types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'ecs-datadog-readonly';

type Level = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): Level {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/** A file as a URI reference: relative paths stay relative (code scanning resolves them), absolute ones become file URIs. */
export const fileUri = (file: string): string => (path.isAbsolute(file) ? pathToFileURL(file).href : encodeURI(file.replace(/\\/g, '/')));

export function renderSarif(report: CheckReport): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const results = report.subjects.flatMap((subject) =>
    subject.outcomes.flatMap((o) => {
      const rule = RULES[ruleIndex.get(o.ruleId)!];
      const physical = (position?: { line: number; column: number }) => ({
        artifactLocation: { uri: fileUri(subject.source) },
        region: { startLine: position?.line ?? 1, startColumn: position?.column ?? 1 },
      });
      if (o.status === 'error') {
        return [
          {
            ruleId: o.ruleId,
            ruleIndex: ruleIndex.get(o.ruleId),
            level: 'error' as Level,
            message: { text: `${subject.name}: ${o.note ?? 'the rule could not evaluate the input'}` },
            locations: [{ physicalLocation: physical(o.findings[0]?.position) }],
          },
        ];
      }
      if (o.status !== 'non-compliant') return [];
      return o.findings.map((f) => ({
        ruleId: o.ruleId,
        ruleIndex: ruleIndex.get(o.ruleId),
        level: sarifLevel(rule.severity),
        message: { text: `${subject.name}: ${f.message}` },
        locations: [
          {
            physicalLocation: physical(f.position),
            logicalLocations: [{ fullyQualifiedName: f.location, kind: 'member' }],
          },
        ],
        ...(f.acceptedReason !== undefined && { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.acceptedReason }] }),
      }));
    }),
  );
  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: packageVersion(),
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/[^A-Za-z0-9]/g, ''),
              shortDescription: { text: r.title },
              fullDescription: { text: r.explanation },
              help: { text: r.remediation },
              defaultConfiguration: { level: sarifLevel(r.severity) },
              properties: { severity: r.severity, source: r.source },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.summary.errors === 0,
            ...(report.skipped.length > 0 && {
              ruleConfigurationOverrides: report.skipped.map((id) => ({
                descriptor: { id, index: ruleIndex.get(id) },
                configuration: { enabled: false },
              })),
            }),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
