export * from './hcl';
export * from './locals';
export * from './outputs';
export * from './resources';
export * from './spec';
export * from './types';
export * from './validations';
export * from './variables';
