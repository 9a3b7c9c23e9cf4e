#!/usr/bin/env node
/**
 * The `ecs-datadog-readonly` command line.
 *
 * One command per file under `src/cli/commands/`, each exporting `register<Name>(program, io)`: it declares the
 * command, its options and help with commander and keeps its handler thin (the work happens in the library). To add
 * a command, write the file and add its register function to COMMANDS below. Handlers write results with `io.out`,
 * errors go to `io.err`; they throw `UserError` for bad usage or input (exit 2) and set `io.exitCode = EXIT.findings`
 * for drift or findings (exit 1). Heavy libraries (cdktf, @cdktf/provider-aws) are loaded with `await import()`
 * inside the handler that needs them, never at the top of a command file.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, UserError } from '../errors';
import { registerCheck } from './commands/check';
import { registerFix } from './commands/fix';
import { registerGenerate } from './commands/generate';
import { registerSchema } from './commands/schema';
import { registerSynth } from './commands/synth';
import { registerValidate } from './commands/validate';
import { CliIo, errorJson } from './output';
import { packageVersion } from './version';

/** Registers one command on the program. */
export type RegisterCommand = (program: Command, io: CliIo) => void;

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly RegisterCommand[] = [registerGenerate, registerSynth, registerValidate, registerSchema, registerCheck, registerFix];

/** Exit code of an unexpected error: a bug, reported with its stack trace. */
export const EXIT_INTERNAL_ERROR = 3;

export function buildProgram(io: CliIo = new CliIo()): Command {
  const program = new Command('ecs-datadog-readonly')
    .description('ECS Fargate services where every container, the Datadog Agent included, has a read-only root filesystem.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    '\nExit codes: 0 success, 1 findings or drift, 2 bad usage or bad input (nothing written), 3 internal error.\n' +
      'Add --json where a command offers it to get one JSON document on stdout, errors included.\n',
  );
  for (const register of COMMANDS) register(program, io);
  return program;
}

/** Runs the CLI in-process and returns the exit code; it never calls `process.exit`. */
export async function main(argv: readonly string[], io: CliIo = new CliIo()): Promise<number> {
  const json = argv.includes('--json');
  try {
    await buildProgram(io).parseAsync(argv as string[], { from: 'user' });
    return io.exitCode;
  } catch (err) {
    if (err instanceof UserError) {
      io.err(`error: ${err.describe()}\n`);
      if (json) io.json(errorJson(err, err.exitCode));
      return err.exitCode;
    }
    if (err instanceof CommanderError) {
      // commander has printed the message (or the help / version) already
      const code = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
      if (json && code !== EXIT.ok) io.json(errorJson({ message: err.message.replace(/^error: /, '') }, code));
      return code;
    }
    io.err(`internal error (please report it): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_INTERNAL_ERROR;
  }
}

if (require.main === module) {
  // A reader that stops early (`| head`) closes the pipe: stop quietly with the exit code so far, as Unix tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
