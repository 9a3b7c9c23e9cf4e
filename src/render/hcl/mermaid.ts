/**
 * A Mermaid flowchart of the task: containers, task volumes, mounts (read-write or read-only) and start-up
 * dependencies with their condition, drawn from the model.
 */
import type { ResolvedConfig } from '../../config/types';
import type { ContainerDefinition, Volume } from '../../model/ecs-types';
import type { ModuleSpec } from '../../module/types';
import { containerDefinitions, taskVolumes } from '../../model/task-definition';

/** Text for a quoted Mermaid label: `#`, quotes, `|`, `<`, `>` as Mermaid entity codes; line breaks as spaces. */
export function mermaidText(text: string): string {
  return text
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/\|/g, '#124;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\r?\n|\r/g, ' ');
}

/**
 * Node ids: letters, digits and `_` only, prefixed by kind (so no id is a Mermaid keyword such as `end`), and made
 * unique with a numeric suffix when two names sanitise to the same id.
 */
export class MermaidIds {
  private readonly byKey = new Map<string, string>();
  private readonly used = new Set<string>();

  id(prefix: string, name: string): string {
    const key = `${prefix}\u0000${name}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const base = `${prefix}_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    this.byKey.set(key, id);
    return id;
  }
}

/** Name, then whether the container is essential and whether its root filesystem is read-only. */
function containerLabel(c: ContainerDefinition): string {
  const traits = [c.essential === false ? 'not essential' : 'essential', c.readonlyRootFilesystem ? 'read-only root' : 'writable root'];
  return `${mermaidText(c.name)}<br/>${traits.join(', ')}`;
}

/** The flowchart source (without the code fence). */
export function taskDiagram(containers: readonly ContainerDefinition[], volumes: readonly Volume[]): string {
  const ids = new MermaidIds();
  const container = (name: string) => ids.id('c', name);
  const volume = (name: string) => ids.id('v', name);
  const lines = ['flowchart LR'];
  lines.push('  subgraph containers["Containers"]');
  for (const c of containers) lines.push(`    ${container(c.name)}["${containerLabel(c)}"]`);
  lines.push('  end');
  lines.push('  subgraph volumes["Task volumes"]');
  for (const v of volumes) lines.push(`    ${volume(v.name)}[("${mermaidText(v.name)}")]`);
  lines.push('  end');
  for (const c of containers) {
    for (const m of c.mountPoints ?? []) {
      const access = m.readOnly ? 'ro' : 'rw';
      const arrow = m.readOnly ? '-.->' : '-->';
      lines.push(`  ${container(c.name)} ${arrow}|"${access} ${mermaidText(m.containerPath)}"| ${volume(m.sourceVolume)}`);
    }
  }
  for (const c of containers) {
    for (const d of c.dependsOn ?? []) {
      lines.push(`  ${container(c.name)} ==>|"depends on: ${mermaidText(d.condition)}"| ${container(d.containerName)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The diagram of a config's task. */
export function taskDiagramOf(config: ResolvedConfig): string {
  return taskDiagram(containerDefinitions(config), taskVolumes(config));
}

/** Every text of an expression-bearing value, for reference scanning. */
function valueTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(valueTexts);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(valueTexts);
  return [];
}

const RESOURCE_REF = /\b(aws_[a-z0-9_]+)\.([a-z0-9_]+)/g;

/**
 * A Mermaid flowchart of the module's resources: one node per resource (marked when `count` or `for_each` make it
 * optional or repeated) and an arrow from each resource to those it reads or waits for, through locals too.
 */
export function resourceDiagram(spec: ModuleSpec): string {
  const ids = new MermaidIds();
  const resources = spec.resources.filter((r) => r.kind === 'resource');
  const addresses = new Set(resources.map((r) => `${r.type}.${r.name}`));
  const localTexts = new Map(spec.locals.map((l) => [l.name, valueTexts(l.value).join('\n')]));
  const refsOf = (text: string, seen = new Set<string>()): Set<string> => {
    const out = new Set<string>();
    for (const m of text.matchAll(RESOURCE_REF)) if (addresses.has(`${m[1]}.${m[2]}`)) out.add(`${m[1]}.${m[2]}`);
    for (const m of text.matchAll(/\blocal\.([a-z0-9_]+)/g)) {
      if (seen.has(m[1])) continue;
      seen.add(m[1]);
      for (const a of refsOf(localTexts.get(m[1]) ?? '', seen)) out.add(a);
    }
    return out;
  };
  const lines = ['flowchart LR'];
  for (const r of resources) {
    const note = r.forEach ? '<br/>one per entry' : r.count ? '<br/>optional' : '';
    lines.push(`  ${ids.id('r', `${r.type}.${r.name}`)}["${mermaidText(`${r.type}.${r.name}`)}${note}"]`);
  }
  for (const r of resources) {
    const self = `${r.type}.${r.name}`;
    const text = valueTexts([r.attributes, r.blocks ?? [], r.count ?? null, r.forEach ?? null, r.dependsOn ?? []]).join('\n');
    for (const target of [...refsOf(text)].filter((a) => a !== self).sort()) {
      lines.push(`  ${ids.id('r', self)} --> ${ids.id('r', target)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
