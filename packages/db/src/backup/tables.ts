import { sql, type Kysely, type Transaction } from 'kysely';
import type { Schema } from '../schema.ts';

/** The migrator's own bookkeeping: carried in the backup's header, never as rows. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/** A column as the backup carries it: its name and type, and whether the database computes it. */
export type ColumnInfo = { name: string; type: string; generated: boolean; identity: boolean; nullable: boolean };

/** A table of the schema with what a backup and a restore need to know of it. */
export type TableInfo = {
  name: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** The foreign keys of the table: the columns and the table they point at. */
  references: { columns: string[]; table: string }[];
};

type Queryable = Kysely<Schema> | Transaction<Schema>;

/**
 * The tables of the public schema as the migrations made them (the migrator's bookkeeping left
 * out), read from the catalogue, so that a table or a column a migration adds is carried without
 * anyone listing it. Sorted by name; `dependencyOrder` puts them in the order they can be written.
 */
export async function readTables(db: Queryable): Promise<TableInfo[]> {
  const { rows: tableRows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> ${MIGRATIONS_TABLE}
    ORDER BY table_name`.execute(db);
  const { rows: columnRows } = await sql<{
    table: string;
    name: string;
    type: string;
    generated: boolean;
    identity: boolean;
    nullable: boolean;
  }>`
    SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
           a.attgenerated <> '' AS generated, a.attidentity <> '' AS identity, NOT a.attnotnull AS nullable
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`.execute(db);
  const { rows: constraintRows } = await sql<{ table: string; kind: string; columns: string[]; target: string | null }>`
    SELECT c.relname AS table, k.contype AS kind, t.relname AS target,
           ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum ORDER BY u.ord) AS columns
    FROM pg_constraint k
    JOIN pg_class c ON c.oid = k.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_class t ON t.oid = k.confrelid
    WHERE n.nspname = 'public' AND k.contype IN ('p', 'f')
    ORDER BY c.relname, k.conname`.execute(db);
  return tableRows.map(({ name }) => ({
    name,
    columns: columnRows
      .filter((column) => column.table === name)
      .map((column) => ({
        name: column.name,
        type: column.type,
        generated: column.generated,
        identity: column.identity,
        nullable: column.nullable,
      })),
    primaryKey: constraintRows.find((row) => row.table === name && row.kind === 'p')?.columns ?? [],
    references: constraintRows
      .filter((row) => row.table === name && row.kind === 'f' && row.target !== null)
      .map((row) => ({ columns: row.columns, table: row.target! })),
  }));
}

/**
 * The order in which tables can be written so that every row finds what it refers to: a table
 * after the tables it points at. A reference of a table to itself, or one closing a cycle, cannot
 * be satisfied by order: its columns are written in a second pass (`deferred`), which needs them
 * to be nullable.
 */
export function dependencyOrder(tables: TableInfo[]): { order: TableInfo[]; deferred: Map<string, string[]> } {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const deferred = new Map<string, string[]>();
  const defer = (table: TableInfo, columns: string[]): void => {
    for (const column of columns) {
      const info = table.columns.find((c) => c.name === column);
      if (!info?.nullable) {
        throw new Error(`The table ${table.name} refers to itself or to a cycle through the non-nullable column ${column}`);
      }
    }
    deferred.set(table.name, [...new Set([...(deferred.get(table.name) ?? []), ...columns])]);
  };
  // What each table still waits for.
  const waiting = new Map<string, { columns: string[]; table: string }[]>();
  for (const table of tables) {
    const outside = [];
    for (const reference of table.references) {
      if (reference.table === table.name) defer(table, reference.columns);
      else if (byName.has(reference.table)) outside.push(reference);
    }
    waiting.set(table.name, outside);
  }
  const order: TableInfo[] = [];
  const done = new Set<string>();
  while (order.length < tables.length) {
    const ready = tables.filter((table) => !done.has(table.name) && waiting.get(table.name)!.every((r) => done.has(r.table)));
    if (ready.length > 0) {
      for (const table of ready) {
        order.push(table);
        done.add(table.name);
      }
      continue;
    }
    // A cycle: break it at a reference whose columns may wait for the second pass.
    const candidate = tables
      .filter((table) => !done.has(table.name))
      .flatMap((table) =>
        waiting
          .get(table.name)!
          .filter((r) => !done.has(r.table))
          .map((reference) => ({ table, reference })),
      )
      .find(({ table, reference }) => reference.columns.every((c) => table.columns.find((column) => column.name === c)?.nullable));
    if (!candidate) throw new Error('The tables refer to each other in a cycle that no nullable column breaks');
    defer(candidate.table, candidate.reference.columns);
    waiting.set(
      candidate.table.name,
      waiting.get(candidate.table.name)!.filter((r) => r !== candidate.reference),
    );
  }
  return { order, deferred };
}

/** The sequences of the public schema (identity columns have one each): their state is part of a backup. */
export async function readSequences(db: Queryable): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'S' ORDER BY c.relname`.execute(db);
  const sequences = [];
  for (const { name } of rows) {
    const { rows: state } = await sql<{ last_value: string | number; is_called: boolean }>`
      SELECT last_value::text AS last_value, is_called FROM ${sql.table(name)}`.execute(db);
    sequences.push({ name, lastValue: String(state[0]!.last_value), isCalled: state[0]!.is_called });
  }
  return sequences;
}
