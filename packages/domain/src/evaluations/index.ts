export * from './criteria.ts';
export * from './terms.ts';
export * from './tracking.ts';
export * from './authorship.ts';
export * from './keys.ts';
