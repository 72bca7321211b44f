export * from './languages';
export * from './message-tree';
export * from './interpolate';
export * from './message-catalog';
export * from './catalog-problems';
