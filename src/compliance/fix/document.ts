/**
 * `fix` on a whole input document: a task definition, describe-task-definition output (unwrapped into the task
 * definition that registers), a bare container definitions array (stays an array), or Terraform JSON with literal
 * container_definitions (stays Terraform JSON). The result must pass `check` (ECS.20 on applications aside), or
 * nothing is written.
 */

import { objectsOf } from '../access';
import { checkSubject, SubjectReport } from '../check';
import { ComplianceErrors } from '../errors';
import { readFileBytes } from '../input';
import { detectKind, isTerraformExpression, taskDefinitionSubject, terraformResources, terraformSubjects, unescapeTerraform } from '../load';
import { DESCRIBE_ONLY_KEYS, ShapeIssue, validateContainerDefinitionShape, validateTaskDefinitionShape } from '../shape';
import { formatPath, isObject, Json } from '../subject';
import { dropNulls } from './edit';
import { assertTypes } from './input-types';
import { FixErrors } from './errors';
import { FixChange, FixOptions, fixTaskDefinition } from './fix';
import { assertFaithfulJson, decodeUtf8 } from './strict-json';
import { fixTerraformDocument } from './terraform';

export interface FixResult {
  /** The fixed document (for a container definitions array input, that array). */
  readonly document: Json;
  /** The fixed document as text, indented like the input. */
  readonly text: string;
  readonly changes: readonly FixChange[];
  /** Findings fix leaves to the user: ECS.20 on application containers (fix does not choose a user for them). */
  readonly left: readonly LeftFinding[];
}

export interface LeftFinding {
  readonly ruleId: string;
  /** `$.containerDefinitions[2].user`, with the Terraform address first when the file has several task definitions. */
  readonly location: string;
  readonly message: string;
}

export { dropNulls };

/** The indentation of a JSON text: the leading whitespace of its first indented line. @default two spaces */
export function detectIndent(text: string): string {
  const match = /^[ \t]+(?=\S)/m.exec(text);
  return match ? match[0] : '  ';
}

const isContainerArray = (doc: unknown): doc is Json[] => Array.isArray(doc) && doc.length > 0 && doc.every(isObject);

/** The task definition that registers, from a task definition or describe output; the wrapper's tags come along. */
function registrable(copy: Json, describe: boolean, changes: FixChange[]): Json {
  const td = describe ? (copy.taskDefinition as Json) : copy;
  if (describe) {
    changes.push({ description: 'unwrapped the describe-task-definition output into the task definition' });
    if (Array.isArray(copy.tags) && copy.tags.length > 0 && td.tags === undefined) td.tags = copy.tags;
  }
  const dropped = DESCRIBE_ONLY_KEYS.filter((key) => key in td);
  for (const key of dropped) delete td[key];
  if (dropped.length > 0) changes.push({ description: `removed keys only describe-task-definition returns: ${dropped.join(', ')}` });
  return td;
}

