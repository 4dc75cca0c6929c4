export { localPlanGlance, type ActivityLink, type LocalPlanGlance } from './glance.ts';
export { rollUpProgress, type GroupFigures, type LocalPlanRef, type ProgressRollUp } from './rollup.ts';
export { editsOutsidePlans } from './scope.ts';
