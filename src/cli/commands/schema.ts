import type { Command } from 'commander';
import type * as ConfigSchema from '../../config/schema';
import type * as ConfigSchemaDoc from '../../config/schema-doc';
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
    .action((opts: { markdown?: boolean }) => {
      /* eslint-disable @typescript-eslint/no-require-imports */
      if (opts.markdown) io.out((require('../../config/schema-doc') as typeof ConfigSchemaDoc).renderConfigKeyTable());
      else io.out((require('../../config/schema') as typeof ConfigSchema).renderConfigJsonSchema());
      /* eslint-enable @typescript-eslint/no-require-imports */
    });
}
