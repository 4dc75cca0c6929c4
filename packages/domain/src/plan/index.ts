export * from './package.ts';
export * from './validate.ts';
export * from './vocabulary.ts';
export * from './edit.ts';
export * from './lifecycle.ts';
export * from './diff.ts';
export * from './activity-rows.ts';
export * from './random-edits.ts';
