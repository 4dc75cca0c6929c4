import {
  AppError,
  AREAS,
  DOCUMENT_STATUSES,
  ELEMENT_KINDS,
  INDICATOR_LEVELS,
  INSTITUTION_TYPES,
  LEVELS,
  MEASURES,
  RECOMMENDATION_SOURCES,
  RECOMMENDATION_STRENGTHS,
  RISK_CATEGORIES,
  STRATEGY_DOCUMENT,
  can,
  diffPlans,
  documentStatus,
  editsOutsidePlans,
  plansWhere,
  documentsTouched,
  elementOf,
  fromMinorUnits,
  isFrozenStatus,
  referencesTo,
  scopeOf,
  statusChangeAction,
  toMinorUnits,
  type Indicator,
  type Institution,
  type PlanEdit,
  type PlanPackage,
} from '@ariadne/domain';
import { findDocument, readDocumentSnapshot, readDocumentVersions, type Database } from '@ariadne/db';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adoptAmendment, openAmendment, presentAmendment, withdrawAmendment } from '../commands/amendments.ts';
import { applyPlanEdits } from '../commands/applyPlanEdits.ts';
import { changeDocumentStatus } from '../commands/changeDocumentStatus.ts';
import { ErrorSchema, ParticipantParams, errorResponses } from '../http/schemas.ts';
import { currentPlanState, currentStrategyState, warmStrategyState, type StrategyState } from '../plan-cache.ts';

// Editing a strategy element by element: its outline, one element, lists of edits with optimistic
// concurrency, the life cycle of its documents, amendments and the versions' history.

const StrategyParams = ParticipantParams.extend({
  strategy: z.string().min(1).max(64).describe('The strategy’s id, e.g. `NS-2021-2024`'),
});
const ElementParams = StrategyParams.extend({ code: z.string().min(1).max(64).describe('An element’s code, e.g. `A1.2.3`') });
const ChangesParams = StrategyParams.extend({
  number: z
    .string()
    .regex(/^(current|[1-9]\d{0,8})$/)
    .describe('A version number, or `current` for the open amendment'),
});

const KindSchema = z.enum(ELEMENT_KINDS).describe('The kind of element');
const StatusSchema = z.enum(DOCUMENT_STATUSES);
const DocumentSchema = z.string().min(1).max(64).describe('`strategy`, or the code of one of its action plans');
const DocumentQuery = z.object({ document: DocumentSchema.default(STRATEGY_DOCUMENT) });

const AmendmentSchema = z
  .object({
    number: z.number().int().describe('The version the amendment becomes when adopted'),
    reason: z.string(),
    openedBy: z.string().nullable(),
    openedAt: z.string().describe('ISO timestamp'),
  })
  .meta({ id: 'Amendment' });

const IndicatorSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(INDICATOR_LEVELS),
  measure: z.enum(MEASURES),
  version: z.number().int(),
});

const OutlineSchema = z
  .object({
    strategy: z.object({
      id: z.string(),
      title: z.string(),
      status: StatusSchema,
      version: z.number().int(),
      periodStart: z.number().int(),
      periodEnd: z.number().int(),
      adoptedBy: z.string().optional(),
      adoptedOn: z.string().optional(),
      editable: z.boolean().describe('Not frozen: a draft, in consultation, or with an open amendment'),
      amendment: AmendmentSchema.nullable(),
    }),
    goals: z.array(
      z.object({
        id: z.string(),
        area: z.enum(AREAS),
        label: z.string().optional(),
        title: z.string(),
        version: z.number().int(),
        objectives: z.array(
          z.object({ id: z.string(), title: z.string(), version: z.number().int(), indicators: z.array(IndicatorSummarySchema) }),
        ),
      }),
    ),
    actionPlans: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        start: z.string(),
        end: z.string(),
        status: StatusSchema,
        adoptedOn: z.string().optional(),
        version: z.number().int(),
        editable: z.boolean(),
        amendment: AmendmentSchema.nullable(),
        activities: z.array(
          z.object({
            id: z.string(),
            objective: z.string(),
            title: z.string(),
            lead: z.string().optional(),
            start: z.string().optional(),
            end: z.string().optional(),
            version: z.number().int(),
            total: z.number().describe('The sum of its cost lines, in the currency'),
            indicatorCount: z.number().int(),
          }),
        ),
      }),
    ),
    institutions: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          type: z.enum(INSTITUTION_TYPES),
          level: z.enum(LEVELS),
          area: z.string().optional(),
          version: z.number().int(),
          inStrategy: z.boolean().describe('The strategy lists it'),
        }),
      )
      .describe('The Participant’s whole register'),
    recommendations: z.array(
      z.object({
        id: z.string(),
        source: z.enum(RECOMMENDATION_SOURCES),
        year: z.number().int(),
        reference: z.string().optional(),
        strength: z.enum(RECOMMENDATION_STRENGTHS).optional(),
        text: z.string(),
        version: z.number().int(),
      }),
    ),
    risks: z.array(
      z.object({
        id: z.string(),
        category: z.enum(RISK_CATEGORIES),
        likelihood: z.number().int(),
        impact: z.number().int(),
        description: z.string(),
        version: z.number().int(),
      }),
    ),
    currency: z.string(),
  })
  .meta({ id: 'StrategyOutline' });

