import type { Command } from 'commander';
import { renderConfigJsonSchema } from '../../config/schema';
import { renderConfigKeyTable } from '../../config/schema-doc';
import { CliIo } from '../output';

/** `schema`: print the JSON Schema of the config file. */
export function registerSchema(program: Command, io: CliIo = new CliIo()): void {
  program
    .command('schema')
    .description('print the JSON Schema (draft-07) of the config file')
    .option('--markdown', 'print the config key reference as a Markdown table instead')
    .addHelpText(
      'after',
      '\nThe package ships the same schema as schema/config.schema.json. For editors, start a YAML config with:\n' +
        '  # yaml-language-server: $schema=./node_modules/ecs-datadog-readonly/schema/config.schema.json\n',
    )
    .action((opts: { markdown?: boolean }) => io.out(opts.markdown ? renderConfigKeyTable() : renderConfigJsonSchema()));
}
