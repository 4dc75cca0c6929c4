export { deadlineAfter, isWorkingDay, roundSchedule, type ScheduledRound } from './schedule.ts';
export {
  BOARD_STATUSES,
  boardCounts,
  boardStatus,
  boardStatusOf,
  emptyCounts,
  reportIsEmpty,
  responsibleInstitutions,
  roundBoard,
  timeliness,
  type BoardRow,
  type BoardStatus,
  type ResponsibleInstitution,
  type RoundBoard,
  type TimelinessEntry,
} from './board.ts';
export {
  daysBetween,
  reminderMessage,
  remindersDue,
  type ReminderDue,
  type ReminderKind,
  type ReminderMessage,
  type ReminderScope,
} from './reminders.ts';
export {
  BREAKDOWN_CATEGORIES,
  MAX_REPORT_TEXT,
  checkReport,
  findingIssues,
  findingPath,
  flagKey,
  prefilledContent,
  reportForm,
  type FormActivity,
  type FormIndicator,
  type ReportCheck,
  type ReportContent,
  type ReportFinding,
  type ReportForm,
} from './report-form.ts';
export { TEMPLATE_CATEGORIES, TEMPLATE_COLUMNS, TEMPLATE_STATUS_MEANINGS, TEMPLATE_TEXTS } from './report-template.ts';
