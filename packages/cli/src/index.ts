export { cliLanguage, describeFailure } from './output.ts';
