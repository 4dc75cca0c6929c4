export {
  findReport,
  insertReportComments,
  insertRounds,
  readMonitoringSettings,
  readReportComments,
  readRoundCodes,
  recordReportReview,
  writeMonitoringSettings,
  type MonitoringSettings,
  type NewRound,
  type ReportComment,
  type StoredReport,
} from './store.ts';
