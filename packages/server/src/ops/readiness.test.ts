import { loadMigrations } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';
import type { Database } from '@ariadne/db';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildServer } from '../app.ts';
import { checkReadiness } from './readiness.ts';

const SHIPPED = loadMigrations().map((migration) => migration.name);
const LAST = SHIPPED[SHIPPED.length - 1] ?? '';

let database: Database | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  await database?.close().catch(() => undefined);
  app = undefined;
  database = undefined;
});

async function serve(): Promise<FastifyInstance> {
  database = await openTestDatabase();
  app = await buildServer({ database, webDir: null });
  await app.ready();
  return app;
}

describe('health and readiness', () => {
  it('is ready when the database answers and has every migration this version ships', async () => {
    const server = await serve();
    const ready = await server.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', migrations: SHIPPED.length });
    const health = await server.inject({ method: 'GET', url: '/api/health' });
    expect(health.json()).toEqual({ status: 'ok' });
  });

  it('is not ready while a migration is missing, or when the database is ahead of this version', async () => {
    const server = await serve();
    await sql`DELETE FROM schema_migrations WHERE name = ${LAST}`.execute(server.database.db);
    const behind = await server.inject({ method: 'GET', url: '/api/ready' });
    expect(behind.statusCode).toBe(503);
    expect(behind.headers['retry-after']).toBe('5');
    expect(behind.json()).toEqual({
      status: 'unavailable',
      reason: 'migrations_pending',
      message: `Migrations not applied yet: ${LAST}.`,
      missing: [LAST],
    });

    await sql`INSERT INTO schema_migrations (name) VALUES (${LAST}), ('9000_from_the_future')`.execute(server.database.db);
    const ahead = await server.inject({ method: 'GET', url: '/api/ready' });
    expect(ahead.statusCode).toBe(503);
    expect(ahead.json()).toMatchObject({ reason: 'migrations_unknown', unknown: ['9000_from_the_future'] });
  });

  it('is not ready when the database is closed, while the process stays alive', async () => {
    const server = await serve();
    await database?.close();
    const ready = await server.inject({ method: 'GET', url: '/api/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'unavailable', reason: 'database_unreachable' });
    expect((ready.json() as { message: string }).message).toMatch(/^The database did not answer/);
    const health = await server.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });

  it('gives the database a short time to answer', async () => {
    database = await openTestDatabase();
    const open = database;
    if (open.kind === 'postgres') {
      // Hold back the answer with a lock the check's query must wait for.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const holder = open.db.transaction().execute(async (trx) => {
        await sql`LOCK TABLE schema_migrations IN ACCESS EXCLUSIVE MODE`.execute(trx);
        await held;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const readiness = await checkReadiness(open, SHIPPED, 200);
      release();
      await holder;
      expect(readiness).toMatchObject({ ready: false, reason: 'database_timeout' });
    } else {
      // The embedded database has one connection: a transaction holding it keeps the check waiting.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const holder = open.db.transaction().execute(async () => held);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const readiness = await checkReadiness(open, SHIPPED, 200);
      release();
      await holder;
      expect(readiness).toMatchObject({ ready: false, reason: 'database_timeout', message: 'The database did not answer within 200 ms.' });
    }
    expect(await checkReadiness(open, SHIPPED)).toEqual({ ready: true, migrations: SHIPPED.length });
  });
});
