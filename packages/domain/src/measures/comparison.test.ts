import { describe, expect, it } from 'vitest';
import type { PlanPackage, Report } from '../plan/package.ts';
import { indicatorSource, sharedIndicators, thematicStructures, type SharedIndicator } from './comparison.ts';
import { edit, makeIndicator, makePackage, makePlan, makeReport, makeRound, makeStrategy } from './test-factories.ts';

type Given = NonNullable<Report['indicatorValues']>[number];

function giving(values: Given[]): Report {
  return makeReport('NATC', [], { indicatorValues: values });
}

const VICTIMS = 'Number of identified victims of trafficking';

/** The shared indicator of identified victims (the factories' other indicators are shared too, being named alike). */
function victims(list: SharedIndicator[]): SharedIndicator | undefined {
  return list.find((indicator) => indicator.name === VICTIMS);
}

/** A Participant whose strategy's first objective counts identified victims, with the given rounds. */
function participant(code: string, name: string, rounds: PlanPackage['monitoring'] = { rounds: [] }): PlanPackage {
  return edit(makePackage({ participant: { code, name, currency: 'EUR' }, monitoring: rounds }), (draft) => {
    const objective = draft.strategy.goals[0]?.objectives[0];
    if (!objective) throw new Error('no objective');
    objective.indicators = [makeIndicator({ id: 'O1-I1', name: VICTIMS, level: 'outcome', baseline: { value: 3, year: 2020 } })];
  });
}

describe('thematic structures side by side', () => {
  const first = participant('BB', 'Beta');
  const second = edit(participant('AA', 'Alpha'), (draft) => {
    draft.strategy.goals = [
      { id: 'P1', area: 'partnership', label: 'Cooperation and coordination', title: 'Partnership', objectives: [] },
      { id: 'P2', area: 'protection', label: 'Victim support', title: 'Protection', objectives: [] },
    ];
  });
  const draftOnly = edit(participant('CC', 'Gamma'), (draft) => {
    draft.strategy.status = 'draft';
  });

  it('lists each Participant’s goals in order with their areas and own names, the 4P first and the other used areas after', () => {
    const result = thematicStructures([first, second, draftOnly], '2022-06-30');
    expect(result.areas).toEqual(['prevention', 'protection', 'prosecution', 'partnership', 'supporting_framework', 'children']);
    expect(result.participants.map((one) => one.code)).toEqual(['AA', 'BB', 'CC']);
    expect(result.participants[0]?.goals).toEqual([
      { id: 'P1', position: 1, area: 'partnership', label: 'Cooperation and coordination', title: 'Partnership' },
      { id: 'P2', position: 2, area: 'protection', label: 'Victim support', title: 'Protection' },
    ]);
    expect(result.participants[1]?.goals.map((goal) => goal.area)).toEqual([
      'supporting_framework',
      'prevention',
      'protection',
      'prosecution',
      'children',
    ]);
    // A draft strategy has no structure to compare.
    expect(result.participants[2]).toEqual({ code: 'CC', name: 'Gamma', strategy: null, goals: [] });
  });

  it('reads an expired strategy when none is in force, as the principles do', () => {
    const expired = edit(first, (draft) => {
      draft.strategy = makeStrategy({
        id: 'OLD',
        periodStart: 2014,
        periodEnd: 2017,
        status: 'expired',
        goals: draft.strategy.goals.slice(0, 2),
      });
    });
    const result = thematicStructures([expired], '2020-07-31');
    expect(result.participants[0]?.strategy).toEqual({ id: 'OLD', title: 'Strategy 2021–2024', periodStart: 2014, periodEnd: 2017 });
    expect(result.participants[0]?.goals.map((goal) => goal.id)).toEqual(['G1', 'G2']);
  });
});

