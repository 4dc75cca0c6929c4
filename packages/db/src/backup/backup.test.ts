import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { isAppError, type PlanPackage } from '@ariadne/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../connection.ts';
import { loadMigrations, migrate } from '../migrate.ts';
import { generatePlanPackage } from '../plans/generate.ts';
import { findStrategy, upsertInstitutions } from '../plans/queries.ts';
import { readPlanPackage } from '../plans/read.ts';
import { writeStrategy } from '../plans/write.ts';
import { openTestDatabase } from '../testing.ts';
import { writeBackup } from './backup.ts';
import { readBackupHeader, restoreBackup } from './restore.ts';
import { dependencyOrder, readTables, type TableInfo } from './tables.ts';

const DEMOLAND = JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')) as PlanPackage;
const ACTOR = { system: 'test' };

/**
 * A table with every kind of value a backup must carry exactly, a reference to itself and a
 * column the database computes. Made in both databases of a test (migrations do not know it).
 */
const ODD_TABLE = sql`CREATE TABLE backup_odd_values (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  parent_id bigint REFERENCES backup_odd_values (id),
  label text NOT NULL,
  at timestamptz, local_at timestamp, day date, span interval,
  payload jsonb, data bytea, amount numeric, big bigint, ratio double precision, tags text[], done boolean,
  label_length integer GENERATED ALWAYS AS (length(label)) STORED
)`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ariadne-backup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every table's rows as PostgreSQL writes them, in key order, and every sequence's state. */
async function contents(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  await database.db.transaction().execute(async (trx) => {
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx);
    for (const table of await readTables(trx)) {
      const order = sql.join(table.primaryKey.map((c) => sql.ref(c)));
      const { rows } = await sql<{
        row: string;
      }>`SELECT to_jsonb(t)::text AS row FROM ${sql.table(table.name)} t ORDER BY ${order}`.execute(trx);
      out[table.name] = rows.map((r) => r.row);
    }
    const { rows } = await sql<{ name: string }>`SELECT relname AS name FROM pg_class WHERE relkind = 'S' ORDER BY relname`.execute(trx);
    for (const { name } of rows) {
      const { rows: state } = await sql<{
        s: string;
      }>`SELECT last_value::text || '/' || is_called::text AS s FROM ${sql.table(name)}`.execute(trx);
      out[`sequence ${name}`] = [state[0]!.s];
    }
  });
  return out;
}

