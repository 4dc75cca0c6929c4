import {
  seededRandom,
  ACTIVITY_STATUSES,
  AREAS,
  DISAGGREGATIONS,
  DOCUMENT_STATUSES,
  EVALUATION_TYPES,
  FREQUENCIES,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  INSTITUTION_TYPES,
  LEVELS,
  MEASURES,
  PRINCIPLES,
  RECOMMENDATION_SOURCES,
  RECOMMENDATION_STRENGTHS,
  REPORT_STATUSES,
  RISK_CATEGORIES,
  SCENARIO_TYPES,
  TAGS,
  type ActionPlan,
  type Activity,
  type CostLine,
  type Goal,
  type Indicator,
  type Institution,
  type Participant,
  type PlanPackage,
  type Recommendation,
  type Report,
  type Risk,
  type Round,
  type Strategy,
} from '@ariadne/domain';

/** How large a generated package is: totals are spread at random over their owners. */
export type PlanScale = {
  institutions: number;
  goals: number;
  objectivesPerGoal: number;
  actionPlans: number;
  activities: number;
  /** Outcome and impact indicators, over all objectives. */
  objectiveIndicators: number;
  /** Output and process indicators, over all activities. */
  activityIndicators: number;
  costLines: number;
  recommendations: number;
  risks: number;
  rounds: number;
  /** Reports in each round, one per institution that is responsible for activities, up to this many. */
  reportsPerRound: number;
};

/**
 * A national-scale package: 1 strategy, 6 goals, 30 objectives, 500 activities, 1,500 indicators,
 * 2,000 cost lines, 60 institutions, and 12 monitoring rounds of 60 reports, each report covering
 * its institution's activities and the indicators of those it leads.
 */
export const NATIONAL_SCALE: PlanScale = {
  institutions: 60,
  goals: 6,
  objectivesPerGoal: 5,
  actionPlans: 3,
  activities: 500,
  objectiveIndicators: 90,
  activityIndicators: 1_410,
  costLines: 2_000,
  recommendations: 40,
  risks: 12,
  rounds: 12,
  reportsPerRound: 60,
};

/** A small package for tests: every kind of element, a few of each. */
export const SMALL_SCALE: PlanScale = {
  institutions: 7,
  goals: 3,
  objectivesPerGoal: 2,
  actionPlans: 3,
  activities: 12,
  objectiveIndicators: 6,
  activityIndicators: 16,
  costLines: 20,
  recommendations: 4,
  risks: 3,
  rounds: 3,
  reportsPerRound: 5,
};

export type GenerateOptions = {
  /** The same seed gives the same package. */
  seed: number;
  scale?: PlanScale;
  /**
   * Optional fields: `random` leaves each out, gives it empty (`""`, `[]`) or gives a value, at
   * random; `all` gives every one a value; `none` leaves every one out.
   */
  optional?: 'random' | 'all' | 'none';
  participant?: Participant;
  /** Put before the strategy's and the action plans' ids, so that packages can share a Participant. */
  prefix?: string;
  /** The strategy's first year (otherwise drawn between 2015 and 2030), for successive cycles of one Participant. */
  periodStart?: number;
};

// Texts that a careless store would change: spaces around and inside, line breaks, quotes and
// backslashes, Albanian, Cyrillic, combining marks, characters outside the BMP, Markdown.
const WORDS = [
  'trafficking',
  'victims',
  'identification',
  'referral',
  'shelter',
  'prosecution',
  'labour inspection',
  'Qendra Kombëtare',
  'Министарство',
  'Мрежа за поддршка',
  'Žrtve',
  'ćšđ',
  'e\u0301tude',
  '“quoted”',
  '"double"',
  "it's",
  'back\\slash',
  'tab\there',
  '🙂',
  '𝔄riadne',
  '**bold**',
  '50 %',
  '€ 1.234,50',
];

type Choice = 'absent' | 'empty' | 'value';

/**
 * Generates a random but valid plan package, with references that resolve, dates that run
 * forwards, reports only on their institution's activities, and values that fit their measure.
 */
