import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/catalogs.ts';
import { edit, makePackage, makePlan, makeReport } from '../measures/test-factories.ts';
import type { Report } from '../plan/package.ts';
import { daysBetween, reminderMessage, remindersDue } from './reminders.ts';

const draft = (institution: string): Report => ({ institution, status: 'draft', activities: [] });

const pkg = edit(makePackage(), (plan) => {
  plan.actionPlans.push(makePlan({ id: 'AP2', start: '2023-01-01', end: '2023-12-31', status: 'draft' }));
  plan.monitoring = {
    rounds: [
      {
        id: '2022-H1',
        periodStart: '2022-01-01',
        periodEnd: '2022-06-30',
        deadline: '2022-07-07',
        reports: [
          draft('NATC'),
          makeReport('MOI', [], { status: 'returned', submittedOn: '2022-07-01' }),
          makeReport('NGO', [], { status: 'submitted', submittedOn: '2022-07-02' }),
          makeReport('MUN', []),
        ],
      },
      {
        id: '2022-H2',
        periodStart: '2022-07-01',
        periodEnd: '2022-12-31',
        deadline: '2023-01-09',
        reports: [draft('NATC'), draft('MOI')],
      },
      { id: '2023-H1', periodStart: '2023-01-01', periodEnd: '2023-06-30', deadline: '2023-07-07', reports: [draft('NATC')] },
    ],
  };
});

describe('daysBetween', () => {
  it('counts calendar days either way, across months and years', () => {
    expect(daysBetween('2022-12-30', '2023-01-09')).toBe(10);
    expect(daysBetween('2023-01-09', '2022-12-30')).toBe(-10);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });
});

describe('remindersDue', () => {
  it('finds drafts and returned reports past their deadline, and those due within the days given', () => {
    const found = remindersDue(pkg, '2023-01-05', 5);
    expect(found.map((r) => [r.kind, r.round, r.institution, r.status, r.days])).toEqual([
      ['overdue', '2022-H1', 'MOI', 'returned', 182],
      ['overdue', '2022-H1', 'NATC', 'draft', 182],
      ['due', '2022-H2', 'MOI', 'draft', 4],
      ['due', '2022-H2', 'NATC', 'draft', 4],
    ]);
    expect(found[0]).toMatchObject({
      actionPlan: 'AP1',
      actionPlanTitle: 'Action plan AP1',
      institutionName: 'Ministry of Interior',
      periodStart: '2022-01-01',
      periodEnd: '2022-06-30',
      deadline: '2022-07-07',
    });
  });

  it('leaves out deadlines further away than the days given, and counts the deadline day as due', () => {
    expect(remindersDue(pkg, '2023-01-03', 5).filter((r) => r.kind === 'due')).toEqual([]);
    expect(
      remindersDue(pkg, '2023-01-09', 0)
        .filter((r) => r.kind === 'due')
        .map((r) => [r.institution, r.days]),
    ).toEqual([
      ['MOI', 0],
      ['NATC', 0],
    ]);
    expect(
      remindersDue(pkg, '2023-01-10', 0)
        .filter((r) => r.round === '2022-H2')
        .map((r) => [r.kind, r.days]),
    ).toEqual([
      ['overdue', 1],
      ['overdue', 1],
    ]);
  });

  it('looks at adopted plans only, unless one plan is named, and at one round when asked', () => {
    expect(remindersDue(pkg, '2023-07-10', 5).some((r) => r.round === '2023-H1')).toBe(false);
    expect(remindersDue(pkg, '2023-07-10', 5, { actionPlan: 'AP2' }).map((r) => [r.actionPlan, r.round, r.institution])).toEqual([
      ['AP2', '2023-H1', 'NATC'],
    ]);
    expect(remindersDue(pkg, '2023-01-05', 5, { actionPlan: 'AP1', round: '2022-H2' }).map((r) => r.round)).toEqual(['2022-H2', '2022-H2']);
    expect(remindersDue(pkg, '2023-01-05', 5, { actionPlan: 'AP9' })).toEqual([]);
  });
});

describe('reminderMessage', () => {
  const [overdue] = remindersDue(pkg, '2023-01-05', 5);
  const due = remindersDue(pkg, '2023-01-05', 5).find((r) => r.kind === 'due')!;

  it('writes the subject and text with plan, round, period, deadline and link', () => {
    const message = reminderMessage(translator('en'), 'en', due, { recipient: 'Mira', link: 'https://ariadne.example/plans/AP1' });
    expect(message.subject).toContain('2022-H2');
    expect(message.body).toContain('Mira');
    expect(message.body).toContain('Action plan AP1');
    expect(message.body).toContain('9 January 2023');
    expect(message.body).toContain('1 July 2022');
    expect(message.body).toContain('https://ariadne.example/plans/AP1');
  });

  it('says how late an overdue report is, in the reader’s language', () => {
    const english = reminderMessage(translator('en'), 'en', overdue!);
    expect(english.body).toContain('182');
    const macedonian = reminderMessage(translator('mk'), 'mk', overdue!);
    expect(macedonian.subject).not.toBe(english.subject);
    expect(macedonian.body).toMatch(/[\u0400-\u04FF]/);
  });
});
