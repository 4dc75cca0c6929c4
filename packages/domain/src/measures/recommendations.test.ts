import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PlanPackageSchema } from '../plan/package.ts';
import { excerpt, followUpStatus, recommendationFollowUp } from './recommendations.ts';
import { edit, makeActivity, makePackage, makePlan, makeReport, makeRound } from './test-factories.ts';

// Two activities answer REC1 (A1 led by NATC, A2 led by MOI); the reports of each round are
// written out below, and each expectation is worked out by hand from the rule of recommendations.ts.
function twoAnswers(rounds: ReturnType<typeof makeRound>[]) {
  return makePackage({
    activities: [
      makeActivity({ id: 'A1', recommendations: ['REC1'] }),
      makeActivity({ id: 'A2', lead: 'MOI', recommendations: ['REC1'] }),
      makeActivity({ id: 'A3', lead: 'MOI' }),
    ],
    recommendations: [
      { id: 'REC1', source: 'greta', reference: 'GRETA(2020)01, para. 1', year: 2020, text: 'Train labour inspectors.', strength: 'urges' },
      { id: 'REC2', source: 'us_tip', year: 2021, text: 'Fund shelters.' },
      { id: 'REC3', source: 'greta', year: 2021, text: 'Appoint guardians.' },
    ],
    monitoring: { rounds },
  });
}

describe('the follow-up status of a recommendation', () => {
  it('follows the rule for each mix of statuses', () => {
    expect(followUpStatus([])).toBe('not_addressed');
    expect(followUpStatus(['not_started', 'not_started'])).toBe('not_addressed');
    expect(followUpStatus(['cancelled'])).toBe('not_addressed');
    expect(followUpStatus(['ongoing', 'not_started'])).toBe('in_progress');
    expect(followUpStatus(['delayed', 'cancelled'])).toBe('in_progress');
    expect(followUpStatus(['completed', 'not_started'])).toBe('partly_implemented');
    expect(followUpStatus(['completed', 'ongoing'])).toBe('partly_implemented');
    expect(followUpStatus(['completed', 'cancelled'])).toBe('implemented');
    expect(followUpStatus(['completed', 'completed'])).toBe('implemented');
  });

  it('takes each year from the counted reports up to its end, with the evidence of that year', () => {
    const pkg = twoAnswers([
      makeRound('2021-H1', '2021-06-30', [
        makeReport('NATC', [['A1', 'ongoing']], { activities: [{ activity: 'A1', status: 'ongoing', narrative: 'Curriculum drafted.' }] }),
      ]),
      // Not accepted: does not count.
      makeRound('2021-H2', '2021-12-31', [makeReport('MOI', [['A2', 'completed']], { status: 'submitted' })]),
      makeRound('2022-H1', '2022-06-30', [
        makeReport('NATC', [['A1', 'completed']]),
        // MOI leads A2, so its word is taken over NATC's.
        makeReport('MOI', [['A2', 'ongoing']]),
        makeReport('NATC', [['A2', 'completed']]),
      ]),
      makeRound('2022-H2', '2022-12-31', [makeReport('MOI', [['A2', 'completed']])]),
    ]);

    const result = recommendationFollowUp(pkg, '2022-09-30');
    expect(result.asOf).toBe('2022-09-30');
    // GRETA first, worst first: REC3 (not addressed) before REC1; then the US TIP report's REC2.
    expect(result.recommendations.map((item) => [item.id, item.status])).toEqual([
      ['REC3', 'not_addressed'],
      ['REC1', 'partly_implemented'],
      ['REC2', 'not_addressed'],
    ]);
    const rec1 = result.recommendations[1]!;
    expect(rec1.years.map((year) => [year.year, year.status])).toEqual([
      [2020, 'not_addressed'],
      [2021, 'in_progress'],
      [2022, 'partly_implemented'],
    ]);
    expect(rec1.years[1]!.evidence).toEqual([
      { plan: 'AP1', activity: 'A1', round: '2021-H1', status: 'ongoing', narrative: 'Curriculum drafted.' },
      { plan: 'AP1', activity: 'A2', round: null, status: 'not_started', narrative: null },
    ]);
    expect(rec1.years[2]!.evidence.map((item) => [item.activity, item.round, item.status])).toEqual([
      ['A1', '2022-H1', 'completed'],
      ['A2', '2022-H1', 'ongoing'],
    ]);
    expect(rec1.activities.map((activity) => [activity.id, activity.status, activity.round, activity.lead])).toEqual([
      ['A1', 'completed', '2022-H1', { id: 'NATC', name: 'National Coordinator' }],
      ['A2', 'ongoing', '2022-H1', { id: 'MOI', name: 'Ministry of Interior' }],
    ]);
    expect(rec1.activities[0]!.indicators).toEqual([
      { id: 'A1-I1', name: 'Indicator A1-I1', unit: 'persons', target: 10, targetYear: 2024, actual: null, actualRound: null },
    ]);

    // At the end of 2022 the round 2022-H2 counts: both completed.
    const later = recommendationFollowUp(pkg, '2022-12-31').recommendations.find((item) => item.id === 'REC1')!;
    expect(later.status).toBe('implemented');
    expect(later.years.at(-1)).toMatchObject({ year: 2022, status: 'implemented' });
  });

  it('leaves cancelled activities out, and counts answering activities of every action plan', () => {
    const base = twoAnswers([
      makeRound('2021-H2', '2021-12-31', [makeReport('NATC', [['A1', 'completed']]), makeReport('MOI', [['A2', 'cancelled']])]),
    ]);
    const pkg = edit(base, (draft) => {
      draft.actionPlans.push(
        makePlan({
          id: 'AP2',
          start: '2023-01-01',
          end: '2024-12-31',
          activities: [makeActivity({ id: 'B1', recommendations: ['REC2'] })],
        }),
      );
    });
    const result = recommendationFollowUp(pkg, '2021-12-31');
    const rec1 = result.recommendations.find((item) => item.id === 'REC1')!;
    expect(rec1.status).toBe('implemented');
    const rec2 = result.recommendations.find((item) => item.id === 'REC2')!;
    expect(rec2.activities.map((activity) => [activity.plan, activity.id, activity.status])).toEqual([['AP2', 'B1', 'not_started']]);
    expect(rec2.years).toEqual([
      {
        year: 2021,
        status: 'not_addressed',
        evidence: [{ plan: 'AP2', activity: 'B1', round: null, status: 'not_started', narrative: null }],
      },
    ]);
  });

  it('has no years for a recommendation made after the as-of date', () => {
    const result = recommendationFollowUp(twoAnswers([]), '2020-12-31');
    expect(result.recommendations.find((item) => item.id === 'REC2')!.years).toEqual([]);
  });

  it('refuses a date that is not one', () => {
    expect(() => recommendationFollowUp(twoAnswers([]), '2022-13-01')).toThrow(/as-of date/);
  });

  it('shortens long narratives at a word', () => {
    expect(excerpt('  short  text ')).toBe('short text');
    expect(excerpt('')).toBeNull();
    expect(excerpt('one two three four five', 12)).toBe('one two…');
  });
});

