export * from './audit.ts';
export * from './connection.ts';
export * from './migrate.ts';
export type * from './schema.ts';
export * from './plans/index.ts';
export * from './monitoring/index.ts';
export * from './publishing/index.ts';
