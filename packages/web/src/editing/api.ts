import type {
  ActionPlan,
  Activity,
  Area,
  DocumentStatus,
  Goal,
  Indicator,
  Institution,
  Objective,
  Recommendation,
  Risk,
  Strategy,
} from '@ariadne/domain';
import { api, participantPath } from '../api.ts';

// The editing API of a strategy (`/api/participants/{p}/strategies/{s}/…`): its outline, one element
// at a time, edits with optimistic concurrency, the life cycle and the version history.

/** The kinds of element an editor works on; codes are unique across a strategy, whatever the kind. */
export type ElementKind = 'strategy' | 'action_plan' | 'goal' | 'objective' | 'activity' | 'indicator' | 'risk' | 'recommendation';

/** What an element's editor sends and receives: the plan package shape, without child lists. */
export type StrategyData = Omit<Strategy, 'id' | 'status' | 'adoptedBy' | 'adoptedOn' | 'goals' | 'risks'>;
export type ActionPlanData = Omit<ActionPlan, 'status' | 'adoptedOn' | 'activities'>;
export type GoalData = Omit<Goal, 'objectives'>;
export type ObjectiveData = Omit<Objective, 'indicators'>;
export type ActivityData = Omit<Activity, 'indicators'>;
export type IndicatorData = Indicator;
export type RiskData = Risk;
export type RecommendationData = Recommendation;

export type ElementData = {
  strategy: StrategyData;
  action_plan: ActionPlanData;
  goal: GoalData;
  objective: ObjectiveData;
  activity: ActivityData;
  indicator: IndicatorData;
  risk: RiskData;
  recommendation: RecommendationData;
};

/** An amendment being made to an adopted document. */
export type Amendment = { number: number; reason: string; openedBy: string | null; openedAt: string };

export type IndicatorSummary = { id: string; name: string; level: Indicator['level']; measure: Indicator['measure']; version: number };

export type OutlineActivity = {
  id: string;
  objective: string;
  title: string;
  lead?: string;
  start?: string;
  end?: string;
  version: number;
  /** Sum of the activity's cost lines, in the currency's units. */
  total: number;
  indicatorCount: number;
};

export type OutlineActionPlan = {
  id: string;
  title: string;
  start: string;
  end: string;
  status: DocumentStatus;
  adoptedOn?: string;
  version: number;
  editable: boolean;
  amendment: Amendment | null;
  activities: OutlineActivity[];
};

export type OutlineGoal = {
  id: string;
  area: Area;
  label?: string;
  title: string;
  version: number;
  objectives: { id: string; title: string; version: number; indicators: IndicatorSummary[] }[];
};

/** `GET …/strategies/{s}/outline`: everything the plan tree and the pickers need, without the details. */
export type StrategyOutline = {
  strategy: {
    id: string;
    title: string;
    status: DocumentStatus;
    version: number;
    periodStart: number;
    periodEnd: number;
    adoptedBy?: string;
    adoptedOn?: string;
    editable: boolean;
    amendment: Amendment | null;
  };
  goals: OutlineGoal[];
  actionPlans: OutlineActionPlan[];
  /** The Participant's whole register; `inStrategy` for those the strategy lists. */
  institutions: (Institution & { inStrategy: boolean })[];
  recommendations: (Pick<Recommendation, 'id' | 'source' | 'year' | 'reference' | 'strength' | 'text'> & { version: number })[];
  risks: (Pick<Risk, 'id' | 'category' | 'likelihood' | 'impact' | 'description'> & { version: number })[];
  currency: string;
};

/** `GET …/elements/{code}`: one element with the version to send back with a change. */
export type ElementDetail<K extends ElementKind = ElementKind> = {
  kind: K;
  code: string;
  version: number;
  parent?: string;
  position: number;
  data: ElementData[K];
  editable: boolean;
  /** What refers to this element (it cannot be deleted while this is not empty). */
  references: string[];
  /** Activities only: their indicators. */
  indicators?: IndicatorSummary[];
};

