export * from './errors.ts';
export * from './format.ts';
export * from './i18n/catalogs.ts';
export * from './i18n/languages.ts';
export * from './institutions.ts';
export * from './policies.ts';
export * from './roles.ts';
