import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection.ts';
import { openTestDatabase } from '../testing.ts';
import {
  focalPointsOf,
  insertNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  participantsWithAutomaticReminders,
} from './notifications.ts';
import { writeMonitoringSettings } from './store.ts';

let database: Database;
let participantId: number;
let otherParticipant: number;
let ana: number;
let boris: number;

async function user(email: string, displayName: string, language = 'en'): Promise<number> {
  const row = await database.db
    .insertInto('users')
    .values({ email, display_name: displayName, password_hash: 'x', language })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  participantId = (
    await database.db
      .insertInto('participants')
      .values({ code: 'TL', name: 'Testland', currency: 'EUR' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  otherParticipant = (
    await database.db
      .insertInto('participants')
      .values({ code: 'OL', name: 'Otherland', currency: 'EUR' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const institutions = await database.db
    .insertInto('institutions')
    .values([
      { participant_id: participantId, code: 'POL', name: 'Police', type: 'government', level: 'national' },
      { participant_id: participantId, code: 'NGO', name: 'Shelter', type: 'ngo', level: 'national' },
      { participant_id: otherParticipant, code: 'POL', name: 'Police', type: 'government', level: 'national' },
    ])
    .returning(['id', 'participant_id', 'code'])
    .execute();
  const idOf = (participant: number, code: string) =>
    institutions.find((row) => row.participant_id === participant && row.code === code)!.id;
  ana = await user('ana@example.org', 'Ana', 'sq');
  boris = await user('boris@example.org', 'Boris');
  const disabled = await user('old@example.org', 'Old');
  await database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled).execute();
  const coordinator = await user('mira@example.org', 'Mira');
  await database.db
    .insertInto('memberships')
    .values([
      { user_id: ana, participant_id: participantId, role: 'focal_point', institution_id: idOf(participantId, 'POL') },
      { user_id: boris, participant_id: participantId, role: 'focal_point', institution_id: idOf(participantId, 'POL') },
      { user_id: disabled, participant_id: participantId, role: 'focal_point', institution_id: idOf(participantId, 'NGO') },
      { user_id: boris, participant_id: otherParticipant, role: 'focal_point', institution_id: idOf(otherParticipant, 'POL') },
      { user_id: coordinator, participant_id: participantId, role: 'coordinator', institution_id: null },
    ])
    .execute();
});
afterAll(async () => database?.close());

describe('focal points', () => {
  it('lists the enabled focal points of a Participant’s institutions, with their language', async () => {
    expect(await focalPointsOf(database.db, participantId)).toEqual([
      expect.objectContaining({ userId: ana, email: 'ana@example.org', displayName: 'Ana', language: 'sq', institution: 'POL' }),
      expect.objectContaining({ userId: boris, email: 'boris@example.org', displayName: 'Boris', language: 'en', institution: 'POL' }),
    ]);
    expect(await focalPointsOf(database.db, participantId, ['NGO'])).toEqual([]);
    expect(await focalPointsOf(database.db, participantId, [])).toEqual([]);
    expect((await focalPointsOf(database.db, otherParticipant)).map((point) => point.userId)).toEqual([boris]);
  });
});

describe('notifications', () => {
  it('are listed newest first by page with the unread count, and marked read by their user only', async () => {
    await database.db.transaction().execute((trx) =>
      insertNotifications(trx, [
        { userId: ana, participantId, kind: 'reminder', payload: { round: 'R1' } },
        { userId: ana, participantId, kind: 'reminder', payload: { round: 'R2' } },
        { userId: ana, participantId: null, kind: 'note', payload: {} },
        { userId: boris, participantId, kind: 'reminder', payload: { round: 'R1' } },
      ]),
    );
    const first = await listNotifications(database.db, ana, { limit: 2, offset: 0 });
    expect(first.total).toBe(3);
    expect(first.unread).toBe(3);
    expect(first.notifications.map((n) => [n.kind, n.participant, n.payload])).toEqual([
      ['note', null, {}],
      ['reminder', 'TL', { round: 'R2' }],
    ]);
    const second = await listNotifications(database.db, ana, { limit: 2, offset: 2 });
    expect(second.notifications.map((n) => n.payload)).toEqual([{ round: 'R1' }]);

    const id = second.notifications[0]!.id;
    expect(await database.db.transaction().execute((trx) => markNotificationRead(trx, boris, id))).toBe(false);
    expect(await database.db.transaction().execute((trx) => markNotificationRead(trx, ana, id))).toBe(true);
    const after = await listNotifications(database.db, ana, { limit: 10, offset: 0 });
    expect(after.unread).toBe(2);
    expect(after.notifications.find((n) => n.id === id)?.readAt).toEqual(expect.any(String));

    expect(await database.db.transaction().execute((trx) => markAllNotificationsRead(trx, ana))).toBe(2);
    expect((await listNotifications(database.db, ana, { limit: 10, offset: 0 })).unread).toBe(0);
    expect((await listNotifications(database.db, boris, { limit: 10, offset: 0 })).unread).toBe(1);
  });
});

describe('automatic reminders', () => {
  it('lists the Participants that switched them on', async () => {
    expect(await participantsWithAutomaticReminders(database.db)).toEqual([]);
    await database.db.transaction().execute((trx) =>
      writeMonitoringSettings(trx, participantId, {
        deadlineWorkingDays: 5,
        holidays: [],
        remindersAutomatic: true,
        reminderDaysBefore: 3,
      }),
    );
    expect(await participantsWithAutomaticReminders(database.db)).toEqual([{ id: participantId, code: 'TL', daysBefore: 3 }]);
  });
});
