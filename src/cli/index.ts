#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { UserError } from '../errors';
import { registerGenerate } from './commands/generate';
import { registerSynth } from './commands/synth';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../../package.json') as { version: string };

export function buildProgram(): Command {
  const program = new Command('ecs-datadog-readonly')
    .description('ECS Fargate services where every container, the Datadog Agent included, has a read-only root filesystem.')
    .version(version)
    .exitOverride();
  registerGenerate(program);
  registerSynth(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[], { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(`error: ${err.describe()}\n`);
      return err.exitCode;
    }
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
