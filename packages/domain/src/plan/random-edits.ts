import { elementOf, type ActivityData, type ElementKind, type PlanEdit } from './edit.ts';
import type { Indicator, PlanPackage, Recommendation, Risk } from './package.ts';
import { AREAS, FUNDING_SOURCES, FUNDING_STATUSES, MEASURES, PRINCIPLES, RISK_CATEGORIES, TAGS } from './vocabulary.ts';

/**
 * A random edit of a plan, for tests and benchmarks: creates, updates, moves and deletes of every
 * kind of element, with data that is most often valid (some edits are refused, as some of an
 * editor's would be: deletes of what is in use, leads that reported on an activity given away).
 * Versions are 0. `fresh` gives codes no element has.
 */
export function randomPlanEdit(plan: PlanPackage, random: () => number, fresh: () => string): PlanEdit {
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T | undefined => values[Math.floor(random() * values.length)];
  const some = <T>(values: readonly T[], max: number): T[] => values.filter(() => random() < max / Math.max(1, values.length));
  const chance = (p: number) => random() < p;

  const goals = plan.strategy.goals;
  const objectives = goals.flatMap((goal) => goal.objectives);
  const activities = plan.actionPlans.flatMap((actionPlan) => actionPlan.activities);
  const indicators = [
    ...objectives.flatMap((objective) => objective.indicators ?? []),
    ...activities.flatMap((activity) => activity.indicators ?? []),
  ];
  const institutions = plan.institutions.map((institution) => institution.id);
  const recommendations = (plan.recommendations ?? []).map((recommendation) => recommendation.id);
  const risks = plan.strategy.risks ?? [];
  const title = () =>
    pick(['Training of judges', 'Shelter for victims', 'Hotline', 'Data collection', 'Awareness in schools', 'Labour inspections']) ??
    'Task';
  const year = () => int(plan.strategy.periodStart, plan.strategy.periodEnd);
  const date = (y: number, late: boolean) => `${y}-${late ? '12' : '0' + String(int(1, 6))}-${late ? '31' : '01'}`;

  const activityData = (base: Partial<ActivityData> & { id: string }): ActivityData => {
    const start = year();
    const dated = chance(0.7);
    const lead = chance(0.8) ? pick(institutions) : undefined;
    return {
      ...base,
      objective: chance(0.8) && base.objective !== undefined ? base.objective : (pick(objectives)?.id ?? base.objective ?? ''),
      title: chance(0.5) && base.title !== undefined ? base.title : title(),
      ...(lead !== undefined ? { lead } : {}),
      ...(chance(0.6) ? { partners: some(institutions, 3) } : {}),
      ...(dated
        ? { start: date(start, false), end: date(Math.max(start, Math.min(plan.strategy.periodEnd, start + int(0, 1))), true) }
        : {}),
      ...(chance(0.5) ? { level: pick(['national', 'local'] as const) } : {}),
      ...(chance(0.5) ? { tags: some(TAGS, 2) } : {}),
      ...(chance(0.7)
        ? {
            costs: Array.from({ length: int(0, 3) }, () => ({
              year: year(),
              amount: int(0, 1_000_000) / 100,
              source: pick(FUNDING_SOURCES) ?? 'other',
              ...(chance(0.4) && institutions.length > 0 ? { funder: pick(institutions) } : {}),
              status: pick(FUNDING_STATUSES) ?? 'secured',
            })),
          }
        : {}),
      ...(chance(0.4) ? { recommendations: some(recommendations, 2) } : {}),
    } as ActivityData;
  };
  const indicatorData = (id: string, base?: Indicator): Indicator => {
    const measure = chance(0.8) && base ? base.measure : (pick(MEASURES.filter((m) => m !== 'qualitative')) ?? 'number');
    const value = () => (measure === 'yes_no' ? int(0, 1) : int(0, 500));
    return {
      ...(base ?? {}),
      id,
      name: chance(0.5) && base ? base.name : `${title()} held`,
      level: base?.level ?? pick(['output', 'outcome'] as const) ?? 'output',
      measure,
      ...(measure === 'qualitative' ? { scale: base?.scale ?? ['low', 'high'] } : {}),
      ...(chance(0.6) ? { baseline: { value: value(), year: plan.strategy.periodStart } } : {}),
      ...(chance(0.6) ? { target: { value: value(), year: plan.strategy.periodEnd } } : {}),
      ...(chance(0.4) ? { milestones: [{ value: value(), year: year() }] } : {}),
    } as Indicator;
  };

  const roll = random();
  // Updates of activities, the most common edit.
  if (roll < 0.25 && activities.length > 0) {
    const activity = pick(activities)!;
    const { indicators: _children, ...data } = activity;
    const id = chance(0.05) ? fresh() : activity.id;
    return { op: 'update', kind: 'activity', code: activity.id, version: 0, data: activityData({ ...data, id }) };
  }
  if (roll < 0.35 && plan.actionPlans.length > 0 && objectives.length > 0) {
    const parent = pick(plan.actionPlans)!;
    return {
      op: 'create',
      kind: 'activity',
      parent: parent.id,
      position: int(0, parent.activities.length + 1),
      data: activityData({ id: fresh() }),
    };
  }
  if (roll < 0.43) {
    const owner = chance(0.5) ? pick(activities) : pick(objectives);
    if (owner) return { op: 'create', kind: 'indicator', parent: owner.id, data: indicatorData(fresh()) };
  }
  if (roll < 0.51 && indicators.length > 0) {
    const indicator = pick(indicators)!;
    return {
      op: 'update',
      kind: 'indicator',
      code: indicator.id,
      version: 0,
      data: indicatorData(chance(0.05) ? fresh() : indicator.id, indicator),
    };
  }
  if (roll < 0.6) {
    const kinds: ElementKind[] = ['activity', 'indicator', 'objective', 'goal', 'risk', 'recommendation', 'action_plan'];
    const kind = pick(kinds)!;
    const code =
      kind === 'activity'
        ? pick(activities)?.id
        : kind === 'indicator'
          ? pick(indicators)?.id
          : kind === 'objective'
            ? pick(objectives)?.id
            : kind === 'goal'
              ? pick(goals)?.id
              : kind === 'risk'
                ? pick(risks)?.id
                : kind === 'recommendation'
                  ? pick(recommendations)
                  : pick(plan.actionPlans)?.id;
    if (code !== undefined) {
      const parent =
        kind === 'activity'
          ? pick(plan.actionPlans)?.id
          : kind === 'objective'
            ? pick(goals)?.id
            : kind === 'indicator'
              ? (chance(0.5) ? pick(activities) : pick(objectives))?.id
              : undefined;
      return { op: 'move', kind, code, ...(parent !== undefined && chance(0.7) ? { parent } : {}), position: int(0, 6) };
    }
  }
  if (roll < 0.68) {
    const candidates: { kind: ElementKind; code: string }[] = [
      ...activities.map((item) => ({ kind: 'activity' as const, code: item.id })),
      ...indicators.map((item) => ({ kind: 'indicator' as const, code: item.id })),
      ...objectives.map((item) => ({ kind: 'objective' as const, code: item.id })),
      ...risks.map((item) => ({ kind: 'risk' as const, code: item.id })),
      ...recommendations.map((code) => ({ kind: 'recommendation' as const, code })),
      ...goals.map((item) => ({ kind: 'goal' as const, code: item.id })),
    ];
    const target = pick(candidates);
    if (target) return { op: 'delete', kind: target.kind, code: target.code, version: 0 };
  }
  if (roll < 0.74) {
    const goal = pick(goals);
    if (chance(0.5) || !goal) {
      return {
        op: 'create',
        kind: 'goal',
        position: int(0, goals.length),
        data: { id: fresh(), area: pick(AREAS) ?? 'other', title: title() },
      };
    }
    return { op: 'create', kind: 'objective', parent: goal.id, data: { id: fresh(), title: title() } };
  }
  if (roll < 0.8) {
    const objective = pick(objectives);
    const goal = pick(goals);
    if (objective && chance(0.5)) {
      return {
        op: 'update',
        kind: 'objective',
        code: objective.id,
        version: 0,
        data: { id: chance(0.1) ? fresh() : objective.id, title: title() },
      };
    }
    if (goal) {
      const data = { id: goal.id, area: pick(AREAS) ?? goal.area, title: title(), ...(chance(0.5) ? { label: 'Our own name' } : {}) };
      return { op: 'update', kind: 'goal', code: goal.id, version: 0, data };
    }
  }
  if (roll < 0.87) {
    const risk: Risk = {
      id: fresh(),
      description: 'Turnover of trained staff',
      category: pick(RISK_CATEGORIES) ?? 'other',
      likelihood: int(1, 5) as Risk['likelihood'],
      impact: int(1, 5) as Risk['impact'],
      ...(chance(0.5) ? { mitigation: 'Training of trainers' } : {}),
      ...(chance(0.5) && institutions.length > 0 ? { owner: pick(institutions) } : {}),
    };
    const existing = pick(risks);
    if (existing && chance(0.5)) return { op: 'update', kind: 'risk', code: existing.id, version: 0, data: { ...risk, id: existing.id } };
    return { op: 'create', kind: 'risk', position: int(0, risks.length), data: risk };
  }
  if (roll < 0.93) {
    const recommendation: Recommendation = {
      id: fresh(),
      source: 'greta',
      year: year(),
      text: 'Strengthen the identification of victims',
      ...(chance(0.5) ? { strength: 'urges' as const } : {}),
    };
    const existing = pick(recommendations);
    if (existing && chance(0.5)) {
      return { op: 'update', kind: 'recommendation', code: existing, version: 0, data: { ...recommendation, id: existing } };
    }
    return { op: 'create', kind: 'recommendation', data: recommendation };
  }
  if (roll < 0.97) {
    const strategy = elementOf(plan, plan.strategy.id)?.data ?? {};
    return {
      op: 'update',
      kind: 'strategy',
      code: plan.strategy.id,
      version: 0,
      data: {
        ...strategy,
        title: `Strategy ${title()}`,
        principles: some(PRINCIPLES, 4),
        ...(chance(0.5)
          ? {
              monitoring: {
                ...(institutions.length > 0 ? { body: pick(institutions) } : {}),
                reportingFrequency: 'annual',
                evaluations: [],
              },
            }
          : {}),
        ...(chance(0.5)
          ? { contingency: { scenarios: [{ type: 'pandemic', description: 'Closure of shelters' }], minimumServices: ['shelter'] } }
          : {}),
        ...(chance(0.5) ? { estimatedTotalCost: int(0, 10_000_000) / 100 } : {}),
      },
    };
  }
  const start = year();
  const actionPlan = pick(plan.actionPlans);
  const data = { id: fresh(), title: `Action plan ${start}`, start: `${start}-01-01`, end: `${start}-12-31` };
  if (actionPlan && chance(0.5))
    return { op: 'update', kind: 'action_plan', code: actionPlan.id, version: 0, data: { ...data, id: actionPlan.id } };
  return { op: 'create', kind: 'action_plan', data };
}
