/** `fix` on Terraform JSON: every aws_ecs_task_definition whose container_definitions is literal JSON. */

import { isTerraformExpression, terraformResources, unescapeTerraform } from '../load';
import { isObject, Json } from '../subject';
import { validateContainerDefinitionShape } from '../shape';
import { assertTypes } from './input-types';
import { dropNulls } from './edit';
import { FixErrors } from './errors';
import { FixChange, FixOptions, fixTaskDefinition } from './fix';

/** Literal text as a Terraform JSON string: `${` → `$${`, `%{` → `%%{`. */
export function escapeTerraform(text: string): string {
  return text.replace(/([$%])\{/g, (_match, sigil: string) => `${sigil}${sigil}{`);
}

/**
 * Fixes the task definitions of a Terraform JSON document in place: container_definitions is rewritten as compact
 * JSON, volumes are added as `volume` blocks. An expression such as `${jsonencode(...)}` cannot be fixed here.
 */
export function fixTerraformDocument(doc: Json, options: FixOptions): FixChange[] {
  const tasks = terraformResources(doc).filter((r) => r.type === 'aws_ecs_task_definition');
  if (tasks.length === 0) throw FixErrors.noTerraformTaskDefinition();
  const changes: FixChange[] = [];
  for (const task of tasks) {
    const address = `${task.type}.${task.name}`;
    const raw = task.body.container_definitions;
    if (typeof raw !== 'string' || isTerraformExpression(raw)) throw FixErrors.terraformExpression(address, String(raw));
    let containers: unknown;
    try {
      containers = JSON.parse(unescapeTerraform(raw));
    } catch (err) {
      throw FixErrors.terraformExpression(address, `not valid JSON: ${(err as Error).message}`);
    }
    const nulls = dropNulls(containers);
    if (!Array.isArray(containers)) throw FixErrors.terraformExpression(address, 'container_definitions is not a JSON list of containers');
    assertTypes(containers.flatMap((c, i) => validateContainerDefinitionShape(c, [...task.path, 'container_definitions', i], `container ${i} of ${address}`)));
    const blocks: Json[] = Array.isArray(task.body.volume) ? task.body.volume.filter(isObject) : isObject(task.body.volume) ? [task.body.volume] : [];
    const td: Json = {
      containerDefinitions: containers,
      volumes: blocks.map((b) => ({ name: unescapeTerraform(String(b.name)) })),
      ...(Array.isArray(task.body.requires_compatibilities) && { requiresCompatibilities: task.body.requires_compatibilities }),
      ...(task.body.execution_role_arn !== undefined && task.body.execution_role_arn !== null && { executionRoleArn: task.body.execution_role_arn }),
    };
    const taskChanges = fixTaskDefinition(td, options);
    if (nulls > 0) taskChanges.unshift({ description: `removed ${nulls} null value${nulls === 1 ? '' : 's'} from container_definitions` });
    if (taskChanges.length === 0) continue;
    task.body.container_definitions = escapeTerraform(JSON.stringify(td.containerDefinitions));
    if (task.body.execution_role_arn === undefined && typeof td.executionRoleArn === 'string') task.body.execution_role_arn = escapeTerraform(td.executionRoleArn);
    const known = new Set(blocks.map((b) => unescapeTerraform(String(b.name))));
    const added = (td.volumes as Json[]).filter((v) => !known.has(v.name as string)).map((v) => ({ name: escapeTerraform(v.name as string) }));
    if (added.length > 0) task.body.volume = [...blocks, ...added];
    changes.push(...taskChanges.map((c) => ({ resource: address, ...c })));
  }
  return changes;
}