const ElementSchema = z
  .object({
    kind: KindSchema,
    code: z.string(),
    version: z.number().int(),
    parent: z.string().optional(),
    position: z.number().int(),
    data: z.unknown().describe('The element as in a plan package, without its lists of child elements'),
    editable: z.boolean(),
    references: z.array(z.string()).describe('What refers to it or to anything under it: it cannot be deleted while this is not empty'),
    indicators: z.array(IndicatorSummarySchema).optional().describe('An activity’s indicators'),
  })
  .meta({ id: 'PlanElement' });

const PlanEditSchema = z
  .discriminatedUnion('op', [
    z.object({
      op: z.literal('create'),
      kind: KindSchema,
      parent: z
        .string()
        .optional()
        .describe('The goal of an objective, the action plan of an activity, the objective or activity of an indicator'),
      position: z.number().int().min(0).optional().describe('Among its siblings; the end when left out'),
      data: z.unknown(),
    }),
    z.object({ op: z.literal('update'), kind: KindSchema, code: z.string(), version: z.number().int(), data: z.unknown() }),
    z.object({ op: z.literal('delete'), kind: KindSchema, code: z.string(), version: z.number().int() }),
    z.object({
      op: z.literal('move'),
      kind: KindSchema,
      code: z.string(),
      parent: z.string().optional(),
      position: z.number().int().min(0),
    }),
  ])
  .meta({ id: 'PlanEdit' });

const EditsResultSchema = z
  .object({
    results: z.array(z.object({ code: z.string(), kind: KindSchema, version: z.number().int() })),
    outlineVersion: z.number().int().describe('The strategy’s revision after the edits'),
  })
  .meta({ id: 'PlanEditResults' });

const VersionSchema = z
  .object({
    number: z.number().int(),
    kind: z.enum(['adoption', 'amendment']),
    reason: z.string().optional(),
    adoptedOn: z.string(),
    adoptedBy: z.string().optional(),
    recordedBy: z.string().nullable(),
    recordedAt: z.string(),
  })
  .meta({ id: 'DocumentVersion' });

const ChangeSchema = z.object({
  kind: KindSchema,
  code: z.string(),
  title: z.string(),
  change: z.enum(['added', 'removed', 'changed', 'moved']),
  fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
});

const conflictResponses = { ...errorResponses, 409: ErrorSchema } as const;

/** The action plan a document is (its code), or `null` for the strategy itself. */
function planOfDocument(document: string): string | null {
  return document === STRATEGY_DOCUMENT ? null : document;
}

/** Amending a document is the coordinator's, or a local coordinator's for their own plan. */
function requireAdoptIn(request: FastifyRequest<{ Params: { participant: string } }>, document: string): void {
  if (!can(request.actor, 'plan.adopt', { participant: request.params.participant, plan: planOfDocument(document) })) {
    throw new AppError('FORBIDDEN', { detail: `plan.adopt in ${document}` });
  }
}

