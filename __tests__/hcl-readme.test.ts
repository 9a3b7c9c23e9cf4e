import { format } from '@cdktf/hcl-tools';
import { parse } from '@cdktf/hcl2json';
import type { ResolvedConfig } from '../src/config/types';
import { moduleSpec } from '../src/module/spec';
import type { ModuleSpec } from '../src/module/types';
import { containerDefinitions, taskVolumes } from '../src/model/task-definition';
import { renderModuleFiles } from '../src/render/hcl';
import { BEGIN_TF_DOCS, cellCode, cellText, END_TF_DOCS } from '../src/render/hcl/docs';
import { MermaidIds, mermaidText, taskDiagram } from '../src/render/hcl/mermaid';
import { CONFIGS } from './support/configs';

/** The rows of the markdown table under `## <heading>` inside the terraform-docs markers, split into cells. */
function tableRows(readme: string, heading: string): string[][] {
  const docs = readme.slice(readme.indexOf(BEGIN_TF_DOCS), readme.indexOf(END_TF_DOCS));
  const section = docs.split(`\n## ${heading}\n`)[1].split('\n## ')[0];
  const lines = section.split('\n').filter((l) => l.startsWith('|'));
  return lines.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim()),
  );
}

function mermaidBlock(readme: string): string {
  const match = /```mermaid\n([\s\S]*?)```/.exec(readme);
  if (!match) throw new Error('no mermaid block');
  return match[1];
}

/** Node id of a node declared with a label starting with `label`. */
function nodeId(diagram: string, label: string): string {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`^\\s+(\\S+)\\[\\(?"${escaped}[<"]`, 'm').exec(diagram);
  if (!match) throw new Error(`no node labelled ${label}`);
  return match[1];
}

describe.each(Object.entries(CONFIGS))('README of the HCL module: %s', (_name, config: ResolvedConfig) => {
  const spec: ModuleSpec = moduleSpec(config);
  const readme = renderModuleFiles(spec, config)['README.md'];

  it('says what the module is and shows a canonical module block with its source', async () => {
    expect(readme.startsWith(`# ${spec.name}\n\n${spec.description}\n`)).toBe(true);
    const usage = /```hcl\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(await format(usage)).toBe(usage);
    const parsed = await parse('usage.tf', usage);
    const [call] = Object.values(parsed.module as Record<string, { source: string }[]>);
    expect(call[0].source).toBe(`./modules/${spec.name}`);
  });

  it('has terraform-docs markers, each once, in order', () => {
    expect(readme.split(BEGIN_TF_DOCS)).toHaveLength(2);
    expect(readme.split(END_TF_DOCS)).toHaveLength(2);
    expect(readme.indexOf(BEGIN_TF_DOCS)).toBeLessThan(readme.indexOf(END_TF_DOCS));
    for (const heading of ['Requirements', 'Providers', 'Modules', 'Resources', 'Inputs', 'Outputs']) {
      expect(readme).toContain(`\n## ${heading}\n`);
    }
  });

  it('lists every variable once with description, type, default and whether it is required', () => {
    const rows = tableRows(readme, 'Inputs');
    expect(rows).toHaveLength(spec.variables.length);
    for (const v of spec.variables) {
      const row = rows.find((r) => r[0].startsWith(`<a name="input_${v.name}"></a>`));
      expect(row).toBeDefined();
      const [, description, type, defaultCell, required] = row as string[];
      expect(description).toBe(cellText(v.description));
      expect(type).toBe(cellCode(v.type));
      expect(required).toBe(v.default === undefined ? 'yes' : 'no');
      if (v.default === undefined) expect(defaultCell).toBe('n/a');
      else expect(defaultCell).not.toBe('n/a');
    }
    const names = rows.map((r) => /input_([a-z0-9_]+)/.exec(r[0])?.[1]);
    expect(names).toEqual([...names].sort());
  });

  it('lists requirements, every resource and every output', () => {
    expect(tableRows(readme, 'Requirements').map((r) => r[1])).toEqual([spec.requiredVersion, ...Object.values(spec.requiredProviders).map((p) => p.version)]);
    const resources = tableRows(readme, 'Resources');
    expect(resources).toHaveLength(spec.resources.length);
    for (const r of spec.resources) {
      const row = resources.find((cells) => cells[0].startsWith(`[${r.type}.${r.name}]`));
      expect(row?.[1]).toBe(r.kind === 'data' ? 'data source' : 'resource');
    }
    const outputs = tableRows(readme, 'Outputs');
    expect(outputs.map((r) => /output_([a-z0-9_]+)/.exec(r[0])?.[1]).sort()).toEqual(spec.outputs.map((o) => o.name).sort());
  });

  it('draws every container, volume, mount and dependency of the task', () => {
    const diagram = mermaidBlock(readme);
    expect(diagram.startsWith('flowchart LR\n')).toBe(true);
    const containers = containerDefinitions(config);
    const volumes = taskVolumes(config);
    for (const c of containers) nodeId(diagram, c.name);
    for (const v of volumes) nodeId(diagram, v.name);
    for (const c of containers) {
      const from = nodeId(diagram, c.name);
      for (const m of c.mountPoints ?? []) {
        const arrow = m.readOnly ? '-.->' : '-->';
        expect(diagram).toContain(`${from} ${arrow}|"${m.readOnly ? 'ro' : 'rw'} ${m.containerPath}"| ${nodeId(diagram, m.sourceVolume)}\n`);
      }
      for (const d of c.dependsOn ?? []) {
        expect(diagram).toContain(`${from} ==>|"depends on: ${d.condition}"| ${nodeId(diagram, d.containerName)}\n`);
      }
    }
    const mounts = containers.reduce((n, c) => n + (c.mountPoints ?? []).length, 0);
    const dependencies = containers.reduce((n, c) => n + (c.dependsOn ?? []).length, 0);
    expect(diagram.match(/ (-->|-\.->)\|/g)).toHaveLength(mounts);
    expect(diagram.match(/ ==>\|/g)).toHaveLength(dependencies);
  });
});

