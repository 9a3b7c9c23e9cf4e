import * as fs from 'fs';
import * as path from 'path';
import type { FileSet } from '../render/formats';
import { Errors } from '../errors';
import { compareCodePoints } from '../model/order';
import { MARKER_FILE } from './marker';
import { describeFsError } from './write';

export type DifferenceKind = 'changed' | 'missing' | 'extra';

export interface Difference {
  /** Relative to the output directory, with forward slashes. */
  readonly path: string;
  /** changed: the content differs; missing: generate would create it; extra: generate would remove it. */
  readonly kind: DifferenceKind;
}

/**
 * What `generate` would change in a directory: files whose content differs, files it would add, and files it would
 * remove. The marker file is not compared. Sorted by path. A missing directory means every file is missing.
 */
export function diffOutputDirectory(outDir: string, files: FileSet): Difference[] {
  try {
    return differencesIn(outDir, files);
  } catch (err) {
    throw Errors.outputUnreadable(outDir, describeFsError(err));
  }
}

function differencesIn(outDir: string, files: FileSet): Difference[] {
  const actual = listFiles(outDir);
  const differences: Difference[] = [];
  for (const name of Object.keys(files)) {
    const full = path.join(outDir, ...name.split('/'));
    if (!actual.has(name)) differences.push({ path: name, kind: 'missing' });
    else if (!fs.lstatSync(full).isFile() || !fs.readFileSync(full).equals(Buffer.from(files[name], 'utf8'))) {
      differences.push({ path: name, kind: 'changed' }); // generate writes regular files only
    }
  }
  for (const name of actual) if (!(name in files)) differences.push({ path: name, kind: 'extra' });
  return differences.sort((a, b) => compareCodePoints(a.path, b.path));
}

/** Every entry but a directory (files, links) under a directory, relative; empty when it does not exist. Links are not followed. */
function listFiles(dir: string): Set<string> {
  const out = new Set<string>();
  const walk = (abs: string, rel: string) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) walk(path.join(abs, entry.name), r);
      else if (r !== MARKER_FILE) out.add(r);
    }
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return out;
  }
  if (stat.isDirectory()) walk(dir, '');
  return out;
}
