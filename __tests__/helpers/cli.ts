import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli';
import { CliIo } from '../../src/cli/output';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process with captured stdout and stderr. */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = new CliIo(
    (t) => void (stdout += t),
    (t) => void (stderr += t),
  );
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A fresh temporary directory, removed by `removeTempDirs`. */
const created: string[] = [];
export function tempDir(prefix = 'edr-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const d of created.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

/**
 * Every entry under a directory with its type, mode and content hash, sorted: equal strings mean byte-for-byte equal
 * trees. A missing directory hashes to "(missing)".
 */
export function hashTree(dir: string): string {
  if (!fs.existsSync(dir)) return '(missing)';
  const lines: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const name of fs.readdirSync(abs).sort()) {
      const full = path.join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(full);
      if (st.isDirectory()) {
        lines.push(`d ${(st.mode & 0o7777).toString(8)} ${r}`);
        walk(full, r);
      } else if (st.isSymbolicLink()) {
        lines.push(`l ${r} -> ${fs.readlinkSync(full)}`);
      } else {
        lines.push(`f ${(st.mode & 0o7777).toString(8)} ${r} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`);
      }
    }
  };
  walk(dir, '');
  return lines.join('\n');
}

/** Names in a directory (one level), sorted. */
export function listDir(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** Absolute path of a file in the repository. */
export function repoPath(...parts: string[]): string {
  return path.resolve(__dirname, '..', '..', ...parts);
}
