import type { Activity, ActionPlan, CostLine, Indicator, PlanPackage, Report, Round, Strategy } from '../plan/package.ts';
import type { ActivityStatus } from '../plan/vocabulary.ts';
import { seededRandom } from '../random.ts';

// Factories for the measures' tests: small packages built from a clean one (no review finding at
// all) with overrides, so that each test shows only what it changes.

/** An indicator that is complete and measurable: a number with a unit, baseline 2020 and target 2024. */
export function makeIndicator(overrides: Partial<Indicator> & { id: string }): Indicator {
  return {
    name: `Indicator ${overrides.id}`,
    level: 'output',
    measure: 'number',
    unit: 'persons',
    baseline: { value: 0, year: 2020 },
    target: { value: 10, year: 2024 },
    ...overrides,
  };
}

/** A cost line of 1,000 from the state budget, secured, in 2021. */
export function makeCost(overrides: Partial<CostLine> = {}): CostLine {
  return { year: 2021, amount: 1000, source: 'state_budget', status: 'secured', ...overrides };
}

/** An activity of objective O1 led by the coordination body, within the plan period, with a cost line and an indicator. */
export function makeActivity(overrides: Partial<Activity> & { id: string }): Activity {
  return {
    objective: 'O1',
    title: `Activity ${overrides.id}`,
    lead: 'NATC',
    start: '2021-01-01',
    end: '2022-12-31',
    costs: [makeCost()],
    indicators: [makeIndicator({ id: `${overrides.id}-I1` })],
    ...overrides,
  };
}

/** An action plan 2021–2022, adopted. */
export function makePlan(overrides: Partial<ActionPlan> & { id: string }): ActionPlan {
  return { title: `Action plan ${overrides.id}`, start: '2021-01-01', end: '2022-12-31', status: 'adopted', activities: [], ...overrides };
}

/** An accepted report of an institution naming activities with their statuses. */
export function makeReport(
  institution: string,
  activities: [activity: string, status: ActivityStatus][],
  overrides: Partial<Report> = {},
): Report {
  return {
    institution,
    status: 'accepted',
    activities: activities.map(([activity, status]) => ({ activity, status })),
    ...overrides,
  };
}

/** A monitoring round ending on `periodEnd`. */
export function makeRound(id: string, periodEnd: string, reports: Report[]): Round {
  return { id, periodStart: `${periodEnd.slice(0, 4)}-01-01`, periodEnd, deadline: periodEnd, reports };
}

function objective(id: string): Strategy['goals'][number]['objectives'][number] {
  return { id, title: `Objective ${id}`, indicators: [makeIndicator({ id: `${id}-I1`, level: 'outcome' })] };
}

/** The clean strategy: every area covered, the five principles, risks, contingency, monitoring and evaluations. */
export function makeStrategy(overrides: Partial<Strategy> = {}): Strategy {
  return {
    id: 'S1',
    title: 'Strategy 2021–2024',
    periodStart: 2021,
    periodEnd: 2024,
    status: 'adopted',
    situationAnalysis: 'Testland is a country of origin and transit.',
    principles: [
      'government_ownership',
      'civil_society_participation',
      'human_rights_victim_centred',
      'interdisciplinary_cross_sectoral',
      'sustainability',
    ],
    monitoring: {
      body: 'NATC',
      reportingFrequency: 'semi_annual',
      evaluations: [
        { type: 'mid_term', year: 2022 },
        { type: 'final', year: 2024 },
      ],
    },
    goals: [
      { id: 'G1', area: 'supporting_framework', title: 'Coordination', objectives: [objective('O1')] },
      { id: 'G2', area: 'prevention', title: 'Prevention', objectives: [objective('O2')] },
      { id: 'G3', area: 'protection', title: 'Protection', objectives: [objective('O3')] },
      { id: 'G4', area: 'prosecution', title: 'Prosecution', objectives: [objective('O4')] },
      { id: 'G5', area: 'children', title: 'Children', objectives: [objective('O5')] },
    ],
    risks: [{ id: 'RSK1', description: 'Budget cuts.', category: 'financial', likelihood: 3, impact: 4, mitigation: 'Reserve funds.' }],
    contingency: { scenarios: [{ type: 'pandemic', description: 'Lockdown.' }], minimumServices: ['shelter'] },
    ...overrides,
  };
}

