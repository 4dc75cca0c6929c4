import { locationFromEnvironment, migrate, openDatabase } from '@ariadne/db';
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app.ts';
import { loadDemo } from './commands/loadDemo.ts';
import { warmRecentStrategies } from './plan-cache.ts';
import { InProcessQueue, PostgresQueue, type JobQueue } from './jobs/queue.ts';
import { scheduleReminders, startReminderJob, type ReminderJob } from './reminder-job.ts';

export type StartOptions = {
  port?: number;
  host?: string;
  /** Load the demo data when the database has no Participant yet. */
  demoWhenEmpty?: boolean;
};

/**
 * Opens the database named by the environment, migrates it, optionally loads the demo, and
 * listens on `HOST`:`PORT` (127.0.0.1:3000 by default). Stops cleanly on SIGINT and SIGTERM.
 */
export async function startServer(options: StartOptions = {}): Promise<FastifyInstance> {
  const location = locationFromEnvironment();
  const database = await openDatabase(location);
  await migrate(database);
  let demoLoaded = false;
  if (options.demoWhenEmpty) {
    const any = await database.db.selectFrom('participants').select('id').limit(1).executeTakeFirst();
    if (!any) demoLoaded = (await loadDemo(database)).created;
  }
  const signIns = Number(process.env.ARIADNE_SIGN_INS_PER_MINUTE);
  const requests = Number(process.env.ARIADNE_REQUESTS_PER_MINUTE);
  // Background tasks in PostgreSQL when there is one, so that several servers share them.
  let failedJob: (error: unknown, name: string) => void = () => undefined;
  const log = (error: unknown, name: string) => failedJob(error, name);
  const jobs: JobQueue = location.kind === 'postgres' ? await PostgresQueue.open(location.url, log) : new InProcessQueue(log);
  const app = await buildServer({
    database,
    jobs,
    ...(Number.isInteger(signIns) && signIns > 0 ? { signInsPerMinute: signIns } : {}),
    ...(Number.isInteger(requests) && requests > 0 ? { rateLimitPerMinute: requests } : {}),
    logger: {
      level: process.env.LOG_LEVEL ?? 'info',
      redact: { paths: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'], remove: true },
    },
  });
  const warmed = await warmRecentStrategies(database);
  const port = options.port ?? Number(process.env.PORT ?? 3000);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  await app.listen({ port, host });
  app.log.info({ database: location.kind, demoLoaded, strategiesRead: warmed }, 'Ariadne is ready');
  failedJob = (error, name) => app.log.error({ err: error, job: name }, 'a background task failed');
  const reminders: ReminderJob =
    jobs.kind === 'postgres' ? await scheduleReminders(jobs, { database, log: app.log }) : startReminderJob({ database, log: app.log });
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    reminders.stop();
    await jobs.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return app;
}
