import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../connection.ts';
import { openTestDatabase } from '../testing.ts';
import {
  closeConsultationRow,
  findConsultation,
  insertComment,
  insertConsultation,
  insertInvitees,
  listComments,
  listConsultations,
  listInvitees,
  setConsultationPublished,
  writeResolution,
} from './store.ts';

let database: Database;
let participantId: number;
let strategyId: number;
let institutionId: number;
let userId: number;

beforeAll(async () => {
  database = await openTestDatabase();
  participantId = (
    await database.db
      .insertInto('participants')
      .values({ code: 'TL', name: 'Testland', currency: 'EUR', locale: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  strategyId = (
    await database.db
      .insertInto('strategies')
      .values({
        participant_id: participantId,
        code: 'NS-1',
        title: 'Strategy',
        period_start: 2030,
        period_end: 2033,
        status: 'draft',
        adopted_by: null,
        adopted_on: null,
        situation_analysis: null,
        principles: [],
        estimated_total_cost: null,
        has_monitoring_history: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  institutionId = (
    await database.db
      .insertInto('institutions')
      .values({ participant_id: participantId, code: 'NGO', name: 'Open Gate', type: 'ngo', level: 'national' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  userId = (
    await database.db
      .insertInto('users')
      .values({ email: 'elena@example.org', display_name: 'Elena', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => database?.close());

describe('the consultation store', () => {
  it('keeps a consultation with its invitees, comments, resolutions, closing and publication', async () => {
    const id = await database.db.transaction().execute(async (trx) => {
      const created = await insertConsultation(trx, {
        participantId,
        strategyId,
        document: 'strategy',
        title: 'First round',
        closesOn: '2030-03-31',
        openedBy: userId,
      });
      const invitees = [
        { userId, institutionId: null },
        { userId: null, institutionId },
      ];
      expect(await insertInvitees(trx, created, invitees)).toBe(2);
      // Inviting again adds no one twice.
      expect(await insertInvitees(trx, created, [...invitees, { userId, institutionId: null }])).toBe(0);
      return created;
    });
    expect(await listInvitees(database.db, id)).toMatchObject([
      { institutionId, institution: 'NGO', name: 'Open Gate' },
      { userId, institution: null, name: 'Elena' },
    ]);

    const [comment, reply] = await database.db.transaction().execute(async (trx) => {
      const first = await insertComment(trx, {
        consultationId: id,
        parentId: null,
        element: 'G1',
        part: null,
        text: 'Name the victims’ shelters.',
        authorId: userId,
        author: 'Elena',
        institution: 'Open Gate',
      });
      const second = await insertComment(trx, {
        consultationId: id,
        parentId: first,
        element: 'G1',
        part: null,
        text: 'Agreed.',
        authorId: userId,
        author: 'Elena',
        institution: null,
      });
      await writeResolution(trx, first, {
        decision: 'not_accepted',
        reason: 'Out of scope.',
        changeElement: null,
        changeVersionId: null,
        changeAmendmentId: null,
        resolvedBy: userId,
      });
      return [first, second];
    });
    const comments = await listComments(database.db, id);
    expect(comments.map((item) => [item.id, item.parentId, item.decision, item.reason])).toEqual([
      [comment, null, 'not_accepted', 'Out of scope.'],
      [reply, comment, null, null],
    ]);
    expect(comments[0]?.resolvedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // A reply cannot carry a decision.
    await expect(
      database.db
        .updateTable('consultation_comments')
        .set({ decision: 'accepted', resolved_at: new Date() })
        .where('id', '=', reply)
        .execute(),
    ).rejects.toThrow();

    await database.db.transaction().execute(async (trx) => {
      await closeConsultationRow(trx, id, userId);
      await setConsultationPublished(trx, id, userId);
    });
    const stored = await findConsultation(database.db, 'TL', id);
    expect(stored).toMatchObject({ strategy: 'NS-1', document: 'strategy', closesOn: '2030-03-31', openedBy: 'Elena', closedBy: 'Elena' });
    expect(stored?.closedAt).not.toBeNull();
    expect(stored?.publishedAt).not.toBeNull();
    expect(await findConsultation(database.db, 'XX', id)).toBeUndefined();
    expect((await listConsultations(database.db, strategyId)).map((item) => item.id)).toEqual([id]);

    await database.db.transaction().execute((trx) => setConsultationPublished(trx, id, null));
    expect((await findConsultation(database.db, 'TL', id))?.publishedAt).toBeNull();
  });
});
