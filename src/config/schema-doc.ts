import { configJsonSchema, type JsonSchema } from './schema';

/**
 * The config key reference as a Markdown table, derived from the JSON Schema: key path, type, required or default,
 * allowed values, description. `ecs-datadog-readonly schema --markdown` prints it; docs/CLI.md embeds it.
 */
export function renderConfigKeyTable(): string {
  const rows: string[][] = [];
  const visit = (schema: JsonSchema, at: string, required: boolean) => {
    if (at !== '') rows.push([`\`${at}\``, typeOf(schema), required ? 'required' : defaultOf(schema), allowedOf(schema), cell(String(schema.description ?? ''))]);
    const props = schema.properties as Record<string, JsonSchema> | undefined;
    if (schema.type === 'object' && props) {
      const req = (schema.required as string[] | undefined) ?? [];
      for (const [key, child] of Object.entries(props)) {
        if (key === '$schema') continue;
        visit(child, at === '' ? key : `${at}.${key}`, req.includes(key));
      }
    }
    const items = schema.items as JsonSchema | undefined;
    if (schema.type === 'array' && items && items.type === 'object') visit({ ...items, description: undefined }, `${at}[]`, false);
  };
  visit(configJsonSchema(), '', false);
  const visible = rows.filter((r) => !r[0].endsWith('[]`') || r[4] !== '');
  const lines = ['| Key | Type | Default | Allowed | Description |', '|---|---|---|---|---|', ...visible.map((r) => `| ${r.join(' | ')} |`)];
  return `${lines.join('\n')}\n`;
}

function typeOf(s: JsonSchema): string {
  if (s.type === 'array') return `list of ${typeOf((s.items ?? {}) as JsonSchema)}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return 'map of string';
  return String(s.type ?? '');
}

function defaultOf(s: JsonSchema): string {
  if (s.default === undefined) return '';
  return cell(`\`${JSON.stringify(s.default)}\``);
}

function allowedOf(s: JsonSchema): string {
  if (Array.isArray(s.enum)) return cell(s.enum.map((v) => String(v)).join(', '));
  if (typeof s.minimum === 'number' && typeof s.maximum === 'number') return `${s.minimum}..${s.maximum}`;
  const names = s.propertyNames as JsonSchema | undefined;
  if (names?.pattern) return cell(`keys \`${String(names.pattern)}\``);
  return '';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
