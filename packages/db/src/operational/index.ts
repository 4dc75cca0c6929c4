export {
  adoptOperationalPlan,
  insertOperationalPlan,
  listOperationalPlans,
  operationalYearsOf,
  readOperationalPlan,
  replaceOperationalContent,
  type OperationalPlanSummary,
  type StoredOperationalPlan,
} from './store.ts';
