/**
 * A Mermaid flowchart of the task: containers, task volumes, mounts (read-write or read-only) and start-up
 * dependencies with their condition, drawn from the model.
 */
import type { ResolvedConfig } from '../../config/types';
import type { ContainerDefinition, Volume } from '../../model/ecs-types';
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