/** Fixes a parsed document; the input is not changed. */
export function fixDocument(doc: unknown, options: FixOptions = {}, indent = '  ', source = 'input'): FixResult {
  const changes: FixChange[] = [];
  const copy = JSON.parse(JSON.stringify(doc)) as unknown;
  let output: unknown;
  let reports: SubjectReport[];
  if (isContainerArray(copy)) {
    const nulls = dropNulls(copy);
    if (nulls > 0) changes.push({ description: `removed ${nulls} null value${nulls === 1 ? '' : 's'}` });
    assertTypes(copy.flatMap((c, i) => validateContainerDefinitionShape(c, [i], `container ${i}`)));
    // The task around the array declares the volumes its containers mount already.
    const mounted = (list: readonly Json[]) => [...new Set(list.flatMap((c) => objectsOf(c.mountPoints).map(({ item }) => item.sourceVolume)))];
    const td: Json = { containerDefinitions: copy, volumes: mounted(copy).map((name) => ({ name })) };
    changes.push(...fixTaskDefinition(td, options, { taskLevel: false }));
    output = td.containerDefinitions;
    const wrapped = { containerDefinitions: td.containerDefinitions, volumes: td.volumes, requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc' };
    reports = [checkSubject(taskDefinitionSubject(wrapped, source))];
  } else {
    const kind = detectKind(source, copy);
    if (kind === undefined || kind === 'config') throw FixErrors.notFixable(source, kind ?? 'this input');
    const json = copy as Json;
    if (kind === 'terraform') {
      changes.push(...fixTerraformDocument(json, options));
      output = json;
      reports = terraformSubjects(json, source).map((s) => checkSubject(s));
    } else {
      const td = registrable(json, kind === 'describe-task-definition', changes);
      const nulls = dropNulls(td);
      if (nulls > 0) changes.push({ description: `removed ${nulls} null value${nulls === 1 ? '' : 's'}` });
      assertTypes(validateTaskDefinitionShape(td, {}, kind === 'describe-task-definition' ? ['taskDefinition'] : []));
      changes.push(...fixTaskDefinition(td, options));
      output = td;
      reports = [checkSubject(taskDefinitionSubject(td, source))];
    }
  }
  assertRegistrable(output, kind(output));
  const left = assertPassesCheck(reports, isContainerArray(output));
  return { document: output as Json, text: `${JSON.stringify(output, null, indent)}\n`, changes, left };
}

const kind = (output: unknown): 'containers' | 'terraform' | 'task' =>
  isContainerArray(output) ? 'containers' : isObject(output) && output.resource !== undefined ? 'terraform' : 'task';

/**
 * What fix writes registers: the task definition (or every container of an array or a Terraform resource) matches the
 * RegisterTaskDefinition shape table. A key it does not know, a wrong type or a value outside an enum stays the user's
 * to fix; fix refuses rather than drop it.
 */
function assertRegistrable(output: unknown, as: 'containers' | 'terraform' | 'task'): void {
  let issues: ShapeIssue[];
  if (as === 'containers') issues = (output as Json[]).flatMap((c, i) => validateContainerDefinitionShape(c, [i], `container "${String(c.name)}"`));
  else if (as === 'task') issues = validateTaskDefinitionShape(output);
  else {
    issues = terraformResources(output as Json)
      .filter((r) => r.type === 'aws_ecs_task_definition' && typeof r.body.container_definitions === 'string' && !isTerraformExpression(r.body.container_definitions))
      .flatMap((r) =>
        (JSON.parse(unescapeTerraform(r.body.container_definitions as string)) as unknown[]).flatMap((c, i) =>
          validateContainerDefinitionShape(c, [...r.path, 'container_definitions', i], `container ${i} of ${r.type}.${r.name}`),
        ),
      );
  }
  if (issues.length > 0) throw FixErrors.notRegistrable(issues.map((i) => ({ path: formatPath(i.path), message: i.message, ...(i.expected && { fix: `spell it "${i.expected}"` }) })));
}

/**
 * fix writes only what passes check: every finding that stands after fixing (but ECS.20 on application containers,
 * which fix leaves to the user) makes it refuse. Rules that cannot evaluate a Terraform expression do not count.
 */
function assertPassesCheck(reports: readonly SubjectReport[], containersOnly: boolean): LeftFinding[] {
  const standing = reports.flatMap((report) =>
    report.outcomes
      .filter((o) => o.status === 'non-compliant')
      .flatMap((o) =>
        o.findings
          .filter((f) => f.acceptedReason === undefined && (!containersOnly || f.containerIndex !== undefined))
          .map((f) => ({
            ruleId: o.ruleId,
            // a container array is checked inside a task around it; its paths start at the array
            location: `${reports.length > 1 ? `${report.name} ` : ''}${containersOnly ? f.location.replace(/^\$\.containerDefinitions/, '$') : f.location}`,
            message: f.message,
          })),
      ),
  );
  const problems = standing.filter((f) => f.ruleId !== 'ECS.20').map((f) => ({ path: f.location, message: `${f.ruleId}: ${f.message}` }));
  if (problems.length > 0) throw FixErrors.stillFailing(problems);
  return standing;
}

/** Reads and fixes a file (nothing is written here). */
export function fixFile(file: string, options: FixOptions = {}): FixResult {
  // strict UTF-8: fix writes the text back, so no byte may turn into U+FFFD
  const text = decodeUtf8(file, readFileBytes(file));
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw /\.ya?ml$/i.test(file) ? FixErrors.notFixable(file, 'config') : ComplianceErrors.unparsable(file, 'JSON', (err as Error).message);
  }
  assertFaithfulJson(file, text);
  if (!isObject(doc) && !isContainerArray(doc)) throw ComplianceErrors.unknownInput(file);
  return fixDocument(doc, options, detectIndent(text), file);
}