function actorOf(request: FastifyRequest): { userId: number; email: string } {
  const user = request.actorUser;
  if (!user) throw new AppError('UNAUTHENTICATED');
  return { userId: user.id, email: user.email };
}

/** Whether each document is open to edits: not frozen, or with an open amendment. */
function editableDocument(state: StrategyState, document: string): boolean {
  const status = documentStatus(state.plan, document);
  return status !== undefined && (!isFrozenStatus(status) || state.amendments.has(document));
}

function indicatorSummary(indicator: Indicator, state: StrategyState) {
  return {
    id: indicator.id,
    name: indicator.name,
    level: indicator.level,
    measure: indicator.measure,
    version: state.versions.get(indicator.id) ?? 1,
  };
}

/** The outline of a strategy from its state and the Participant's register. */
export function strategyOutline(state: StrategyState, register: (Institution & { version: number })[]) {
  const { plan, versions } = state;
  const version = (code: string) => versions.get(code) ?? 1;
  const amendment = (document: string) => {
    const open = state.amendments.get(document);
    return open ? presentAmendment(open) : null;
  };
  const strategy = plan.strategy;
  const listed = new Set(plan.institutions.map((institution) => institution.id));
  return {
    strategy: {
      id: strategy.id,
      title: strategy.title,
      status: strategy.status,
      version: version(strategy.id),
      periodStart: strategy.periodStart,
      periodEnd: strategy.periodEnd,
      ...(strategy.adoptedBy !== undefined ? { adoptedBy: strategy.adoptedBy } : {}),
      ...(strategy.adoptedOn !== undefined ? { adoptedOn: strategy.adoptedOn } : {}),
      editable: editableDocument(state, STRATEGY_DOCUMENT),
      amendment: amendment(STRATEGY_DOCUMENT),
    },
    goals: strategy.goals.map((goal) => ({
      id: goal.id,
      area: goal.area,
      ...(goal.label !== undefined ? { label: goal.label } : {}),
      title: goal.title,
      version: version(goal.id),
      objectives: goal.objectives.map((objective) => ({
        id: objective.id,
        title: objective.title,
        version: version(objective.id),
        indicators: (objective.indicators ?? []).map((indicator) => indicatorSummary(indicator, state)),
      })),
    })),
    actionPlans: plan.actionPlans.map((actionPlan) => ({
      id: actionPlan.id,
      title: actionPlan.title,
      start: actionPlan.start,
      end: actionPlan.end,
      status: actionPlan.status,
      ...(actionPlan.adoptedOn !== undefined ? { adoptedOn: actionPlan.adoptedOn } : {}),
      version: version(actionPlan.id),
      editable: editableDocument(state, actionPlan.id),
      amendment: amendment(actionPlan.id),
      activities: actionPlan.activities.map((activity) => ({
        id: activity.id,
        objective: activity.objective,
        title: activity.title,
        ...(activity.lead !== undefined ? { lead: activity.lead } : {}),
        ...(activity.start !== undefined ? { start: activity.start } : {}),
        ...(activity.end !== undefined ? { end: activity.end } : {}),
        version: version(activity.id),
        // Added up in minor units, so that no binary rounding creeps in.
        total: fromMinorUnits((activity.costs ?? []).reduce((sum, cost) => sum + toMinorUnits(cost.amount), 0)),
        indicatorCount: activity.indicators?.length ?? 0,
      })),
    })),
    institutions: register.map((institution) => ({ ...institution, inStrategy: listed.has(institution.id) })),
    recommendations: (plan.recommendations ?? []).map((recommendation) => ({
      id: recommendation.id,
      source: recommendation.source,
      year: recommendation.year,
      ...(recommendation.reference !== undefined ? { reference: recommendation.reference } : {}),
      ...(recommendation.strength !== undefined ? { strength: recommendation.strength } : {}),
      text: recommendation.text,
      version: version(recommendation.id),
    })),
    risks: (strategy.risks ?? []).map((risk) => ({
      id: risk.id,
      category: risk.category,
      likelihood: risk.likelihood,
      impact: risk.impact,
      description: risk.description,
      version: version(risk.id),
    })),
    currency: state.currency,
  };
}

