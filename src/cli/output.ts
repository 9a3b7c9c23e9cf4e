import { EXIT, type Problem, safeText, UserError } from '../errors';

/**
 * Where a command writes: results to `out` (stdout), errors and progress to `err` (stderr). Commands that find
 * problems (drift, compliance findings) set `exitCode` to 1; `main` returns it. Tests pass their own writers.
 * Everything written to `err` passes `safeText` last (no Datadog-key-shaped value, no control or bidi character), so
 * no message can leak a key or reorder a CI log, whoever built it. `out` carries results (generated files, fixed task
 * definitions), written as they are.
 */
export class CliIo {
  exitCode: number = EXIT.ok;
  readonly err: (text: string) => void;

  constructor(
    readonly out: (text: string) => void = (text) => void process.stdout.write(text),
    err: (text: string) => void = (text) => void process.stderr.write(text),
  ) {
    this.err = (text) => err(safeText(text));
  }

  /** One JSON document on stdout: the machine-readable result of `--json`. */
  json(value: unknown): void {
    this.out(`${JSON.stringify(value, null, 2)}\n`);
  }
}

/** The JSON form of an error, as commands print it with `--json`. */
export function errorJson(err: UserError | { message: string }, exitCode: number): unknown {
  const problems: readonly Problem[] = err instanceof UserError ? err.problems : [];
  return {
    exitCode,
    error: {
      message: safeText(err.message),
      problems: problems.map((p) => ({
        path: safeText(p.path, true),
        message: safeText(p.message, true),
        ...(p.fix && { fix: safeText(p.fix, true) }),
        ...(p.line !== undefined && { line: p.line }),
      })),
    },
  };
}

/** Collects small writes into chunks of about 64 KiB, so a long report is a few writes, not thousands. */
export function bufferedWriter(write: (text: string) => void, chunkChars = 64 * 1024): { write: (text: string) => void; flush: () => void } {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length > 0) write(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write: (text) => {
      parts.push(text);
      size += text.length;
      if (size >= chunkChars) flush();
    },
    flush,
  };
}
