/**
 * Writes the fixed file for `fix --out`. Only a regular file is replaced, or a new file created in an existing
 * directory; a symbolic link is refused (it is not followed: pass the file it points to), and so is a directory,
 * device, FIFO or socket. The content goes to a temporary file beside the target first and is renamed over it, so a
 * reader never sees half of it and a failed write (read-only or full disk) leaves the target as it was.
 */

import * as fs from 'fs';
import * as path from 'path';
import { UserError } from '../../errors';

const refused = (file: string, what: string, fix: string) =>
  new UserError(`--out ${file}: ${what}; nothing was written.`, [{ path: '--out', message: what, fix }]);

const REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EIO: 'an input/output error',
  ENAMETOOLONG: 'the file name is too long',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links in the path',
};

const reasonOf = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return REASONS[code] ? `${REASONS[code]} (${code})` : code || String(err);
};

function kindOf(st: fs.Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Throws a UserError (exit 2) unless `file` can be written: a regular file, or a new name in an existing directory. */
export function checkOutputPath(file: string): fs.Stats | undefined {
  let st: fs.Stats | undefined;
  try {
    st = fs.lstatSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw refused(file, `cannot be inspected: ${reasonOf(err)}`, 'pass a path to a regular file in an existing directory');
  }
  if (st?.isSymbolicLink()) throw refused(file, 'is a symbolic link, and fix does not replace or follow links', 'pass the path of the file it points to');
  if (st && !st.isFile()) throw refused(file, `is ${kindOf(st)}, not a regular file`, 'pass a path to a regular file (it is created when missing)');
  const dir = path.dirname(file);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw refused(file, code === 'ENOENT' ? `the directory ${dir} does not exist` : `the directory ${dir} cannot be used: ${reasonOf(err)}`, 'create the directory first, or pass a path in an existing one');
  }
  if (!dirStat.isDirectory()) throw refused(file, `${dir} is not a directory`, 'pass a path in an existing directory');
  return st;
}

/** Writes `content` to `file` through a temporary file and a rename. Throws a UserError (exit 2) on any failure. */
export function atomicWrite(file: string, content: string): void {
  const existing = checkOutputPath(file);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', existing ? existing.mode & 0o7777 : 0o666);
    const bytes = Buffer.from(content, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already failing; the temporary file is removed below
      }
    }
    fs.rmSync(tmp, { force: true });
    throw refused(file, `writing failed: ${reasonOf(err)}`, 'free space or choose a writable location; the previous file, if any, is unchanged');
  }
}
