import { AppError, PORTAL_TEXTS, isLanguage, translator } from '@ariadne/domain';
import {
  findPublication,
  insertPublication,
  listPublications,
  readSmallCountThreshold,
  recordAudit,
  withdrawPublication,
  writeSmallCountThreshold,
  type AuditActor,
  type Database,
  type Publication,
} from '@ariadne/db';
import { participantId } from './monitoringSettings.ts';

/**
 * What a coordinator publishes: a strategy by its code, an action plan or its indicators by the
 * plan's code, an implementation report by the generated document (a finished PDF) that is its
 * public form.
 */
export type PublicationItem =
  | { kind: 'strategy'; strategy: string }
  | { kind: 'action_plan'; plan: string }
  | { kind: 'indicator_set'; plan: string }
  | { kind: 'implementation_report'; documentRun: number };

/** A Participant's publications, withdrawn ones included when asked for, the newest first. */
export async function loadPublications(database: Database, participant: string, withdrawn: boolean): Promise<Publication[]> {
  return listPublications(database.db, await participantId(database, participant), { withdrawn });
}

/** The title a published report keeps: its plan and scope, in the language it was written in. */
function reportTitle(run: { plan_code: string | null; planTitle: string | null; scope: string | null; language: string }): string {
  const t = translator(isLanguage(run.language) ? run.language : 'en');
  const scope = run.scope ?? 'whole';
  const scopeText =
    scope === 'whole'
      ? t(PORTAL_TEXTS.reportScopeWhole)
      : /^\d{4}$/.test(scope)
        ? t(PORTAL_TEXTS.reportScopeYear, { year: scope })
        : t(PORTAL_TEXTS.reportScopeRound, { round: scope });
  return t(PORTAL_TEXTS.reportTitle, { plan: run.planTitle ?? run.plan_code ?? '', scope: scopeText });
}

async function resolve(
  database: Database,
  participant: string,
  id: number,
  item: PublicationItem,
): Promise<{ strategyId: number | null; plan: string | null; documentRunId: number | null; title: string }> {
  const db = database.db;
  if (item.kind === 'strategy') {
    const row = await db
      .selectFrom('strategies')
      .select(['id', 'title'])
      .where('participant_id', '=', id)
      .where('code', '=', item.strategy)
      .executeTakeFirst();
    if (!row) {
      throw new AppError('NOT_FOUND', {
        issues: [{ path: 'strategy', key: 'strategy_not_found', params: { participant, id: item.strategy } }],
        detail: `no strategy ${participant}/${item.strategy}`,
      });
    }
    return { strategyId: row.id, plan: null, documentRunId: null, title: row.title };
  }
  if (item.kind === 'implementation_report') {
    const run = await db
      .selectFrom('document_runs')
      .leftJoin('action_plans', (join) =>
        join
          .onRef('action_plans.participant_id', '=', 'document_runs.participant_id')
          .onRef('action_plans.code', '=', 'document_runs.plan_code'),
      )
      .select([
        'document_runs.id',
        'document_runs.strategy_id',
        'document_runs.plan_code',
        'document_runs.scope',
        'document_runs.language',
        'action_plans.title as planTitle',
      ])
      .where('document_runs.participant_id', '=', id)
      .where('document_runs.id', '=', item.documentRun)
      .where('document_runs.kind', '=', 'implementation_report')
      .where('document_runs.format', '=', 'pdf')
      .where('document_runs.status', '=', 'done')
      .executeTakeFirst();
    if (!run) throw new AppError('NOT_FOUND', { detail: `no finished PDF implementation report ${item.documentRun} of ${participant}` });
    return { strategyId: run.strategy_id, plan: run.plan_code, documentRunId: run.id, title: reportTitle(run) };
  }
  const row = await db
    .selectFrom('action_plans')
    .select(['strategy_id', 'title'])
    .where('participant_id', '=', id)
    .where('code', '=', item.plan)
    .executeTakeFirst();
  if (!row) {
    throw new AppError('NOT_FOUND', {
      issues: [{ path: 'plan', key: 'action_plan_not_found', params: { participant, id: item.plan } }],
      detail: `no action plan ${participant}/${item.plan}`,
    });
  }
  return { strategyId: row.strategy_id, plan: item.plan, documentRunId: null, title: row.title };
}

/**
 * Makes an item readable signed out at /public/{participant}, in one transaction with its audit
 * entry. Publishing what is already published returns that publication and records nothing.
 */
export async function publish(
  database: Database,
  input: { participant: string; item: PublicationItem; actor: AuditActor },
): Promise<Publication> {
  const id = await participantId(database, input.participant);
  const resolved = await resolve(database, input.participant, id, input.item);
  return database.db.transaction().execute(async (trx) => {
    const { publication, created } = await insertPublication(trx, id, {
      kind: input.item.kind,
      ...resolved,
      publishedBy: 'userId' in input.actor ? input.actor.userId : null,
    });
    if (created) {
      await recordAudit(trx, {
        actor: input.actor,
        participantId: id,
        action: 'publication.published',
        entity: 'publication',
        entityId: publication.id,
        after: { kind: publication.kind, strategy: publication.strategy, plan: publication.plan, documentRun: publication.documentRun },
      });
    }
    return publication;
  });
}

/** Takes a publication off the portal (the record stays), with its audit entry. NOT_FOUND when it is not published. */
export async function withdraw(
  database: Database,
  input: { participant: string; publication: number; actor: AuditActor },
): Promise<Publication> {
  const id = await participantId(database, input.participant);
  return database.db.transaction().execute(async (trx) => {
    const withdrawn = await withdrawPublication(trx, id, input.publication);
    const publication = await findPublication(trx, id, input.publication);
    if (!withdrawn || !publication)
      throw new AppError('NOT_FOUND', { detail: `no publication ${input.publication} of ${input.participant}` });
    await recordAudit(trx, {
      actor: input.actor,
      participantId: id,
      action: 'publication.withdrawn',
      entity: 'publication',
      entityId: publication.id,
      before: { kind: publication.kind, strategy: publication.strategy, plan: publication.plan, documentRun: publication.documentRun },
    });
    return publication;
  });
}

/** The count below which figures about victims are hidden in public. */
export async function loadSmallCountThreshold(database: Database, participant: string): Promise<number> {
  return readSmallCountThreshold(database.db, await participantId(database, participant));
}

/** Sets the small-count threshold, with its audit entry. */
export async function changeSmallCountThreshold(
  database: Database,
  input: { participant: string; threshold: number; actor: AuditActor },
): Promise<number> {
  const id = await participantId(database, input.participant);
  return database.db.transaction().execute(async (trx) => {
    const before = await readSmallCountThreshold(trx, id);
    await writeSmallCountThreshold(trx, id, input.threshold);
    await recordAudit(trx, {
      actor: input.actor,
      participantId: id,
      action: 'publication.threshold_changed',
      entity: 'participant',
      entityId: input.participant,
      before: { smallCountThreshold: before },
      after: { smallCountThreshold: input.threshold },
    });
    return input.threshold;
  });
}
