import { fromMinorUnits, toMinorUnits, type MinorUnits } from '../format.ts';
import { findActionPlan } from '../measures/scope.ts';
import type { PlanPackage } from '../plan/package.ts';
import type { DocumentStatus } from '../plan/vocabulary.ts';

// What every document about an action plan as a whole starts with: who publishes it, the strategy
// and the plan it is about, as the package records them (no text in any language).

/** The Participant, strategy and action plan a document is about. */
export type DocumentSubject = {
  participant: { code: string; name: string; currency: string };
  strategy: {
    id: string;
    title: string;
    periodStart: number;
    periodEnd: number;
    status: DocumentStatus;
    adoptedBy: string | null;
    adoptedOn: string | null;
  };
  plan: { id: string; title: string; start: string; end: string; status: DocumentStatus; adoptedOn: string | null };
};

/** The Participant, strategy and action plan `planId` of a package; NOT_FOUND for a plan not in it. */
export function documentSubject(pkg: PlanPackage, planId: string): DocumentSubject {
  const plan = findActionPlan(pkg, planId);
  const { strategy } = pkg;
  return {
    participant: { code: pkg.participant.code, name: pkg.participant.name, currency: pkg.participant.currency },
    strategy: {
      id: strategy.id,
      title: strategy.title,
      periodStart: strategy.periodStart,
      periodEnd: strategy.periodEnd,
      status: strategy.status,
      adoptedBy: strategy.adoptedBy ?? null,
      adoptedOn: strategy.adoptedOn ?? null,
    },
    plan: { id: plan.id, title: plan.title, start: plan.start, end: plan.end, status: plan.status, adoptedOn: plan.adoptedOn ?? null },
  };
}

/** Adds up amounts already rounded to 2 decimals (from the measures) in minor units, so that no float error builds up. */
export function sumAmounts(amounts: Iterable<number>): number {
  let total: MinorUnits = 0;
  for (const amount of amounts) total += toMinorUnits(amount);
  return fromMinorUnits(total);
}
