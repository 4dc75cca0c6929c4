import { describe, expect, it } from 'vitest';
import type { ActionPlan, PlanPackage, Strategy } from '../plan/package.ts';
import type { Principle } from '../plan/vocabulary.ts';
import { regionalPicture } from './regional.ts';
import { makePackage, makePlan, makeStrategy } from './test-factories.ts';

// The regional picture on the data of the regional assessment (summer 2020): its §2.1 table of
// the strategies and action plans in force in the six MARRI Participants, and its §2.4 table of the
// principles their strategies declare. Only what those tables say is modelled: each Participant's
// strategies (with their periods and principles) and action plans (with their periods).

const AS_OF = '2020-07-31';

type SeedStrategy = { id: string; from: number; to: number; status: Strategy['status']; principles: Principle[] };
type SeedPlan = { id: string; start: string; end: string };

function packageOf(code: string, name: string, strategy: SeedStrategy, actionPlans: SeedPlan[] = []): PlanPackage {
  return makePackage({
    participant: { code, name, currency: 'EUR' },
    strategy: makeStrategy({
      id: strategy.id,
      title: `${name} strategy ${strategy.from}-${strategy.to}`,
      periodStart: strategy.from,
      periodEnd: strategy.to,
      status: strategy.status,
      principles: strategy.principles,
    }),
    actionPlans: actionPlans.map((plan): ActionPlan =>
      makePlan({ id: plan.id, title: `${name} action plan ${plan.id}`, start: plan.start, end: plan.end }),
    ),
  });
}

const ALL_SIX: Principle[] = ['human_rights_victim_centred'];
const PACKAGES: PlanPackage[] = [
  // Albania: its strategy 2014-2017 has expired; the action plan 2018-2020 is in force.
  packageOf('AL', 'Albania', {
    id: 'AL-S-2014-2017',
    from: 2014,
    to: 2017,
    status: 'expired',
    principles: ['government_ownership', 'civil_society_participation', ...ALL_SIX, 'interdisciplinary_cross_sectoral'],
  }),
  packageOf('AL', 'Albania', { id: 'AL-S-2021', from: 2021, to: 2023, status: 'draft', principles: [] }, [
    { id: 'AL-AP-2018-2020', start: '2018-01-01', end: '2020-12-31' },
  ]),
  packageOf('BA', 'Bosnia and Herzegovina', {
    id: 'BA-S-2020-2023',
    from: 2020,
    to: 2023,
    status: 'adopted',
    principles: [
      'government_ownership',
      'civil_society_participation',
      'gender_specific',
      ...ALL_SIX,
      'interdisciplinary_cross_sectoral',
      'international_cooperation',
      'non_discrimination',
      'rights_of_the_child',
      'sustainability',
    ],
  }),
  packageOf(
    'ME',
    'Montenegro',
    {
      id: 'ME-S-2019-2024',
      from: 2019,
      to: 2024,
      status: 'adopted',
      principles: [
        'government_ownership',
        'civil_society_participation',
        'gender_specific',
        ...ALL_SIX,
        'interdisciplinary_cross_sectoral',
        'international_cooperation',
        'non_punishment',
        'rights_of_the_child',
        'rule_of_law',
        'sustainability',
      ],
    },
    [{ id: 'ME-AP-2020', start: '2020-01-01', end: '2020-12-31' }],
  ),
  packageOf(
    'MK',
    'North Macedonia',
    {
      id: 'MK-S-2017-2020',
      from: 2017,
      to: 2020,
      status: 'adopted',
      principles: ['government_ownership', 'civil_society_participation', ...ALL_SIX, 'interdisciplinary_cross_sectoral', 'sustainability'],
    },
    [{ id: 'MK-AP-2017-2020', start: '2017-01-01', end: '2020-12-31' }],
  ),
  packageOf(
    'RS',
    'Serbia',
    {
      id: 'RS-S-2017-2022',
      from: 2017,
      to: 2022,
      status: 'adopted',
      principles: [...ALL_SIX, 'interdisciplinary_cross_sectoral', 'international_cooperation', 'rights_of_the_child'],
    },
    [{ id: 'RS-AP-2019-2020', start: '2019-01-01', end: '2020-12-31' }],
  ),
  // Kosovo*: the strategy 2015-2019 has expired; the next one awaits adoption.
  packageOf('XK', 'Kosovo*', {
    id: 'XK-S-2015-2019',
    from: 2015,
    to: 2019,
    status: 'expired',
    principles: ['government_ownership', 'civil_society_participation', ...ALL_SIX],
  }),
  packageOf('XK', 'Kosovo*', { id: 'XK-S-2020-2024', from: 2020, to: 2024, status: 'consultation', principles: [] }),
];

