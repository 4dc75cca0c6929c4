import { randomBytes } from 'node:crypto';
import { AppError } from '@ariadne/domain';
import type { SheetData } from './read.ts';

/** The cells a workbook's sheets hold, as kept. */
function cellsOf(sheets: SheetData[]): number {
  return sheets.reduce((sum, sheet) => sum + sheet.rows.length * (sheet.rows[0]?.length ?? 0), 0);
}

/** Who uploaded a workbook, and into which action plan it is to be imported: only they can use it. */
export type UploadOwner = { userId: number; participant: string; plan: string };

export type Upload = UploadOwner & { token: string; fileName: string | null; sheets: SheetData[]; expiresAt: number };

export type UploadStoreOptions = {
  /** How long an upload is kept after it was last used, in milliseconds. */
  lifetime?: number;
  /** Uploads kept per user; the oldest goes when a new one comes. */
  perUser?: number;
  /** Uploads kept in all; the one closest to expiring goes when a new one comes. */
  total?: number;
  /** Cells kept in all (what the memory holds); the uploads closest to expiring go to make room. */
  cells?: number;
  now?: () => number;
};

/**
 * Uploaded workbooks, read into plain values, kept in the server's memory for the few minutes of
 * an import (choosing the sheet, mapping the columns, correcting cells) under a random token.
 * Nothing is written to disk, so nothing is ever served from a folder; a restart forgets them
 * (the user uploads the file again). Each user keeps a few at most, and the store as a whole is
 * bounded.
 */
export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly lifetime: number;
  private readonly perUser: number;
  private readonly total: number;
  private readonly cells: number;
  private readonly now: () => number;

  constructor(options: UploadStoreOptions = {}) {
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
  put(owner: UploadOwner, sheets: SheetData[], fileName: string | null = null): Upload {
    this.sweep();
    const mine = [...this.uploads.values()].filter((upload) => upload.userId === owner.userId).sort((a, b) => a.expiresAt - b.expiresAt);
    while (mine.length >= this.perUser) {
      const oldest = mine.shift();
      if (oldest) this.uploads.delete(oldest.token);
    }
    const cells = cellsOf(sheets);
    const others = [...this.uploads.values()].sort((a, b) => a.expiresAt - b.expiresAt);
    let held = others.reduce((sum, upload) => sum + cellsOf(upload.sheets), 0);
    while (others.length > 0 && (others.length >= this.total || held + cells > this.cells)) {
      const first = others.shift();
      if (!first) break;
      this.uploads.delete(first.token);
      held -= cellsOf(first.sheets);
    }
    const upload: Upload = {
      ...owner,
      token: randomBytes(24).toString('base64url'),
      fileName,
      sheets,
      expiresAt: this.now() + this.lifetime,
    };
    this.uploads.set(upload.token, upload);
    return upload;
  }

  /**
   * The upload of a token, for its owner and plan only, its lifetime renewed. A token that has
   * expired, or that is someone else's, is answered alike: the upload is gone.
   */
  get(token: string, owner: UploadOwner): Upload {
    this.sweep();
    const upload = this.uploads.get(token);
    if (!upload || upload.userId !== owner.userId || upload.participant !== owner.participant || upload.plan !== owner.plan) {
      throw new AppError('NOT_FOUND', {
        issues: [{ path: 'upload', key: 'upload_expired' }],
        detail: 'no such upload for this user and plan',
      });
    }
    upload.expiresAt = this.now() + this.lifetime;
    return upload;
  }

  /** Forgets an upload (after it was imported). */
  delete(token: string): void {
    this.uploads.delete(token);
  }

  get size(): number {
    this.sweep();
    return this.uploads.size;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, upload] of this.uploads) if (upload.expiresAt <= now) this.uploads.delete(token);
  }
}
