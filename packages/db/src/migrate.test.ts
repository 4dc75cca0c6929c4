import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from './connection.ts';
import { loadMigrations, migrate } from './migrate.ts';
import { openTestDatabase } from './testing.ts';

let database: Database | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe('migrations', () => {
  it('are named in order, each once', () => {
    const names = loadMigrations().map((migration) => migration.name);
    expect(names.length).toBeGreaterThan(0);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names.map((name) => name.slice(0, 4))).size).toBe(names.length);
  });

  it('replay the whole chain on an empty database, then do nothing the second time', async () => {
    database = await openTestDatabase({ migrated: false });
    const applied = await migrate(database);
    expect(applied).toEqual(loadMigrations().map((migration) => migration.name));
    expect(await migrate(database)).toEqual([]);

    const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migrations ORDER BY name`.execute(database.db);
    expect(rows.map((row) => row.name)).toEqual(applied);
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`.execute(database.db);
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['audit_entries', 'institutions', 'memberships', 'participants', 'sessions', 'users']),
    );
  });

  it('leave nothing behind when a migration fails', async () => {
    database = await openTestDatabase({ migrated: false });
    const broken = [...loadMigrations(), { name: '9999_broken', script: 'CREATE TABLE half_done (id int); SELECT no_such_function();' }];
    await expect(migrate(database, broken)).rejects.toThrow();
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'half_done'`.execute(database.db);
    expect(rows[0]?.n).toBe(0);
    const recorded = await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(database.db);
    expect(recorded.rows.map((row) => row.name)).not.toContain('9999_broken');
  });

  it('refuse a database that is ahead of this version', async () => {
    database = await openTestDatabase();
    await sql`INSERT INTO schema_migrations (name) VALUES ('9000_from_the_future')`.execute(database.db);
    await expect(migrate(database)).rejects.toThrow(/9000_from_the_future/);
  });
});

describe('the database layer', () => {
  it('gives counts as numbers and dates as ISO strings on both databases', async () => {
    database = await openTestDatabase();
    const { rows } = await sql<{ n: number; d: string }>`SELECT count(*) AS n, DATE '2025-03-15' AS d FROM users`.execute(database.db);
    expect(rows[0]).toEqual({ n: 0, d: '2025-03-15' });
  });

  it('keeps concurrent transactions apart', async () => {
    database = await openTestDatabase();
    const db = database.db;
    const participant = await db
      .insertInto('participants')
      .values({ code: 'TS', name: 'Testland', currency: 'EUR', locale: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    // One transaction fails after writing; a concurrent one succeeds. Only the second is kept.
    const failing = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('institutions')
        .values({ participant_id: participant.id, code: 'A', name: 'A', type: 'other', level: 'national', area: null })
        .execute();
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('rolled back on purpose');
    });
    const succeeding = db.transaction().execute(async (trx) => {
      await trx
        .insertInto('institutions')
        .values({ participant_id: participant.id, code: 'B', name: 'B', type: 'other', level: 'national', area: null })
        .execute();
    });
    const outsider = db.selectFrom('institutions').select('code').execute();
    await expect(failing).rejects.toThrow('rolled back on purpose');
    await succeeding;
    await outsider;
    const codes = await db.selectFrom('institutions').select('code').orderBy('code').execute();
    expect(codes.map((row) => row.code)).toEqual(['B']);
  });
});
