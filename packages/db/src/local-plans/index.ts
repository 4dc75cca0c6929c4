export {
  findLocalPlan,
  insertLocalPlan,
  listLocalPlans,
  LOCAL_LEVELS,
  writeActivityLink,
  type LocalActivityLink,
  type LocalBody,
  type LocalLevel,
  type LocalPlan,
} from './store.ts';
