import { describe, expect, it } from 'vitest';
import { deadlineAfter, isWorkingDay, roundSchedule } from './schedule.ts';

describe('deadlineAfter', () => {
  it("gives Serbia's fifth working day of the following month", () => {
    // March 2025 ends on a Monday; April 1 is a Tuesday: 1, 2, 3, 4, (5–6 weekend), 7.
    expect(deadlineAfter('2025-03-31', 5, [])).toBe('2025-04-07');
  });

  it('skips weekends', () => {
    // 2025-05-30 is a Friday: the first working day after it is Monday 2 June.
    expect(deadlineAfter('2025-05-30', 1, [])).toBe('2025-06-02');
    expect(deadlineAfter('2025-05-30', 6, [])).toBe('2025-06-09');
  });

  it('skips holidays', () => {
    // 1–2 May are public holidays in Serbia; April 2025 ends on a Wednesday.
    expect(deadlineAfter('2025-04-30', 5, [])).toBe('2025-05-07');
    expect(deadlineAfter('2025-04-30', 5, ['2025-05-01', '2025-05-02'])).toBe('2025-05-09');
  });

  it('crosses the end of a year and counts zero days as the period end', () => {
    expect(deadlineAfter('2024-12-31', 5, ['2025-01-01', '2025-01-02', '2025-01-07'])).toBe('2025-01-10');
    expect(deadlineAfter('2025-06-30', 0, [])).toBe('2025-06-30');
  });

  it('tells working days', () => {
    const holidays = new Set(['2025-01-01']);
    expect(isWorkingDay('2025-01-01', holidays)).toBe(false);
    expect(isWorkingDay('2025-01-02', holidays)).toBe(true);
    expect(isWorkingDay('2025-01-04', holidays)).toBe(false);
    expect(isWorkingDay('2025-01-05', holidays)).toBe(false);
  });
});

describe('roundSchedule', () => {
  const base = { deadlineWorkingDays: 5, holidays: [] as string[] };

  it('makes months, clipped to the plan', () => {
    const rounds = roundSchedule({ ...base, start: '2025-02-15', end: '2025-04-10', frequency: 'monthly' });
    expect(rounds).toEqual([
      { id: '2025-02', periodStart: '2025-02-15', periodEnd: '2025-02-28', deadline: '2025-03-07' },
      { id: '2025-03', periodStart: '2025-03-01', periodEnd: '2025-03-31', deadline: '2025-04-07' },
      { id: '2025-04', periodStart: '2025-04-01', periodEnd: '2025-04-10', deadline: '2025-04-17' },
    ]);
  });

  it('makes quarters across years, and February of a leap year', () => {
    const rounds = roundSchedule({ ...base, start: '2023-11-01', end: '2024-06-30', frequency: 'quarterly' });
    expect(rounds.map((round) => [round.id, round.periodStart, round.periodEnd])).toEqual([
      ['2023-Q4', '2023-11-01', '2023-12-31'],
      ['2024-Q1', '2024-01-01', '2024-03-31'],
      ['2024-Q2', '2024-04-01', '2024-06-30'],
    ]);
    expect(roundSchedule({ ...base, start: '2024-02-01', end: '2024-02-29', frequency: 'monthly' })[0]?.periodEnd).toBe('2024-02-29');
  });

  it('makes halves and years', () => {
    const halves = roundSchedule({ ...base, start: '2021-01-01', end: '2022-12-31', frequency: 'semi_annual' });
    expect(halves.map((round) => `${round.id} ${round.periodStart}..${round.periodEnd}`)).toEqual([
      '2021-H1 2021-01-01..2021-06-30',
      '2021-H2 2021-07-01..2021-12-31',
      '2022-H1 2022-01-01..2022-06-30',
      '2022-H2 2022-07-01..2022-12-31',
    ]);
    const years = roundSchedule({ ...base, start: '2021-07-01', end: '2023-03-31', frequency: 'annual' });
    expect(years.map((round) => `${round.id} ${round.periodStart}..${round.periodEnd}`)).toEqual([
      '2021 2021-07-01..2021-12-31',
      '2022 2022-01-01..2022-12-31',
      '2023 2023-01-01..2023-03-31',
    ]);
  });

  it('puts each deadline the given working days after its period, skipping holidays', () => {
    const rounds = roundSchedule({
      start: '2024-01-01',
      end: '2024-12-31',
      frequency: 'annual',
      deadlineWorkingDays: 5,
      holidays: ['2025-01-01', '2025-01-02'],
    });
    expect(rounds).toEqual([{ id: '2024', periodStart: '2024-01-01', periodEnd: '2024-12-31', deadline: '2025-01-09' }]);
  });

  it('gives nothing for a reversed period', () => {
    expect(roundSchedule({ ...base, start: '2025-02-01', end: '2025-01-01', frequency: 'monthly' })).toEqual([]);
  });
});
