/** The report as SARIF 2.1.0, for code scanning: rules from the rule table, one result per finding. */

import * as path from 'path';
import { pathToFileURL } from 'url';
import { packageVersion } from '../../cli/version';
import { RULES } from '../rules/table';
import type { SubjectReport } from '../check';
import { nestedJson, ReportStream, ReportStreamFactory } from './stream';
import type { Severity } from '../types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'ecs-datadog-readonly';

type Level = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): Level {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/** A file as a URI reference: relative paths stay relative (code scanning resolves them), absolute ones become file URIs. */
export const fileUri = (file: string): string => (path.isAbsolute(file) ? pathToFileURL(file).href : encodeURI(file.replace(/\\/g, '/')));

type Physical = { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } };

/** The SARIF results of one task definition: one per finding, one per rule that could not evaluate the input. */
function subjectResults(subject: SubjectReport, ruleIndex: ReadonlyMap<string, number>): unknown[] {
  const uri = fileUri(subject.source);
  const physical = (position?: { line: number; column: number }): Physical => ({
    artifactLocation: { uri },
    region: { startLine: position?.line ?? 1, startColumn: position?.column ?? 1 },
  });
  const results: unknown[] = [];
  for (const o of subject.outcomes) {
    // most outcomes pass or do not apply: they give no result
    if (o.status !== 'error' && o.status !== 'non-compliant') continue;
    const index = ruleIndex.get(o.ruleId)!;
    if (o.status === 'error') {
      results.push({
        ruleId: o.ruleId,
        ruleIndex: index,
        level: 'error' as Level,
        message: { text: `${subject.name}: ${o.note ?? 'the rule could not evaluate the input'}` },
        locations: [{ physicalLocation: physical(o.findings[0]?.position) }],
      });
      continue;
    }
    for (const f of o.findings) {
      results.push({
        ruleId: o.ruleId,
        ruleIndex: index,
        level: sarifLevel(RULES[index].severity),
        message: { text: `${subject.name}: ${f.message}` },
        locations: [
          {
            physicalLocation: physical(f.position),
            logicalLocations: [{ fullyQualifiedName: f.location, kind: 'member' }],
          },
        ],
        ...(f.acceptedReason !== undefined && { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.acceptedReason }] }),
      });
    }
  }
  return results;
}

/**
 * SARIF 2.1.0, written task definition by task definition: the rules, then the results, then the invocation with a
 * toolExecutionNotification per input that could not be checked (or was skipped, as a note).
 */
export const sarifStream: ReportStreamFactory = (write): ReportStream => {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const notes: { level: Level; source: string; text: string }[] = [];
  let count = 0;
  const head = {
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
        results: [],
      },
    ],
  };
  // everything before the first result: the document up to `"results": [`
  const whole = nestedJson(head, 0);
  const opening = whole.slice(0, whole.lastIndexOf('"results": []') + '"results": ['.length);
  write(opening);
  return {
    subject(subject) {
      if (subject.note !== undefined) notes.push({ level: 'error', source: subject.source, text: `${subject.name}: ${subject.note}` });
      const results = subjectResults(subject, ruleIndex);
      if (results.length === 0) return;
      // the results as items of the results list: "\n        {...},\n        {...}" (one stringify per task definition)
      const items = nestedJson(results, 3);
      write(`${count === 0 ? '' : ','}${items.slice(1, items.length - '\n      ]'.length)}`);
      count += results.length;
    },
    end(report) {
      const notifications = [
        ...notes,
        ...report.inputErrors.map((e) => ({ level: 'error' as Level, source: e.source, text: e.message })),
        ...report.skippedInputs.map((e) => ({ level: 'note' as Level, source: e.source, text: `${e.source}: skipped: ${e.reason}` })),
      ].map((n) => ({ level: n.level, message: { text: n.text }, locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(n.source) } } }] }));
      const invocation = {
        executionSuccessful: report.summary.errors === 0 && report.inputErrors.length === 0,
        ...(notifications.length > 0 && { toolExecutionNotifications: notifications }),
        ...(report.skipped.length > 0 && {
          ruleConfigurationOverrides: report.skipped.map((id) => ({
            descriptor: { id, index: ruleIndex.get(id) },
            configuration: { enabled: false },
          })),
        }),
      };
      write(`${count === 0 ? ']' : '\n      ]'},\n      "invocations": [\n        ${nestedJson(invocation, 4)}\n      ]\n    }\n  ]\n}\n`);
    },
  };
};

