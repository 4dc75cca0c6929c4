import { isAppError } from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import { openTestDatabase } from '@ariadne/db/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UploadStore } from './uploads.ts';

// Uploaded workbooks are kept in the database so that any of several servers takes the next step
// of an import; these are the rules of keeping them.

let database: Database;
const users: number[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  for (const n of [1, 2, 3]) {
    const row = await database.db
      .insertInto('users')
      .values({ email: `uploader${n}@example.org`, display_name: `Uploader ${n}`, password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    users.push(row.id);
  }
});
afterAll(async () => database?.close());
beforeEach(async () => {
  await database.db.deleteFrom('workbook_uploads').execute();
});

function owner(index: number, plan = 'AP-1') {
  return { userId: users[index] ?? 0, participant: 'DL', plan };
}

async function refusal(work: () => Promise<unknown>): Promise<string> {
  try {
    await work();
    return 'no refusal';
  } catch (error) {
    if (!isAppError(error)) throw error;
    return `${error.code} ${error.issues.map((issue) => `${issue.path}: ${issue.key}`).join(', ')}`;
  }
}

const sheet = (rows: number) => [{ name: 'Plan', hidden: false, rows: Array.from({ length: rows }, () => ['A1.1', 3, true, null]) }];

describe('keeping uploads', () => {
  it('gives an upload back, values intact, to its owner for its plan only, until it expires', async () => {
    let now = 1_000_000;
    const store = new UploadStore(database, { lifetime: 1000, now: () => now });
    const upload = await store.put(owner(0), sheet(2), 'plan.xlsx');
    const again = await store.get(upload.token, owner(0));
    expect(again.sheets).toEqual(sheet(2));
    expect(again.fileName).toBe('plan.xlsx');
    expect(await refusal(() => store.get(upload.token, owner(1)))).toBe('NOT_FOUND upload: upload_expired');
    expect(await refusal(() => store.get(upload.token, owner(0, 'AP-2')))).toBe('NOT_FOUND upload: upload_expired');
    expect(await refusal(() => store.get('not-a-token', owner(0)))).toBe('NOT_FOUND upload: upload_expired');
    now += 900;
    await store.get(upload.token, owner(0)); // used: kept longer
    now += 900;
    expect((await store.get(upload.token, owner(0))).token).toBe(upload.token);
    now += 1001;
    expect(await refusal(() => store.get(upload.token, owner(0)))).toBe('NOT_FOUND upload: upload_expired');
  });

  it('is shared by every server on the database, and keeps only the digest of the token', async () => {
    const first = new UploadStore(database);
    const second = new UploadStore(database);
    const upload = await first.put(owner(0), sheet(3));
    expect((await second.get(upload.token, owner(0))).sheets).toEqual(sheet(3));
    const stored = await database.db.selectFrom('workbook_uploads').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(upload.token);
    await second.delete(upload.token);
    expect(await refusal(() => first.get(upload.token, owner(0)))).toBe('NOT_FOUND upload: upload_expired');
  });

  it('keeps a few uploads per user and a bounded number in all', async () => {
    let now = 5_000_000;
    const store = new UploadStore(database, { perUser: 2, total: 3, now: () => (now += 10) });
    const first = await store.put(owner(0), []);
    await store.put(owner(0), []);
    await store.put(owner(0), []);
    expect(await store.size()).toBe(2);
    expect(await refusal(() => store.get(first.token, owner(0)))).toBe('NOT_FOUND upload: upload_expired');
    await store.put(owner(1), []);
    await store.put(owner(2), []);
    expect(await store.size()).toBe(3);
  });

  it('makes room by the cells held, not only by the number of uploads', async () => {
    let now = 9_000_000;
    const store = new UploadStore(database, { cells: 400, now: () => (now += 10) });
    const first = await store.put(owner(0), sheet(50));
    const second = await store.put(owner(1), sheet(25));
    await store.put(owner(2), sheet(40));
    expect(await refusal(() => store.get(first.token, owner(0)))).toBe('NOT_FOUND upload: upload_expired');
    expect((await store.get(second.token, owner(1))).token).toBe(second.token);
  });
});
