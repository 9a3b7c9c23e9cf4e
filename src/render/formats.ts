import type { ResolvedConfig } from '../config/types';
import type { FormatName } from './format-names';
import { renderTaskDefinition, TASK_DEFINITION_FILE } from './taskdef';

export { FORMAT_DIRECTORIES_IN_ALL, type FormatName } from './format-names';

/** Relative path to file content. */
export type FileSet = Record<string, string>;

export interface OutputFormat {
  readonly description: string;
  /** Renders the files of this format. Heavy renderers are loaded only when their format is asked for. */
  render(config: ResolvedConfig): Promise<FileSet>;
}

export const FORMATS = {
  taskdef: {
    description: `the ECS task definition JSON (${TASK_DEFINITION_FILE}) for aws ecs register-task-definition`,
    render: async (config) => ({ [TASK_DEFINITION_FILE]: renderTaskDefinition(config) }),
  },
  hcl: {
    description: 'the standalone Terraform module in HCL (versions, variables, resources by file, outputs, README, examples, LICENSE)',
    render: async (config) => (await import('./hcl')).renderHclModule(config),
  },
  cdktf: {
    description: 'the Terraform module synthesised by CDKTF (main.tf.json, JSON syntax): no provider block, no backend',
    render: async (config) => {
      (await import('./cdktf-peers')).assertCdktfInstalled('generate --format cdktf (and --format all)');
      return (await import('./cdktf')).renderCdktfModule(config);
    },
  },
} satisfies Record<FormatName, OutputFormat>;
