/**
 * User-facing errors. Each factory says what happened, why, and how to fix it. The CLI prints `UserError`s without
 * a stack trace and exits with `exitCode`.
 */

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** What a message shows instead of a Datadog API key (32 hex digits) or application key (40 hex digits). */
export const KEY_HIDDEN = '(a value that looks like a Datadog key; not shown)';

/** A run of exactly 32 or 40 hex digits: the shape of a Datadog API key or application key. */
const DATADOG_KEY_SHAPED = /(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{40}|[0-9A-Fa-f]{32})(?![0-9A-Fa-f])/g;

/** Replaces every Datadog-key-shaped run of hex digits. Digests (64 hex digits) and shorter ids stay. */
export function redactKeys(text: string): string {
  return text.replace(DATADOG_KEY_SHAPED, KEY_HIDDEN);
}

/**
 * Characters a terminal or CI log would act on instead of showing: C0 and C1 controls, DEL, the line and paragraph
 * separators, the bidi marks, embeddings, overrides and isolates, lone surrogates. Newline and tab stay unless
 * `singleLine`.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const LINE_BREAKS = /[\n\t]/g;

function escapeUnit(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text safe to print: key-shaped values hidden, unsafe characters as `\uNNNN` escapes. */
export function safeText(text: string, singleLine = false): string {
  const escaped = redactKeys(text).replace(UNSAFE_TEXT, escapeUnit);
  return singleLine ? escaped.replace(LINE_BREAKS, (ch) => (ch === '\n' ? '\\n' : '\\t')) : escaped;
}

function safeProblem(p: Problem): Problem {
  return {
    ...p,
    path: safeText(p.path, true),
    message: safeText(p.message, true),
    ...(p.fix !== undefined && { fix: safeText(p.fix, true) }),
    ...(p.line !== undefined && { line: p.line }),
  };
}

export interface Problem {
  /** Where: a config path such as `containers[1].port`, or a file name. */
  readonly path: string;
  /** What is wrong, including the allowed values and the value given. */
  readonly message: string;
  /** How to fix it. */
  readonly fix?: string;
  /** 1-based line in the config file, when known. */
  readonly line?: number;
}

/** An error the user can fix. Its message and problems are made safe to print here: no key-shaped value, no control or bidi character. */
export class UserError extends Error {
  readonly problems: readonly Problem[];

  constructor(
    message: string,
    problems: readonly Problem[] = [],
    readonly exitCode: number = EXIT.usage,
  ) {
    super(safeText(message));
    this.name = 'UserError';
    this.problems = problems.map(safeProblem);
  }

  /** The message followed by one line per problem. */
  describe(): string {
    const lines = [this.message];
    for (const p of this.problems) {
      lines.push(`  ${p.path}: ${p.message}${p.line === undefined ? '' : ` (line ${p.line})`}`);
      if (p.fix) lines.push(`    fix: ${p.fix}`);
    }
    return lines.join('\n');
  }
}