export function generatePlanPackage(options: GenerateOptions): PlanPackage {
  const random = seededRandom(options.seed);
  const scale = options.scale ?? SMALL_SCALE;
  const mode = options.optional ?? 'random';
  const prefix = options.prefix ?? '';

  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const one = <T>(values: readonly T[]): T => {
    const value = values[Math.floor(random() * values.length)];
    if (value === undefined) throw new Error('cannot pick from an empty list');
    return value;
  };
  const some = <T>(values: readonly T[], max: number): T[] => {
    const pool = [...values];
    const out: T[] = [];
    const count = Math.min(pool.length, int(1, Math.max(1, max)));
    for (let i = 0; i < count; i += 1) out.push(...pool.splice(Math.floor(random() * pool.length), 1));
    return out;
  };
  const choose = (): Choice => {
    if (mode === 'all') return 'value';
    if (mode === 'none') return 'absent';
    const r = random();
    return r < 0.35 ? 'absent' : r < 0.5 ? 'empty' : 'value';
  };
  const text = (words = 4): string => {
    const parts: string[] = [];
    for (let i = 0, n = int(1, words); i < n; i += 1) parts.push(one(WORDS));
    return parts.join(' ');
  };
  /** A long text: paragraphs, spaces kept at both ends now and then. */
  const longText = (): string => {
    const paragraphs: string[] = [];
    for (let i = 0, n = int(1, 3); i < n; i += 1) paragraphs.push(text(30));
    const body = paragraphs.join('\n\n');
    return random() < 0.2 ? ` ${body}\n` : body;
  };
  const optText = (make: () => string): string | undefined => {
    const choice = choose();
    return choice === 'absent' ? undefined : choice === 'empty' ? '' : make();
  };
  const optList = <T>(make: () => T[]): T[] | undefined => {
    const choice = choose();
    return choice === 'absent' ? undefined : choice === 'empty' ? [] : make();
  };
  const opt = <T>(make: () => T): T | undefined => (choose() === 'absent' ? undefined : make());
  const money = (max: number): number => int(0, max * 100) / 100;
  const date = (year: number, month: number, day: number): string =>
    `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, 28)).padStart(2, '0')}`;

  const participant: Participant = options.participant ?? {
    code: 'GL',
    name: 'Generatia',
    currency: one(['EUR', 'ALL', 'BAM', 'RSD', 'MKD']),
    ...field(
      'locale',
      opt(() => one(['sq', 'sr-Latn', 'sr-Cyrl', 'mk', 'bs', 'en'])),
    ),
  };

  // Institutions, with a few ids that are not plain ASCII.
  const institutionIds = Array.from({ length: scale.institutions }, (_, i) =>
    i % 17 === 5 ? `МВР-${i + 1}` : i % 13 === 7 ? `NGO "Astra" ${i + 1}` : `INST-${i + 1}`,
  );
  const institutions: Institution[] = institutionIds.map((id, i) => ({
    id,
    name: `${text(3)} ${i + 1}`,
    type: i === 0 ? 'coordination_body' : one(INSTITUTION_TYPES),
    level: one(LEVELS),
    ...field(
      'area',
      optText(() => text(2)),
    ),
  }));

  const periodStart = options.periodStart ?? int(2015, 2030);
  const periodEnd = periodStart + int(2, 6);

  const recommendations: Recommendation[] = Array.from({ length: scale.recommendations }, (_, i) => ({
    id: `REC-${i + 1}`,
    source: one(RECOMMENDATION_SOURCES),
    ...field(
      'reference',
      optText(() => `GRETA(${periodStart - 2})${i + 1}, para. ${int(1, 200)}`),
    ),
    year: periodStart - int(0, 3),
    text: longText(),
    ...field(
      'strength',
      opt(() => one(RECOMMENDATION_STRENGTHS)),
    ),
  }));
  const recommendationIds = recommendations.map((recommendation) => recommendation.id);

  let indicatorNumber = 0;
  const indicator = (levels: readonly Indicator['level'][]): Indicator => {
    indicatorNumber += 1;
    const measure = one(MEASURES);
    const scaleLabels =
      measure === 'qualitative'
        ? mode === 'none'
          ? undefined
          : Array.from({ length: int(2, 5) }, () => text(2))
        : optList(() => Array.from({ length: int(1, 3) }, () => text(1)));
    const value = (): number => valueFor(measure, scaleLabels, random, int);
    // A qualitative indicator without a scale can take no value at all.
    const valued = measure !== 'qualitative' || (scaleLabels !== undefined && scaleLabels.length > 0);
    const baselineYear = periodStart - 1;
    return {
      id: `IND-${indicatorNumber}`,
      name: text(6),
      level: one(levels),
      measure,
      ...field(
        'unit',
        optText(() => one(['persons', '%', 'trainings', 'cases', text(1)])),
      ),
      ...field('scale', scaleLabels),
      ...field(
        'baseline',
        valued
          ? opt(() => ({
              value: value(),
              year: baselineYear,
              ...field(
                'source',
                optText(() => text(5)),
              ),
            }))
          : undefined,
      ),
      ...field('target', valued ? opt(() => ({ value: value(), year: periodEnd })) : undefined),
      ...field(
        'milestones',
        valued ? optList(() => Array.from({ length: int(1, 3) }, (_, m) => ({ value: value(), year: periodStart + m }))) : undefined,
      ),
      ...field(
        'meansOfVerification',
        optText(() => longText()),
      ),
      ...field(
        'disaggregation',
        optList(() => some(DISAGGREGATIONS, 3)),
      ),
    };
  };

  // Goals and objectives; objective indicators are spread over the objectives.
  const objectiveCount = scale.goals * scale.objectivesPerGoal;
  const objectiveIndicatorCounts = spread(scale.objectiveIndicators, objectiveCount, random);
  const goals: Goal[] = Array.from({ length: scale.goals }, (_, g) => ({
    id: `G${g + 1}`,
    area: AREAS[g % AREAS.length] ?? 'other',
    ...field(
      'label',
      optText(() => text(3)),
    ),
    title: text(8),
    objectives: Array.from({ length: scale.objectivesPerGoal }, (_, o) => {
      const count = objectiveIndicatorCounts[g * scale.objectivesPerGoal + o] ?? 0;
      const indicators = mode === 'none' ? undefined : Array.from({ length: count }, () => indicator(['impact', 'outcome']));
      return { id: `O${g + 1}.${o + 1}`, title: text(8), ...field('indicators', indicators) };
    }),
  }));
  const objectiveIds = goals.flatMap((goal) => goal.objectives.map((objective) => objective.id));

  // Action plans split the strategy's period; activities are spread over them.
  const activityCounts = spread(scale.activities, scale.actionPlans, random);
  const activityIndicatorCounts = spread(scale.activityIndicators, scale.activities, random);
  const costLineCounts = spread(scale.costLines, scale.activities, random);
  const years = periodEnd - periodStart + 1;
  let activityNumber = 0;
  const actionPlans: ActionPlan[] = Array.from({ length: scale.actionPlans }, (_, p) => {
    const first = periodStart + Math.floor((p * years) / scale.actionPlans);
    const last = Math.max(first, periodStart + Math.floor(((p + 1) * years) / scale.actionPlans) - 1);
    const activities: Activity[] = Array.from({ length: activityCounts[p] ?? 0 }, () => {
      const n = activityNumber;
      activityNumber += 1;
      const startYear = int(first, last);
      const endYear = int(startYear, last);
      const startMonth = int(1, 12);
      const endMonth = endYear === startYear ? int(startMonth, 12) : int(1, 12);
      const lead = opt(() => one(institutionIds));
      const partners = optList(() => some(institutionIds, 3));
      const costs: CostLine[] | undefined =
        mode === 'none'
          ? undefined
          : Array.from({ length: costLineCounts[n] ?? 0 }, () => ({
              year: int(startYear, endYear),
              amount: money(250_000),
              source: one(FUNDING_SOURCES),
              ...field(
                'funder',
                opt(() => one(institutionIds)),
              ),
              status: one(FUNDING_STATUSES),
            }));
      const indicators =
        mode === 'none' ? undefined : Array.from({ length: activityIndicatorCounts[n] ?? 0 }, () => indicator(['output', 'process']));
      return {
        id: n % 11 === 3 ? `A${p + 1}/${n + 1} (ž)` : `A${p + 1}.${n + 1}`,
        objective: one(objectiveIds),
        title: text(10),
        ...field('lead', lead),
        ...field('partners', partners),
        ...field(
          'start',
          opt(() => date(startYear, startMonth, int(1, 28))),
        ),
        ...field(
          'end',
          opt(() => date(endYear, endMonth, 28)),
        ),
        ...field(
          'level',
          opt(() => one(LEVELS)),
        ),
        ...field(
          'tags',
          optList(() => some(TAGS, 4)),
        ),
        ...field('costs', costs),
        ...field('indicators', indicators),
        ...field('recommendations', recommendationIds.length > 0 ? optList(() => some(recommendationIds, 2)) : undefined),
      };
    });
    return {
      id: `${prefix}AP-${p + 1}`,
      title: text(6),
      start: date(first, 1, 1),
      end: `${last}-12-31`,
      status: one(DOCUMENT_STATUSES),
      ...field(
        'adoptedOn',
        opt(() => date(first - 1, 12, int(1, 28))),
      ),
      activities,
    };
  });

  const risks: Risk[] = Array.from({ length: scale.risks }, (_, r) => ({
    id: `RISK-${r + 1}`,
    description: longText(),
    category: one(RISK_CATEGORIES),
    likelihood: one([1, 2, 3, 4, 5] as const),
    impact: one([1, 2, 3, 4, 5] as const),
    ...field(
      'mitigation',
      optText(() => longText()),
    ),
    ...field(
      'owner',
      opt(() => one(institutionIds)),
    ),
  }));

  const strategy: Strategy = {
    id: `${prefix}S-${options.seed}`,
    title: text(8),
    periodStart,
    periodEnd,
    status: one(DOCUMENT_STATUSES),
    ...field(
      'adoptedBy',
      optText(() => one(['Government', 'Council of Ministers', 'Assembly'])),
    ),
    ...field(
      'adoptedOn',
      opt(() => date(periodStart - 1, int(1, 12), int(1, 28))),
    ),
    ...field(
      'situationAnalysis',
      optText(() => longText()),
    ),
    principles: some(PRINCIPLES, PRINCIPLES.length),
    ...field(
      'monitoring',
      opt(() => ({
        ...field(
          'body',
          opt(() => institutionIds[0] ?? 'INST-1'),
        ),
        ...field(
          'reportingFrequency',
          opt(() => one(FREQUENCIES)),
        ),
        ...field(
          'reportsTo',
          optText(() => 'Government'),
        ),
        ...field(
          'evaluations',
          optList(() => some(EVALUATION_TYPES, 3).map((type) => ({ type, year: int(periodStart, periodEnd) }))),
        ),
      })),
    ),
    ...field(
      'estimatedTotalCost',
      opt(() => money(50_000_000)),
    ),
    goals,
    ...field('risks', mode === 'none' ? undefined : risks),
    ...field(
      'contingency',
      opt(() => ({
        scenarios: some(SCENARIO_TYPES, 3).map((type) => ({ type, description: longText() })),
        minimumServices: Array.from({ length: int(0, 4) }, () => text(3)),
        ...field(
          'reserveFunds',
          opt(() => money(1_000_000)),
        ),
      })),
    ),
  };

  const monitoring =
    mode === 'none' ? undefined : { rounds: rounds(scale, actionPlans, goals, strategy, random, { int, one, opt, optText, money }) };

  return {
    format: 'ariadne.plan-package',
    version: 1,
    participant,
    institutions,
    strategy,
    actionPlans,
    ...field('recommendations', mode === 'none' ? undefined : recommendations),
    ...field('monitoring', monitoring),
  };
}

