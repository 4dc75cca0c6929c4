import { readdirSync, readFileSync } from 'node:fs';
import { PRINCIPLES, regionalPicture, type Area, type PlanPackage, type Principle } from '@ariadne/domain';
import { describe, expect, it } from 'vitest';
import { checkPlanPackageText } from './importPlanPackage.ts';

// The demo data of the six MARRI Participants, written from the regional assessment of summer 2020:
// its table of the documents in force (§2.1), its matrix of the principles the strategies declare
// (§2.4) and the strategic areas of each strategy (§2.5).

const MARRI = new URL('../../demo/marri/', import.meta.url);
const FILES = readdirSync(MARRI)
  .filter((name) => name.endsWith('.plan.json'))
  .sort();
const PACKAGES: PlanPackage[] = FILES.map((name) => checkPlanPackageText(readFileSync(new URL(name, MARRI), 'utf8')));
const AS_OF = '2020-07-31';

/** The columns of the assessment's tables. */
const CODES = ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'] as const;

describe('the MARRI demo packages', () => {
  it('are one package per strategic cycle of each of the six Participants, each accepted by the importer', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(6);
    expect(new Set(PACKAGES.map((pkg) => pkg.participant.code))).toEqual(new Set(CODES));
    const names = Object.fromEntries(PACKAGES.map((pkg) => [pkg.participant.code, [pkg.participant.name, pkg.participant.currency]]));
    expect(names).toEqual({
      AL: ['Albania', 'ALL'],
      BA: ['Bosnia and Herzegovina', 'BAM'],
      XK: ['Kosovo*', 'EUR'],
      ME: ['Montenegro', 'EUR'],
      MK: ['North Macedonia', 'MKD'],
      RS: ['Serbia', 'RSD'],
    });
    // Strategy and action plan ids are unique per Participant across its packages.
    for (const code of CODES) {
      const ids = PACKAGES.filter((pkg) => pkg.participant.code === code).flatMap((pkg) => [
        pkg.strategy.id,
        ...pkg.actionPlans.map((plan) => plan.id),
      ]);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  const picture = regionalPicture(PACKAGES, AS_OF);
  const byCode = new Map(picture.participants.map((participant) => [participant.code, participant]));
  const period = (from: number | string, to: number | string) => `${String(from).slice(0, 4)}-${String(to).slice(0, 4)}`;

  it('reproduce the table of strategies and action plans in force in summer 2020 (§2.1)', () => {
    expect(picture.participants.map((participant) => participant.code)).toEqual(['AL', 'BA', 'ME', 'MK', 'RS', 'XK']);
    const table = Object.fromEntries(
      CODES.map((code) => {
        const participant = byCode.get(code);
        const expired = participant?.expiredStrategy;
        return [
          code,
          {
            strategies: participant?.validStrategies.map((strategy) => period(strategy.periodStart, strategy.periodEnd)),
            actionPlans: participant?.validActionPlans.map((plan) => period(plan.start, plan.end)),
            expired: expired ? period(expired.periodStart, expired.periodEnd) : null,
          },
        ];
      }),
    );
    expect(table).toEqual({
      // Currently valid Strategy: BiH (2020-23), Serbia (2017-22), Montenegro (2019-24), North Macedonia (2017-20).
      // Currently valid Action Plan: Albania (2018-20), Serbia (2019-20), Montenegro (2020), North Macedonia (2017-20).
      // Expired Strategy: Albania (2014-17), Kosovo* (2015-19).
      AL: { strategies: [], actionPlans: ['2018-2020'], expired: '2014-2017' },
      BA: { strategies: ['2020-2023'], actionPlans: [], expired: null },
      XK: { strategies: [], actionPlans: [], expired: '2015-2019' },
      ME: { strategies: ['2019-2024'], actionPlans: ['2020-2020'], expired: null },
      MK: { strategies: ['2017-2020'], actionPlans: ['2017-2020'], expired: null },
      RS: { strategies: ['2017-2022'], actionPlans: ['2019-2020'], expired: null },
    });
  });

  it('reproduce the matrix of underlying principles (§2.4), row by row', () => {
    // The assessment's table: Albania, BIH, Kosovo*, Montenegro, North Macedonia, Serbia.
    const MATRIX: Record<Principle, string> = {
      government_ownership: '✓ ✓ ✓ ✓ ✓ .',
      civil_society_participation: '✓ ✓ ✓ ✓ ✓ .',
      gender_specific: '. ✓ . ✓ . .',
      human_rights_victim_centred: '✓ ✓ ✓ ✓ ✓ ✓',
      interdisciplinary_cross_sectoral: '✓ ✓ . ✓ ✓ ✓',
      international_cooperation: '. ✓ . ✓ . ✓',
      non_discrimination: '. ✓ . . . .',
      non_punishment: '. . . ✓ . .',
      rights_of_the_child: '. ✓ . ✓ . ✓',
      rule_of_law: '. . . ✓ . .',
      sustainability: '. ✓ . ✓ ✓ .',
    };
    const computed = Object.fromEntries(
      PRINCIPLES.map((principle) => [
        principle,
        CODES.map((code) => (byCode.get(code)?.principles.includes(principle) ? '✓' : '.')).join(' '),
      ]),
    );
    expect(computed).toEqual(MATRIX);
  });

  it('give each strategy the areas of §2.5 in the order the assessment lists them', () => {
    const areas = (id: string): Area[] => PACKAGES.find((pkg) => pkg.strategy.id === id)?.strategy.goals.map((goal) => goal.area) ?? [];
    // Albania's former strategy: prosecution, protection, prevention, coordination, and children.
    expect(areas('AL-S-2014-2017')).toEqual(['prosecution', 'protection', 'prevention', 'partnership', 'children']);
    // BiH: support systems, prevention, prosecution, protection, and partnership.
    expect(areas('BA-S-2020-2023')).toEqual(['supporting_framework', 'prevention', 'prosecution', 'protection', 'partnership']);
    // Kosovo*'s former strategy: prevention; identification, protection, assistance, reintegration of victims;
    // prosecution; cooperation and coordination.
    expect(areas('XK-S-2015-2019')).toEqual(['prevention', 'protection', 'prosecution', 'partnership']);
    // The draft of 2020: victim support, prevention, identification, referral and support, prosecution, cooperation.
    expect(areas('XK-S-2020-2024')).toEqual(['protection', 'prevention', 'protection', 'prosecution', 'partnership']);
    // Montenegro: prevention, protection, judicial and criminal response, partnership and coordination.
    expect(areas('ME-S-2019-2024')).toEqual(['prevention', 'protection', 'prosecution', 'partnership']);
    // North Macedonia: supporting framework; prevention; identification and referral; direct assistance,
    // protection, integration and voluntary return; effective detection and prosecution.
    expect(areas('MK-S-2017-2020')).toEqual(['supporting_framework', 'prevention', 'protection', 'protection', 'prosecution']);
    // Serbia: partnership, prevention, detection and prosecution, identification and assistance, child protection.
    expect(areas('RS-S-2017-2022')).toEqual(['partnership', 'prevention', 'prosecution', 'protection', 'children']);
  });

  it('share two outcome indicators, in the first objective of the protection and of the prosecution goal', () => {
    for (const pkg of PACKAGES.filter((candidate) => candidate.strategy.goals.length > 0)) {
      for (const [area, name] of [
        ['protection', 'Number of identified victims of trafficking'],
        ['prosecution', 'Number of persons convicted of trafficking in human beings'],
      ] as const) {
        const indicator = pkg.strategy.goals.find((goal) => goal.area === area)?.objectives[0]?.indicators?.[0];
        expect(indicator, `${pkg.strategy.id} ${area}`).toEqual({
          id: expect.any(String) as unknown,
          name,
          level: 'outcome',
          measure: 'number',
          unit: 'persons',
          disaggregation: ['sex', 'age_group'],
        });
      }
    }
  });

  it('hold no figures: no costs, no baselines, no targets, no monitoring history', () => {
    for (const pkg of PACKAGES) {
      expect(pkg.strategy.estimatedTotalCost).toBeUndefined();
      expect(pkg.monitoring).toBeUndefined();
      expect(pkg.actionPlans.flatMap((plan) => plan.activities)).toEqual([]);
    }
  });
});
