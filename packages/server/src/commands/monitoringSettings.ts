import { AppError, type FieldIssue } from '@ariadne/domain';
import {
  readMonitoringSettings,
  recordAudit,
  writeMonitoringSettings,
  type AuditActor,
  type Database,
  type MonitoringSettings,
  type MonitoringSettingsChange,
} from '@ariadne/db';

/** The Participant's key, or NOT_FOUND. */
export async function participantId(database: Database, participant: string): Promise<number> {
  const row = await database.db.selectFrom('participants').select('id').where('code', '=', participant).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', { detail: `no Participant ${participant}` });
  return row.id;
}

/** A Participant's reporting calendar: the working days to a deadline and its holidays. */
export async function loadMonitoringSettings(database: Database, participant: string): Promise<MonitoringSettings> {
  return readMonitoringSettings(database.db, await participantId(database, participant));
}

/**
 * Replaces a Participant's reporting calendar, and its reminder settings when given (those left
 * out stay), in one transaction with its audit entry. The deadlines of rounds already opened stay
 * as they are. VALIDATION_FAILED for a day listed twice.
 */
export async function changeMonitoringSettings(
  database: Database,
  input: { participant: string; settings: MonitoringSettingsChange; actor: AuditActor },
): Promise<MonitoringSettings> {
  const first = new Map<string, number>();
  const issues: FieldIssue[] = [];
  input.settings.holidays.forEach((holiday, i) => {
    const earlier = first.get(holiday.day);
    if (earlier !== undefined)
      issues.push({ path: `holidays[${i}].day`, key: 'duplicate_id', params: { id: holiday.day, first: `holidays[${earlier}].day` } });
    else first.set(holiday.day, i);
  });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues, detail: 'a holiday is listed twice' });
  const id = await participantId(database, input.participant);
  const change: MonitoringSettingsChange = {
    deadlineWorkingDays: input.settings.deadlineWorkingDays,
    holidays: input.settings.holidays
      .map((holiday) => ({ day: holiday.day, name: holiday.name.trim() }))
      .sort((a, b) => (a.day < b.day ? -1 : 1)),
    ...(input.settings.remindersAutomatic === undefined ? {} : { remindersAutomatic: input.settings.remindersAutomatic }),
    ...(input.settings.reminderDaysBefore === undefined ? {} : { reminderDaysBefore: input.settings.reminderDaysBefore }),
  };
  return database.db.transaction().execute(async (trx) => {
    const before = await readMonitoringSettings(trx, id);
    await writeMonitoringSettings(trx, id, change);
    const settings = await readMonitoringSettings(trx, id);
    await recordAudit(trx, {
      actor: input.actor,
      participantId: id,
      action: 'participant.settings_changed',
      entity: 'participant',
      entityId: input.participant,
      before,
      after: settings,
    });
    return settings;
  });
}
