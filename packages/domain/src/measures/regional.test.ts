import { describe, expect, it } from 'vitest';
import type { ActionPlan, PlanPackage, Strategy } from '../plan/package.ts';
import { regionalPicture } from './regional.ts';
import { makePackage, makePlan, makeStrategy } from './test-factories.ts';

/** A package of a Participant with one strategy and its action plans. */
function pkgOf(code: string, strategy: Partial<Strategy>, actionPlans: ActionPlan[] = [], name = `Participant ${code}`): PlanPackage {
  return makePackage({ participant: { code, name, currency: 'EUR' }, strategy: makeStrategy(strategy), actionPlans });
}

describe('regional picture', () => {
  it('gives one entry per Participant code, sorted by code points, with the shape of cli.md', () => {
    const result = regionalPicture(
      [pkgOf('ME', { id: 'S-ME' }), pkgOf('AL', { id: 'S-AL' }), pkgOf('al', { id: 'S-al' }), pkgOf('BA', { id: 'S-BA' })],
      '2022-06-30',
    );
    expect(result.asOf).toBe('2022-06-30');
    expect(result.participants.map((p) => p.code)).toEqual(['AL', 'BA', 'ME', 'al']);
    expect(result.participants[0]).toEqual({
      code: 'AL',
      name: 'Participant AL',
      validStrategies: [{ id: 'S-AL', title: 'Strategy 2021–2024', periodStart: 2021, periodEnd: 2024 }],
      validActionPlans: [],
      expiredStrategy: null,
      principles: [
        'government_ownership',
        'civil_society_participation',
        'human_rights_victim_centred',
        'interdisciplinary_cross_sectoral',
        'sustainability',
      ],
    });
  });

  it('never counts drafts, strategies in consultation or superseded ones, not even as the expired fallback', () => {
    for (const status of ['draft', 'consultation', 'superseded'] as const) {
      const result = regionalPicture(
        [pkgOf('AL', { id: 'S-NOW', status }), pkgOf('AL', { id: 'S-OLD', status, periodStart: 2015, periodEnd: 2018 })],
        '2022-06-30',
      );
      expect(result.participants[0], status).toMatchObject({ validStrategies: [], expiredStrategy: null, principles: [] });
    }
  });

  it('counts adopted and expired strategies whose period holds the as-of year, inclusive', () => {
    const result = regionalPicture(
      [
        pkgOf('AL', { id: 'S-B', status: 'expired', periodStart: 2020, periodEnd: 2022 }),
        pkgOf('AL', { id: 'S-A', status: 'adopted', periodStart: 2020, periodEnd: 2025 }),
        pkgOf('AL', { id: 'S-C', status: 'adopted', periodStart: 2022, periodEnd: 2022 }),
        pkgOf('AL', { id: 'S-D', status: 'adopted', periodStart: 2023, periodEnd: 2026 }),
      ],
      '2022-12-31',
    );
    expect(result.participants[0]?.validStrategies.map((s) => s.id)).toEqual(['S-A', 'S-B', 'S-C']);
    expect(result.participants[0]?.expiredStrategy).toBeNull();
  });

  it('lists valid action plans of all the Participant’s packages by start, then id, bounds included', () => {
    const result = regionalPicture(
      [
        pkgOf('AL', { id: 'S1' }, [
          makePlan({ id: 'AP-2', start: '2022-01-01', end: '2022-06-30' }),
          makePlan({ id: 'AP-draft', start: '2021-01-01', end: '2023-12-31', status: 'draft' }),
          makePlan({ id: 'AP-old', start: '2020-01-01', end: '2022-06-29', status: 'expired' }),
        ]),
        pkgOf('AL', { id: 'S2', status: 'superseded', periodStart: 2017, periodEnd: 2020 }, [
          makePlan({ id: 'AP-1', start: '2022-01-01', end: '2022-12-31', status: 'expired' }),
          makePlan({ id: 'AP-0', start: '2022-06-30', end: '2022-07-31', status: 'adopted' }),
          makePlan({ id: 'AP-sup', start: '2022-01-01', end: '2022-12-31', status: 'superseded' }),
          makePlan({ id: 'AP-cons', start: '2022-01-01', end: '2022-12-31', status: 'consultation' }),
        ]),
      ],
      '2022-06-30',
    );
    expect(result.participants).toHaveLength(1);
    expect(result.participants[0]?.validActionPlans).toEqual([
      { id: 'AP-1', title: 'Action plan AP-1', start: '2022-01-01', end: '2022-12-31' },
      { id: 'AP-2', title: 'Action plan AP-2', start: '2022-01-01', end: '2022-06-30' },
      { id: 'AP-0', title: 'Action plan AP-0', start: '2022-06-30', end: '2022-07-31' },
    ]);
  });

  it('falls back to the adopted or expired strategy with the latest end before the as-of year', () => {
    const result = regionalPicture(
      [
        pkgOf('AL', { id: 'S-2014', status: 'expired', periodStart: 2014, periodEnd: 2017, principles: ['rule_of_law'] }),
        pkgOf('AL', {
          id: 'S-2018',
          status: 'adopted',
          periodStart: 2018,
          periodEnd: 2020,
          principles: ['sustainability', 'non_punishment'],
        }),
        pkgOf('AL', { id: 'S-2019', status: 'superseded', periodStart: 2019, periodEnd: 2021 }),
        pkgOf('AL', { id: 'S-2023', status: 'adopted', periodStart: 2023, periodEnd: 2026 }),
      ],
      '2022-03-01',
    );
    expect(result.participants[0]).toMatchObject({
      validStrategies: [],
      expiredStrategy: { id: 'S-2018', title: 'Strategy 2021–2024', periodStart: 2018, periodEnd: 2020 },
      principles: ['non_punishment', 'sustainability'],
    });
  });

  it('does not give an expired strategy when one is valid', () => {
    const result = regionalPicture(
      [pkgOf('AL', { id: 'S-old', periodStart: 2015, periodEnd: 2018 }), pkgOf('AL', { id: 'S-now', periodStart: 2021, periodEnd: 2024 })],
      '2022-01-01',
    );
    expect(result.participants[0]?.expiredStrategy).toBeNull();
  });

  it('takes the principles of the valid strategy that started last, in the order of plan-package.md', () => {
    const result = regionalPicture(
      [
        pkgOf('AL', { id: 'S-early', periodStart: 2019, periodEnd: 2023, principles: ['gender_specific'] }),
        pkgOf('AL', {
          id: 'S-late',
          periodStart: 2021,
          periodEnd: 2024,
          principles: ['sustainability', 'rule_of_law', 'government_ownership', 'non_discrimination', 'rule_of_law'],
        }),
      ],
      '2022-01-01',
    );
    expect(result.participants[0]?.principles).toEqual(['government_ownership', 'non_discrimination', 'rule_of_law', 'sustainability']);
  });

  it('breaks a tie of start years by the first strategy id', () => {
    const result = regionalPicture(
      [
        pkgOf('AL', { id: 'S-b', periodStart: 2021, periodEnd: 2024, principles: ['rule_of_law'] }),
        pkgOf('AL', { id: 'S-a', periodStart: 2021, periodEnd: 2022, principles: ['non_punishment'] }),
      ],
      '2022-01-01',
    );
    expect(result.participants[0]?.validStrategies.map((s) => s.id)).toEqual(['S-a', 'S-b']);
    expect(result.participants[0]?.principles).toEqual(['non_punishment']);
  });

  it('names the Participant as its most recent package does', () => {
    const result = regionalPicture(
      [
        pkgOf('MK', { id: 'S-new', periodStart: 2021 }, [], 'North Macedonia'),
        pkgOf('MK', { id: 'S-old', periodStart: 2017, periodEnd: 2020 }, [], 'Macedonia'),
      ],
      '2022-01-01',
    );
    expect(result.participants[0]?.name).toBe('North Macedonia');
  });

  it('gives an empty picture for no packages, and rejects a malformed date', () => {
    expect(regionalPicture([], '2022-01-01')).toEqual({ asOf: '2022-01-01', participants: [] });
    expect(() => regionalPicture([], '2022-13-01')).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});
