import type { ElementDetail, PlanChange, PlanVersion, StrategyData } from '../editing/api.ts';

/** The strategy NS-2021-2024 as `GET …/elements/NS-2021-2024` gives it. */
export function strategyDetail(data: Partial<StrategyData> = {}, editable = true): ElementDetail<'strategy'> {
  return {
    kind: 'strategy',
    code: 'NS-2021-2024',
    version: 4,
    position: 0,
    data: {
      title: 'National Strategy 2021-2024',
      periodStart: 2021,
      periodEnd: 2024,
      situationAnalysis: '## Trends\n\nMost identified victims were **women**.\n\n<script>alert(1)</script>',
      principles: ['government_ownership', 'human_rights_victim_centred'],
      monitoring: {
        body: 'MOI',
        reportingFrequency: 'semi_annual',
        reportsTo: 'Government',
        evaluations: [{ type: 'mid_term', year: 2022 }],
      },
      estimatedTotalCost: 2150000,
      contingency: {
        scenarios: [{ type: 'pandemic', description: 'Shelters keep an isolation room free.' }],
        minimumServices: ['24/7 hotline', 'safe accommodation'],
        reserveFunds: 40000,
      },
      ...data,
    },
    editable,
    references: [],
  };
}

/** Two adopted versions of the strategy, as `GET …/history` lists them. */
export const VERSIONS: { versions: PlanVersion[] } = {
  versions: [
    {
      number: 1,
      kind: 'adoption',
      adoptedOn: '2020-12-17',
      adoptedBy: 'Government',
      recordedBy: 'coordinator@demoland.example',
      recordedAt: '2020-12-18T09:30:00Z',
    },
    {
      number: 2,
      kind: 'amendment',
      reason: 'Mid-term review',
      adoptedOn: '2022-06-30',
      adoptedBy: 'Government',
      recordedBy: 'coordinator@demoland.example',
      recordedAt: '2022-07-01T10:00:00Z',
    },
  ],
};

/** What changed from version 1 to version 2: one of each kind of change. */
export const CHANGES_2: { from: number | null; to: number; changes: PlanChange[] } = {
  from: 1,
  to: 2,
  changes: [
    {
      kind: 'activity',
      code: 'A1.1.1',
      title: 'Hold monthly meetings',
      change: 'changed',
      fields: [{ field: 'title', before: 'Hold quarterly meetings', after: 'Hold monthly meetings' }],
    },
    {
      kind: 'risk',
      code: 'RSK-7',
      title: 'Elections delay the budget',
      change: 'added',
      fields: [{ field: 'description', before: null, after: 'Elections delay the budget' }],
    },
    {
      kind: 'risk',
      code: 'RSK-2',
      title: 'Funds are cut',
      change: 'changed',
      fields: [
        { field: 'likelihood', before: 3, after: 4 },
        { field: 'category', before: 'political', after: 'financial' },
      ],
    },
    { kind: 'objective', code: 'O1.2', title: 'Align the law', change: 'moved', fields: [{ field: 'parent', before: 'G1', after: 'G2' }] },
    { kind: 'recommendation', code: 'REC-02', title: 'Fund shelters', change: 'removed', fields: [] },
  ],
};
