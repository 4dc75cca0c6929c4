import { readFileSync } from 'node:fs';
import { validatePlanPackage, type PlanPackage } from '@ariadne/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection.ts';
import { revisionOf } from '../plans/edit.ts';
import { upsertInstitutions } from '../plans/queries.ts';
import { readPlanPackage } from '../plans/read.ts';
import { writeStrategy } from '../plans/write.ts';
import { openTestDatabase } from '../testing.ts';
import {
  findReport,
  insertReportComments,
  insertRounds,
  readMonitoringSettings,
  readReportComments,
  readRoundCodes,
  recordReportReview,
  writeMonitoringSettings,
} from './store.ts';

const DEMOLAND = JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')) as PlanPackage;

let database: Database;
let participantId: number;
let strategyId: number;
let institutionIds: ReadonlyMap<string, number>;

beforeAll(async () => {
  database = await openTestDatabase();
  const { code, name, currency, locale } = DEMOLAND.participant;
  const participant = await database.db
    .insertInto('participants')
    .values({ code, name, currency, locale: locale ?? null })
    .returning('id')
    .executeTakeFirstOrThrow();
  participantId = participant.id;
  await database.db.transaction().execute(async (trx) => {
    const institutions = await upsertInstitutions(trx, participantId, DEMOLAND.institutions);
    institutionIds = institutions.ids;
    strategyId = (await writeStrategy(trx, { participantId, institutionIds: institutions.ids, plan: DEMOLAND })).strategyId;
  });
});
afterAll(async () => database?.close());

function institution(code: string): number {
  const id = institutionIds.get(code);
  if (id === undefined) throw new Error(code);
  return id;
}

describe('monitoring settings', () => {
  it('default to the fifth working day and no holidays, then keep what is written', async () => {
    expect(await readMonitoringSettings(database.db, participantId)).toEqual({
      deadlineWorkingDays: 5,
      holidays: [],
      remindersAutomatic: false,
      reminderDaysBefore: 5,
    });
    const settings = {
      deadlineWorkingDays: 7,
      holidays: [
        { day: '2025-05-02', name: 'Labour Day' },
        { day: '2025-01-01', name: 'New Year' },
      ],
    };
    await database.db.transaction().execute((trx) => writeMonitoringSettings(trx, participantId, settings));
    expect(await readMonitoringSettings(database.db, participantId)).toEqual({
      deadlineWorkingDays: 7,
      holidays: [
        { day: '2025-01-01', name: 'New Year' },
        { day: '2025-05-02', name: 'Labour Day' },
      ],
      remindersAutomatic: false,
      reminderDaysBefore: 5,
    });
    await database.db.transaction().execute((trx) => writeMonitoringSettings(trx, participantId, { deadlineWorkingDays: 3, holidays: [] }));
    expect(await readMonitoringSettings(database.db, participantId)).toEqual({
      deadlineWorkingDays: 3,
      holidays: [],
      remindersAutomatic: false,
      reminderDaysBefore: 5,
    });
  });

  it('keep the reminder settings when a change leaves them out', async () => {
    const calendar = { deadlineWorkingDays: 4, holidays: [] };
    await database.db
      .transaction()
      .execute((trx) => writeMonitoringSettings(trx, participantId, { ...calendar, remindersAutomatic: true, reminderDaysBefore: 10 }));
    await database.db.transaction().execute((trx) => writeMonitoringSettings(trx, participantId, { ...calendar, deadlineWorkingDays: 6 }));
    expect(await readMonitoringSettings(database.db, participantId)).toEqual({
      deadlineWorkingDays: 6,
      holidays: [],
      remindersAutomatic: true,
      reminderDaysBefore: 10,
    });
    await database.db
      .transaction()
      .execute((trx) => writeMonitoringSettings(trx, participantId, { ...calendar, remindersAutomatic: false, reminderDaysBefore: 5 }));
  });
});

