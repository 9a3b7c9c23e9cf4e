export * from './config/constraints';
export * from './config/defaults';
export * from './config/load';
export * from './config/types';
export * from './errors';
export * from './model';
export * from './render/taskdef';
export * from './compliance';