/** Fills a database with two plan packages, an account, a generated document and the odd values. */
async function fill(database: Database): Promise<void> {
  await ODD_TABLE.execute(database.db);
  const plans = [DEMOLAND, generatePlanPackage({ seed: 11, optional: 'all' })];
  for (const plan of plans) {
    const { code, name, currency, locale } = plan.participant;
    const participant = await database.db
      .insertInto('participants')
      .values({ code, name, currency, locale: locale ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.transaction().execute(async (trx) => {
      const institutions = await upsertInstitutions(trx, participant.id, plan.institutions);
      await writeStrategy(trx, { participantId: participant.id, institutionIds: institutions.ids, plan });
    });
  }
  const user = await database.db
    .insertInto('users')
    .values({
      email: 'backup@example.org',
      display_name: 'Ana Kovač 🙂',
      password_hash: 'x',
      created_at: sql`'2024-02-29 23:59:59.123456+05:30'`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const participant = await database.db
    .selectFrom('participants')
    .select('id')
    .where('code', '=', DEMOLAND.participant.code)
    .executeTakeFirstOrThrow();
  const every = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  await database.db
    .insertInto('document_runs')
    .values({
      participant_id: participant.id,
      kind: 'plan',
      language: 'sr-Cyrl',
      format: 'pdf',
      status: 'done',
      content: every,
      created_by: user.id,
    })
    .execute();
  // Removed rows leave the sequences ahead of the largest id: the backup keeps them so.
  const removed = await database.db
    .insertInto('users')
    .values({ email: 'gone@example.org', display_name: 'Gone', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db.deleteFrom('users').where('id', '=', removed.id).execute();
  // A child written before its parent, so that order alone cannot restore the reference.
  await sql`INSERT INTO backup_odd_values (label) VALUES ('child')`.execute(database.db);
  await sql`INSERT INTO backup_odd_values (label, at, local_at, day, span, payload, data, amount, big, ratio, tags, done) VALUES (
    'parent ''quoted'' \\ “text”', '1999-12-31 23:59:59.999999-11', '2000-01-01 00:00:00.000001', '0044-03-15', '1 year 2 mons -3 days 04:05:06.789',
    '{"n": 12345678901234567890.000000001, "s": "\\u00e9 tab\\t é 🙂", "nested": {"a": [1, 2.5e-300, null, true]}}',
    '\\x00ff10', 12345678901234567890.123456789, 9007199254740993, 0.1, ARRAY['a,b', 'c"d', NULL], false)`.execute(database.db);
  await sql`UPDATE backup_odd_values SET parent_id = (SELECT id FROM backup_odd_values WHERE label LIKE 'parent%') WHERE label = 'child'`.execute(
    database.db,
  );
  await sql`INSERT INTO backup_odd_values (label, ratio, day, at) VALUES ('specials', 'NaN', 'infinity', '-infinity')`.execute(database.db);
}

/** The plan package of every strategy, as the store reads it back. */
async function packages(database: Database): Promise<PlanPackage[]> {
  const out = [];
  for (const plan of [DEMOLAND, generatePlanPackage({ seed: 11, optional: 'all' })]) {
    const strategy = await findStrategy(database.db, plan.participant.code, plan.strategy.id);
    out.push(await readPlanPackage(database.db, strategy!.id));
  }
  return out;
}

/** A database of the other kind when there is a PostgreSQL server, else another embedded one. */
async function openOther(): Promise<Database> {
  if (process.env.DATABASE_URL) return openDatabase({ kind: 'pglite', dataDir: null });
  return openDatabase({ kind: 'pglite', dataDir: null });
}

/** Restores into a fresh, empty database (not migrated: the restore does it) that has the odd table too. */
async function restoreInto(target: Database, file: string): Promise<void> {
  await migrate(target, loadMigrations().slice(0, 1));
  await ODD_TABLE.execute(target.db);
  await restoreBackup(target, file, { actor: ACTOR });
}

/** The tables and sequences whose contents differ, with the first row that does: empty when all are the same. */
function differences(actual: Record<string, string[]>, expected: Record<string, string[]>): string[] {
  const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])].sort();
  return keys.flatMap((key) => {
    const a = actual[key] ?? [];
    const e = expected[key] ?? [];
    if (JSON.stringify(a) === JSON.stringify(e)) return [];
    const at = a.findIndex((row, i) => row !== e[i]);
    return [`${key}: ${a.length} rows, expected ${e.length}; first difference ${a[at] ?? '(none)'} vs ${e[at] ?? '(none)'}`];
  });
}

function withoutRestoreAudit(all: Record<string, string[]>): Record<string, string[]> {
  const audit = all.audit_entries ?? [];
  const last = audit.at(-1) ?? '';
  return { ...all, audit_entries: last.includes('"database.restore"') ? audit.slice(0, -1) : audit, 'sequence audit_entries_id_seq': [] };
}

describe('backup and restore', () => {
  let source: Database;
  let file: string;
  beforeAll(async () => {
    source = await openTestDatabase();
    await fill(source);
    file = join(dir, 'office.ariadne-backup.gz');
    await writeBackup(source, file);
  });
  afterAll(async () => source?.close());

  it('writes a versioned header with every table of the schema, in an order that writes references first', async () => {
    const header = await readBackupHeader(file);
    expect(header).toMatchObject({ format: 'ariadne-backup', version: 1, source: source.kind });
    expect(header.migrations).toEqual(loadMigrations().map((m) => m.name));
    const names = header.tables.map((t) => t.name);
    expect(names).not.toContain('schema_migrations');
    expect(names).toEqual(expect.arrayContaining(['participants', 'users', 'strategies', 'audit_entries', 'backup_odd_values']));
    expect(names.indexOf('participants')).toBeLessThan(names.indexOf('strategies'));
    expect(names.indexOf('strategies')).toBeLessThan(names.indexOf('action_plans'));
    expect(header.tables.find((t) => t.name === 'backup_odd_values')?.rows).toBe(3);
  });

  it('restores every table, sequence and plan package exactly, with an audit entry, on the same kind of database', async () => {
    const target = await openTestDatabase({ migrated: false });
    try {
      await restoreInto(target, file);
      expect(differences(withoutRestoreAudit(await contents(target)), withoutRestoreAudit(await contents(source)))).toEqual([]);
      expect(await packages(target)).toEqual(await packages(source));
      const audit = await target.db.selectFrom('audit_entries').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit).toMatchObject({ action: 'database.restore', actor: 'test', entity: 'database' });
      // A new row takes the next id, not one of a removed row.
      const next = await target.db
        .insertInto('users')
        .values({ email: 'new@example.org', display_name: 'N', password_hash: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const [last] = (await contents(source))['sequence users_id_seq']![0]!.split('/');
      expect(next.id).toBe(Number(last) + 1);
    } finally {
      await target.close();
    }
  });

  it('restores on the other kind of database, and a backup made there back again', async () => {
    const target = await openOther();
    try {
      await restoreInto(target, file);
      expect(differences(withoutRestoreAudit(await contents(target)), withoutRestoreAudit(await contents(source)))).toEqual([]);
      expect(await packages(target)).toEqual(await packages(source));
      // And back: a backup of the restored database restores to the same again.
      const again = join(dir, 'again.gz');
      await writeBackup(target, again);
      const third = await openTestDatabase({ migrated: false });
      try {
        await restoreInto(third, again);
        expect(
          differences(withoutRestoreAudit(withoutRestoreAudit(await contents(third))), withoutRestoreAudit(await contents(source))),
        ).toEqual([]);
      } finally {
        await third.close();
      }
    } finally {
      await target.close();
    }
  });

  it('keeps the revisions of strategies as they were (the triggers do not run during a restore)', async () => {
    const target = await openTestDatabase({ migrated: false });
    try {
      await restoreInto(target, file);
      const revisions = (db: Database) => db.db.selectFrom('strategies').select(['id', 'revision']).orderBy('id').execute();
      expect(await revisions(target)).toEqual(await revisions(source));
      // And they run again afterwards.
      const before = (await revisions(target))[0]!;
      await target.db.updateTable('strategies').set({ title: 'Changed' }).where('id', '=', before.id).execute();
      expect((await revisions(target))[0]!.revision).toBeGreaterThan(before.revision);
    } finally {
      await target.close();
    }
  });

  it('refuses a database that holds data, unless told to replace it', async () => {
    const target = await openTestDatabase({ migrated: false });
    try {
      await restoreInto(target, file);
      await target.db.insertInto('users').values({ email: 'extra@example.org', display_name: 'Extra', password_hash: 'x' }).execute();
      const error = await restoreBackup(target, file, { actor: ACTOR }).catch((e: unknown) => e);
      expect(isAppError(error) && error.issues[0]).toMatchObject({ path: 'database', key: 'database_not_empty' });
      expect(await target.db.selectFrom('users').select('email').where('email', '=', 'extra@example.org').execute()).toHaveLength(1);
      await restoreBackup(target, file, { actor: ACTOR, force: true });
      expect(await target.db.selectFrom('users').select('email').where('email', '=', 'extra@example.org').execute()).toHaveLength(0);
      expect(differences(withoutRestoreAudit(await contents(target)), withoutRestoreAudit(await contents(source)))).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('refuses a backup from a newer version, a cut-off or damaged file, and changes nothing', async () => {
    const lines = gunzipSync(readFileSync(file))
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0);
    const header = JSON.parse(lines[0]!) as { migrations: string[] };
    const newer = join(dir, 'newer.gz');
    writeFileSync(
      newer,
      gzipSync([JSON.stringify({ ...header, migrations: [...header.migrations, '9999_future'] }), ...lines.slice(1)].join('\n')),
    );
    const cut = join(dir, 'cut.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, -5).join('\n')));
    const broken = join(dir, 'broken.gz');
    const brokenLines = [...lines];
    const auditLine = brokenLines.findIndex((l, i) => i > 0 && /"strategy_id": \d+/.test(l));
    brokenLines[auditLine] = brokenLines[auditLine]!.replace(/"strategy_id": \d+/, '"strategy_id": 987654');
    writeFileSync(broken, gzipSync(brokenLines.join('\n')));
    const garbage = join(dir, 'garbage.gz');
    writeFileSync(garbage, readFileSync(file).subarray(0, 2000));
    const notBackup = join(dir, 'plan.json');
    writeFileSync(notBackup, JSON.stringify(DEMOLAND));
    const expected: [string, string, string][] = [
      [newer, 'backup_newer_schema', 'line 1'],
      [cut, 'backup_truncated', ''],
      [broken, 'backup_damaged', '$'],
      [garbage, 'backup_damaged', ''],
      [notBackup, 'backup_not_a_backup', 'line 1'],
      [join(dir, 'missing.gz'), 'file_not_found', '$'],
    ];
    // One database for all: each refusal must leave it as it was, empty.
    const target = await openTestDatabase({ migrated: false });
    try {
      await migrate(target, loadMigrations().slice(0, 1));
      await ODD_TABLE.execute(target.db);
      for (const [bad, key, path] of expected) {
        const error = await restoreBackup(target, bad, { actor: ACTOR }).catch((e: unknown) => e);
        expect(isAppError(error), `${key}: ${String(error)}`).toBe(true);
        const issue = isAppError(error) ? error.issues[0] : undefined;
        expect(issue?.key, bad).toBe(key);
        if (path) expect(issue?.path).toBe(path);
        else expect(issue?.path).toMatch(/^line \d+$/);
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM participants`.execute(target.db);
        expect(rows[0]!.n).toBe(0);
      }
    } finally {
      await target.close();
    }
  });

  it('refuses a database whose schema is ahead of the backup', async () => {
    const older = join(dir, 'older.gz');
    const early = await openTestDatabase({ migrated: false });
    try {
      await migrate(early, loadMigrations().slice(0, 2));
      await writeBackup(early, older);
    } finally {
      await early.close();
    }
    const target = await openTestDatabase();
    try {
      const error = await restoreBackup(target, older, { actor: ACTOR }).catch((e: unknown) => e);
      expect(isAppError(error) && error.issues[0]?.key).toBe('database_schema_newer');
    } finally {
      await target.close();
    }
    // An older backup restores into a new database, which then takes the later migrations.
    const fresh = await openTestDatabase({ migrated: false });
    try {
      await restoreBackup(fresh, older, { actor: ACTOR });
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(fresh.db);
      expect(rows[0]!.n).toBe(loadMigrations().length);
    } finally {
      await fresh.close();
    }
  });
});

describe('the order of tables', () => {
  const table = (name: string, references: [string, string, boolean][]): TableInfo => ({
    name,
    columns: [{ name: 'id', type: 'bigint', generated: false, identity: true, nullable: false }].concat(
      references.map(([column, , nullable]) => ({ name: column, type: 'bigint', generated: false, identity: false, nullable })),
    ),
    primaryKey: ['id'],
    references: references.map(([column, target]) => ({ columns: [column], table: target })),
  });

  it('puts a table after those it refers to, and leaves references to itself and cycles for a second pass', () => {
    const { order, deferred } = dependencyOrder([
      table('c', [['b_id', 'b', false]]),
      table('b', [
        ['a_id', 'a', false],
        ['parent_id', 'b', true],
      ]),
      table('a', [['d_id', 'd', true]]),
      table('d', [['a_id', 'a', false]]),
    ]);
    const names = order.map((t) => t.name);
    expect(names.indexOf('a')).toBeLessThan(names.indexOf('b'));
    expect(names.indexOf('b')).toBeLessThan(names.indexOf('c'));
    expect(names.indexOf('a')).toBeLessThan(names.indexOf('d'));
    expect(Object.fromEntries(deferred)).toEqual({ b: ['parent_id'], a: ['d_id'] });
  });

  it('refuses a cycle that no nullable column breaks', () => {
    expect(() => dependencyOrder([table('a', [['b_id', 'b', false]]), table('b', [['a_id', 'a', false]])])).toThrow(/cycle/);
  });
});
