/**
 * User-facing errors. Each factory says what happened, why, and how to fix it. The CLI prints `UserError`s without
 * a stack trace and exits with `exitCode`.
 */

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export interface Problem {
  /** Where: a config path such as `containers[1].port`, or a file name. */
  readonly path: string;
  /** What is wrong, including the allowed values and the value given. */
  readonly message: string;
  /** How to fix it. */
  readonly fix?: string;
}

export class UserError extends Error {
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
    readonly exitCode: number = EXIT.usage,
  ) {
    super(message);
    this.name = 'UserError';
  }

  /** The message followed by one line per problem. */
  describe(): string {
    const lines = [this.message];
    for (const p of this.problems) {
      lines.push(`  ${p.path}: ${p.message}`);
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
};
