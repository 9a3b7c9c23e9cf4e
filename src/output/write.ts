import { randomBytes } from 'crypto';
import * as nodeFs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Errors, UserError } from '../errors';
import type { FileSet } from '../render/formats';
import { MARKER_CONTENT, MARKER_FILE } from './marker';
import { assertSafeFileSet } from './safe-path';

/** The file system calls the writer makes; tests pass a wrapper that fails part-way. */
export interface OutputFs {
  lstatSync(p: string): nodeFs.Stats;
  readdirSync(p: string): string[];
  mkdirSync(p: string, options?: { recursive?: boolean }): unknown;
  writeFileSync(p: string, data: string, options: { flag: string }): void;
  renameSync(from: string, to: string): void;
  rmSync(p: string, options: { recursive: boolean; force: boolean }): void;
  chmodSync(p: string, mode: number): void;
}

export interface WriteOptions {
  /** Replace a non-empty directory that has no marker file. @default false */
  readonly force?: boolean;
  /** @default node's fs */
  readonly fs?: OutputFs;
  /** Directory the output must not contain. @default process.cwd() */
  readonly cwd?: string;
}

export interface WriteResult {
  /** The output directory, absolute. */
  readonly dir: string;
  /** Files written, relative to `dir`, sorted; the marker file not included. */
  readonly files: readonly string[];
  /** True when a previous directory was replaced. */
  readonly replaced: boolean;
}

/**
 * Writes a whole output directory atomically: every file goes into a new directory beside the target, which then
 * takes the target's place by rename. On any failure the previous directory is untouched and no temporary
 * directory remains. The directory gets a marker file; a non-empty directory without one is only replaced with
 * `force`.
 */
export function writeOutputDirectory(outDir: string, files: FileSet, options: WriteOptions = {}): WriteResult {
  const fs = options.fs ?? nodeFs;
  const dir = path.resolve(outDir);
  const names = Object.keys(files).sort();
  assertSafeFileSet(names, [MARKER_FILE]);
  const existing = inspectTarget(fs, outDir, dir, options);

  const parent = path.dirname(dir);
  const base = path.basename(dir);
  const temp = path.join(parent, `.${base}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const old = path.join(parent, `.${base}.old-${process.pid}-${randomBytes(4).toString('hex')}`);
  const createdParent = firstMissingAncestor(fs, parent);
  try {
    fs.mkdirSync(parent, { recursive: true });
    fs.mkdirSync(temp);
    if (existing) fs.chmodSync(temp, existing.mode & 0o7777);
    for (const name of names) {
      const target = path.join(temp, ...name.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, files[name], { flag: 'wx' });
    }
    fs.writeFileSync(path.join(temp, MARKER_FILE), MARKER_CONTENT, { flag: 'wx' });
    if (existing) {
      fs.renameSync(dir, old);
      try {
        fs.renameSync(temp, dir);
      } catch (err) {
        try {
          fs.renameSync(old, dir);
        } catch {
          throw Errors.writeFailedPreviousMoved(outDir, describeFsError(err), old);
        }
        throw err;
      }
    } else {
      fs.renameSync(temp, dir);
    }
  } catch (err) {
    removeQuietly(fs, temp);
    if (createdParent) removeQuietly(fs, createdParent);
    if (err instanceof UserError) throw err;
    throw Errors.writeFailed(outDir, describeFsError(err));
  }
  if (existing) removeQuietly(fs, old);
  return { dir, files: names, replaced: existing !== undefined };
}

/** The existing target's stats, or undefined when there is none; throws when it must not be replaced. */
function inspectTarget(fs: OutputFs, outDir: string, dir: string, options: WriteOptions): nodeFs.Stats | undefined {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (cwd === dir || cwd.startsWith(dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`)) {
    throw Errors.outputContainsWorkingDirectory(outDir);
  }
  if (dir === path.resolve(os.homedir())) throw Errors.outputProtected(outDir, 'is your home directory');
  let stat: nodeFs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw Errors.writeFailed(outDir, describeFsError(err));
  }
  if (stat.isSymbolicLink()) throw Errors.outputIsSymlink(outDir);
  if (!stat.isDirectory()) throw Errors.outputIsNotDirectory(outDir);
  const entries = fs.readdirSync(dir);
  if (entries.length === 0 || entries.includes(MARKER_FILE)) return stat;
  if (entries.includes('.git')) throw Errors.outputProtected(outDir, 'holds a .git directory');
  if (!options.force) throw Errors.outputNotGenerated(outDir, MARKER_FILE);
  return stat;
}

/** The outermost directory of `dir` that does not exist yet (the one `mkdir -p` would create first), if any. */
function firstMissingAncestor(fs: OutputFs, dir: string): string | undefined {
  let missing: string | undefined;
  for (let d = dir; ; d = path.dirname(d)) {
    try {
      fs.lstatSync(d);
      return missing;
    } catch {
      missing = d;
    }
    if (path.dirname(d) === d) return missing;
  }
}

function removeQuietly(fs: OutputFs, p: string): void {
  try {
    fs.rmSync(p, { recursive: true, force: true });
  } catch {
    // best effort: the output itself is already consistent
  }
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.message}` : String(e?.message ?? err);
}