describe('rounds and their review', () => {
  it('opens rounds with empty drafts, raising the revision, and exports a valid package', async () => {
    const before = await revisionOf(database.db, strategyId);
    const ids = await database.db.transaction().execute((trx) =>
      insertRounds(trx, strategyId, [
        {
          code: 'T-1',
          periodStart: '2022-01-01',
          periodEnd: '2022-06-30',
          deadline: '2022-07-07',
          institutionIds: [institution('NATC'), institution('MOI')],
        },
        { code: 'T-2', periodStart: '2022-07-01', periodEnd: '2022-12-31', deadline: '2023-01-09', institutionIds: [] },
      ]),
    );
    expect(ids).toHaveLength(2);
    expect(await revisionOf(database.db, strategyId)).toBeGreaterThan(before);
    expect(await readRoundCodes(database.db, strategyId)).toEqual(
      new Set([...(DEMOLAND.monitoring?.rounds ?? []).map((round) => round.id), 'T-1', 'T-2']),
    );

    const back = await readPlanPackage(database.db, strategyId);
    const validation = validatePlanPackage(back);
    expect(validation.ok ? [] : validation.issues).toEqual([]);
    const rounds = back.monitoring?.rounds ?? [];
    expect(rounds.slice(-2)).toEqual([
      {
        id: 'T-1',
        periodStart: '2022-01-01',
        periodEnd: '2022-06-30',
        deadline: '2022-07-07',
        reports: [
          { institution: 'NATC', status: 'draft', activities: [] },
          { institution: 'MOI', status: 'draft', activities: [] },
        ],
      },
      { id: 'T-2', periodStart: '2022-07-01', periodEnd: '2022-12-31', deadline: '2023-01-09', reports: [] },
    ]);
  });

  it('refuses a round code used twice in a strategy', async () => {
    await expect(
      database.db
        .transaction()
        .execute((trx) =>
          insertRounds(trx, strategyId, [
            { code: 'T-1', periodStart: '2022-01-01', periodEnd: '2022-06-30', deadline: '2022-07-07', institutionIds: [] },
          ]),
        ),
    ).rejects.toThrow();
  });

  it('reviews a report only at the version it was read at, and keeps the comments', async () => {
    const report = await findReport(database.db, strategyId, 'T-1', 'MOI');
    expect(report).toMatchObject({ institutionId: institution('MOI'), status: 'draft', submittedOn: null, version: 1 });
    expect(await findReport(database.db, strategyId, 'T-1', 'NOBODY')).toBeUndefined();
    expect(await findReport(database.db, strategyId, '2030-H1', 'MOI')).toBeUndefined();
    if (!report) return;

    const before = await revisionOf(database.db, strategyId);
    const version = await database.db.transaction().execute(async (trx) => {
      const next = await recordReportReview(trx, report.id, { status: 'returned', reviewedBy: null, expectedVersion: 1 });
      await insertReportComments(
        trx,
        { strategyId, reportId: report.id },
        [
          { target: 'A1.1.1', text: 'Please add the number of trainees.' },
          { target: null, text: 'Otherwise complete.' },
        ],
        null,
      );
      return next;
    });
    expect(version).toBe(2);
    expect(await revisionOf(database.db, strategyId)).toBeGreaterThan(before);
    const stale = await database.db
      .transaction()
      .execute((trx) => recordReportReview(trx, report.id, { status: 'accepted', reviewedBy: null, expectedVersion: 1 }));
    expect(stale).toBeUndefined();
    expect(await findReport(database.db, strategyId, 'T-1', 'MOI')).toMatchObject({ status: 'returned', version: 2 });
    const comments = await readReportComments(database.db, report.id);
    expect(comments.map(({ target, text, author }) => ({ target, text, author }))).toEqual([
      { target: 'A1.1.1', text: 'Please add the number of trainees.', author: null },
      { target: null, text: 'Otherwise complete.', author: null },
    ]);
    expect(Number.isNaN(Date.parse(comments[0]?.at ?? ''))).toBe(false);
  });
});
