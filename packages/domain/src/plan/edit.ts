import type { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { fieldIssueFromZod } from '../validation.ts';
import {
  ActionPlanSchema,
  ActivitySchema,
  GoalSchema,
  IndicatorSchema,
  ObjectiveSchema,
  RecommendationSchema,
  RiskSchema,
  StrategySchema,
  type ActionPlan,
  type Activity,
  type Goal,
  type Indicator,
  type Institution,
  type Objective,
  type PlanPackage,
  type Recommendation,
  type Risk,
  type Strategy,
} from './package.ts';
import { referentialIssues } from './validate.ts';

// Editing a plan one element at a time. An element is addressed by its code alone (codes are
// unique across a strategy's package) and edited on its own: its data is the element's shape in
// the plan package without its lists of child elements, which are elements of their own.

/** The kinds of element that are edited one at a time. */
export const ELEMENT_KINDS = ['strategy', 'action_plan', 'goal', 'objective', 'activity', 'indicator', 'risk', 'recommendation'] as const;
export type ElementKind = (typeof ELEMENT_KINDS)[number];

export const GoalDataSchema = GoalSchema.omit({ objectives: true });
export const ObjectiveDataSchema = ObjectiveSchema.omit({ indicators: true });
export const ActivityDataSchema = ActivitySchema.omit({ indicators: true });
/** An action plan's own fields: its status and adoption change only through the life cycle. */
export const ActionPlanDataSchema = ActionPlanSchema.pick({ id: true, title: true, start: true, end: true });
/** A strategy's own fields: its id, status and adoption, goals and risks are edited otherwise. */
export const StrategyDataSchema = StrategySchema.pick({
  title: true,
  periodStart: true,
  periodEnd: true,
  situationAnalysis: true,
  principles: true,
  monitoring: true,
  estimatedTotalCost: true,
  contingency: true,
});

/** The schema of each kind's data. */
export const ELEMENT_DATA_SCHEMAS = {
  strategy: StrategyDataSchema,
  action_plan: ActionPlanDataSchema,
  goal: GoalDataSchema,
  objective: ObjectiveDataSchema,
  activity: ActivityDataSchema,
  indicator: IndicatorSchema,
  risk: RiskSchema,
  recommendation: RecommendationSchema,
} as const;

export type StrategyData = z.infer<typeof StrategyDataSchema>;
export type ActionPlanData = z.infer<typeof ActionPlanDataSchema>;
export type GoalData = z.infer<typeof GoalDataSchema>;
export type ObjectiveData = z.infer<typeof ObjectiveDataSchema>;
export type ActivityData = z.infer<typeof ActivityDataSchema>;
export type ElementData = StrategyData | ActionPlanData | GoalData | ObjectiveData | ActivityData | Indicator | Risk | Recommendation;

/**
 * One change to a plan. `parent` is the goal of an objective, the action plan of an activity, the
 * objective or activity of an indicator; goals, risks, recommendations and action plans have none.
 * `position` is the place among the siblings (after the element is taken out, for a move; the end
 * when it is past the last). Updates and deletes carry the element's version as the editor saw it.
 */
export type PlanEdit =
  | { op: 'create'; kind: ElementKind; parent?: string; position?: number; data: unknown }
  | { op: 'update'; kind: ElementKind; code: string; version: number; data: unknown }
  | { op: 'delete'; kind: ElementKind; code: string; version: number }
  | { op: 'move'; kind: ElementKind; code: string; parent?: string; position: number };

/**
 * The outcome of an edit. Issues name the element's field (`title`, `costs[1].amount`), or the
 * edit's own field (`code`, `parent`, `position`) when that is what is wrong; problems the edit
 * would cause elsewhere in the package keep their `$.` path.
 */
export type PlanEditResult =
  { ok: true; plan: PlanPackage; code: string } | { ok: false; issues: FieldIssue[]; reason: 'invalid' | 'in_use' | 'not_found' };

/** An element where it stands in the package. */
export type PlanElement = { kind: ElementKind; code: string; data: ElementData; parent?: string; position: number };

/** Where an element is in the package, by indexes. */
type Location =
  | { kind: 'strategy' }
  | { kind: 'goal'; g: number }
  | { kind: 'objective'; g: number; o: number }
  | { kind: 'indicator'; owner: { kind: 'objective'; g: number; o: number } | { kind: 'activity'; p: number; a: number }; n: number }
  | { kind: 'risk'; r: number }
  | { kind: 'recommendation'; r: number }
  | { kind: 'action_plan'; p: number }
  | { kind: 'activity'; p: number; a: number };

/** The kinds that hang under a parent, and the kinds that parent can be. */
const PARENT_KINDS: Partial<Record<ElementKind, readonly ElementKind[]>> = {
  objective: ['goal'],
  activity: ['action_plan'],
  indicator: ['objective', 'activity'],
};

/** Finds an element by its code. */
function locate(plan: PlanPackage, code: string): Location | undefined {
  const strategy = plan.strategy;
  if (strategy.id === code) return { kind: 'strategy' };
  for (let g = 0; g < strategy.goals.length; g += 1) {
    const goal = strategy.goals[g]!;
    if (goal.id === code) return { kind: 'goal', g };
    for (let o = 0; o < goal.objectives.length; o += 1) {
      const objective = goal.objectives[o]!;
      if (objective.id === code) return { kind: 'objective', g, o };
      const n = objective.indicators?.findIndex((indicator) => indicator.id === code) ?? -1;
      if (n >= 0) return { kind: 'indicator', owner: { kind: 'objective', g, o }, n };
    }
  }
  const r = strategy.risks?.findIndex((risk) => risk.id === code) ?? -1;
  if (r >= 0) return { kind: 'risk', r };
  const m = plan.recommendations?.findIndex((recommendation) => recommendation.id === code) ?? -1;
  if (m >= 0) return { kind: 'recommendation', r: m };
  for (let p = 0; p < plan.actionPlans.length; p += 1) {
    const actionPlan = plan.actionPlans[p]!;
    if (actionPlan.id === code) return { kind: 'action_plan', p };
    for (let a = 0; a < actionPlan.activities.length; a += 1) {
      const activity = actionPlan.activities[a]!;
      if (activity.id === code) return { kind: 'activity', p, a };
      const n = activity.indicators?.findIndex((indicator) => indicator.id === code) ?? -1;
      if (n >= 0) return { kind: 'indicator', owner: { kind: 'activity', p, a }, n };
    }
  }
  return undefined;
}

/** The element itself, as the package holds it (with its child lists). */
function elementAt(plan: PlanPackage, at: Location): unknown {
  const strategy = plan.strategy;
  switch (at.kind) {
    case 'strategy':
      return strategy;
    case 'goal':
      return strategy.goals[at.g];
    case 'objective':
      return strategy.goals[at.g]?.objectives[at.o];
    case 'indicator':
      return at.owner.kind === 'objective'
        ? strategy.goals[at.owner.g]?.objectives[at.owner.o]?.indicators?.[at.n]
        : plan.actionPlans[at.owner.p]?.activities[at.owner.a]?.indicators?.[at.n];
    case 'risk':
      return strategy.risks?.[at.r];
    case 'recommendation':
      return plan.recommendations?.[at.r];
    case 'action_plan':
      return plan.actionPlans[at.p];
    case 'activity':
      return plan.actionPlans[at.p]?.activities[at.a];
  }
}

/** The JSON path of an element in the package, as the referential rules name it. */
function pathOf(at: Location): string {
  switch (at.kind) {
    case 'strategy':
      return '$.strategy';
    case 'goal':
      return `$.strategy.goals[${at.g}]`;
    case 'objective':
      return `$.strategy.goals[${at.g}].objectives[${at.o}]`;
    case 'indicator':
      return at.owner.kind === 'objective'
        ? `$.strategy.goals[${at.owner.g}].objectives[${at.owner.o}].indicators[${at.n}]`
        : `$.actionPlans[${at.owner.p}].activities[${at.owner.a}].indicators[${at.n}]`;
    case 'risk':
      return `$.strategy.risks[${at.r}]`;
    case 'recommendation':
      return `$.recommendations[${at.r}]`;
    case 'action_plan':
      return `$.actionPlans[${at.p}]`;
    case 'activity':
      return `$.actionPlans[${at.p}].activities[${at.a}]`;
  }
}

/** The code of the element's parent, and its place among its siblings. */
function placeOf(plan: PlanPackage, at: Location): { parent?: string; position: number } {
  switch (at.kind) {
    case 'strategy':
      return { position: 0 };
    case 'goal':
      return { position: at.g };
    case 'objective':
      return { parent: plan.strategy.goals[at.g]?.id ?? '', position: at.o };
    case 'indicator':
      return {
        parent:
          (at.owner.kind === 'objective'
            ? plan.strategy.goals[at.owner.g]?.objectives[at.owner.o]?.id
            : plan.actionPlans[at.owner.p]?.activities[at.owner.a]?.id) ?? '',
        position: at.n,
      };
    case 'risk':
    case 'recommendation':
      return { position: at.r };
    case 'action_plan':
      return { position: at.p };
    case 'activity':
      return { parent: plan.actionPlans[at.p]?.id ?? '', position: at.a };
  }
}

/** An element's own data: the package's shape without its child lists (and, for documents, their life cycle). */
function dataOf(kind: ElementKind, element: unknown): ElementData {
  switch (kind) {
    case 'strategy': {
      const { id: _id, status: _status, adoptedBy: _by, adoptedOn: _on, goals: _goals, risks: _risks, ...data } = element as Strategy;
      return data;
    }
    case 'action_plan': {
      const { id, title, start, end } = element as ActionPlan;
      return { id, title, start, end };
    }
    case 'goal': {
      const { objectives: _objectives, ...data } = element as Goal;
      return data;
    }
    case 'objective': {
      const { indicators: _indicators, ...data } = element as Objective;
      return data;
    }
    case 'activity': {
      const { indicators: _indicators, ...data } = element as Activity;
      return data;
    }
    default:
      return element as Indicator | Risk | Recommendation;
  }
}

/** Finds an element by its code: its kind, its own data, its parent and its place among its siblings. */
export function elementOf(plan: PlanPackage, code: string): PlanElement | undefined {
  const at = locate(plan, code);
  if (!at) return undefined;
  return { kind: at.kind, code, data: dataOf(at.kind, elementAt(plan, at)), ...placeOf(plan, at) };
}

/** What refers to something: an activity (by its objective, recommendations or institutions), a risk, the strategy, or a monitoring round. */
export type Usage = { kind: 'activity' | 'risk' | 'strategy' | 'round'; code: string };

/** The codes of an element and of everything under it (which a delete takes away with it). */
function subtreeCodes(plan: PlanPackage, at: Location): Set<string> {
  const codes = new Set<string>();
  const indicators = (list: Indicator[] | undefined) => list?.forEach((indicator) => codes.add(indicator.id));
  const activity = (item: Activity) => {
    codes.add(item.id);
    indicators(item.indicators);
  };
  const objective = (item: Objective) => {
    codes.add(item.id);
    indicators(item.indicators);
  };
  const element = elementAt(plan, at);
  switch (at.kind) {
    case 'strategy':
      break;
    case 'goal':
      codes.add((element as Goal).id);
      (element as Goal).objectives.forEach(objective);
      break;
    case 'objective':
      objective(element as Objective);
      break;
    case 'action_plan':
      codes.add((element as ActionPlan).id);
      (element as ActionPlan).activities.forEach(activity);
      break;
    case 'activity':
      activity(element as Activity);
      break;
    default:
      codes.add((element as Indicator | Risk | Recommendation).id);
  }
  return codes;
}

/**
 * What refers to any of the codes from outside them: activities naming an objective, a
 * recommendation or an institution; risks and the monitoring arrangements naming an institution;
 * monitoring rounds whose reports cover an activity, record an indicator or come from an institution.
 */
function usagesOf(plan: PlanPackage, codes: ReadonlySet<string>): Usage[] {
  const found = new Map<string, Usage>();
  const use = (usage: Usage) => {
    if (!codes.has(usage.code)) found.set(`${usage.kind}:${usage.code}`, usage);
  };
  const strategy = plan.strategy;
  if (strategy.monitoring?.body !== undefined && codes.has(strategy.monitoring.body)) use({ kind: 'strategy', code: strategy.id });
  strategy.risks?.forEach((risk) => {
    if (risk.owner !== undefined && codes.has(risk.owner)) use({ kind: 'risk', code: risk.id });
  });
  for (const actionPlan of plan.actionPlans) {
    for (const activity of actionPlan.activities) {
      const refers =
        codes.has(activity.objective) ||
        (activity.lead !== undefined && codes.has(activity.lead)) ||
        activity.partners?.some((partner) => codes.has(partner)) === true ||
        activity.costs?.some((cost) => cost.funder !== undefined && codes.has(cost.funder)) === true ||
        activity.recommendations?.some((recommendation) => codes.has(recommendation)) === true;
      if (refers) use({ kind: 'activity', code: activity.id });
    }
  }
  for (const round of plan.monitoring?.rounds ?? []) {
    const refers = round.reports.some(
      (report) =>
        codes.has(report.institution) ||
        report.activities.some((entry) => codes.has(entry.activity)) ||
        report.indicatorValues?.some((value) => codes.has(value.indicator)) === true,
    );
    if (refers) use({ kind: 'round', code: round.id });
  }
  return [...found.values()];
}

/**
 * The codes of what refers to the element or to anything under it (an activity, a risk, the
 * strategy, a monitoring round): what keeps it from being deleted. Institutions are looked up too.
 */
export function referencesTo(plan: PlanPackage, code: string): string[] {
  const at = locate(plan, code);
  const codes = at ? subtreeCodes(plan, at) : new Set([code]);
  if (at?.kind === 'strategy') return [];
  return usagesOf(plan, codes).map((usage) => usage.code);
}

/** Every code the package uses: institutions, the strategy, its elements and the monitoring rounds. */
export function codesOf(plan: PlanPackage): Set<string> {
  const codes = new Set<string>();
  plan.institutions.forEach((institution) => codes.add(institution.id));
  codes.add(plan.strategy.id);
  for (const goal of plan.strategy.goals) {
    codes.add(goal.id);
    for (const objective of goal.objectives) {
      codes.add(objective.id);
      objective.indicators?.forEach((indicator) => codes.add(indicator.id));
    }
  }
  plan.strategy.risks?.forEach((risk) => codes.add(risk.id));
  plan.recommendations?.forEach((recommendation) => codes.add(recommendation.id));
  for (const actionPlan of plan.actionPlans) {
    codes.add(actionPlan.id);
    for (const activity of actionPlan.activities) {
      codes.add(activity.id);
      activity.indicators?.forEach((indicator) => codes.add(indicator.id));
    }
  }
  plan.monitoring?.rounds.forEach((round) => codes.add(round.id));
  return codes;
}

/** The institution codes an element's data names: leads, partners, funders, owners, the monitoring body. */
export function institutionsNamedIn(kind: ElementKind, data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const record = data as Record<string, unknown>;
  const codes: unknown[] = [];
  if (kind === 'activity') {
    codes.push(record.lead);
    if (Array.isArray(record.partners)) codes.push(...(record.partners as unknown[]));
    if (Array.isArray(record.costs)) {
      for (const cost of record.costs as unknown[]) {
        if (typeof cost === 'object' && cost !== null) codes.push((cost as Record<string, unknown>).funder);
      }
    }
  } else if (kind === 'risk') {
    codes.push(record.owner);
  } else if (kind === 'strategy' && typeof record.monitoring === 'object' && record.monitoring !== null) {
    codes.push((record.monitoring as Record<string, unknown>).body);
  }
  return [...new Set(codes.filter((code): code is string => typeof code === 'string'))];
}

/** The package with these institutions added to the end of its list (those it lists already are left alone). */
export function withInstitutions(plan: PlanPackage, institutions: readonly Institution[]): PlanPackage {
  const listed = new Set(plan.institutions.map((institution) => institution.id));
  const added = institutions.filter((institution) => !listed.has(institution.id));
  return added.length === 0 ? plan : { ...plan, institutions: [...plan.institutions, ...added] };
}

// The canonical form of an element, as the plan store gives it back: optional lists of elements or
// entries given empty (partners, cost lines, recommendations answered, milestones, evaluations,
// child indicators, risks, recommendations) are left out; lists of values (tags, scale,
// disaggregation) and texts are kept as given.

function canonical<T extends object>(value: T, keys: readonly string[]): T {
  const record = value as Record<string, unknown>;
  if (!keys.some((key) => Array.isArray(record[key]) && (record[key] as unknown[]).length === 0)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) {
    if (keys.includes(key) && Array.isArray(item) && item.length === 0) continue;
    out[key] = item;
  }
  return out as T;
}

function canonicalData(kind: ElementKind, data: ElementData): ElementData {
  switch (kind) {
    case 'activity':
      return canonical(data as ActivityData, ['partners', 'costs', 'recommendations']);
    case 'indicator':
      return canonical(data as Indicator, ['milestones']);
    case 'strategy': {
      const strategy = data as StrategyData;
      return strategy.monitoring ? { ...strategy, monitoring: canonical(strategy.monitoring, ['evaluations']) } : strategy;
    }
    default:
      return data;
  }
}

/** The list of elements under a parent (the top-level lists for goals, risks, recommendations, action plans). */
function siblings(plan: PlanPackage, kind: ElementKind, parent: string | undefined): unknown[] {
  switch (kind) {
    case 'goal':
      return plan.strategy.goals;
    case 'risk':
      return plan.strategy.risks ?? [];
    case 'recommendation':
      return plan.recommendations ?? [];
    case 'action_plan':
      return plan.actionPlans;
    default: {
      const at = parent === undefined ? undefined : locate(plan, parent);
      if (!at) return [];
      if (at.kind === 'goal') return (elementAt(plan, at) as Goal).objectives;
      if (at.kind === 'action_plan') return (elementAt(plan, at) as ActionPlan).activities;
      if (at.kind === 'objective' || at.kind === 'activity') return (elementAt(plan, at) as Objective | Activity).indicators ?? [];
      return [];
    }
  }
}

/** Optional list fields: an empty one is left out. */
function withList<T extends object, K extends string>(value: T, key: K, list: unknown[]): T {
  const { [key]: _old, ...rest } = value as Record<string, unknown>;
  return (list.length === 0 ? rest : { ...rest, [key]: list }) as T;
}

/** The package with the list of elements under a parent replaced. */
function withSiblings(plan: PlanPackage, kind: ElementKind, parent: string | undefined, list: unknown[]): PlanPackage {
  switch (kind) {
    case 'goal':
      return { ...plan, strategy: { ...plan.strategy, goals: list as Goal[] } };
    case 'risk':
      return { ...plan, strategy: withList(plan.strategy, 'risks', list) };
    case 'recommendation':
      return withList(plan, 'recommendations', list);
    case 'action_plan':
      return { ...plan, actionPlans: list as ActionPlan[] };
    default: {
      const at = parent === undefined ? undefined : locate(plan, parent);
      if (!at) return plan;
      if (at.kind === 'goal') {
        return replaceGoal(plan, at.g, (goal) => ({ ...goal, objectives: list as Objective[] }));
      }
      if (at.kind === 'objective') {
        return replaceGoal(plan, at.g, (goal) => ({
          ...goal,
          objectives: goal.objectives.map((objective, o) => (o === at.o ? withList(objective, 'indicators', list) : objective)),
        }));
      }
      if (at.kind === 'action_plan') {
        return replaceActionPlan(plan, at.p, (actionPlan) => ({ ...actionPlan, activities: list as Activity[] }));
      }
      if (at.kind === 'activity') {
        return replaceActionPlan(plan, at.p, (actionPlan) => ({
          ...actionPlan,
          activities: actionPlan.activities.map((activity, a) => (a === at.a ? withList(activity, 'indicators', list) : activity)),
        }));
      }
      return plan;
    }
  }
}

function replaceGoal(plan: PlanPackage, g: number, change: (goal: Goal) => Goal): PlanPackage {
  return { ...plan, strategy: { ...plan.strategy, goals: plan.strategy.goals.map((goal, i) => (i === g ? change(goal) : goal)) } };
}

function replaceActionPlan(plan: PlanPackage, p: number, change: (actionPlan: ActionPlan) => ActionPlan): PlanPackage {
  return { ...plan, actionPlans: plan.actionPlans.map((actionPlan, i) => (i === p ? change(actionPlan) : actionPlan)) };
}

/** The stored element merged with its new data: children, and a document's life cycle, are kept. */
function merged(kind: ElementKind, stored: unknown, data: ElementData): unknown {
  switch (kind) {
    case 'strategy': {
      const { id, status, adoptedBy, adoptedOn, goals, risks } = stored as Strategy;
      return {
        id,
        ...(data as StrategyData),
        status,
        ...(adoptedBy !== undefined ? { adoptedBy } : {}),
        ...(adoptedOn !== undefined ? { adoptedOn } : {}),
        goals,
        ...(risks !== undefined ? { risks } : {}),
      };
    }
    case 'action_plan': {
      const { status, adoptedOn, activities } = stored as ActionPlan;
      return { ...(data as ActionPlanData), status, ...(adoptedOn !== undefined ? { adoptedOn } : {}), activities };
    }
    case 'goal':
      return { ...(data as GoalData), objectives: (stored as Goal).objectives };
    case 'objective': {
      const indicators = (stored as Objective).indicators;
      return { ...(data as ObjectiveData), ...(indicators ? { indicators } : {}) };
    }
    case 'activity': {
      const indicators = (stored as Activity).indicators;
      return { ...(data as ActivityData), ...(indicators ? { indicators } : {}) };
    }
    default:
      return data;
  }
}

/** A new element from its data: an empty list of children, a new action plan as a draft. */
function fresh(kind: ElementKind, data: ElementData): unknown {
  if (kind === 'goal') return { ...(data as GoalData), objectives: [] };
  if (kind === 'action_plan') return { ...(data as ActionPlanData), status: 'draft', activities: [] };
  return data;
}

/** The package with references to a code changed to another (the element was given a new code). */
function renamed(plan: PlanPackage, kind: ElementKind, from: string, to: string): PlanPackage {
  const swap = (code: string) => (code === from ? to : code);
  if (kind === 'objective' || kind === 'recommendation') {
    return {
      ...plan,
      actionPlans: plan.actionPlans.map((actionPlan) => ({
        ...actionPlan,
        activities: actionPlan.activities.map((activity) =>
          kind === 'objective'
            ? activity.objective === from
              ? { ...activity, objective: to }
              : activity
            : activity.recommendations?.includes(from)
              ? { ...activity, recommendations: activity.recommendations.map(swap) }
              : activity,
        ),
      })),
    };
  }
  if ((kind === 'activity' || kind === 'indicator') && plan.monitoring) {
    return {
      ...plan,
      monitoring: {
        rounds: plan.monitoring.rounds.map((round) => ({
          ...round,
          reports: round.reports.map((report) =>
            kind === 'activity'
              ? { ...report, activities: report.activities.map((entry) => (entry.activity === from ? { ...entry, activity: to } : entry)) }
              : report.indicatorValues
                ? {
                    ...report,
                    indicatorValues: report.indicatorValues.map((value) =>
                      value.indicator === from ? { ...value, indicator: to } : value,
                    ),
                  }
                : report,
          ),
        })),
      },
    };
  }
  return plan;
}

const invalid = (issues: FieldIssue[]): PlanEditResult => ({ ok: false, issues, reason: 'invalid' });
const notFound = (code: string): PlanEditResult => ({
  ok: false,
  issues: [{ path: 'code', key: 'element_not_found', params: { id: code } }],
  reason: 'not_found',
});

/** Reads an element's data with its kind's schema; issues name the field (`title`, `costs[1].amount`). */
export function parseElementData(kind: ElementKind, data: unknown): { ok: true; data: ElementData } | { ok: false; issues: FieldIssue[] } {
  const parsed = ELEMENT_DATA_SCHEMAS[kind].safeParse(data, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.flatMap((issue) => fieldIssueFromZod(issue)) };
  return { ok: true, data: canonicalData(kind, parsed.data as ElementData) };
}

/** Checks the parent named for an element of a kind: it must exist and be of a kind that holds it. */
function parentIssues(plan: PlanPackage, kind: ElementKind, parent: string | undefined): FieldIssue[] {
  const allowed = PARENT_KINDS[kind];
  if (!allowed) return parent === undefined ? [] : [{ path: 'parent', key: 'no_parent' }];
  if (parent === undefined) return [{ path: 'parent', key: 'required' }];
  const at = locate(plan, parent);
  if (!at || !allowed.includes(at.kind)) return [{ path: 'parent', key: 'unknown_parent', params: { id: parent } }];
  return [];
}

function positionIssues(position: number | undefined): FieldIssue[] {
  if (position === undefined || (Number.isInteger(position) && position >= 0)) return [];
  return [{ path: 'position', key: 'invalid' }];
}

function insertAt<T>(list: readonly T[], position: number | undefined, item: T): T[] {
  const at = position === undefined ? list.length : Math.min(position, list.length);
  return [...list.slice(0, at), item, ...list.slice(at)];
}

/** Problems of the result that concern the edited element, named by its field. */
function resultIssues(
  after: PlanPackage,
  kind: ElementKind,
  code: string,
  options: { withMonitoring: boolean; previous?: ElementData },
): FieldIssue[] {
  const at = locate(after, code);
  if (!at) return [];
  const checked = options.withMonitoring || !after.monitoring ? after : { ...after, monitoring: { rounds: [] } };
  const issues = referentialIssues(checked);
  if (issues.length === 0) return issues;
  const prefix = pathOf(at);
  const out: FieldIssue[] = [];
  // Reports that would no longer fit: gathered per field and institution, naming the rounds.
  const reported = new Map<string, { path: string; key: string; params: Record<string, string>; rounds: string[] }>();
  for (const issue of issues) {
    if (issue.path === prefix) {
      out.push({ ...issue, path: '' });
      continue;
    }
    if (issue.path.startsWith(`${prefix}.`)) {
      out.push({ ...issue, path: issue.path.slice(prefix.length + 1) });
      continue;
    }
    const inRound = /^\$\.monitoring\.rounds\[(\d+)\]\.reports\[(\d+)\]\.(activities|indicatorValues)\[(\d+)\]/.exec(issue.path);
    const round = inRound ? after.monitoring?.rounds[Number(inRound[1])] : undefined;
    if (inRound && round) {
      const report = round.reports[Number(inRound[2])];
      if (kind === 'activity' && issue.key === 'not_responsible' && issue.params?.activity === code && report) {
        const previous = options.previous as ActivityData | undefined;
        const field = previous?.partners?.includes(report.institution) && previous.lead !== report.institution ? 'partners' : 'lead';
        const key = `${field}:${report.institution}`;
        const entry = reported.get(key) ?? { path: field, key: 'still_reported', params: { institution: report.institution }, rounds: [] };
        if (!entry.rounds.includes(round.id)) entry.rounds.push(round.id);
        reported.set(key, entry);
        continue;
      }
      const value = inRound[3] === 'indicatorValues' ? report?.indicatorValues?.[Number(inRound[4])] : undefined;
      if (kind === 'indicator' && value?.indicator === code) {
        const field = (elementAt(after, at) as Indicator).measure === 'qualitative' ? 'scale' : 'measure';
        const entry = reported.get(field) ?? { path: field, key: 'values_recorded', params: {}, rounds: [] };
        if (!entry.rounds.includes(round.id)) entry.rounds.push(round.id);
        reported.set(field, entry);
        continue;
      }
    }
    out.push(issue);
  }
  const gathered = [...reported.values()].sort((a, b) => a.path.localeCompare(b.path));
  for (const entry of gathered)
    out.push({ path: entry.path, key: entry.key, params: { ...entry.params, rounds: entry.rounds.join(', ') } });
  return out;
}

/**
 * Applies one edit to a plan package, without touching it: the result is a new package sharing
 * what did not change. The data is read with its kind's schema, and the result must keep the
 * referential rules of the package; a delete is refused (`in_use`) while something outside the
 * element refers to it or to anything under it, which a delete would take away with it. A new
 * code must be free in the package; references to a renamed element follow it.
 */
export function applyPlanEdit(plan: PlanPackage, edit: PlanEdit): PlanEditResult {
  if (!(ELEMENT_KINDS as readonly string[]).includes(edit.kind)) return invalid([{ path: 'kind', key: 'invalid_value' }]);
  const kind = edit.kind;
  switch (edit.op) {
    case 'create': {
      if (kind === 'strategy') return invalid([{ path: 'op', key: 'invalid_value' }]);
      const parsed = parseElementData(kind, edit.data);
      const issues = [...parentIssues(plan, kind, edit.parent), ...positionIssues(edit.position)];
      if (!parsed.ok) return invalid([...issues, ...parsed.issues]);
      const code = (parsed.data as { id: string }).id;
      if (codesOf(plan).has(code)) issues.push({ path: 'id', key: 'code_taken', params: { id: code } });
      if (issues.length > 0) return invalid(issues);
      const list = siblings(plan, kind, edit.parent);
      const result = withSiblings(plan, kind, edit.parent, insertAt(list, edit.position, fresh(kind, parsed.data)));
      const problems = resultIssues(result, kind, code, { withMonitoring: false });
      return problems.length > 0 ? invalid(problems) : { ok: true, plan: result, code };
    }
    case 'update': {
      const at = locate(plan, edit.code);
      if (!at || at.kind !== kind) return notFound(edit.code);
      const parsed = parseElementData(kind, edit.data);
      if (!parsed.ok) return invalid(parsed.issues);
      const code = kind === 'strategy' ? edit.code : (parsed.data as { id: string }).id;
      if (code !== edit.code && codesOf(plan).has(code)) return invalid([{ path: 'id', key: 'code_taken', params: { id: code } }]);
      const stored = elementAt(plan, at);
      const element = merged(kind, stored, parsed.data);
      let result: PlanPackage;
      if (kind === 'strategy') {
        result = { ...plan, strategy: element as Strategy };
      } else {
        const { parent, position } = placeOf(plan, at);
        const list = siblings(plan, kind, parent).map((item, index) => (index === position ? element : item));
        result = withSiblings(plan, kind, parent, list);
      }
      if (code !== edit.code) result = renamed(result, kind, edit.code, code);
      // Only an activity's institutions and an indicator's measure and scale bear on the monitoring history.
      const problems = resultIssues(result, kind, code, {
        withMonitoring: kind === 'activity' || kind === 'indicator',
        previous: dataOf(kind, stored),
      });
      return problems.length > 0 ? invalid(problems) : { ok: true, plan: result, code };
    }
    case 'delete': {
      const at = locate(plan, edit.code);
      if (!at || at.kind !== kind) return notFound(edit.code);
      if (kind === 'strategy') return invalid([{ path: 'op', key: 'invalid_value' }]);
      const usages = usagesOf(plan, subtreeCodes(plan, at));
      if (usages.length > 0) {
        return {
          ok: false,
          reason: 'in_use',
          issues: usages.map((usage) => ({ path: 'code', key: `used_by_${usage.kind}`, params: { id: usage.code } })),
        };
      }
      const { parent, position } = placeOf(plan, at);
      const list = siblings(plan, kind, parent).filter((_item, index) => index !== position);
      return { ok: true, plan: withSiblings(plan, kind, parent, list), code: edit.code };
    }
    case 'move': {
      const at = locate(plan, edit.code);
      if (!at || at.kind !== kind) return notFound(edit.code);
      if (kind === 'strategy') return invalid([{ path: 'op', key: 'invalid_value' }]);
      const from = placeOf(plan, at);
      // Within the same parent when none is named.
      const parent = PARENT_KINDS[kind] && edit.parent === undefined ? from.parent : edit.parent;
      const issues = [...parentIssues(plan, kind, parent), ...positionIssues(edit.position)];
      if (issues.length > 0) return invalid(issues);
      const element = elementAt(plan, at);
      const taken = withSiblings(
        plan,
        kind,
        from.parent,
        siblings(plan, kind, from.parent).filter((_item, index) => index !== from.position),
      );
      const result = withSiblings(taken, kind, parent, insertAt(siblings(taken, kind, parent), edit.position, element));
      return { ok: true, plan: result, code: edit.code };
    }
  }
}