/**
 * The activities of the clean plan AP1: one per objective; A4 is led by a municipality (local
 * level), A3 by an NGO; total 5,000 of which 4,000 from the state budget and 2,000 NGO-led.
 */
export function cleanActivities(): Activity[] {
  return [
    makeActivity({ id: 'A1', objective: 'O1', tags: ['capacity_building'], recommendations: ['REC1'] }),
    makeActivity({ id: 'A2', objective: 'O2', lead: 'MOI' }),
    makeActivity({ id: 'A3', objective: 'O3', lead: 'NGO', costs: [makeCost({ year: 2022, amount: 2000 })] }),
    makeActivity({ id: 'A4', objective: 'O4', lead: 'MUN', costs: [makeCost({ year: 2022, amount: 500, source: 'local_budget' })] }),
    makeActivity({
      id: 'A5',
      objective: 'O5',
      lead: 'MOI',
      costs: [makeCost({ year: 2022, amount: 500, source: 'donor', status: 'pledged' })],
    }),
  ];
}

/** Overrides of a test package: top-level fields, the strategy's fields, or just the activities of AP1. */
export type PackageOverrides = Partial<Omit<PlanPackage, 'strategy'>> & { strategy?: Partial<Strategy>; activities?: Activity[] };

/** A valid package whose plan AP1 breaks no review rule, with the given overrides. */
export function makePackage(overrides: PackageOverrides = {}): PlanPackage {
  const { strategy, activities, ...rest } = overrides;
  return {
    format: 'ariadne.plan-package',
    version: 1,
    participant: { code: 'TL', name: 'Testland', currency: 'EUR' },
    institutions: [
      { id: 'NATC', name: 'National Coordinator', type: 'coordination_body', level: 'national' },
      { id: 'MOI', name: 'Ministry of Interior', type: 'government', level: 'national' },
      { id: 'NGO', name: 'Shelter', type: 'ngo', level: 'national' },
      { id: 'MUN', name: 'Municipality', type: 'local_government', level: 'local', area: 'Velmora' },
    ],
    strategy: makeStrategy(strategy),
    actionPlans: [makePlan({ id: 'AP1', activities: activities ?? cleanActivities() })],
    recommendations: [{ id: 'REC1', source: 'greta', year: 2020, text: 'Train labour inspectors.' }],
    monitoring: { rounds: [] },
    ...rest,
  };
}

/** Returns a changed deep copy of a package, so a test can adjust one detail of a clean package. */
export function edit(pkg: PlanPackage, change: (draft: PlanPackage) => void): PlanPackage {
  const draft = structuredClone(pkg);
  change(draft);
  return draft;
}

/** The activity of a package with this id (fails loudly when the test names a wrong id). */
export function activityOf(pkg: PlanPackage, id: string): Activity {
  for (const plan of pkg.actionPlans) {
    const found = plan.activities.find((activity) => activity.id === id);
    if (found) return found;
  }
  throw new Error(`no activity ${id}`);
}

