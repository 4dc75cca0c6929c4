import type { Database } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../commands/loadDemo.ts';
import { InProcessQueue, type JobQueue } from '../jobs/queue.ts';
import { DocumentRuns } from './runs.ts';
import { Printer } from './pdf.ts';

// A server that stops while a document is being made leaves its run queued or running. The next
// server to start makes it (embedded database); on PostgreSQL the job queue takes lost tasks again by
// itself, and runs older than its retries are marked interrupted so that people generate them again.

let database: Database;
const printer = new Printer();

beforeAll(async () => {
  database = await openTestDatabase();
  await loadDemo(database);
});
afterAll(async () => {
  await printer.close();
  await database?.close();
});

/** A run as a stopped server leaves it, `minutesAgo` minutes old. */
async function leftUnfinished(status: 'queued' | 'running', minutesAgo: number): Promise<number> {
  const plan = await database.db
    .selectFrom('action_plans')
    .innerJoin('participants', 'participants.id', 'action_plans.participant_id')
    .select(['action_plans.strategy_id', 'participants.id as participant_id'])
    .where('participants.code', '=', 'DL')
    .where('action_plans.code', '=', 'AP-2021-2022')
    .executeTakeFirstOrThrow();
  const row = await database.db
    .insertInto('document_runs')
    .values({
      participant_id: plan.participant_id,
      strategy_id: plan.strategy_id,
      kind: 'plan_review',
      plan_code: 'AP-2021-2022',
      scope: null,
      language: 'en',
      format: 'docx',
      status,
      progress: status === 'running' ? 45 : 0,
      created_at: new Date(Date.now() - minutesAgo * 60_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function runOf(id: number) {
  return database.db
    .selectFrom('document_runs')
    .select(['status', 'progress', 'error', 'size_bytes', 'file_name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

describe('document runs a stopped server left', () => {
  it('are made by the next server on the embedded database, whether queued or half made', async () => {
    const queued = await leftUnfinished('queued', 1);
    const running = await leftUnfinished('running', 2);
    const jobs = new InProcessQueue();
    const runs = new DocumentRuns(database, printer, jobs);
    await runs.begin();
    await runs.idle();
    for (const id of [queued, running]) {
      const run = await runOf(id);
      expect(run).toMatchObject({ status: 'done', progress: 100, error: null });
      expect(run.size_bytes).toBeGreaterThan(1000);
      expect(run.file_name).toMatch(/\.docx$/);
    }
  });

  it('are left to the queue on PostgreSQL, and marked interrupted once older than its retries', async () => {
    const recent = await leftUnfinished('running', 5);
    const stale = await leftUnfinished('running', 90);
    const sent: number[] = [];
    const postgresLike: JobQueue = {
      kind: 'postgres',
      send: async (_name, data) => {
        sent.push((data as { runId: number }).runId);
      },
      work: async () => undefined,
      hourly: async () => true,
      waiting: async () => 0,
      idle: async () => undefined,
      stop: async () => undefined,
    };
    await new DocumentRuns(database, printer, postgresLike).begin();
    expect(sent).toEqual([]);
    expect(await runOf(recent)).toMatchObject({ status: 'running', error: null });
    expect(await runOf(stale)).toMatchObject({ status: 'failed', error: 'interrupted' });
  });

  it('are made once even when their task is delivered twice', async () => {
    const id = await leftUnfinished('queued', 0);
    const jobs = new InProcessQueue();
    const runs = new DocumentRuns(database, printer, jobs);
    await runs.begin();
    await jobs.send('document-run', { runId: id });
    await runs.idle();
    const first = await database.db.selectFrom('document_runs').select('finished_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(await runOf(id)).toMatchObject({ status: 'done' });
    // The second delivery found it done and left it: its finishing time is the first one's.
    await jobs.send('document-run', { runId: id });
    await runs.idle();
    const again = await database.db.selectFrom('document_runs').select('finished_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(again.finished_at).toEqual(first.finished_at);
  });
});