function documentNotFound(document: string): AppError {
  return new AppError('NOT_FOUND', {
    issues: [{ path: 'document', key: 'document_not_found', params: { id: document } }],
    detail: `no document ${document}`,
  });
}

/** A document of the strategy, or NOT_FOUND naming it. */
function checkedDocument(state: StrategyState, document: string): string {
  if (documentStatus(state.plan, document) === undefined) throw documentNotFound(document);
  return document;
}

/** The key of a document's action plan (`null` for the strategy itself). */
async function documentKey(database: Database, state: StrategyState, document: string): Promise<number | null> {
  const row = await findDocument(database.db, state.strategyId, document);
  if (!row) throw documentNotFound(document);
  return row.actionPlanId;
}

/** A document's elements as nothing: what its first version is compared with. */
function withoutDocument(plan: PlanPackage, document: string): PlanPackage | null {
  if (document === STRATEGY_DOCUMENT) return null;
  return { ...plan, actionPlans: plan.actionPlans.filter((actionPlan) => actionPlan.id !== document) };
}

/** The editing API of a strategy, and the life cycle of its documents. */
export const editingRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = '/api/participants/:participant/strategies/:strategy';

  app.get(
    `${base}/outline`,
    {
      config: { access: { action: 'plan.view' } },
      // The outline may have been read without the monitoring history; the editor's next requests
      // need the whole state, read once the outline has gone out.
      onResponse: async (request) => {
        if (request.params.participant && request.params.strategy) {
          warmStrategyState(app.database, request.params.participant, request.params.strategy);
        }
      },
      schema: {
        tags: ['editing'],
        summary:
          'A strategy’s outline: goals, objectives, action plans and activities with their versions, and the registers pickers offer',
        params: StrategyParams,
        response: { 200: OutlineSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, strategy } = request.params;
      const rows = await app.database.db
        .selectFrom('institutions')
        .innerJoin('participants', 'participants.id', 'institutions.participant_id')
        .select([
          'institutions.code',
          'institutions.name',
          'institutions.type',
          'institutions.level',
          'institutions.area',
          'institutions.version',
        ])
        .where('participants.code', '=', participant)
        .orderBy('institutions.code')
        .execute();
      const state = await currentPlanState(app.database, participant, strategy);
      const register = rows.map((row) => ({
        id: row.code,
        name: row.name,
        type: z.enum(INSTITUTION_TYPES).parse(row.type),
        level: z.enum(LEVELS).parse(row.level),
        ...(row.area !== null ? { area: row.area } : {}),
        version: row.version,
      }));
      return strategyOutline(state, register);
    },
  );

  app.get(
    `${base}/elements/:code`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['editing'],
        summary: 'One element of a strategy with its version, whether it can be edited, and what refers to it',
        params: ElementParams,
        response: { 200: ElementSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { participant, strategy, code } = request.params;
      const state = await currentStrategyState(app.database, participant, strategy);
      const element = elementOf(state.plan, code);
      if (!element) {
        throw new AppError('NOT_FOUND', {
          issues: [{ path: 'code', key: 'element_not_found', params: { id: code } }],
          detail: `no element ${code}`,
        });
      }
      const probe: PlanEdit = { op: 'update', kind: element.kind, code, version: 0, data: null };
      const editable = documentsTouched(state.plan, probe).every((document) => editableDocument(state, document));
      const activity =
        element.kind === 'activity'
          ? state.plan.actionPlans.flatMap((plan) => plan.activities).find((item) => item.id === code)
          : undefined;
      return {
        kind: element.kind,
        code,
        version: state.versions.get(code) ?? 1,
        ...(element.parent !== undefined ? { parent: element.parent } : {}),
        position: element.position,
        data: element.data,
        editable,
        references: referencesTo(state.plan, code),
        ...(activity ? { indicators: (activity.indicators ?? []).map((indicator) => indicatorSummary(indicator, state)) } : {}),
      };
    },
  );

  app.post(
    `${base}/edits`,
    {
      // A local coordinator edits their own plan's elements only (checked below, element by element).
      config: { access: { action: 'plan.edit', inPlans: true } },
      schema: {
        tags: ['editing'],
        summary: 'Applies a list of edits in one transaction, all or nothing',
        description:
          'Each update and delete carries the version its author saw. 400 lists every problem by path (`edits[0].data.title`); 409 `EDIT_CONFLICT` carries the stored element as `error.current`; 409 `ELEMENT_IN_USE` names what refers to an element being deleted; 409 `DOCUMENT_FROZEN` refuses changes to an adopted, expired or superseded document without an open amendment; 404 for a code that is not there.',
        params: StrategyParams,
        body: z.object({ edits: z.array(PlanEditSchema).min(1).max(5000) }),
        response: { 200: EditsResultSchema, ...conflictResponses },
      },
    },
    async (request) => {
      const { participant, strategy } = request.params;
      const where = plansWhere(request.actor, 'plan.edit', participant);
      if (where !== 'all') {
        const state = await currentStrategyState(app.database, participant, strategy);
        const outside = editsOutsidePlans(state.plan, request.body.edits as PlanEdit[], where);
        if (outside.length > 0) {
          throw new AppError('FORBIDDEN', {
            issues: outside.map((index) => ({
              path: `edits[${index}]`,
              key: 'edit_outside_local_plan',
              params: { plan: where.join(', ') },
            })),
            detail: `edits outside ${where.join(', ')}`,
          });
        }
      }
      const applied = await applyPlanEdits(app.database, {
        participant,
        strategy,
        edits: request.body.edits as PlanEdit[],
        actor: actorOf(request),
      });
      return { results: applied.results, outlineVersion: applied.revision };
    },
  );

  app.post(
    `${base}/status`,
    {
      config: { access: { action: 'plan.edit', inPlans: true } },
      schema: {
        tags: ['editing'],
        summary: 'Moves a document (the strategy or an action plan) along its life cycle',
        description:
          'draft ⇄ consultation needs `plan.edit`; adopting, expiring and superseding need `plan.adopt`. Adopting records the date (and, for a strategy, the adopting body) and the document’s first version.',
        params: StrategyParams,
        body: z.object({
          document: DocumentSchema,
          status: StatusSchema,
          adoptedOn: z.string().optional().describe('Adopting: the date of the decision (YYYY-MM-DD)'),
          adoptedBy: z.string().max(500).optional().describe('Adopting a strategy: the body that adopted it'),
          version: z.number().int().describe('The document’s version as read'),
        }),
        response: { 200: z.object({ status: StatusSchema, version: z.number().int() }), ...conflictResponses },
      },
    },
    async (request) => {
      const { participant, strategy } = request.params;
      const body = request.body;
      const action = statusChangeAction(body.status);
      if (!can(request.actor, action, { participant, plan: planOfDocument(body.document) }))
        throw new AppError('FORBIDDEN', { detail: action });
      const changed = await changeDocumentStatus(app.database, {
        participant,
        strategy,
        document: body.document,
        status: body.status,
        ...(body.adoptedOn !== undefined ? { adoptedOn: body.adoptedOn } : {}),
        ...(body.adoptedBy !== undefined ? { adoptedBy: body.adoptedBy } : {}),
        version: body.version,
        actor: actorOf(request),
      });
      return { status: changed.status, version: changed.version };
    },
  );

  app.post(
    `${base}/amendments`,
    {
      config: { access: { action: 'plan.adopt', inPlans: true } },
      schema: {
        tags: ['editing'],
        summary: 'Opens an amendment of an adopted document: it can be edited while it stays adopted',
        params: StrategyParams,
        body: z.object({ document: DocumentSchema, reason: z.string().min(1).max(2000) }),
        response: { 200: AmendmentSchema, ...conflictResponses },
      },
    },
    async (request) => {
      requireAdoptIn(request, request.body.document);
      return openAmendment(app.database, {
        ...request.params,
        document: request.body.document,
        reason: request.body.reason,
        actor: actorOf(request),
      });
    },
  );

  app.post(
    `${base}/amendments/current/adopt`,
    {
      config: { access: { action: 'plan.adopt', inPlans: true } },
      schema: {
        tags: ['editing'],
        summary: 'Adopts the open amendment of a document, recording its next version',
        params: StrategyParams,
        body: z.object({ document: DocumentSchema, adoptedOn: z.string(), adoptedBy: z.string().max(500).optional() }),
        response: { 200: VersionSchema, ...conflictResponses },
      },
    },
    async (request) => {
      requireAdoptIn(request, request.body.document);
      return adoptAmendment(app.database, {
        ...request.params,
        document: request.body.document,
        adoptedOn: request.body.adoptedOn,
        ...(request.body.adoptedBy !== undefined ? { adoptedBy: request.body.adoptedBy } : {}),
        actor: actorOf(request),
      });
    },
  );

  app.post(
    `${base}/amendments/current/withdraw`,
    {
      config: { access: { action: 'plan.adopt', inPlans: true } },
      schema: {
        tags: ['editing'],
        summary: 'Withdraws the open amendment of a document: its content comes back to the last version',
        description:
          'Elements kept by the last version keep their identity; elements the amendment added are deleted, which is refused (409 `ELEMENT_IN_USE`) while something, such as a monitoring report, refers to them.',
        params: StrategyParams,
        body: z.object({ document: DocumentSchema }),
        response: {
          200: z.object({ restored: z.number().int().describe('The version restored'), changes: z.number().int().describe('Edits made') }),
          ...conflictResponses,
        },
      },
    },
    async (request) => {
      requireAdoptIn(request, request.body.document);
      return withdrawAmendment(app.database, { ...request.params, document: request.body.document, actor: actorOf(request) });
    },
  );

  app.get(
    `${base}/history`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['editing'],
        summary: 'The recorded versions of a document: its adoption and adopted amendments',
        params: StrategyParams,
        querystring: DocumentQuery,
        response: { 200: z.object({ versions: z.array(VersionSchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const { participant, strategy } = request.params;
      const state = await currentStrategyState(app.database, participant, strategy);
      const document = checkedDocument(state, request.query.document);
      const versions = await readDocumentVersions(app.database.db, state.strategyId, await documentKey(app.database, state, document));
      return {
        versions: versions.map((version) => ({
          number: version.number,
          kind: version.kind,
          ...(version.reason !== null ? { reason: version.reason } : {}),
          adoptedOn: version.adoptedOn,
          ...(version.adoptedBy !== null ? { adoptedBy: version.adoptedBy } : {}),
          recordedBy: version.recordedBy,
          recordedAt: new Date(version.recordedAt).toISOString(),
        })),
      };
    },
  );

  app.get(
    `${base}/history/:number/changes`,
    {
      config: { access: { action: 'plan.view' } },
      schema: {
        tags: ['editing'],
        summary: 'What changed in a document from the version before to this one (`current`: the open amendment)',
        params: ChangesParams,
        querystring: DocumentQuery,
        response: {
          200: z.object({ from: z.number().int().nullable(), to: z.number().int(), changes: z.array(ChangeSchema) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { participant, strategy, number } = request.params;
      const state = await currentStrategyState(app.database, participant, strategy);
      const document = checkedDocument(state, request.query.document);
      const key = await documentKey(app.database, state, document);
      const scope = scopeOf(document);
      const missing = (what: string) =>
        new AppError('NOT_FOUND', {
          issues: [{ path: 'number', key: 'version_not_found', params: { number: what } }],
          detail: `no version ${what}`,
        });
      if (number === 'current') {
        const amendment = state.amendments.get(document);
        if (!amendment) throw missing(number);
        const last = await readDocumentSnapshot(app.database.db, state.strategyId, key);
        if (!last) throw missing(number);
        return { from: last.number, to: amendment.number, changes: diffPlans(last.snapshot, state.plan, scope) };
      }
      const to = Number(number);
      const after = await readDocumentSnapshot(app.database.db, state.strategyId, key, to);
      if (!after) throw missing(number);
      const before = to > 1 ? await readDocumentSnapshot(app.database.db, state.strategyId, key, to - 1) : undefined;
      return {
        from: before ? before.number : null,
        to,
        changes: diffPlans(before ? before.snapshot : withoutDocument(after.snapshot, document), after.snapshot, scope),
      };
    },
  );
};
