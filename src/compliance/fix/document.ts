/**
 * `fix` on a whole input document: a task definition, describe-task-definition output (it stays a wrapper), or Terraform
 * JSON with literal container_definitions.
 */

import * as fs from 'fs';
import { ComplianceErrors } from '../errors';
import { detectKind } from '../load';
import { isObject, Json } from '../subject';
import { FixErrors } from './errors';
import { FixChange, FixOptions, fixTaskDefinition } from './fix';
import { fixTerraformDocument } from './terraform';

export interface FixResult {
  /** The fixed document. */
  readonly document: Json;
  /** The fixed document as text, indented like the input. */
  readonly text: string;
  readonly changes: readonly FixChange[];
}

/** The indentation of a JSON text: the leading whitespace of its first indented line. @default two spaces */
export function detectIndent(text: string): string {
  const match = /^[ \t]+(?=\S)/m.exec(text);
  return match ? match[0] : '  ';
}

/** Fixes a parsed document; the input is not changed. */
export function fixDocument(doc: unknown, options: FixOptions = {}, indent = '  ', source = 'input'): FixResult {
  const kind = detectKind(source, doc);
  if (kind === undefined || kind === 'config') throw FixErrors.notFixable(source, kind ?? 'this input');
  const copy = JSON.parse(JSON.stringify(doc)) as Json;
  const changes =
    kind === 'terraform'
      ? fixTerraformDocument(copy, options)
      : fixTaskDefinition(kind === 'describe-task-definition' ? (copy.taskDefinition as Json) : copy, options);
  return { document: copy, text: `${JSON.stringify(copy, null, indent)}\n`, changes };
}

/** Reads and fixes a file (nothing is written here). */
export function fixFile(file: string, options: FixOptions = {}): FixResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw ComplianceErrors.unreadable(file, (err as NodeJS.ErrnoException).code ?? String(err));
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw /\.ya?ml$/i.test(file) ? FixErrors.notFixable(file, 'config') : ComplianceErrors.unparsable(file, 'JSON', (err as Error).message);
  }
  if (!isObject(doc)) throw ComplianceErrors.unknownInput(file);
  return fixDocument(doc, options, detectIndent(text), file);
}
