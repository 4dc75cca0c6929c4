import type { ActionPlan, PlanPackage, Strategy } from '../plan/package.ts';
import { PRINCIPLES, type DocumentStatus, type Principle } from '../plan/vocabulary.ts';
import { requireAsOf, yearOf } from './dates.ts';
import { compareCodePoints } from './order.ts';

/** A strategy as the regional picture names it. */
export type RegionalStrategy = { id: string; title: string; periodStart: number; periodEnd: number };

/** An action plan as the regional picture names it. */
export type RegionalActionPlan = { id: string; title: string; start: string; end: string };

/** Where one Participant stands at the as-of date. */
export type RegionalParticipant = {
  code: string;
  name: string;
  validStrategies: RegionalStrategy[];
  validActionPlans: RegionalActionPlan[];
  expiredStrategy: RegionalStrategy | null;
  principles: Principle[];
};

/** The regional picture (measures.md §4, cli.md "regional"). */
export type RegionalResult = { asOf: string; participants: RegionalParticipant[] };

/** Only adopted documents, and those that ran their course, ever count: drafts, consultations and superseded ones never do. */
function inForce(status: DocumentStatus): boolean {
  return status === 'adopted' || status === 'expired';
}

function byPeriodStartThenId(a: Strategy, b: Strategy): number {
  return a.periodStart - b.periodStart || compareCodePoints(a.id, b.id);
}

export function strategyView(strategy: Strategy): RegionalStrategy {
  return { id: strategy.id, title: strategy.title, periodStart: strategy.periodStart, periodEnd: strategy.periodEnd };
}

/** Orders strategies by latest period start, then by id. */
function latestStartFirst(a: Strategy, b: Strategy): number {
  return b.periodStart - a.periodStart || compareCodePoints(a.id, b.id);
}

/** Picks the first strategy in an order, or `undefined` for none. */
function first(strategies: Strategy[], order: (a: Strategy, b: Strategy) => number): Strategy | undefined {
  let best: Strategy | undefined;
  for (const strategy of strategies) if (best === undefined || order(strategy, best) < 0) best = strategy;
  return best;
}

/** The packages of each Participant, by its code, in the order they come. */
export function byParticipant(packages: readonly PlanPackage[]): Map<string, PlanPackage[]> {
  const byCode = new Map<string, PlanPackage[]>();
  for (const pkg of packages) {
    const list = byCode.get(pkg.participant.code);
    if (list) list.push(pkg);
    else byCode.set(pkg.participant.code, [pkg]);
  }
  return byCode;
}

/**
 * The strategies of one Participant that the regional picture looks at in a year (measures.md §4):
 * the valid ones by period start then id, the expired one when none is valid, and the source of the
 * declared principles (the valid one that started last, else the expired one).
 */
export function strategiesOfRecord(
  packages: readonly PlanPackage[],
  year: number,
): { valid: Strategy[]; expired: Strategy | undefined; source: Strategy | undefined } {
  const strategies = packages.map((pkg) => pkg.strategy).filter((strategy) => inForce(strategy.status));
  const valid = strategies.filter((strategy) => strategy.periodStart <= year && year <= strategy.periodEnd).sort(byPeriodStartThenId);
  // The latest period end before the as-of year; among equal ends, the first by id.
  const expired =
    valid.length > 0
      ? undefined
      : first(
          strategies.filter((strategy) => strategy.periodEnd < year),
          (a, b) => b.periodEnd - a.periodEnd || compareCodePoints(a.id, b.id),
        );
  // Among several valid strategies, the one that started last; among equal starts, the first by id.
  return { valid, expired, source: first(valid, latestStartFirst) ?? expired };
}

/** Computes the regional picture of all the given packages as of an ISO date, one entry per Participant code. */
export function regionalPicture(packages: PlanPackage[], asOf: string): RegionalResult {
  requireAsOf(asOf);
  const year = yearOf(asOf);

  const participants: RegionalParticipant[] = [];
  for (const [code, own] of byParticipant(packages)) {
    const { valid, expired, source } = strategiesOfRecord(own, year);
    const plans: ActionPlan[] = own
      .flatMap((pkg) => pkg.actionPlans)
      .filter((plan) => inForce(plan.status) && plan.start <= asOf && asOf <= plan.end)
      .sort((a, b) => compareCodePoints(a.start, b.start) || compareCodePoints(a.id, b.id));
    const declared = new Set(source?.principles ?? []);
    participants.push({
      code,
      name: participantName(own),
      validStrategies: valid.map(strategyView),
      validActionPlans: plans.map((plan) => ({ id: plan.id, title: plan.title, start: plan.start, end: plan.end })),
      expiredStrategy: expired ? strategyView(expired) : null,
      principles: PRINCIPLES.filter((principle) => declared.has(principle)),
    });
  }
  participants.sort((a, b) => compareCodePoints(a.code, b.code));
  return { asOf, participants };
}

/**
 * The Participant's name as its most recent package gives it (latest strategy start, then first
 * strategy id), so that a renamed Participant shows its current name.
 */
export function participantName(packages: readonly PlanPackage[]): string {
  const latest = first(
    packages.map((pkg) => pkg.strategy),
    latestStartFirst,
  );
  return packages.find((pkg) => pkg.strategy === latest)?.participant.name ?? '';
}
