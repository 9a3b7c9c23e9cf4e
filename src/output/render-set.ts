import type { ResolvedConfig } from '../config/types';
import { Errors } from '../errors';
import { MARKER_CONTENT, MARKER_FILE } from './marker';
import { ALL_FORMATS, FORMAT_DIRECTORIES_IN_ALL, formatChoices } from '../render/format-names';
import { FORMATS, type FileSet, type OutputFormat } from '../render/formats';

export { ALL_FORMATS, formatChoices } from '../render/format-names';

/**
 * Renders one format, or with `all` every format, each under its directory from `FORMAT_DIRECTORIES_IN_ALL` (with
 * its own marker file).
 * Everything is rendered in memory before anything is written. Formats are rendered one after the other, in
 * registry order, so the result never depends on timing.
 */
export async function renderFormat(format: string, config: ResolvedConfig): Promise<FileSet> {
  const registry = FORMATS as Record<string, OutputFormat>;
  if (format !== ALL_FORMATS) {
    const one = registry[format];
    if (!one) throw Errors.unknownFormat(format, formatChoices());
    return one.render(config);
  }
  const out: FileSet = {};
  for (const name of Object.keys(registry)) {
    const files = await registry[name].render(config);
    const dir = FORMAT_DIRECTORIES_IN_ALL[name];
    for (const [rel, content] of Object.entries(files)) {
      const target = dir ? `${dir}/${rel}` : rel;
      if (target in out) throw Errors.unsafeOutputPath(target, `is produced by two formats (the second is ${name})`);
      out[target] = content;
    }
    // Each format's directory is marked too, so it equals what `--format <name>` writes on its own.
    if (dir) out[`${dir}/${MARKER_FILE}`] = MARKER_CONTENT;
  }
  return out;
}
