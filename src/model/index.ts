export * from './datadog';
export * from './deployment';
export * from './ecs-types';
export * from './iam';
export * from './names';
export * from './task-definition';
export * from './terraform-refs';
export * from './order';
