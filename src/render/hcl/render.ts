/**
 * The standalone Terraform module in HCL, rendered from the Handlebars templates in `templates/`: standard module
 * structure (versions, variables, resources by file, outputs, README, examples, LICENSE), canonical `terraform fmt`
 * layout, byte-for-byte deterministic.
 */
import type { ResolvedConfig } from '../../config/types';
import type { ModuleSpec, OutputSpec, Value, VariableSpec } from '../../module/types';
import type { FileSet } from '../formats';
import { attributeViews, blockView, header, resourceView, type AttributeView, type BlockView } from './blocks';
import { BEGIN_TF_DOCS, codeFence, docsView, END_TF_DOCS, withoutDocsMarkers } from './docs';
import { exampleCalls } from './examples';
import { resourceDiagram, taskDiagramOf } from './mermaid';
import { renderTemplate } from './templates';

/** The file that holds the locals and the resources without a file of their own. */
export const MAIN_FILE = 'main.tf';
export const FIXED_FILES = ['versions.tf', 'variables.tf', 'outputs.tf', 'README.md', 'LICENSE'] as const;

function variableView(v: VariableSpec): { name: string; attributes: AttributeView[]; validations: AttributeView[][] } {
  return {
    name: v.name,
    attributes: attributeViews(
      [
        ['description', v.description],
        ['type', { expr: v.type }],
        ['default', v.default],
        ['nullable', v.nullable],
      ],
      1,
    ),
    validations: v.validations.map((rule) =>
      attributeViews(
        [
          ['condition', { expr: rule.condition }],
          ['error_message', rule.errorMessage],
        ],
        2,
      ),
    ),
  };
}

function outputView(o: OutputSpec): { name: string; attributes: AttributeView[] } {
  return {
    name: o.name,
    attributes: attributeViews(
      [
        ['description', o.description],
        ['value', o.value],
        ['sensitive', o.sensitive],
      ],
      1,
    ),
  };
}

function providerAttributes(spec: ModuleSpec, depth: number): AttributeView[] {
  const providers = Object.keys(spec.requiredProviders).sort();
  return attributeViews(
    providers.map((p) => [p, { source: spec.requiredProviders[p].source, version: spec.requiredProviders[p].version }] as const),
    depth,
  );
}

function versionsContext(spec: ModuleSpec): { versionAttributes: AttributeView[]; providers: AttributeView[] } {
  return { versionAttributes: attributeViews([['required_version', spec.requiredVersion]], 1), providers: providerAttributes(spec, 2) };
}

function moduleBlock(name: string, source: string, inputs: readonly (readonly [string, Value])[]): BlockView {
  return blockView(0, header('module', name), [[['source', source]], inputs]);
}

/** Module call name in examples and usage: the module name as an identifier. */
function callName(spec: ModuleSpec): string {
  const name = spec.name.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(name) ? name : `m_${name}`;
}

/** Resource files (`main.tf` always), each with its blocks in spec order; locals open `main.tf`. */
function resourceFiles(spec: ModuleSpec): FileSet {
  const blocks = new Map<string, BlockView[]>([[MAIN_FILE, []]]);
  if (spec.locals.length > 0) {
    blocks.get(MAIN_FILE)?.push(blockView(0, 'locals', [spec.locals.map((l) => [l.name, l.value] as const)]));
  }
  for (const r of spec.resources) {
    if (!/^[a-z0-9_-]+\.tf$/.test(r.file) || (FIXED_FILES as readonly string[]).includes(r.file)) {
      throw new Error(`resource ${r.type}.${r.name}: file "${r.file}" is not a resource file name (<name>.tf, not ${FIXED_FILES.join(', ')})`);
    }
    const list = blocks.get(r.file) ?? [];
    list.push(resourceView(r));
    blocks.set(r.file, list);
  }
  const files: FileSet = {};
  for (const [file, list] of blocks) files[file] = renderTemplate('resources.tf.hbs', { blocks: list });
  return files;
}

/** Every file of the HCL module for `spec`, keyed by relative path, in sorted order. */
export function renderModuleFiles(spec: ModuleSpec, config: ResolvedConfig): FileSet {
  const files: FileSet = {
    'versions.tf': renderTemplate('versions.tf.hbs', versionsContext(spec)),
    'variables.tf': renderTemplate('variables.tf.hbs', { variables: spec.variables.map(variableView) }),
    ...resourceFiles(spec),
    'outputs.tf': renderTemplate('outputs.tf.hbs', { outputs: spec.outputs.map(outputView) }),
    LICENSE: renderTemplate('LICENSE.hbs', {}),
  };
  const calls = exampleCalls(spec, config);
  for (const call of calls) {
    files[`examples/${call.folder}/main.tf`] = renderTemplate('example.tf.hbs', {
      ...versionsContext(spec),
      providerAttributes: attributeViews([['region', config.region]], 1),
      module: moduleBlock(callName(spec), '../..', call.inputs),
    });
  }
  const usageSource = `./modules/${spec.name}`;
  const usage = withoutDocsMarkers(renderTemplate('resources.tf.hbs', { blocks: [moduleBlock(callName(spec), usageSource, calls[0].inputs)] }));
  files['README.md'] = renderTemplate('README.md.hbs', {
    title: spec.name,
    description: spec.description,
    usage,
    usageFence: codeFence(usage),
    usageSource,
    diagram: taskDiagramOf(config),
    resourceDiagram: resourceDiagram(spec),
    beginDocs: BEGIN_TF_DOCS,
    endDocs: END_TF_DOCS,
    docs: docsView(spec),
  });
  const sorted: FileSet = {};
  for (const path of Object.keys(files).sort()) sorted[path] = files[path];
  return sorted;
}

