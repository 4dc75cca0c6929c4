export * from './package.ts';
export * from './validate.ts';
export * from './vocabulary.ts';
