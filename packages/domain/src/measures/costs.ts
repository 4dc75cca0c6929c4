import { fromMinorUnits, type MinorUnits } from '../format.ts';
import type { Activity, PlanPackage } from '../plan/package.ts';
import { AREAS, type Area, type FundingSource, type FundingStatus } from '../plan/vocabulary.ts';
import { compareCodePoints } from './order.ts';
import { findActionPlan, institutionsById, minorUnitsOf } from './scope.ts';

// The cost lines of an action plan one by one, the resource plan (area × year, the seed's North
// Macedonia practice) and the donor view (unfunded activities), computed like the finance figures
// of measures.md §1: in integer minor units, money rounded to 2 decimals only at output.

/** One cost line of an activity, with where the activity sits in the strategy and who leads it. */
export type CostItem = {
  activity: string;
  title: string;
  objective: string;
  /** The goal above the activity's objective. */
  goal: string;
  /** The area of that goal. */
  area: Area;
  lead: string | null;
  /** The lead institution's name, when the package knows it. */
  leadName: string | null;
  year: number;
  source: FundingSource;
  funder: string | null;
  status: FundingStatus;
  /** In the package's currency, 2 decimals. */
  amount: number;
};

/** The resource plan: planned costs per area and year, with the totals of each row and column. */
export type ResourcePlan = {
  /** The years that have at least one cost line, in order. */
  years: number[];
  /** The areas that have at least one cost line, in the order of plan-package.md. */
  areas: Area[];
  /** One cell for every area of `areas` and year of `years` (0 where nothing is planned), by area then year. */
  cells: { area: Area; year: number; amount: number }[];
  /** Sums per area; every area is a key (0 where nothing is planned). */
  byArea: Record<Area, number>;
  /** Sums per year; keys are the years of `years` written as strings. */
  byYear: Record<string, number>;
  total: number;
};

/** An activity with unfunded costs, as a donor looks for one to fund. */
export type DonorViewItem = {
  activity: string;
  title: string;
  area: Area;
  goal: string;
  objective: string;
  lead: string | null;
  leadName: string | null;
  /** All planned costs of the activity. */
  totalCost: number;
  /** Its unfunded costs. */
  unfunded: number;
};

/** The donor view: the activities of `unfundedActivities` (planFinance), in that order, with the sum of their unfunded costs. */
export type DonorView = { currency: string; items: DonorViewItem[]; totalUnfunded: number };

type Placement = { goal: string; area: Area };

/** Where each objective of the strategy sits: the goal above it and that goal's area. */
function placementByObjective(pkg: PlanPackage): Map<string, Placement> {
  const placements = new Map<string, Placement>();
  for (const goal of pkg.strategy.goals) {
    for (const objective of goal.objectives) placements.set(objective.id, { goal: goal.id, area: goal.area });
  }
  return placements;
}

/** The activities of the plan in code-point order of their ids (stable for equal ids, which a valid package does not have). */
function activitiesById(pkg: PlanPackage, planId: string): Activity[] {
  return [...findActionPlan(pkg, planId).activities].sort((a, b) => compareCodePoints(a.id, b.id));
}

// A valid package names only objectives of its strategy; an activity of an unknown objective (a
// package read without its referential rules) is still counted, under `other`, so that no money
// drops out of the totals.
const UNPLACED: Placement = { goal: '', area: 'other' };

/** Lists every cost line of an action plan's activities, sorted by activity id, then in the activity's own order of lines. */
export function costItems(pkg: PlanPackage, planId: string): CostItem[] {
  const placements = placementByObjective(pkg);
  const institutions = institutionsById(pkg);
  const items: CostItem[] = [];
  for (const activity of activitiesById(pkg, planId)) {
    const placement = placements.get(activity.objective) ?? UNPLACED;
    const lead = activity.lead ?? null;
    const leadName = lead === null ? null : (institutions.get(lead)?.name ?? null);
    for (const line of activity.costs ?? []) {
      items.push({
        activity: activity.id,
        title: activity.title,
        objective: activity.objective,
        goal: placement.goal,
        area: placement.area,
        lead,
        leadName,
        year: line.year,
        source: line.source,
        funder: line.funder ?? null,
        status: line.status,
        amount: fromMinorUnits(minorUnitsOf(line.amount)),
      });
    }
  }
  return items;
}

