import PgBoss from 'pg-boss';

// Background tasks. On PostgreSQL they go through pg-boss, a job queue kept in the database: any
// of several servers takes a task, each task runs once, a task whose server died is taken again
// after it expires, and the hourly schedule fires once for all servers. On the embedded database
// (one server on one machine) they run in the process, one after the other, in the order sent.

/** The tasks and what each carries. */
export type JobData = {
  /** Make a recorded document run. */
  'document-run': { runId: number };
  /** Look whether today's automatic reminders have been sent, and send them if not. */
  'daily-reminders': Record<string, never>;
};
export type JobName = keyof JobData;
export type JobHandler<N extends JobName> = (data: JobData[N]) => Promise<void>;

export type JobQueue = {
  readonly kind: 'in_process' | 'postgres';
  /** Records a task; resolves once it is recorded (not done). */
  send<N extends JobName>(name: N, data: JobData[N]): Promise<void>;
  /** Takes this server's share of the tasks of a name. */
  work<N extends JobName>(name: N, handler: JobHandler<N>): Promise<void>;
  /** Sends a task of a name every hour, once for all servers; false when the queue cannot (in process). */
  hourly(name: JobName): Promise<boolean>;
  /** Tasks recorded and not yet taken. */
  waiting(): Promise<number>;
  /** Resolves when the tasks this server has taken so far are done. */
  idle(): Promise<void>;
  /** Stops taking tasks, lets the running ones finish. */
  stop(): Promise<void>;
};

type Log = (error: unknown, name: JobName) => void;

/** The queue of the embedded database: tasks of one name run one after the other in this process. */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in_process' as const;
  private readonly handlers = new Map<JobName, (data: unknown) => Promise<void>>();
  private readonly pending = new Map<JobName, unknown[]>();
  private readonly chains = new Map<JobName, Promise<void>>();
  private queued = 0;
  private stopped = false;

  constructor(private readonly log: Log = () => undefined) {}

  async send<N extends JobName>(name: N, data: JobData[N]): Promise<void> {
    if (this.stopped) return;
    const handler = this.handlers.get(name);
    if (!handler) {
      this.pending.set(name, [...(this.pending.get(name) ?? []), data]);
      return;
    }
    this.enqueue(name, handler, data);
  }

  async work<N extends JobName>(name: N, handler: JobHandler<N>): Promise<void> {
    const untyped = handler as (data: unknown) => Promise<void>;
    this.handlers.set(name, untyped);
    for (const data of this.pending.get(name) ?? []) this.enqueue(name, untyped, data);
    this.pending.delete(name);
  }

  async hourly(_name?: JobName): Promise<boolean> {
    return false;
  }

  async waiting(): Promise<number> {
    let held = 0;
    for (const list of this.pending.values()) held += list.length;
    return this.queued + held;
  }

  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.idle();
  }

  private enqueue(name: JobName, handler: (data: unknown) => Promise<void>, data: unknown): void {
    this.queued += 1;
    const previous = this.chains.get(name) ?? Promise.resolve();
    const next = previous.then(async () => {
      this.queued -= 1;
      try {
        await handler(data);
      } catch (error) {
        this.log(error, name);
      }
    });
    this.chains.set(name, next);
    void next.finally(() => {
      if (this.chains.get(name) === next) this.chains.delete(name);
    });
  }
}

/** How long a task may run before it counts as lost (its server died) and is taken again. */
const EXPIRE_SECONDS = 300;
/** How often a task is taken again after failing or expiring. */
const RETRIES = 2;

/** The queue of several servers on one PostgreSQL, kept by pg-boss in its own schema. */
export class PostgresQueue implements JobQueue {
  readonly kind = 'postgres' as const;
  private readonly boss: PgBoss;
  private readonly created = new Set<JobName>();
  private readonly active = new Set<Promise<void>>();

  private constructor(boss: PgBoss) {
    this.boss = boss;
  }

  /** Connects and installs or upgrades the queue's schema (once, whichever server comes first). */
  static async open(connectionString: string, log: Log = () => undefined): Promise<PostgresQueue> {
    const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 3, application_name: 'ariadne-jobs' });
    boss.on('error', (error: unknown) => log(error, 'document-run'));
    await boss.start();
    return new PostgresQueue(boss);
  }

  private async queue(name: JobName): Promise<void> {
    if (this.created.has(name)) return;
    // createQueue does nothing when the queue exists; two servers may both ask.
    await this.boss.createQueue(name, { name, retryLimit: RETRIES, retryDelay: 5, expireInSeconds: EXPIRE_SECONDS });
    this.created.add(name);
  }

  async send<N extends JobName>(name: N, data: JobData[N]): Promise<void> {
    await this.queue(name);
    await this.boss.send(name, data, { retryLimit: RETRIES, retryDelay: 5, expireInSeconds: EXPIRE_SECONDS });
  }

  async work<N extends JobName>(name: N, handler: JobHandler<N>): Promise<void> {
    await this.queue(name);
    await this.boss.work<JobData[N]>(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
      for (const job of jobs) {
        const running = handler(job.data);
        this.active.add(running);
        try {
          await running;
        } finally {
          this.active.delete(running);
        }
      }
    });
  }

  async hourly(name: JobName): Promise<boolean> {
    await this.queue(name);
    await this.boss.schedule(name, '5 * * * *', {}, { tz: 'UTC' });
    return true;
  }

  async waiting(): Promise<number> {
    let total = 0;
    for (const name of this.created) total += await this.boss.getQueueSize(name);
    return total;
  }

  async idle(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
