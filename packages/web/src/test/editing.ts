import type { ActivityData, ElementDetail, IndicatorData, OutlineActivity, StrategyOutline } from '../editing/api.ts';

/** The editing API of Demoland's strategy, as the mocked routes name it. */
export const STRATEGY_API = '/api/participants/DL/strategies/NS-2021-2024';

/** A small draft strategy with one action plan: two goals, three objectives, three activities. */
export function outline(overrides: { strategyEditable?: boolean; planEditable?: boolean } = {}): StrategyOutline {
  return {
    strategy: {
      id: 'NS-2021-2024',
      title: 'National Strategy 2021-2024',
      status: overrides.strategyEditable === false ? 'adopted' : 'draft',
      version: 4,
      periodStart: 2021,
      periodEnd: 2024,
      ...(overrides.strategyEditable === false ? { adoptedBy: 'Government', adoptedOn: '2020-12-17' } : {}),
      editable: overrides.strategyEditable ?? true,
      amendment: null,
    },
    goals: [
      {
        id: 'G1',
        area: 'supporting_framework',
        label: 'Coordination',
        title: 'An effective national response',
        version: 1,
        objectives: [
          {
            id: 'O1.1',
            title: 'Strengthen coordination',
            version: 1,
            indicators: [
              { id: 'O1.1-I1', name: 'Meetings held', level: 'outcome', measure: 'number', version: 1 },
              { id: 'O1.1-I2', name: 'Reports published', level: 'outcome', measure: 'number', version: 1 },
            ],
          },
          { id: 'O1.2', title: 'Align the law', version: 1, indicators: [] },
        ],
      },
      {
        id: 'G2',
        area: 'prevention',
        title: 'Fewer people at risk',
        version: 1,
        objectives: [{ id: 'O2.1', title: 'Raise awareness', version: 1, indicators: [] }],
      },
    ],
    actionPlans: [
      {
        id: 'AP-2023-2024',
        title: 'Action Plan 2023-2024',
        start: '2023-01-01',
        end: '2024-12-31',
        status: overrides.planEditable === false ? 'adopted' : 'draft',
        ...(overrides.planEditable === false ? { adoptedOn: '2023-02-01' } : {}),
        version: 2,
        editable: overrides.planEditable ?? true,
        amendment: null,
        activities: [
          activity('A1.1.1', 'O1.1', 'Hold quarterly meetings', 'MOI', 12000, 3),
          activity('A1.1.2', 'O1.1', 'Train local teams', undefined, 0, 1),
          activity('A2.1.1', 'O2.1', 'Run a campaign', 'NGO1', 25000.5, 2),
        ],
      },
    ],
    institutions: [
      { id: 'MOI', name: 'Ministry of Interior', type: 'government', level: 'national', inStrategy: true },
      { id: 'NGO1', name: 'Safe House', type: 'ngo', level: 'local', area: 'North', inStrategy: true },
      { id: 'DON', name: 'Nordic Development Agency', type: 'donor', level: 'national', inStrategy: false },
    ],
    recommendations: [
      {
        id: 'REC-01',
        source: 'greta',
        year: 2020,
        reference: 'GRETA(2020)07, para. 45',
        strength: 'urges',
        text: 'GRETA urges the authorities to adopt a provision on the non-punishment of victims of trafficking.',
        version: 1,
      },
      { id: 'REC-02', source: 'evaluation', year: 2022, text: 'Fund shelters from the state budget.', version: 1 },
    ],
    risks: [],
    currency: 'EUR',
  };
}

function activity(id: string, objective: string, title: string, lead: string | undefined, total: number, version: number): OutlineActivity {
  return {
    id,
    objective,
    title,
    ...(lead !== undefined ? { lead } : {}),
    start: '2023-01-01',
    end: '2024-06-30',
    version,
    total,
    indicatorCount: 1,
  };
}

/** The activity A1.1.1 as `GET …/elements/A1.1.1` gives it. */
export function activityDetail(data: Partial<ActivityData> = {}): ElementDetail<'activity'> {
  return {
    kind: 'activity',
    code: 'A1.1.1',
    version: 3,
    parent: 'AP-2023-2024',
    position: 0,
    data: {
      id: 'A1.1.1',
      objective: 'O1.1',
      title: 'Hold quarterly meetings',
      lead: 'MOI',
      start: '2023-01-01',
      end: '2024-06-30',
      costs: [{ year: 2023, amount: 12000, source: 'state_budget', funder: 'MOI', status: 'secured' }],
      ...data,
    },
    editable: true,
    references: [],
    indicators: [{ id: 'A1.1.1-I1', name: 'Meetings held', level: 'output', measure: 'number', version: 1 }],
  };
}

/** The indicator O1.1-I1 as `GET …/elements/O1.1-I1` gives it. */
export function indicatorDetail(data: Partial<IndicatorData> = {}): ElementDetail<'indicator'> {
  return {
    kind: 'indicator',
    code: 'O1.1-I1',
    version: 5,
    parent: 'O1.1',
    position: 0,
    data: {
      id: 'O1.1-I1',
      name: 'Meetings held',
      level: 'outcome',
      measure: 'number',
      unit: 'meetings',
      baseline: { value: 2, year: 2020, source: 'Annual report' },
      target: { value: 8, year: 2024 },
      ...data,
    },
    editable: true,
    references: [],
  };
}

/** What `POST …/edits` answers for one stored edit. */
export function editResult(code: string, kind: string, version: number) {
  return { status: 200, body: { results: [{ code, kind, version }], outlineVersion: version } };
}

/**
 * A national-scale outline: 6 goals, 30 objectives, 500 activities of one action plan, 60
 * institutions, for measuring how fast the plan tree draws.
 */
export function nationalOutline(): StrategyOutline {
  const base = outline();
  const goals: StrategyOutline['goals'] = [];
  const activities: OutlineActivity[] = [];
  let count = 0;
  for (let g = 1; g <= 6; g += 1) {
    const objectives: StrategyOutline['goals'][number]['objectives'] = [];
    for (let o = 1; o <= 5; o += 1) {
      const objective = `O${g}.${o}`;
      objectives.push({
        id: objective,
        title: `Objective ${g}.${o} of the national strategy`,
        version: 1,
        indicators: [1, 2].map((n) => ({
          id: `${objective}-I${n}`,
          name: `Indicator ${n}`,
          level: 'outcome' as const,
          measure: 'number' as const,
          version: 1,
        })),
      });
      const perObjective = g * o <= 20 ? 17 : 16;
      for (let a = 1; a <= perObjective && count < 500; a += 1) {
        count += 1;
        activities.push(
          activity(
            `A${g}.${o}.${a}`,
            objective,
            `Activity ${g}.${o}.${a}: train, inform and coordinate`,
            `INST-${count % 60}`,
            1000 * a + 0.5,
            1,
          ),
        );
      }
    }
    goals.push({ id: `G${g}`, area: 'protection', title: `Goal ${g} of the national strategy`, version: 1, objectives });
  }
  return {
    ...base,
    goals,
    actionPlans: [{ ...(base.actionPlans[0] as StrategyOutline['actionPlans'][number]), activities }],
    institutions: Array.from({ length: 60 }, (_, index) => ({
      id: `INST-${index}`,
      name: `Institution ${index}`,
      type: 'government' as const,
      level: 'national' as const,
      inStrategy: true,
    })),
  };
}
