import type { Frequency } from '../plan/vocabulary.ts';

const DAY_MS = 86_400_000;

/** An ISO date as days since 1970-01-01. */
function toDay(isoDate: string): number {
  return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS;
}

/** Days since 1970-01-01 as an ISO date. */
function fromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The last day of a month (1–12) of a year, as an ISO date. */
function monthEnd(year: number, month: number): string {
  return fromDay(Date.UTC(year, month, 1) / DAY_MS - 1);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Tells whether a date is a working day: not a Saturday, Sunday or one of the holidays. */
export function isWorkingDay(isoDate: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(toDay(isoDate) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(isoDate);
}

/**
 * The N-th working day after the end of a period: with 5 and a period ending on the last day of
 * a month, the fifth working day of the following month. Weekends and holidays are skipped.
 */
export function deadlineAfter(periodEnd: string, workingDays: number, holidays: readonly string[]): string {
  const closed = new Set(holidays);
  let day = toDay(periodEnd);
  let counted = 0;
  while (counted < workingDays) {
    day += 1;
    if (isWorkingDay(fromDay(day), closed)) counted += 1;
  }
  return fromDay(day);
}

/** A reporting period with its round id and deadline. */
export type ScheduledRound = { id: string; periodStart: string; periodEnd: string; deadline: string };

const MONTHS_PER_PERIOD: Record<Frequency, number> = { monthly: 1, quarterly: 3, semi_annual: 6, annual: 12 };

function periodId(frequency: Frequency, year: number, index: number): string {
  switch (frequency) {
    case 'monthly':
      return `${year}-${pad(index + 1)}`;
    case 'quarterly':
      return `${year}-Q${index + 1}`;
    case 'semi_annual':
      return `${year}-H${index + 1}`;
    case 'annual':
      return String(year);
  }
}

/**
 * The rounds of a plan at its reporting frequency: calendar-aligned periods (months `2025-03`,
 * quarters `2025-Q1`, halves `2025-H1`, years `2025`) clipped to the plan's start and end, each
 * with its deadline `deadlineWorkingDays` working days after the period ends.
 */
export function roundSchedule(input: {
  start: string;
  end: string;
  frequency: Frequency;
  deadlineWorkingDays: number;
  holidays: readonly string[];
}): ScheduledRound[] {
  const { start, end, frequency, deadlineWorkingDays, holidays } = input;
  if (start > end) return [];
  const months = MONTHS_PER_PERIOD[frequency];
  const rounds: ScheduledRound[] = [];
  let year = Number(start.slice(0, 4));
  let index = Math.floor((Number(start.slice(5, 7)) - 1) / months);
  for (;;) {
    const firstMonth = index * months + 1;
    const periodStart = `${year}-${pad(firstMonth)}-01`;
    if (periodStart > end) break;
    const periodEnd = monthEnd(year, firstMonth + months - 1);
    const clippedEnd = periodEnd < end ? periodEnd : end;
    rounds.push({
      id: periodId(frequency, year, index),
      periodStart: periodStart > start ? periodStart : start,
      periodEnd: clippedEnd,
      deadline: deadlineAfter(clippedEnd, deadlineWorkingDays, holidays),
    });
    index += 1;
    if (index * months >= 12) {
      index = 0;
      year += 1;
    }
  }
  return rounds;
}
