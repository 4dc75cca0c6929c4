import { can, indicatorSource, type Actor, type IndicatorSource, type PlanPackage } from '@ariadne/domain';
import {
  activePublicationsOfAll,
  listGoalOutlines,
  listStrategyOutlines,
  smallCountThresholds,
  strategyRevision,
  type Database,
  type Publication,
} from '@ariadne/db';
import { strategyNotFound, strategyStateUnheld } from '../plan-cache.ts';

// What the regional pages read: the strategies and action plans of every Participant as far as the
// reader may see them. Signed out and for a regional body, that is what each Participant has
// published; a member who reads a Participant's plans (a coordinator, a rapporteur) sees all of that
// Participant's. An action plan published without its strategy counts with its strategy withheld:
// the strategy is then never in force, its principles and goals never shown.

/** The Participants whose plans the reader sees whole, published or not. */
export function participantsSeenWhole(actor: Actor): ReadonlySet<string> {
  if (actor === null) return new Set();
  return new Set(
    actor.memberships.map((membership) => membership.participant).filter((participant) => can(actor, 'plan.view', { participant })),
  );
}

function isPublished(publications: readonly Publication[], kind: Publication['kind'], strategy: string, plan: string | null): boolean {
  return publications.some(
    (publication) => publication.kind === kind && publication.strategy === strategy && (plan === null || publication.plan === plan),
  );
}

/**
 * Every visible strategy as a plan package holding what the regional picture and the thematic
 * comparison look at: the Participant, the strategy's status, period, principles and goals (without
 * objectives), its visible action plans' status and dates. Three queries however large the plans are.
 */
export async function loadRegionalPackages(database: Database, seenWhole: ReadonlySet<string>): Promise<PlanPackage[]> {
  const [outlines, publications] = await Promise.all([listStrategyOutlines(database.db), activePublicationsOfAll(database.db)]);
  const visible: PlanPackage[] = [];
  for (const { participant, actionPlans, ...strategy } of outlines) {
    const whole = seenWhole.has(participant.code);
    const published = publications.get(participant.code) ?? [];
    const strategyShown = whole || isPublished(published, 'strategy', strategy.id, null);
    const plansShown = actionPlans.filter((plan) => whole || isPublished(published, 'action_plan', strategy.id, plan.id));
    if (!strategyShown && plansShown.length === 0) continue;
    visible.push({
      format: 'ariadne.plan-package',
      version: 1,
      participant,
      institutions: [],
      strategy: { ...strategy, status: strategyShown ? strategy.status : 'draft', goals: [] },
      actionPlans: plansShown.map((plan) => ({ ...plan, activities: [] })),
    });
  }
  const goals = await listGoalOutlines(
    database.db,
    visible
      .filter((pkg) => pkg.strategy.status !== 'draft')
      .map((pkg) => ({ participant: pkg.participant.code, strategy: pkg.strategy.id })),
  );
  return visible.map((pkg) =>
    pkg.strategy.status === 'draft'
      ? pkg
      : { ...pkg, strategy: { ...pkg.strategy, goals: goals.get(`${pkg.participant.code}/${pkg.strategy.id}`) ?? [] } },
  );
}

/**
 * The published indicator sets of every Participant with their strategies' packages, for the
 * comparison of shared indicators, and each Participant's small-count threshold. Only what is
 * published is compared, whoever reads: the comparison is of public figures.
 */
export async function loadPublishedIndicatorSets(
  database: Database,
): Promise<{ sources: IndicatorSource[]; thresholds: ReadonlyMap<string, number> }> {
  const [publications, thresholds] = await Promise.all([activePublicationsOfAll(database.db), smallCountThresholds(database.db)]);
  const sources: IndicatorSource[] = [];
  for (const [participant, published] of publications) {
    const plansByStrategy = new Map<string, string[]>();
    for (const publication of published) {
      if (publication.kind !== 'indicator_set' || publication.strategy === null || publication.plan === null) continue;
      const plans = plansByStrategy.get(publication.strategy) ?? [];
      plans.push(publication.plan);
      plansByStrategy.set(publication.strategy, plans);
    }
    for (const [strategy, plans] of plansByStrategy) sources.push(await publishedIndicatorSource(database, participant, strategy, plans));
  }
  return { sources, thresholds };
}

// The comparison reads every published cycle of every Participant: more strategies than the plan
// cache holds for the editor (six Participants with three cycles each are eighteen national-scale
// packages). It keeps, per strategy and revision, only what the comparison reads (a small part of a
// package), for many more strategies; a write to a strategy raises its revision, so it is read again.
const SOURCE_CAPACITY = 64;
const sourceCaches = new WeakMap<Database, Map<number, { revision: number; plans: string; source: IndicatorSource }>>();

async function publishedIndicatorSource(
  database: Database,
  participant: string,
  strategy: string,
  plans: readonly string[],
): Promise<IndicatorSource> {
  let cache = sourceCaches.get(database);
  if (!cache) {
    cache = new Map();
    sourceCaches.set(database, cache);
  }
  const located = await strategyRevision(database.db, participant, strategy);
  if (!located) throw strategyNotFound(participant, strategy);
  const key = [...plans].sort().join('\n');
  const held = cache.get(located.id);
  if (held && held.revision === located.revision && held.plans === key) {
    cache.delete(located.id);
    cache.set(located.id, held);
    return held.source;
  }
  const state = await strategyStateUnheld(database, participant, strategy);
  const source = indicatorSource(state.plan, plans);
  cache.delete(located.id);
  cache.set(located.id, { revision: state.revision, plans: key, source });
  while (cache.size > SOURCE_CAPACITY) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return source;
}
