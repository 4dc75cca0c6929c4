// The commands Ariadne's command line runs without its web server: importing them leaves out the
// HTTP server, the documents, the workbooks and the job queue, so that a command starts quickly.
export { adoptAmendment, openAmendment, withdrawAmendment } from './commands/amendments.ts';
export { applyPlanEdits, type AppliedPlanEdits, type ApplyPlanEditsInput } from './commands/applyPlanEdits.ts';
export { changeDocumentStatus, type ChangeDocumentStatusInput } from './commands/changeDocumentStatus.ts';
export { createInstitution, type CreateInstitutionInput, type RegisteredInstitution } from './commands/createInstitution.ts';
export { updateInstitution, type UpdateInstitutionInput } from './commands/updateInstitution.ts';
export { createUser, type CreateUserOptions, type CreatedUser } from './commands/createUser.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, loadDemo } from './commands/loadDemo.ts';
export { exportPlanPackage, type ExportPlanPackageOptions } from './commands/exportPlanPackage.ts';
export {
  checkPlanPackage,
  checkPlanPackageText,
  importPlanPackage,
  importPlanPackageWith,
  type ImportedPlanPackage,
  type ImportPlanPackageOptions,
} from './commands/importPlanPackage.ts';
export { loadActionPlan, type LoadedActionPlan } from './commands/loadActionPlan.ts';
export { loadRegionalOutline } from './commands/loadRegionalOutline.ts';
