/**
 * Reading the inputs of `check` and `fix`: regular files (or standard input) only, at most MAX_INPUT_BYTES, and
 * directories expanded into the JSON files below them.
 */

import * as fs from 'fs';
import * as path from 'path';
import { ComplianceErrors } from './errors';

/**
 * The largest input read. A task definition is a few KiB and a Terraform plan of a large configuration a few MiB;
 * anything larger is the wrong file, and is refused before it is read (a larger file would cost seconds and GiBs).
 */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** The name `-` stands for standard input. */
export const STDIN = '-';

/** What an input is called in reports: its path, or `<stdin>`. */
export const sourceName = (input: string): string => (input === STDIN ? '<stdin>' : input);

function fileType(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Reads from `fd` until end of input, refusing more than `limit` bytes; `expected` sizes the buffer. */
function readAll(fd: number, name: string, limit: number, expected = 64 * 1024, regular = false): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  // one byte more than expected, so the end of input is read into the same buffer
  let chunk = Buffer.allocUnsafe(Math.min(expected, limit) + 1);
  let used = 0;
  for (;;) {
    if (used === chunk.length) {
      chunks.push(chunk);
      chunk = Buffer.allocUnsafe(Math.min(Math.max(chunk.length, 64 * 1024), limit) + 1);
      used = 0;
    }
    let n: number;
    try {
      n = fs.readSync(fd, chunk, used, chunk.length - used, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // a non-blocking pipe with nothing in it yet: wait briefly for the writer
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break;
      throw ComplianceErrors.unreadable(name, code ?? String(err));
    }
    if (n === 0) break;
    used += n;
    total += n;
    if (total > limit) throw ComplianceErrors.inputTooLarge(name, `more than ${limit}`, limit);
    // a regular file that did not fill the spare byte is read whole: no read for the end of file
    if (regular && used < chunk.length) break;
  }
  chunks.push(chunk.subarray(0, used));
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/** Text of a UTF-8 input; a UTF-8 byte order mark is dropped, UTF-16 is refused with its name. */
function decode(buffer: Buffer, name: string): string {
  if (buffer.length >= 2 && ((buffer[0] === 0xff && buffer[1] === 0xfe) || (buffer[0] === 0xfe && buffer[1] === 0xff))) {
    throw ComplianceErrors.notUtf8(name, 'UTF-16 (it starts with a UTF-16 byte order mark)');
  }
  const start = buffer.length >= 3 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
  if (buffer.indexOf(0, start) !== -1) throw ComplianceErrors.notUtf8(name, 'binary or UTF-16 (it holds NUL bytes)');
  return buffer.toString('utf8', start);
}

/**
 * The text of an input file, or of standard input for `-`. Only a regular file is read (a FIFO, a device or a
 * directory is refused without reading it, so nothing hangs), and at most `limit` bytes. Throws a UserError.
 */
export function readInput(input: string, limit = MAX_INPUT_BYTES): string {
  const name = sourceName(input);
  return decode(input === STDIN ? readAll(0, name, limit) : readFileBytes(input, limit), name);
}

/** The bytes of a regular file of at most `limit` bytes; anything else is refused without reading it. */
export function readFileBytes(file: string, limit = MAX_INPUT_BYTES): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type check below refuses it
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw code === 'ENOENT' || code === 'ENOTDIR' ? ComplianceErrors.notFound(file) : ComplianceErrors.unreadable(file, code);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw ComplianceErrors.notRegularFile(file, fileType(stat));
    if (stat.size > limit) throw ComplianceErrors.inputTooLarge(file, String(stat.size), limit);
    return readAll(fd, file, limit, stat.size, true);
  } finally {
    fs.closeSync(fd);
  }
}

/** Directories `check` does not descend into: version control, package and Terraform caches. */
const SKIPPED_DIRECTORIES = new Set(['.git', '.hg', '.svn', 'node_modules', '.terraform']);

/** Files a directory contributes: JSON (task definitions, describe output, `*.tf.json`, plan JSON). */
const isJsonFile = (name: string): boolean => name.endsWith('.json');

export interface ExpandedInputs {
  /** Files and `-`, in the order given; the files of a directory sorted by path. */
  readonly files: readonly string[];
  /** Files found in a directory (not named on the command line): a JSON document of another kind is skipped there. */
  readonly discovered: ReadonlySet<string>;
  /** Directories without a JSON file below them. */
  readonly emptyDirectories: readonly string[];
}

/**
 * The inputs with each directory replaced by the JSON files below it (recursively, without following symbolic links
 * to directories). A path that does not exist stays, so reading it reports the error.
 */
export function expandInputs(inputs: readonly string[]): ExpandedInputs {
  const files: string[] = [];
  const discovered = new Set<string>();
  const emptyDirectories: string[] = [];
  const seen = new Set<string>();
  const add = (file: string, found: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(file);
    if (found) discovered.add(file);
  };
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      add(dir, false);
      return;
    }
    const names = entries.map((e) => e.name).sort();
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const name of names) {
      const entry = byName.get(name)!;
      const full = path.join(dir, name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(name)) walk(full);
      } else if (isJsonFile(name) && (entry.isFile() || (entry.isSymbolicLink() && isRegularFile(full)))) add(full, true);
    }
  };
  for (const input of inputs) {
    if (input !== STDIN && isDirectory(input)) {
      const before = files.length;
      walk(input);
      if (files.length === before) emptyDirectories.push(input);
    } else add(input, false);
  }
  return { files, discovered, emptyDirectories };
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
