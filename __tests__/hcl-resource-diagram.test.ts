/** The README's resource diagram: every resource of the module once, and an arrow for each reference between them. */
import { EMBEDDED_DEFAULT_CONFIG, resolveConfig } from '../src/config/defaults';
import { moduleSpec } from '../src/module/spec';
import type { ModuleSpec } from '../src/module/types';
import { renderModuleFiles } from '../src/render/hcl';
import { resourceDiagram } from '../src/render/hcl/mermaid';

const config = resolveConfig(EMBEDDED_DEFAULT_CONFIG);
const spec = moduleSpec(config);
const diagram = resourceDiagram(spec);
const id = (address: string) => `r_${address.replace(/\./g, '_')}`;
const edge = (from: string, to: string) => `  ${id(from)} --> ${id(to)}\n`;

test('every resource is a node, marked when count or for_each make it optional or repeated', () => {
  const resources = spec.resources.filter((r) => r.kind === 'resource');
  for (const r of resources) {
    const note = r.forEach ? '<br/>one per entry' : r.count ? '<br/>optional' : '';
    expect(diagram).toContain(`  ${id(`${r.type}.${r.name}`)}["${r.type}.${r.name}${note}"]\n`);
  }
  expect(diagram.match(/\["/g)).toHaveLength(resources.length);
  expect(diagram).not.toContain('data_aws');
});

test('arrows follow references, through locals and depends_on', () => {
  expect(diagram).toContain(edge('aws_ecs_service.this', 'aws_ecs_task_definition.this'));
  // through local.execution_role_arn
  expect(diagram).toContain(edge('aws_ecs_task_definition.this', 'aws_iam_role.execution'));
  expect(diagram).toContain(edge('aws_vpc_security_group_ingress_rule.this', 'aws_security_group.this'));
  expect(diagram).toContain(edge('aws_appautoscaling_policy.this', 'aws_appautoscaling_target.this'));
  // depends_on
  expect(diagram).toContain(edge('aws_appautoscaling_target.this', 'aws_ecs_service.this'));
  expect(diagram).not.toContain(edge('aws_ecs_task_definition.this', 'aws_ecs_service.this'));
});

test('a resource without references has no arrow, and the diagram is in the README', () => {
  const alone: ModuleSpec = { ...spec, resources: spec.resources.filter((r) => r.type === 'aws_cloudwatch_log_group') };
  expect(resourceDiagram(alone)).toBe('flowchart LR\n  r_aws_cloudwatch_log_group_this["aws_cloudwatch_log_group.this"]\n');
  expect(renderModuleFiles(spec, config)['README.md']).toContain(`\`\`\`mermaid\n${diagram}\`\`\``);
});