/** Computes the resource plan of an action plan: costs per area × year, with row, column and grand totals. */
export function resourcePlan(pkg: PlanPackage, planId: string): ResourcePlan {
  const placements = placementByObjective(pkg);
  const sums = new Map<Area, Map<number, MinorUnits>>();
  const years = new Set<number>();
  for (const activity of findActionPlan(pkg, planId).activities) {
    const area = (placements.get(activity.objective) ?? UNPLACED).area;
    for (const line of activity.costs ?? []) {
      let row = sums.get(area);
      if (!row) {
        row = new Map();
        sums.set(area, row);
      }
      row.set(line.year, (row.get(line.year) ?? 0) + minorUnitsOf(line.amount));
      years.add(line.year);
    }
  }

  const orderedYears = [...years].sort((a, b) => a - b);
  const areas = AREAS.filter((area) => sums.has(area));
  const byArea = Object.fromEntries(AREAS.map((area) => [area, 0])) as Record<Area, MinorUnits>;
  const byYear = new Map<number, MinorUnits>(orderedYears.map((year) => [year, 0]));
  let total: MinorUnits = 0;
  const cells: ResourcePlan['cells'] = [];
  for (const area of areas) {
    const row = sums.get(area);
    for (const year of orderedYears) {
      const minor = row?.get(year) ?? 0;
      cells.push({ area, year, amount: fromMinorUnits(minor) });
      byArea[area] += minor;
      byYear.set(year, (byYear.get(year) ?? 0) + minor);
      total += minor;
    }
  }
  return {
    years: orderedYears,
    areas,
    cells,
    byArea: Object.fromEntries(AREAS.map((area) => [area, fromMinorUnits(byArea[area])])) as Record<Area, number>,
    byYear: Object.fromEntries(orderedYears.map((year) => [String(year), fromMinorUnits(byYear.get(year) ?? 0)])),
    total: fromMinorUnits(total),
  };
}

/**
 * Computes the donor view of an action plan: each activity with at least one unfunded cost line
 * (the `unfundedActivities` of planFinance, in code-point order), with its whole cost and its
 * unfunded part, where it sits and who leads it.
 */
export function donorView(pkg: PlanPackage, planId: string): DonorView {
  const placements = placementByObjective(pkg);
  const institutions = institutionsById(pkg);
  const items: DonorViewItem[] = [];
  let totalUnfunded: MinorUnits = 0;
  for (const activity of activitiesById(pkg, planId)) {
    let cost: MinorUnits = 0;
    let unfunded: MinorUnits = 0;
    let hasUnfunded = false;
    for (const line of activity.costs ?? []) {
      const minor = minorUnitsOf(line.amount);
      cost += minor;
      if (line.status === 'unfunded') {
        unfunded += minor;
        hasUnfunded = true;
      }
    }
    if (!hasUnfunded) continue;
    const placement = placements.get(activity.objective) ?? UNPLACED;
    const lead = activity.lead ?? null;
    items.push({
      activity: activity.id,
      title: activity.title,
      area: placement.area,
      goal: placement.goal,
      objective: activity.objective,
      lead,
      leadName: lead === null ? null : (institutions.get(lead)?.name ?? null),
      totalCost: fromMinorUnits(cost),
      unfunded: fromMinorUnits(unfunded),
    });
    totalUnfunded += unfunded;
  }
  return { currency: pkg.participant.currency, items, totalUnfunded: fromMinorUnits(totalUnfunded) };
}