describe('Mermaid', () => {
  it('sanitises node ids and keeps them unique', () => {
    const ids = new MermaidIds();
    const a = ids.id('c', 'web-api');
    const b = ids.id('c', 'web_api');
    const c = ids.id('c', 'web.api');
    expect([a, b, c]).toEqual(['c_web_api', 'c_web_api_2', 'c_web_api_3']);
    expect(ids.id('c', 'web-api')).toBe(a);
    expect(ids.id('v', 'end')).toBe('v_end');
  });

  it('escapes label text', () => {
    expect(mermaidText('a "b" <c> #d|\ne')).toBe('a #quot;b#quot; #lt;c#gt; #35;d#124; e');
  });

  it('never lets a name break out of its node or edge', () => {
    const diagram = taskDiagram(
      [
        {
          name: 'x"] --> evil["y',
          image: 'i',
          essential: false,
          mountPoints: [{ sourceVolume: 'v|1', containerPath: '/a"|b', readOnly: true }],
        },
      ],
      [{ name: 'v|1' }],
    );
    for (const line of diagram.trim().split('\n').slice(1)) {
      expect(line).toMatch(/^\s+(subgraph \w+\["[^"]*"\]|end|[A-Za-z0-9_]+(\["[^"]*"\]|\[\("[^"]*"\)\])|[A-Za-z0-9_]+ (-->|-\.->|==>)\|"[^"|]*"\| [A-Za-z0-9_]+)$/);
    }
  });
});

describe('table cells', () => {
  it('escapes pipes, HTML and line breaks', () => {
    expect(cellText('a | b <c> & d\ne')).toBe('a \\| b &lt;c> &amp; d<br>e');
    expect(cellCode('list(string)')).toBe('`list(string)`');
    expect(cellCode('a`b')).toBe('`` a`b ``');
    expect(cellCode('{\n  a = "<x>"\n}')).toBe('<pre>{<br/>  a = "&lt;x>"<br/>}</pre>');
  });
});