describe('Demoland', () => {
  // Worked out by hand from demoland.plan.json, round by round.
  const demoland = PlanPackageSchema.parse(
    JSON.parse(readFileSync(new URL('../../../server/demo/demoland.plan.json', import.meta.url), 'utf8')),
  );

  it('has the follow-up of its eight recommendations at the end of 2022', () => {
    const result = recommendationFollowUp(demoland, '2022-12-31');
    expect(result.recommendations.map((item) => [item.id, item.status, item.years.map((year) => year.status)])).toEqual([
      ['REC-05', 'not_addressed', ['not_addressed', 'not_addressed', 'not_addressed']],
      ['REC-03', 'in_progress', ['not_addressed', 'in_progress', 'in_progress']],
      ['REC-01', 'partly_implemented', ['not_addressed', 'partly_implemented', 'partly_implemented']],
      ['REC-02', 'partly_implemented', ['not_addressed', 'partly_implemented', 'partly_implemented']],
      ['REC-04', 'partly_implemented', ['not_addressed', 'in_progress', 'partly_implemented']],
      ['REC-06', 'partly_implemented', ['not_addressed', 'partly_implemented', 'partly_implemented']],
      ['REC-08', 'in_progress', ['not_addressed', 'in_progress', 'in_progress']],
      ['REC-07', 'in_progress', ['not_addressed', 'in_progress', 'in_progress']],
    ]);
    const rec01 = result.recommendations.find((item) => item.id === 'REC-01')!;
    // A1.2.3's report of 2022-H1 was submitted, not accepted: its word of 2021-H2 stands.
    expect(rec01.activities.map((activity) => [activity.plan, activity.id, activity.status, activity.round])).toEqual([
      ['AP-2021-2022', 'A1.2.1', 'completed', '2021-H2'],
      ['AP-2021-2022', 'A1.2.3', 'ongoing', '2021-H2'],
    ]);
    expect(rec01.years[2]!.evidence.map((item) => [item.activity, item.round, item.status])).toEqual([
      ['A1.2.1', null, 'completed'],
      ['A1.2.3', null, 'ongoing'],
    ]);
  });
});