describe('the regional picture on the assessment’s data', () => {
  const picture = regionalPicture(PACKAGES, AS_OF);
  const byCode = new Map(picture.participants.map((participant) => [participant.code, participant]));

  it('reproduces the table of strategies and action plans in force (§2.1)', () => {
    const valid = (code: string) => byCode.get(code)?.validStrategies.map((s) => `${s.periodStart}-${s.periodEnd}`);
    const plans = (code: string) => byCode.get(code)?.validActionPlans.map((p) => p.id);
    const expired = (code: string) => {
      const strategy = byCode.get(code)?.expiredStrategy;
      return strategy ? `${strategy.periodStart}-${strategy.periodEnd}` : null;
    };
    // Currently valid strategy: BiH (2020-23), Serbia (2017-22), Montenegro (2019-24), North Macedonia (2017-20).
    expect(['AL', 'BA', 'ME', 'MK', 'RS', 'XK'].map(valid)).toEqual([[], ['2020-2023'], ['2019-2024'], ['2017-2020'], ['2017-2022'], []]);
    // Currently valid action plan: Albania (2018-20), Serbia (2019-20), Montenegro (2020), North Macedonia (2017-20).
    expect(['AL', 'BA', 'ME', 'MK', 'RS', 'XK'].map(plans)).toEqual([
      ['AL-AP-2018-2020'],
      [],
      ['ME-AP-2020'],
      ['MK-AP-2017-2020'],
      ['RS-AP-2019-2020'],
      [],
    ]);
    // Expired strategy: Albania (2014-17), Kosovo* (2015-19).
    expect(['AL', 'BA', 'ME', 'MK', 'RS', 'XK'].map(expired)).toEqual(['2014-2017', null, null, null, null, '2015-2019']);
  });

  it('reproduces the matrix of guiding principles (§2.4), Albania and Kosovo* from their expired strategies', () => {
    const declares = (principle: Principle) =>
      ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'].filter((code) => byCode.get(code)?.principles.includes(principle)).join(' ');
    expect({
      government_ownership: declares('government_ownership'),
      civil_society_participation: declares('civil_society_participation'),
      gender_specific: declares('gender_specific'),
      human_rights_victim_centred: declares('human_rights_victim_centred'),
      interdisciplinary_cross_sectoral: declares('interdisciplinary_cross_sectoral'),
      international_cooperation: declares('international_cooperation'),
      non_discrimination: declares('non_discrimination'),
      non_punishment: declares('non_punishment'),
      rights_of_the_child: declares('rights_of_the_child'),
      rule_of_law: declares('rule_of_law'),
      sustainability: declares('sustainability'),
    }).toEqual({
      government_ownership: 'AL BA XK ME MK',
      civil_society_participation: 'AL BA XK ME MK',
      gender_specific: 'BA ME',
      human_rights_victim_centred: 'AL BA XK ME MK RS',
      interdisciplinary_cross_sectoral: 'AL BA ME MK RS',
      international_cooperation: 'BA ME RS',
      non_discrimination: 'BA',
      non_punishment: 'ME',
      rights_of_the_child: 'BA ME RS',
      rule_of_law: 'ME',
      sustainability: 'BA ME MK',
    });
  });
});
