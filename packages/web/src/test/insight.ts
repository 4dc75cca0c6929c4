import type { CostItem, PlanCosts, RegionalComparison, RegionalPicture, SharedIndicator } from '../insightApi.ts';

function item(overrides: Partial<CostItem> & Pick<CostItem, 'activity' | 'area' | 'year' | 'amount'>): CostItem {
  return {
    title: `Activity ${overrides.activity}`,
    objective: 'O1.1',
    goal: 'G1',
    lead: 'MOI',
    leadName: 'Ministry of Interior',
    source: 'state_budget',
    funder: null,
    status: 'secured',
    ...overrides,
  };
}

/** A small plan's costs: two areas over two years, one unfunded activity, totals that add up. */
export const COSTS: PlanCosts = {
  plan: 'DL/AP-2021-2022',
  currency: 'EUR',
  items: [
    item({ activity: 'A1.1.1', area: 'supporting_framework', year: 2021, amount: 14500, lead: 'NATC', leadName: 'National Coordinator' }),
    item({ activity: 'A1.1.1', area: 'supporting_framework', year: 2022, amount: 14500, lead: 'NATC', leadName: 'National Coordinator' }),
    item({
      activity: 'A3.1.2',
      area: 'protection',
      year: 2021,
      amount: 19000,
      goal: 'G3',
      objective: 'O3.1',
      lead: 'MLSP',
      leadName: 'Ministry of Labour',
    }),
    item({
      activity: 'A3.1.2',
      area: 'protection',
      year: 2022,
      amount: 14000,
      goal: 'G3',
      objective: 'O3.1',
      lead: 'MLSP',
      leadName: 'Ministry of Labour',
      source: 'donor',
      status: 'unfunded',
    }),
    item({
      activity: 'A3.2.1',
      area: 'protection',
      year: 2022,
      amount: 6000,
      goal: 'G3',
      objective: 'O3.2',
      source: 'donor',
      status: 'pledged',
    }),
  ],
  resourcePlan: {
    years: [2021, 2022],
    areas: ['supporting_framework', 'protection'],
    cells: [
      { area: 'supporting_framework', year: 2021, amount: 14500 },
      { area: 'supporting_framework', year: 2022, amount: 14500 },
      { area: 'protection', year: 2021, amount: 19000 },
      { area: 'protection', year: 2022, amount: 20000 },
    ],
    byArea: { supporting_framework: 29000, prevention: 0, protection: 39000, prosecution: 0, partnership: 0, children: 0, other: 0 },
    byYear: { '2021': 33500, '2022': 34500 },
    total: 68000,
  },
  donorView: {
    currency: 'EUR',
    items: [
      {
        activity: 'A3.1.2',
        title: 'Activity A3.1.2',
        area: 'protection',
        goal: 'G3',
        objective: 'O3.1',
        lead: 'MLSP',
        leadName: 'Ministry of Labour',
        totalCost: 33000,
        unfunded: 14000,
      },
    ],
    totalUnfunded: 14000,
  },
};

/** The regional picture of two Participants on 30 June 2022: one with a strategy and a plan in force, one with neither. */
export const REGIONAL: RegionalPicture = {
  asOf: '2022-06-30',
  participants: [
    {
      code: 'DL',
      name: 'Demoland',
      validStrategies: [{ id: 'NS-2021-2024', title: 'National Strategy 2021-2024', periodStart: 2021, periodEnd: 2024 }],
      validActionPlans: [{ id: 'AP-2021-2022', title: 'Action Plan 2021-2022', start: '2021-01-01', end: '2022-12-31' }],
      expiredStrategy: null,
      principles: ['government_ownership', 'civil_society_participation', 'human_rights_victim_centred'],
    },
    {
      code: 'WM',
      name: 'Westmark',
      validStrategies: [],
      validActionPlans: [],
      expiredStrategy: { id: 'NS-2015-2019', title: 'Strategy 2015-2019', periodStart: 2015, periodEnd: 2019 },
      principles: ['rule_of_law'],
    },
  ],
};

const VICTIMS_KEY = 'identified victims and presumed victims of trafficking | number | persons';

/** The comparison of Demoland and Westmark on 30 June 2022: their thematic structures and one shared indicator. */
export const COMPARISON: RegionalComparison = {
  asOf: '2022-06-30',
  structures: {
    areas: ['prevention', 'protection', 'prosecution', 'partnership', 'children'],
    participants: [
      {
        code: 'DL',
        name: 'Demoland',
        strategy: { id: 'NS-2021-2024', title: 'National Strategy 2021-2024', periodStart: 2021, periodEnd: 2024 },
        goals: [
          { id: 'G1', position: 1, area: 'prevention', label: 'Prevention', title: 'Prevent trafficking' },
          { id: 'G2', position: 2, area: 'protection', label: null, title: 'Protect victims' },
          { id: 'G3', position: 3, area: 'children', label: 'Children', title: 'Protect children' },
        ],
      },
      { code: 'WM', name: 'Westmark', strategy: null, goals: [] },
    ],
  },
  indicators: [
    {
      key: VICTIMS_KEY,
      name: 'Identified victims and presumed victims of trafficking',
      measure: 'number',
      unit: 'persons',
      participants: [
        { code: 'DL', name: 'Demoland' },
        { code: 'WM', name: 'Westmark' },
      ],
    },
    {
      key: 'final convictions for trafficking in human beings | number | convictions',
      name: 'Final convictions for trafficking in human beings',
      measure: 'number',
      unit: 'convictions',
      participants: [
        { code: 'DL', name: 'Demoland' },
        { code: 'WM', name: 'Westmark' },
      ],
    },
  ],
};

/** The shared indicator of identified victims, as `/api/regional/indicator` gives it. */
export const SHARED_VICTIMS: SharedIndicator = {
  key: VICTIMS_KEY,
  name: 'Identified victims and presumed victims of trafficking',
  measure: 'number',
  unit: 'persons',
  years: [2021, 2022],
  participants: [
    {
      participant: { code: 'DL', name: 'Demoland' },
      plan: 'AP-2021-2022',
      indicator: 'O3.1-I1',
      threshold: 5,
      baseline: { value: 64, year: 2020, small: false },
      target: { value: 110, year: 2024 },
      values: [
        { year: 2021, round: '2021-H2', value: 71, small: false },
        { year: 2022, round: '2022-H1', value: 80, small: false },
      ],
    },
    {
      participant: { code: 'WM', name: 'Westmark' },
      plan: 'AP-WM-2021-2023',
      indicator: 'O2.1-I1',
      threshold: 5,
      baseline: { value: null, year: 2020, small: true },
      target: { value: 70, year: 2025 },
      values: [{ year: 2021, round: '2021', value: 47, small: false }],
    },
  ],
};

export { VICTIMS_KEY };
