import { randomBytes } from 'crypto';
import * as nodeFs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Errors, UserError } from '../errors';
import { compareCodePoints } from '../model/order';
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
  /** Files that must survive, such as the config being read: a target directory that holds one is refused. @default [] */
  readonly keep?: readonly string[];
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
  const names = Object.keys(files).sort(compareCodePoints);
  assertSafeFileSet(names, [MARKER_FILE]);
  recoverInterruptedRun(fs, outDir, dir);
  const existing = inspectTarget(fs, outDir, dir, options);

  const parent = path.dirname(dir);
  const base = path.basename(dir);
  const temp = path.join(parent, `${leftoverPrefix(base, 'tmp')}${process.pid}-${randomBytes(4).toString('hex')}`);
  const old = path.join(parent, `${leftoverPrefix(base, 'old')}${process.pid}-${randomBytes(4).toString('hex')}`);
  const createdParent = firstMissingAncestor(fs, parent);
  try {
    fs.mkdirSync(parent, { recursive: true });
    fs.mkdirSync(temp);
    for (const name of names) {
      const target = path.join(temp, ...name.split('/'));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, files[name], { flag: 'wx' });
    }
    fs.writeFileSync(path.join(temp, MARKER_FILE), MARKER_CONTENT, { flag: 'wx' });
    // the previous mode (a 0555 directory stays 0555), set only once every file is in
    if (existing) fs.chmodSync(temp, existing.mode & 0o7777);
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

/** The name start of the directories a run keeps beside the target: `.DIR.tmp-` (being written), `.DIR.old-` (replaced). */
function leftoverPrefix(base: string, kind: 'tmp' | 'old'): string {
  return `.${base}.${kind}-`;
}

/** The process id in a leftover's name (`<prefix><pid>-<random>`), if it has one. */
function leftoverPid(name: string, prefix: string): number | undefined {
  const match = /^(\d+)-[0-9a-f]+$/.exec(name.slice(prefix.length));
  return match ? Number(match[1]) : undefined;
}

/** Whether the run that made a leftover may still be going: another process that is alive. This process writes synchronously, so its own leftovers are stale. */
function runMayBeGoing(pid: number | undefined): boolean {
  if (pid === undefined || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Cleans up after a run that was killed: when the target is missing but a replaced copy (`.DIR.old-*`) remains, the
 * kill came between the two renames, so that copy (the newest) is the previous output and is moved back; then
 * leftovers of runs that are no longer going are removed. The previous output is never deleted.
 */
function recoverInterruptedRun(fs: OutputFs, outDir: string, dir: string): void {
  const parent = path.dirname(dir);
  const base = path.basename(dir);
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return; // a missing parent has no leftovers; any other problem shows when writing
  }
  const tmpPrefix = leftoverPrefix(base, 'tmp');
  const oldPrefix = leftoverPrefix(base, 'old');
  const stale = (prefix: string) =>
    names.filter((n) => n.startsWith(prefix) && leftoverPid(n, prefix) !== undefined && !runMayBeGoing(leftoverPid(n, prefix)));
  const olds = stale(oldPrefix);
  if (olds.length > 0 && !names.includes(base)) {
    const newest = olds
      .map((n) => ({ n, mtime: fs.lstatSync(path.join(parent, n)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime || compareCodePoints(a.n, b.n))[0].n;
    try {
      fs.renameSync(path.join(parent, newest), dir);
    } catch (err) {
      throw Errors.interruptedRunNotRestored(outDir, describeFsError(err), path.join(parent, newest));
    }
    olds.splice(olds.indexOf(newest), 1);
  }
  for (const n of [...stale(tmpPrefix), ...olds]) removeQuietly(fs, path.join(parent, n));
}

/** The existing target's stats, or undefined when there is none; throws when it must not be replaced. */
function inspectTarget(fs: OutputFs, outDir: string, dir: string, options: WriteOptions): nodeFs.Stats | undefined {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  if (cwd === dir || cwd.startsWith(dir.endsWith(path.sep) ? dir : `${dir}${path.sep}`)) {
    throw Errors.outputContainsWorkingDirectory(outDir);
  }
  if (dir === path.resolve(os.homedir())) throw Errors.outputProtected(outDir, 'is your home directory');
  for (const file of options.keep ?? []) {
    const kept = realOrResolved(file);
    const real = realOrResolved(dir);
    if (kept === real || kept.startsWith(`${real}${path.sep}`)) throw Errors.outputHoldsInput(outDir, file);
  }
  let stat: nodeFs.Stats;
  try {
    stat = fs.lstatSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw Errors.writeFailed(outDir, describeFsError(err));
  }
  if (stat.isSymbolicLink()) throw Errors.outputIsSymlink(outDir);
  if (!stat.isDirectory()) throw Errors.outputIsNotDirectory(outDir);
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch (err) {
    throw Errors.writeFailed(outDir, describeFsError(err));
  }
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

/** The path with symbolic links resolved, or only made absolute when it does not exist. */
function realOrResolved(p: string): string {
  try {
    return nodeFs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

/** Removes a tree this tool wrote, read-only directories in it included (a 0555 output keeps its mode). */
function removeQuietly(fs: OutputFs, p: string): void {
  try {
    fs.rmSync(p, { recursive: true, force: true });
    return;
  } catch {
    // a directory without write permission: make the tree writable, then try again
  }
  try {
    makeWritable(fs, p);
    fs.rmSync(p, { recursive: true, force: true });
  } catch {
    // best effort: the output itself is already consistent
  }
}

function makeWritable(fs: OutputFs, p: string): void {
  const stat = fs.lstatSync(p);
  if (!stat.isDirectory()) return;
  fs.chmodSync(p, (stat.mode & 0o7777) | 0o700);
  for (const name of fs.readdirSync(p)) makeWritable(fs, path.join(p, name));
}

/** What went wrong, in words first (the cause a user can act on), then the system's code and path. */
export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (!e?.code) return String(e?.message ?? err);
  const where = e.path ? ` (${e.syscall ?? 'access'} ${e.path})` : '';
  const cause = FS_CAUSES[e.code];
  return cause ? `${e.code}: ${cause}${where}` : `${e.code}: ${e.message}`;
}

const FS_CAUSES: Readonly<Record<string, string>> = {
  EACCES: 'permission denied (generate builds the new directory beside the target and renames it, so it needs write access to the parent directory)',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file is in the way',
  EIO: 'an input/output error of the device',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links in the path',
  EMFILE: 'too many open files',
};
