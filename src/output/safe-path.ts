import * as path from 'path';
import { Errors } from '../errors';

/**
 * Checks a renderer's relative file path: forward slashes, no empty, `.` or `..` segment, not absolute, no
 * backslash or NUL. So no file can land outside the output directory.
 */
export function assertSafeRelativePath(file: string): void {
  const reason = unsafeReason(file);
  if (reason) throw Errors.unsafeOutputPath(file, reason);
}

function unsafeReason(file: string): string | undefined {
  if (file === '') return 'is empty';
  if (file.includes('\0')) return 'contains a NUL character';
  if (file.includes('\\')) return 'contains a backslash';
  if (path.posix.isAbsolute(file) || path.win32.isAbsolute(file)) return 'is absolute';
  const segments = file.split('/');
  if (segments.some((s) => s === '..')) return 'leaves the output directory (..)';
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." segment';
  return undefined;
}

/** Every path safe, and no file also used as a directory (`a` and `a/b`). */
export function assertSafeFileSet(files: readonly string[], reserved: readonly string[]): void {
  const set = new Set(files);
  for (const f of files) {
    assertSafeRelativePath(f);
    if (reserved.includes(f)) throw Errors.unsafeOutputPath(f, 'is reserved for the marker file');
    const segments = f.split('/');
    for (let i = 1; i < segments.length; i++) {
      const dir = segments.slice(0, i).join('/');
      if (set.has(dir)) throw Errors.unsafeOutputPath(f, `is inside "${dir}", which is also a file`);
    }
  }
}