type Helpers = {
  int: (min: number, max: number) => number;
  one: <T>(values: readonly T[]) => T;
  opt: <T>(make: () => T) => T | undefined;
  optText: (make: () => string) => string | undefined;
  money: (max: number) => number;
};

/** Semi-annual rounds from the strategy's first year, each with a report per responsible institution. */
function rounds(
  scale: PlanScale,
  actionPlans: ActionPlan[],
  goals: Goal[],
  strategy: Strategy,
  random: () => number,
  helpers: Helpers,
): Round[] {
  const { int, one, opt, optText, money } = helpers;
  const activities = actionPlans.flatMap((plan) => plan.activities);
  // Which activities each institution may report on: those it leads or partners in.
  const responsible = new Map<string, { activity: Activity; leads: boolean }[]>();
  for (const activity of activities) {
    const names = new Set([...(activity.lead === undefined ? [] : [activity.lead]), ...(activity.partners ?? [])]);
    for (const name of names) {
      const list = responsible.get(name) ?? [];
      list.push({ activity, leads: activity.lead === name });
      responsible.set(name, list);
    }
  }
  const reporters = [...responsible.keys()].slice(0, scale.reportsPerRound);
  const body = strategy.monitoring?.body;
  const objectiveIndicators = goals.flatMap((goal) => goal.objectives.flatMap((objective) => objective.indicators ?? []));

  return Array.from({ length: scale.rounds }, (_, r) => {
    const year = strategy.periodStart + Math.floor(r / 2);
    const firstHalf = r % 2 === 0;
    const periodStart = firstHalf ? `${year}-01-01` : `${year}-07-01`;
    const periodEnd = firstHalf ? `${year}-06-30` : `${year}-12-31`;
    const deadline = firstHalf ? `${year}-07-31` : `${year + 1}-01-31`;
    const reports: Report[] = reporters.map((institution) => {
      const duties = responsible.get(institution) ?? [];
      // The activities it leads, and a few of those it partners in.
      const covered = duties.filter((duty) => duty.leads || random() < 0.3);
      const indicators = [
        ...covered.filter((duty) => duty.leads).flatMap((duty) => duty.activity.indicators ?? []),
        ...(institution === body ? objectiveIndicators : []),
      ].filter((candidate) => candidate.measure !== 'qualitative' || (candidate.scale?.length ?? 0) > 0);
      const values = indicators.map((candidate) => ({
        indicator: candidate.id,
        value: valueFor(candidate.measure, candidate.scale, random, int),
        ...field(
          'breakdown',
          opt(() =>
            Array.from({ length: int(0, 2) }, (_, b) => ({
              dimension: b === 0 ? 'sex' : 'age_group',
              category: b === 0 ? one(['female', 'male']) : one(['child', 'adult']),
              value: int(0, 200),
            })),
          ),
        ),
      }));
      return {
        institution,
        status: one(REPORT_STATUSES),
        ...field(
          'submittedOn',
          opt(() => `${firstHalf ? year : year + 1}-${firstHalf ? '07' : '01'}-${String(int(1, 28)).padStart(2, '0')}`),
        ),
        activities: covered.map((duty) => ({
          activity: duty.activity.id,
          status: one(ACTIVITY_STATUSES),
          ...field(
            'spent',
            opt(() =>
              Array.from({ length: int(0, 2) }, () => ({
                source: one(FUNDING_SOURCES),
                amount: money(100_000),
              })),
            ),
          ),
          ...field(
            'narrative',
            optText(() => `Progress in ${periodEnd}: ${one(WORDS)} ${one(WORDS)}.`),
          ),
          ...field(
            'obstacles',
            optText(() => one(WORDS)),
          ),
        })),
        ...field('indicatorValues', values.length > 0 || random() < 0.5 ? values : undefined),
      };
    });
    return { id: `${year}-H${firstHalf ? 1 : 2}`, periodStart, periodEnd, deadline, reports };
  });
}

