export { deadlineAfter, isWorkingDay, roundSchedule, type ScheduledRound } from './schedule.ts';
export {
  BOARD_STATUSES,
  boardCounts,
  boardStatus,
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
