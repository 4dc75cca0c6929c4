export * from './consultation.ts';
export * from './log.ts';
