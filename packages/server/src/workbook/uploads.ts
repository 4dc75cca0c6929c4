import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@ariadne/domain';
import type { Database } from '@ariadne/db';
import type { SheetData } from './read.ts';

/** The cells a workbook's sheets hold, as kept. */
function cellsOf(sheets: SheetData[]): number {
  return sheets.reduce((sum, sheet) => sum + sheet.rows.reduce((rows, row) => rows + row.length, 0), 0);
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Who uploaded a workbook, and into which action plan it is to be imported: only they can use it. */
export type UploadOwner = { userId: number; participant: string; plan: string };

export type Upload = UploadOwner & { token: string; fileName: string | null; sheets: SheetData[]; expiresAt: number };

export type UploadStoreOptions = {
  /** How long an upload is kept after it was last used, in milliseconds. */
  lifetime?: number;
  /** Uploads kept per user; the oldest goes when a new one comes. */
  perUser?: number;
  /** Uploads kept in all; the ones closest to expiring go when a new one comes. */
  total?: number;
  /** Cells kept in all; the uploads closest to expiring go to make room. */
  cells?: number;
  now?: () => number;
};

/**
 * Uploaded workbooks, read into plain values, kept for the few minutes of an import under a random
 * token, in the database so that whichever server takes the next step finds them. Nothing is
 * written to a folder, so nothing is ever served from one. Each user keeps a few at most, the store
 * as a whole is bounded, and expired uploads are swept away whenever one is kept.
 */
export class UploadStore {
  private readonly lifetime: number;
  private readonly perUser: number;
  private readonly total: number;
  private readonly cells: number;
  private readonly now: () => number;

  constructor(
    private readonly database: Database,
    options: UploadStoreOptions = {},
  ) {
    this.lifetime = options.lifetime ?? 30 * 60 * 1000;
    this.perUser = options.perUser ?? 3;
    this.total = options.total ?? 100;
    // Ten workbooks of the largest size accepted.
    this.cells = options.cells ?? 3_000_000;
    this.now = options.now ?? Date.now;
  }

  /** Minutes an upload is kept after its last use. */
  get lifetimeMinutes(): number {
    return Math.round(this.lifetime / 60_000);
  }

  /** Keeps a workbook; returns its token. */
  async put(owner: UploadOwner, sheets: SheetData[], fileName: string | null = null): Promise<Upload> {
    const now = this.now();
    const token = randomBytes(24).toString('base64url');
    const cells = cellsOf(sheets);
    const expiresAt = now + this.lifetime;
    await this.database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('workbook_uploads').where('expires_at', '<=', new Date(now)).execute();
      const mine = await trx
        .selectFrom('workbook_uploads')
        .select('token_hash')
        .where('user_id', '=', owner.userId)
        .orderBy('expires_at', 'desc')
        .execute();
      const over = mine.slice(this.perUser - 1).map((row) => row.token_hash);
      if (over.length > 0) await trx.deleteFrom('workbook_uploads').where('token_hash', 'in', over).execute();
      // Room in all, by number and by cells: the uploads closest to expiring go first.
      const others = await trx.selectFrom('workbook_uploads').select(['token_hash', 'cells']).orderBy('expires_at', 'asc').execute();
      let count = others.length;
      let held = others.reduce((sum, row) => sum + row.cells, 0);
      const dropped: string[] = [];
      for (const row of others) {
        if (count < this.total && held + cells <= this.cells) break;
        dropped.push(row.token_hash);
        count -= 1;
        held -= row.cells;
      }
      if (dropped.length > 0) await trx.deleteFrom('workbook_uploads').where('token_hash', 'in', dropped).execute();
      await trx
        .insertInto('workbook_uploads')
        .values({
          token_hash: digest(token),
          user_id: owner.userId,
          participant: owner.participant,
          plan: owner.plan,
          file_name: fileName,
          sheets: JSON.stringify(sheets),
          cells,
          expires_at: new Date(expiresAt),
        })
        .execute();
    });
    return { ...owner, token, fileName, sheets, expiresAt };
  }

  /**
   * The upload of a token, for its owner and plan only, its lifetime renewed. A token that has
   * expired, or that is someone else's, is answered alike: the upload is gone.
   */
  async get(token: string, owner: UploadOwner): Promise<Upload> {
    const now = this.now();
    const row = await this.database.db
      .selectFrom('workbook_uploads')
      .select(['user_id', 'participant', 'plan', 'file_name', 'sheets', 'expires_at'])
      .where('token_hash', '=', digest(token))
      .executeTakeFirst();
    if (
      !row ||
      new Date(row.expires_at).getTime() <= now ||
      row.user_id !== owner.userId ||
      row.participant !== owner.participant ||
      row.plan !== owner.plan
    ) {
      throw new AppError('NOT_FOUND', {
        issues: [{ path: 'upload', key: 'upload_expired' }],
        detail: 'no such upload for this user and plan',
      });
    }
    const expiresAt = now + this.lifetime;
    await this.database.db
      .updateTable('workbook_uploads')
      .set({ expires_at: new Date(expiresAt) })
      .where('token_hash', '=', digest(token))
      .execute();
    const sheets = (typeof row.sheets === 'string' ? JSON.parse(row.sheets) : row.sheets) as SheetData[];
    return { ...owner, token, fileName: row.file_name, sheets, expiresAt };
  }

  /** Forgets an upload (after it was imported). */
  async delete(token: string): Promise<void> {
    await this.database.db.deleteFrom('workbook_uploads').where('token_hash', '=', digest(token)).execute();
  }

  /** Uploads kept and not expired. */
  async size(): Promise<number> {
    const row = await this.database.db
      .selectFrom('workbook_uploads')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('expires_at', '>', new Date(this.now()))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
