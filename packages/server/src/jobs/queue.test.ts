import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { InProcessQueue, PostgresQueue } from './queue.ts';

describe('the in-process queue (embedded database)', () => {
  it('runs the tasks of a name one after the other, in the order sent', async () => {
    const queue = new InProcessQueue();
    const seen: number[] = [];
    let running = 0;
    let mostAtOnce = 0;
    await queue.work('document-run', async ({ runId }) => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(runId);
      running -= 1;
    });
    for (const runId of [3, 1, 2]) await queue.send('document-run', { runId });
    expect(await queue.waiting()).toBeGreaterThan(0);
    await queue.idle();
    expect(seen).toEqual([3, 1, 2]);
    expect(mostAtOnce).toBe(1);
    expect(await queue.waiting()).toBe(0);
  });

  it('keeps tasks sent before a server works on them, and goes on after a failure', async () => {
    const failures: string[] = [];
    const queue = new InProcessQueue((error) => failures.push(String(error)));
    await queue.send('document-run', { runId: 1 });
    await queue.send('document-run', { runId: 2 });
    expect(await queue.waiting()).toBe(2);
    const seen: number[] = [];
    await queue.work('document-run', async ({ runId }) => {
      if (runId === 1) throw new Error('broken run');
      seen.push(runId);
    });
    await queue.idle();
    expect(seen).toEqual([2]);
    expect(failures).toEqual(['Error: broken run']);
    expect(await queue.hourly('daily-reminders')).toBe(false);
  });

  it('takes nothing once stopped', async () => {
    const queue = new InProcessQueue();
    const seen: number[] = [];
    await queue.work('document-run', async ({ runId }) => {
      seen.push(runId);
    });
    await queue.stop();
    await queue.send('document-run', { runId: 9 });
    await queue.idle();
    expect(seen).toEqual([]);
  });
});

const url = process.env.DATABASE_URL;

// pg-boss needs the PostgreSQL server; on the embedded database the queue is the in-process one.
describe.skipIf(!url)('the PostgreSQL queue (several servers)', () => {
  it('gives each task to exactly one of two servers, and fires the hourly schedule once', async () => {
    const name = `ariadne_jobs_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const target = new URL(url ?? '');
    target.pathname = `/${name}`;
    const [first, second] = await Promise.all([PostgresQueue.open(target.toString()), PostgresQueue.open(target.toString())]);
    try {
      const taken: { server: string; runId: number }[] = [];
      for (const [server, queue] of [
        ['first', first],
        ['second', second],
      ] as const) {
        await queue.work('document-run', async ({ runId }) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          taken.push({ server, runId });
        });
      }
      const sent = Array.from({ length: 24 }, (_, index) => index + 1);
      for (const runId of sent) await (runId % 2 === 0 ? first : second).send('document-run', { runId });
      const deadline = Date.now() + 60_000;
      while (taken.length < sent.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
      expect(taken.map((task) => task.runId).sort((a, b) => a - b)).toEqual(sent);
      expect(await first.waiting()).toBe(0);

      // Both servers ask for the hourly schedule; it is kept once.
      expect(await first.hourly('daily-reminders')).toBe(true);
      expect(await second.hourly('daily-reminders')).toBe(true);
      const inTarget = new pg.Client({ connectionString: target.toString() });
      await inTarget.connect();
      try {
        const rows = await inTarget.query<{ name: string; cron: string }>('SELECT name, cron FROM pgboss.schedule');
        expect(rows.rows).toEqual([{ name: 'daily-reminders', cron: '5 * * * *' }]);
      } finally {
        await inTarget.end();
      }
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 120_000);
});