/** The objective indicator or activity indicator of a package with this id. */
export function indicatorOf(pkg: PlanPackage, id: string): Indicator {
  const all = [
    ...pkg.strategy.goals.flatMap((goal) => goal.objectives.flatMap((o) => o.indicators ?? [])),
    ...pkg.actionPlans.flatMap((plan) => plan.activities.flatMap((activity) => activity.indicators ?? [])),
  ];
  const found = all.find((indicator) => indicator.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}

/**
 * A national-scale package: 500 activities with 2 indicators each and 4 cost lines, 500 objective
 * indicators (1,500 in all), 2,000 cost lines, 12 rounds of 60 reports each.
 */
export function makeNationalPackage(seed = 1): PlanPackage {
  const next = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const institutions = Array.from({ length: 60 }, (_, i) => ({
    id: `INST-${String(i).padStart(2, '0')}`,
    name: `Institution ${i}`,
    type: pick(['government', 'ngo', 'law_enforcement', 'social_services'] as const),
    level: pick(['national', 'local'] as const),
  }));
  const areas = ['supporting_framework', 'prevention', 'protection', 'prosecution', 'partnership', 'children'] as const;
  const goals = areas.map((area, g) => ({
    id: `G${g + 1}`,
    area,
    title: `Goal ${g + 1}`,
    objectives: Array.from({ length: 10 }, (_, o) => ({
      id: `O${g + 1}.${o + 1}`,
      title: `Objective ${g + 1}.${o + 1}`,
      indicators: [] as Indicator[],
    })),
  }));
  const objectives = goals.flatMap((goal) => goal.objectives);
  const measures = ['number', 'percentage', 'yes_no', 'qualitative'] as const;
  const indicator = (id: string): Indicator => {
    const measure = pick(measures);
    return makeIndicator({
      id,
      measure,
      scale: measure === 'qualitative' ? ['none', 'partial', 'full'] : undefined,
      baseline: { value: 0, year: 2020 },
      target: { value: measure === 'yes_no' ? 1 : measure === 'qualitative' ? 2 : 100, year: 2020 + 1 + Math.floor(next() * 4) },
    });
  };
  for (let i = 0; i < 500; i++) {
    const target = objectives[i % objectives.length];
    target?.indicators.push(indicator(`OI-${String(i).padStart(4, '0')}`));
  }
  const activities: Activity[] = Array.from({ length: 500 }, (_, i) => {
    const id = `A-${String(i).padStart(4, '0')}`;
    return {
      id,
      objective: pick(objectives).id,
      title: `Activity ${i}`,
      lead: pick(institutions).id,
      partners: [pick(institutions).id, pick(institutions).id],
      start: '2021-01-01',
      end: pick(['2021-12-31', '2022-06-30', '2023-12-31', '2024-12-31']),
      costs: Array.from({ length: 4 }, (_, c) => ({
        year: 2021 + c,
        amount: Math.round(next() * 5_000_000) / 100,
        source: pick(['state_budget', 'local_budget', 'donor', 'other'] as const),
        status: pick(['secured', 'pledged', 'unfunded'] as const),
      })),
      indicators: [indicator(`${id}-I1`), indicator(`${id}-I2`)],
    };
  });
  const indicatorIds = [...objectives.flatMap((o) => o.indicators), ...activities.flatMap((activity) => activity.indicators ?? [])];
  const rounds: Round[] = Array.from({ length: 12 }, (_, r) => {
    const year = 2021 + Math.floor(r / 4);
    const month = String(((r % 4) + 1) * 3).padStart(2, '0');
    const periodEnd = `${year}-${month}-${month === '06' || month === '09' ? '30' : '31'}`;
    const reports: Report[] = institutions.map((institution) => ({
      institution: institution.id,
      status: pick(['accepted', 'accepted', 'accepted', 'submitted', 'returned', 'draft'] as const),
      activities: Array.from({ length: 25 }, () => ({
        activity: pick(activities).id,
        status: pick(['not_started', 'ongoing', 'completed', 'delayed', 'cancelled'] as const),
        spent: [{ source: 'state_budget' as const, amount: Math.round(next() * 100_000) / 100 }],
      })),
      indicatorValues: Array.from({ length: 30 }, () => {
        const chosen = pick(indicatorIds);
        const value =
          chosen.measure === 'yes_no'
            ? Math.round(next())
            : chosen.measure === 'qualitative'
              ? Math.floor(next() * 3)
              : Math.round(next() * 1000) / 10;
        return { indicator: chosen.id, value };
      }),
    }));
    return { id: `R${String(r + 1).padStart(2, '0')}`, periodStart: `${year}-01-01`, periodEnd, deadline: periodEnd, reports };
  });
  return {
    format: 'ariadne.plan-package',
    version: 1,
    participant: { code: 'NL', name: 'Nationland', currency: 'EUR' },
    institutions,
    strategy: makeStrategy({ goals }),
    actionPlans: [makePlan({ id: 'AP-NAT', start: '2021-01-01', end: '2024-12-31', activities })],
    monitoring: { rounds },
  };
}