describe('indicators several Participants share', () => {
  const alpha = participant('AA', 'Alpha', {
    rounds: [
      makeRound('2021-H1', '2021-06-30', [giving([{ indicator: 'O1-I1', value: 4 }])]),
      makeRound('2021-H2', '2021-12-31', [giving([{ indicator: 'O1-I1', value: 12 }])]),
      makeRound('2022-H1', '2022-06-30', [giving([{ indicator: 'O1-I1', value: 20 }])]),
      makeRound('2022-H2', '2022-12-31', [giving([{ indicator: 'O1-I1', value: 31 }])]),
    ],
  });
  // Beta words the same indicator with other case and spacing.
  const beta = edit(
    participant('BB', 'Beta', { rounds: [makeRound('2021-H2', '2021-12-31', [giving([{ indicator: 'O1-I1', value: 2 }])])] }),
    (draft) => {
      const indicator = draft.strategy.goals[0]?.objectives[0]?.indicators?.[0];
      if (indicator) indicator.name = '  number of IDENTIFIED   victims of trafficking ';
    },
  );
  const sources = [
    { pkg: beta, plans: ['AP1'] },
    { pkg: alpha, plans: ['AP1'] },
  ];

  it('matches indicators by name, measure and unit, and gives each Participant’s latest value of each year as of the date', () => {
    const all = sharedIndicators(sources, { asOf: '2022-09-30' });
    // Every indicator of the factories' clean package is named alike in both, so all are shared.
    expect(all.map((indicator) => indicator.participants.length)).toEqual(all.map(() => 2));
    const shared = victims(all);
    expect(shared?.name).toBe(VICTIMS);
    expect(shared?.years).toEqual([2021, 2022]);
    expect(
      shared?.participants.map((entry) => [entry.participant.code, entry.values.map((value) => [value.year, value.round, value.value])]),
    ).toEqual([
      [
        'AA',
        [
          [2021, '2021-H2', 12],
          [2022, '2022-H1', 20],
        ],
      ],
      ['BB', [[2021, '2021-H2', 2]]],
    ]);
    expect(shared?.participants[0]?.baseline).toEqual({ value: 3, year: 2020, small: false });
    expect(shared?.participants[0]?.target).toEqual({ value: 10, year: 2024 });
  });

  it('gives the same figures from the part of each package it keeps as from the whole packages', () => {
    // A returned report's value does not count, whole or in part.
    const noisy = edit(alpha, (draft) => {
      draft.monitoring?.rounds[2]?.reports.push(
        makeReport('NATC', [], { status: 'returned', indicatorValues: [{ indicator: 'O1-I1', value: 99 }] }),
      );
    });
    const whole = [
      { pkg: beta, plans: ['AP1'] },
      { pkg: noisy, plans: ['AP1'] },
    ];
    const kept = whole.map((source) => indicatorSource(source.pkg, source.plans));
    for (const asOf of ['2021-06-30', '2022-09-30', '2023-01-01']) {
      const options = { asOf, thresholdOf: (code: string) => (code === 'AA' ? 5 : 0) };
      expect(sharedIndicators(kept, options)).toEqual(sharedIndicators(whole, options));
    }
    const part = kept[1]!.pkg;
    expect(part.institutions).toEqual([]);
    expect(part.monitoring?.rounds.flatMap((round) => round.reports).map((report) => [report.status, report.activities.length])).toEqual([
      ['accepted', 0],
      ['accepted', 0],
      ['accepted', 0],
      ['accepted', 0],
    ]);
    expect(part.actionPlans.flatMap((plan) => plan.activities).some((activity) => 'costs' in activity)).toBe(false);
    // A plan not given is left out.
    expect(indicatorSource(noisy, []).pkg.actionPlans).toEqual([]);
  });

  it('hides values below each Participant’s own threshold when asked to', () => {
    const shared = victims(sharedIndicators(sources, { asOf: '2022-12-31', thresholdOf: (code) => (code === 'AA' ? 5 : 0) }));
    expect(shared?.participants[0]?.baseline).toEqual({ value: null, year: 2020, small: true });
    expect(shared?.participants[0]?.values.map((value) => value.value)).toEqual([12, 31]);
    expect(shared?.participants[1]?.values).toEqual([{ year: 2021, round: '2021-H2', value: 2, small: false }]);
  });

  it('leaves out indicators only one Participant has, and those of plans not given', () => {
    expect(sharedIndicators([{ pkg: alpha, plans: ['AP1'] }], { asOf: '2022-12-31' })).toEqual([]);
    expect(
      sharedIndicators(
        [
          { pkg: alpha, plans: ['AP1'] },
          { pkg: beta, plans: [] },
        ],
        { asOf: '2022-12-31' },
      ),
    ).toEqual([]);
    const otherUnit = edit(beta, (draft) => {
      const indicator = draft.strategy.goals[0]?.objectives[0]?.indicators?.[0];
      if (indicator) indicator.unit = 'cases';
    });
    expect(
      victims(
        sharedIndicators(
          [
            { pkg: alpha, plans: ['AP1'] },
            { pkg: otherUnit, plans: ['AP1'] },
          ],
          { asOf: '2022-12-31' },
        ),
      ),
    ).toBeUndefined();
  });

  it('takes a Participant’s plan in force at the date when several of its plans hold the indicator', () => {
    const twoPlans = edit(alpha, (draft) => {
      draft.actionPlans.push(makePlan({ id: 'AP0', start: '2019-01-01', end: '2020-12-31' }));
    });
    const inForce = victims(
      sharedIndicators(
        [
          { pkg: twoPlans, plans: ['AP0', 'AP1'] },
          { pkg: beta, plans: ['AP1'] },
        ],
        { asOf: '2022-06-30' },
      ),
    );
    expect(inForce?.participants[0]?.plan).toBe('AP1');
    const later = victims(
      sharedIndicators(
        [
          { pkg: twoPlans, plans: ['AP0', 'AP1'] },
          { pkg: beta, plans: ['AP1'] },
        ],
        { asOf: '2024-06-30' },
      ),
    );
    expect(later?.participants[0]?.plan).toBe('AP1');
    const before = victims(
      sharedIndicators(
        [
          { pkg: twoPlans, plans: ['AP0', 'AP1'] },
          { pkg: beta, plans: ['AP1'] },
        ],
        { asOf: '2020-06-30' },
      ),
    );
    expect(before?.participants[0]?.plan).toBe('AP0');
  });
});
