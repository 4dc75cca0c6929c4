export { insertRows, MAX_PARAMETERS, type StatementRunner } from './batch.ts';
export { comparablePackage } from './compare.ts';
export { generatePlanPackage, NATIONAL_SCALE, SMALL_SCALE, type GenerateOptions, type PlanScale } from './generate.ts';
export {
  deleteStrategy,
  findStrategy,
  listGoalOutlines,
  listStrategies,
  listStrategyOutlines,
  summarizeStrategy,
  takenCodes,
  upsertInstitutions,
  type GoalOutline,
  type StrategyKey,
  type StrategyListItem,
  type StrategyOutline,
  type StrategySummary,
  type TakenCode,
  type UpsertedInstitutions,
} from './queries.ts';
export { readPlanPackage, readPlanPackageSnapshot } from './read.ts';
export { MAX_AMOUNT, storageIssues, textIssues } from './storable.ts';
export { writeStrategy, type PlanCounts, type WriteStrategyOptions, type WrittenStrategy } from './write.ts';
export {
  closeAmendment,
  elementStorageIssues,
  findDocument,
  insertAmendment,
  listInstitutionsInStrategy,
  lockStrategy,
  readDocumentSnapshot,
  readDocumentVersions,
  readElementVersions,
  readOpenAmendments,
  recordDocumentVersion,
  revisionOf,
  setDocumentStatus,
  strategyRevision,
  writePlanEdit,
  type DocumentRow,
  type DocumentVersion,
  type LockedStrategy,
  type OpenAmendment,
  type PlanEditWrite,
  type Recorder,
} from './edit.ts';
