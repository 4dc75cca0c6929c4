import { participantsWithAutomaticReminders, type Database } from '@ariadne/db';
import { sendReminders, type ReminderSummary } from './commands/sendReminders.ts';
import { currentMailer, publicUrl, type Mailer } from './mail.ts';
import type { JobQueue } from './jobs/queue.ts';

/** Where the job tells what it did and what went wrong. */
export type JobLog = {
  info(details: Record<string, unknown>, message: string): void;
  error(details: Record<string, unknown>, message: string): void;
};

export type ReminderJobOptions = {
  database: Database;
  log: JobLog;
  /** The clock (tests give their own). */
  now?: () => Date;
  /** The mailer in use at each run (by default the environment's). */
  mailer?: () => Mailer | null;
  /** How often to look whether today's run has happened; an hour by default. */
  intervalMs?: number;
};

export type DailyRun = { participant: string; summary?: ReminderSummary; failed?: true };

function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * One day's automatic reminders: for every Participant that has switched them on, the reports of
 * its adopted plans due within its number of days, and the overdue ones, each reminded of at most
 * once that day. A Participant whose run fails is logged and the others still run.
 */
export async function runDailyReminders(
  database: Database,
  options: { today: string; mailer: Mailer | null; publicUrl?: string | undefined; log: JobLog },
): Promise<DailyRun[]> {
  const runs: DailyRun[] = [];
  for (const participant of await participantsWithAutomaticReminders(database.db)) {
    try {
      const summary = await sendReminders(database, {
        participant: participant.code,
        dueWithinDays: participant.daysBefore,
        overdue: true,
        today: options.today,
        automatic: true,
        actor: { system: 'reminders' },
        language: 'en',
        mailer: options.mailer,
        publicUrl: options.publicUrl,
        log: ({ to, error }) => options.log.error({ err: error, to, participant: participant.code }, 'a reminder e-mail could not be sent'),
      });
      runs.push({ participant: participant.code, summary });
      if (summary.reminded.length > 0 || summary.noOneToRemind.length > 0) {
        options.log.info(
          {
            participant: participant.code,
            reminded: summary.reminded.length,
            noOneToRemind: summary.noOneToRemind.length,
            emailsSent: summary.emailsSent,
            notificationsCreated: summary.notificationsCreated,
          },
          'automatic reminders sent',
        );
      }
    } catch (error) {
      runs.push({ participant: participant.code, failed: true });
      options.log.error({ err: error, participant: participant.code }, 'automatic reminders failed');
    }
  }
  return runs;
}

export type ReminderJob = {
  /** Runs today's reminders unless they have run already; resolves when done, never rejects. */
  tick(): Promise<void>;
  stop(): void;
};

/**
 * The look at today's reminders: runs them unless this process has run them today. The reminders
 * themselves are sent at most once a day to each institution, whoever looks.
 */
export function reminderTick(options: ReminderJobOptions): () => Promise<void> {
  const now = options.now ?? (() => new Date());
  const mailer = options.mailer ?? currentMailer;
  let lastRun: string | null = null;
  let running: Promise<void> | null = null;

  return (): Promise<void> => {
    if (running) return running;
    const today = dayOf(now());
    if (lastRun === today) return Promise.resolve();
    running = (async () => {
      try {
        await runDailyReminders(options.database, { today, mailer: mailer(), publicUrl: publicUrl(), log: options.log });
        lastRun = today;
      } catch (error) {
        // Tried again at the next look.
        options.log.error({ err: error }, 'automatic reminders could not run');
      } finally {
        running = null;
      }
    })();
    return running;
  };
}

/**
 * Starts the daily reminders in this process: once at start-up, then every hour it looks whether
 * today's run has happened and runs it when not. Errors are logged; they never stop the server or
 * the job.
 */
export function startReminderJob(options: ReminderJobOptions): ReminderJob {
  const tick = reminderTick(options);
  const timer = setInterval(() => void tick(), options.intervalMs ?? 3_600_000);
  timer.unref();
  void tick();
  return {
    tick,
    stop() {
      clearInterval(timer);
    },
  };
}

/**
 * Starts the daily reminders for several servers on one PostgreSQL: the job queue sends the hourly
 * look once for all of them and one server takes it, so that no two servers send at the same time.
 */
export async function scheduleReminders(jobs: JobQueue, options: ReminderJobOptions): Promise<ReminderJob> {
  const tick = reminderTick(options);
  await jobs.work('daily-reminders', () => tick());
  await jobs.hourly('daily-reminders');
  return { tick, stop() {} };
}
