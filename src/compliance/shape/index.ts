/** The ECS RegisterTaskDefinition input as data, and a validator of task definitions against it. */

export {
  CONTAINER_DEFINITION,
  DESCRIBE_ONLY_KEYS,
  isDescribeOnlyKey,
  REGISTER_KEYS,
  TASK_DEFINITION,
  withoutDescribeOnlyKeys,
} from './register-task-definition';
export type { BooleanShape, IntegerShape, ListShape, MapShape, Member, Shape, StringShape, Structure, TimestampShape } from './types';
export { describeValue, validateContainerDefinitionShape, validateShape, validateTaskDefinitionShape } from './validate-shape';
export type { ShapeIssue, ShapeIssueKind, ShapeOptions } from './validate-shape';