export const Errors = {
  invalidConfig: (source: string, problems: readonly Problem[]) =>
    new UserError(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the config, nothing was written.`, problems),
  configNotFound: (file: string) =>
    new UserError(`${file}: no such file. Pass an existing YAML or JSON config with --config, or leave --config out to use the embedded default.`),
  configIsDirectory: (file: string) =>
    new UserError(`${file}: is a directory, not a config file. Pass a YAML or JSON file with --config.`),
  configUnreadable: (file: string, reason: string) => new UserError(`${file}: cannot be read (${reason}).`),
  unknownFormat: (format: string, allowed: readonly string[]) =>
    new UserError(`--format: must be one of ${allowed.join(', ')}, got "${format}".`),
  configEmpty: (file: string) =>
    new UserError(`${file}: the config is empty. Write at least "name" and "datadog.apiKeySecretArn" (see examples/basic.yaml).`),
  configTooLarge: (file: string, bytes: number, limit: number) =>
    new UserError(`${file}: is ${bytes} bytes; a config is at most ${limit} bytes. Pass the YAML or JSON config file, not a generated or binary file.`),
  configNotText: (file: string) =>
    new UserError(`${file}: is not a text file (it holds NUL bytes). Pass the YAML or JSON config file.`),
  /** Thrown from a construct: the message itself lists the problems, since a construct error is shown as a stack trace. */
  invalidProps: (construct: string, problems: readonly Problem[]) =>
    new UserError(new UserError(`${construct}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the props.`, problems).describe()),
  subnetsRequired: (source: string) =>
    new UserError(`${source}: the deployable stack needs subnets, nothing was written.`, [
      {
        path: 'network.subnetIds',
        message: 'is empty: an awsvpc service without subnets plans but cannot be created',
        fix: 'list the subnets of the service, e.g. network: { subnetIds: [subnet-0123456789abcdef0] }, or use generate --format hcl, whose subnet_ids variable is set at deploy time',
      },
    ]),
  frameworkMissing: (what: string, missing: readonly string[], install: string) =>
    new UserError(
      `${what} needs the CDKTF packages, which are optional peer dependencies and not installed (missing: ${missing.join(', ')}). Nothing was written. Install them with:\n  ${install}`,
    ),
  configNotRegularFile: (file: string, kind: string) =>
    new UserError(`${file}: is ${kind}, not a regular file; a config is read only from a regular file (at most 1 MiB). Save the config to a file and pass that.`),
  configNotUtf8: (file: string, what: string) =>
    new UserError(`${file}: ${what}; a config must be UTF-8 text (a UTF-8 byte order mark is fine). Save it as UTF-8 (in most editors: save with encoding UTF-8).`),
  configSyntax: (file: string, problems: readonly Problem[]) =>
    new UserError(`${file}: not valid YAML or JSON, nothing was written.`, problems),
  outputIsNotDirectory: (dir: string) =>
    new UserError(`--out ${dir}: exists and is not a directory. Pass a directory (it is created when missing).`),
  outputIsSymlink: (dir: string) =>
    new UserError(`--out ${dir}: is a symbolic link. Pass the directory it points to, so the link is not replaced by a directory.`),
  outputNotGenerated: (dir: string, marker: string) =>
    new UserError(
      `--out ${dir}: is not empty and was not generated by ecs-datadog-readonly (no ${marker} file), so it was left untouched. ` +
        'Pass an empty or new directory, or --force to replace its whole content.',
    ),
  outputContainsWorkingDirectory: (dir: string) =>
    new UserError(
      `--out ${dir}: is the current directory or one of its parents; generate replaces the whole output directory, even with --force. Pass a subdirectory such as --out dist.`,
    ),
  outputProtected: (dir: string, reason: string) =>
    new UserError(`--out ${dir}: ${reason}; generate replaces the whole output directory, so it refuses this one even with --force. Pass a dedicated directory such as --out dist.`),
  unsafeOutputPath: (file: string, reason: string) =>
    new UserError(`a renderer produced the file path "${file}", which ${reason}. Nothing was written; this is a bug, please report it.`),
  writeFailedPreviousMoved: (dir: string, reason: string, movedTo: string) =>
    new UserError(`--out ${dir}: writing failed (${reason}) and the previous content could not be moved back; it is in ${movedTo}.`),
  outputHoldsInput: (dir: string, file: string) =>
    new UserError(
      `--out ${dir}: holds ${file}, which this run reads; generate replaces the whole output directory, so it refuses this one even with --force. Move the file out of ${dir}, or pass another --out.`,
    ),
  interruptedRunNotRestored: (dir: string, reason: string, movedTo: string) =>
    new UserError(`--out ${dir}: an earlier run was interrupted while replacing it, and moving its previous content back failed (${reason}); that content is in ${movedTo}. Move it back to ${dir}, then run again.`),
  synthWriteFailed: (dir: string, reason: string) =>
    new UserError(`--out ${dir}: synth could not write (${reason}); what it wrote there may be incomplete. Fix the cause and run synth again.`),
  outputUnreadable: (dir: string, reason: string) => new UserError(`--out ${dir}: cannot be compared (${reason}).`),
  writeFailed: (dir: string, reason: string) =>
    new UserError(`--out ${dir}: writing failed (${reason}); the previous content is unchanged and no temporary files remain.`),
};
