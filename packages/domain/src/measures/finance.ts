import { fromMinorUnits, type MinorUnits } from '../format.ts';
import type { PlanPackage } from '../plan/package.ts';
import { AREAS, FUNDING_SOURCES, FUNDING_STATUSES, type Area, type FundingSource, type FundingStatus } from '../plan/vocabulary.ts';
import { compareCodePoints } from './order.ts';
import { areaByObjective, findActionPlan, institutionsById, minorUnitsOf, shareOf } from './scope.ts';

/** The finance figures of an action plan (measures.md §1, cli.md "finance"). Amounts are in `currency`. */
export type FinanceResult = {
  plan: string;
  currency: string;
  total: number;
  /** Sums per year; keys are years written as strings. */
  byYear: Record<string, number>;
  /** Sums per area of the goal above each activity's objective; only areas with a cost line. */
  byArea: Record<string, number>;
  bySource: Record<FundingSource, number>;
  byStatus: Record<FundingStatus, number>;
  stateShare: number | null;
  fundingGap: number;
  ngoShare: number | null;
  unfundedActivities: string[];
};

function zeroes<K extends string>(keys: readonly K[]): Record<K, MinorUnits> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, MinorUnits>;
}

function toAmounts<K extends string>(sums: Record<K, MinorUnits>): Record<K, number> {
  return Object.fromEntries(Object.entries<MinorUnits>(sums).map(([key, minor]) => [key, fromMinorUnits(minor)])) as Record<K, number>;
}

/** Computes the finance figures of one action plan of a package; `address` (e.g. `DL/AP-2021-2022`) is echoed as `plan`. */
export function planFinance(pkg: PlanPackage, planId: string, address: string): FinanceResult {
  const plan = findActionPlan(pkg, planId);
  const areas = areaByObjective(pkg.strategy);
  const institutions = institutionsById(pkg);

  // Sums are kept in integer minor units so that no float error builds up over thousands of lines.
  let total: MinorUnits = 0;
  let ngoLed: MinorUnits = 0;
  const byYear = new Map<number, MinorUnits>();
  const byArea = new Map<Area, MinorUnits>();
  const bySource = zeroes(FUNDING_SOURCES);
  const byStatus = zeroes(FUNDING_STATUSES);
  const unfunded: string[] = [];

  for (const activity of plan.activities) {
    const costs = activity.costs ?? [];
    if (costs.length === 0) continue;
    const area = areas.get(activity.objective);
    const ngo = activity.lead !== undefined && institutions.get(activity.lead)?.type === 'ngo';
    let hasUnfunded = false;
    for (const line of costs) {
      const minor = minorUnitsOf(line.amount);
      total += minor;
      byYear.set(line.year, (byYear.get(line.year) ?? 0) + minor);
      if (area !== undefined) byArea.set(area, (byArea.get(area) ?? 0) + minor);
      bySource[line.source] += minor;
      byStatus[line.status] += minor;
      if (ngo) ngoLed += minor;
      if (line.status === 'unfunded') hasUnfunded = true;
    }
    if (hasUnfunded) unfunded.push(activity.id);
  }

  const years = [...byYear.keys()].sort((a, b) => a - b);
  return {
    plan: address,
    currency: pkg.participant.currency,
    total: fromMinorUnits(total),
    byYear: Object.fromEntries(years.map((year) => [String(year), fromMinorUnits(byYear.get(year) ?? 0)])),
    // Areas in the order plan-package.md lists them, so the output reads the same every time.
    byArea: Object.fromEntries(AREAS.filter((area) => byArea.has(area)).map((area) => [area, fromMinorUnits(byArea.get(area) ?? 0)])),
    bySource: toAmounts(bySource),
    byStatus: toAmounts(byStatus),
    stateShare: shareOf(bySource.state_budget, total),
    fundingGap: fromMinorUnits(byStatus.unfunded),
    ngoShare: shareOf(ngoLed, total),
    unfundedActivities: unfunded.sort(compareCodePoints),
  };
}