export type PlanEdit =
  | { op: 'create'; kind: ElementKind; parent?: string; position?: number; data: unknown }
  | { op: 'update'; kind: ElementKind; code: string; version: number; data: unknown }
  | { op: 'delete'; kind: ElementKind; code: string; version: number }
  | { op: 'move'; kind: ElementKind; code: string; parent?: string; position: number };

export type EditResult = { code: string; kind: ElementKind; version: number };

/** With `EDIT_CONFLICT`: the element as someone else saved it. */
export type ConflictingElement = { code: string; kind: ElementKind; version: number; data: unknown };

/** The document a life-cycle request is about: the strategy, or one of its action plans by code. */
export type DocumentRef = 'strategy' | string;

export type PlanVersion = {
  number: number;
  kind: 'adoption' | 'amendment';
  reason?: string;
  adoptedOn: string;
  adoptedBy?: string;
  recordedBy: string | null;
  recordedAt: string;
};

export type PlanChange = {
  kind: ElementKind;
  code: string;
  title: string;
  change: 'added' | 'removed' | 'changed' | 'moved';
  fields: { field: string; before: unknown; after: unknown }[];
};

function strategyPath(participant: string, strategy: string, rest = ''): string {
  return participantPath(participant, `/strategies/${encodeURIComponent(strategy)}${rest}`);
}

/** Reads a conflict's stored element from an error, when the error is a conflict. */
export function conflictingElement(current: unknown): ConflictingElement | undefined {
  if (typeof current !== 'object' || current === null) return undefined;
  const value = current as Partial<ConflictingElement>;
  return typeof value.code === 'string' && typeof value.version === 'number' && typeof value.kind === 'string'
    ? (value as ConflictingElement)
    : undefined;
}

/** The calls of the editing API, for one Participant and strategy. */
export function editingApi(participant: string, strategy: string) {
  return {
    outline: (signal?: AbortSignal) => api.get<StrategyOutline>(strategyPath(participant, strategy, '/outline'), { signal }),
    element: <K extends ElementKind = ElementKind>(code: string, signal?: AbortSignal) =>
      api.get<ElementDetail<K>>(strategyPath(participant, strategy, `/elements/${encodeURIComponent(code)}`), { signal }),
    edit: (edits: PlanEdit[]) =>
      api.post<{ results: EditResult[]; outlineVersion: number }>(strategyPath(participant, strategy, '/edits'), { edits }),
    changeStatus: (body: { document: DocumentRef; status: DocumentStatus; adoptedOn?: string; adoptedBy?: string; version: number }) =>
      api.post<{ status: DocumentStatus; version: number }>(strategyPath(participant, strategy, '/status'), body),
    openAmendment: (body: { document: DocumentRef; reason: string }) =>
      api.post<Amendment>(strategyPath(participant, strategy, '/amendments'), body),
    adoptAmendment: (body: { document: DocumentRef; adoptedOn: string; adoptedBy?: string }) =>
      api.post<PlanVersion>(strategyPath(participant, strategy, '/amendments/current/adopt'), body),
    withdrawAmendment: (body: { document: DocumentRef }) =>
      api.post<unknown>(strategyPath(participant, strategy, '/amendments/current/withdraw'), body),
    history: (document: DocumentRef, signal?: AbortSignal) =>
      api.get<{ versions: PlanVersion[] }>(strategyPath(participant, strategy, `/history?document=${encodeURIComponent(document)}`), {
        signal,
      }),
    changes: (document: DocumentRef, number: number | 'current', signal?: AbortSignal) =>
      api.get<{ from: number | null; to: number; changes: PlanChange[] }>(
        strategyPath(participant, strategy, `/history/${number}/changes?document=${encodeURIComponent(document)}`),
        { signal },
      ),
  };
}

export type EditingApi = ReturnType<typeof editingApi>;
