import { AppError } from '../errors.ts';
import { roundHalfAwayFromZero, toMinorUnits, type MinorUnits } from '../format.ts';
import type { ActionPlan, Indicator, Institution, PlanPackage, Strategy } from '../plan/package.ts';
import type { Area } from '../plan/vocabulary.ts';

/** Finds an action plan of the package by id, or fails with NOT_FOUND (the caller names an unknown plan). */
export function findActionPlan(pkg: PlanPackage, planId: string): ActionPlan {
  const plan = pkg.actionPlans.find((candidate) => candidate.id === planId);
  if (!plan) {
    throw new AppError('NOT_FOUND', {
      detail: `action plan "${planId}" is not in the package of strategy "${pkg.strategy.id}" of ${pkg.participant.code}`,
    });
  }
  return plan;
}

/** Maps every objective of the strategy to the area of the goal above it. */
export function areaByObjective(strategy: Strategy): Map<string, Area> {
  const areas = new Map<string, Area>();
  for (const goal of strategy.goals) for (const objective of goal.objectives) areas.set(objective.id, goal.area);
  return areas;
}

/** Maps the institutions of the package by id. */
export function institutionsById(pkg: PlanPackage): Map<string, Institution> {
  return new Map(pkg.institutions.map((institution) => [institution.id, institution]));
}

/**
 * The indicators in the scope of an action plan (measures.md): the objective indicators of the
 * strategy, then the indicators of the plan's activities, in package order.
 */
export function indicatorsInScope(strategy: Strategy, plan: ActionPlan): Indicator[] {
  const indicators: Indicator[] = [];
  for (const goal of strategy.goals) for (const objective of goal.objectives) indicators.push(...(objective.indicators ?? []));
  for (const activity of plan.activities) indicators.push(...(activity.indicators ?? []));
  return indicators;
}

/** A share rounded to 4 decimals, or `null` when the denominator is 0 (measures.md). */
export function shareOf(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : roundHalfAwayFromZero(numerator / denominator, 4);
}

/**
 * Converts an amount into minor units with `toMinorUnits`, skipping its decimal correction when
 * the amount in cents is already a whole number (most amounts): the result is the same, and a
 * national plan's thousands of cost lines and spent amounts convert several times faster.
 */
export function minorUnitsOf(amount: number): MinorUnits {
  const scaled = amount * 100;
  return Number.isInteger(scaled) ? scaled : toMinorUnits(amount);
}
