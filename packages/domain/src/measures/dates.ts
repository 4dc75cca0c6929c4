import { AppError } from '../errors.ts';
import { IsoDate } from '../plan/package.ts';

const DAY_MS = 86_400_000;

/** The number of whole days since 1970-01-01 of an ISO date, so that dates subtract in days. */
export function dayNumber(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  const day = Number(isoDate.slice(8, 10));
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The calendar year of an ISO date. */
export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/** Checks the as-of date of a measure, which must be a real `YYYY-MM-DD` date, and returns it. */
export function requireAsOf(asOf: string): string {
  if (!IsoDate.safeParse(asOf).success) {
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: 'asOf', key: 'invalid_date' }],
      detail: `as-of date "${asOf}" is not a YYYY-MM-DD date`,
    });
  }
  return asOf;
}
