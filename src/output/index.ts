export * from './diff';
export * from './marker';
export * from './safe-path';
export * from './write';
export * from './render-set';
