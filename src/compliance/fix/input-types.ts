/** Input values fix cannot read as ECS would: refused before fixing, with the path in the input. */

import { ShapeIssue } from '../shape';
import { formatPath } from '../subject';
import { FixErrors } from './errors';

/** Issues that make a value unusable as it stands (fix reads these fields), as opposed to keys fix renames or refuses later. */
const TYPE_ISSUES: readonly ShapeIssue['kind'][] = ['wrong-type', 'not-in-enum', 'missing-required', 'union'];

/** Refuses input whose values do not have the types ECS takes: fix cannot rewrite what it cannot read. */
export function assertTypes(issues: readonly ShapeIssue[]): void {
  const wrong = issues.filter((i) => TYPE_ISSUES.includes(i.kind));
  if (wrong.length > 0) throw FixErrors.badInput(wrong.map((i) => ({ path: formatPath(i.path), message: i.message })));
}

