import type { ResolvedConfig } from '../config/types';
import { taskDefinition } from '../model/task-definition';

export const TASK_DEFINITION_FILE = 'task-definition.json';

/** The task definition exactly as `aws ecs register-task-definition --cli-input-json file://...` takes it. */
export function renderTaskDefinition(config: ResolvedConfig): string {
  return `${JSON.stringify(taskDefinition(config), null, 2)}\n`;
}