/** A value that fits the measure: 0 or 1, an index into the scale, a percentage, or any number. */
function valueFor(
  measure: Indicator['measure'],
  scale: readonly string[] | undefined,
  random: () => number,
  int: (min: number, max: number) => number,
): number {
  switch (measure) {
    case 'yes_no':
      return int(0, 1);
    case 'qualitative':
      return int(0, Math.max(0, (scale?.length ?? 1) - 1));
    case 'percentage':
      return int(0, 10_000) / 100;
    case 'number': {
      const kind = random();
      // Numbers that only survive a store that keeps doubles exactly.
      if (kind < 0.1) return 0.1 + 0.2;
      if (kind < 0.2) return -int(1, 500) / 8;
      if (kind < 0.3) return 1e-7 * int(1, 9);
      return int(0, 5_000);
    }
  }
}

/** Spreads a total over some owners at random, so that each gets a whole number and the sum holds. */
function spread(total: number, owners: number, random: () => number): number[] {
  const counts = new Array<number>(owners).fill(0);
  if (owners === 0) return counts;
  for (let i = 0; i < total; i += 1) {
    const owner = Math.floor(random() * owners);
    counts[owner] = (counts[owner] ?? 0) + 1;
  }
  return counts;
}

/** `{ key: value }` when there is a value, else `{}`: an absent optional field has no key at all. */
function field<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Record<K, V>>);
}
