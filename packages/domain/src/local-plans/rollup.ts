import { LEVELS, type Level } from '../institutions.ts';
import { shareOf } from '../measures/scope.ts';
import type { ProgressResult, StatusCounts } from '../measures/progress.ts';
import { compareCodePoints } from '../measures/order.ts';
import type { PlanPackage } from '../plan/package.ts';
import type { ActivityStatus } from '../plan/vocabulary.ts';

/** A local plan as the roll-up sees it: its action plan, the body that coordinates it, its level and area. */
export type LocalPlanRef = { plan: string; body: string; level: Exclude<Level, 'national'>; area: string | null };

/** The activities of one level or area: how many, per status, and the implementation rate. */
export type GroupFigures = { total: number; byStatus: StatusCounts; implementationRate: number | null };

/**
 * The national progress overview per level and per area: the national plan's activities at their
 * own level (national when they name none), each local plan's activities at its body's level and
 * in its body's area. Every status is the one the progress figures give (measures.md §2): this only
 * groups them.
 */
export type ProgressRollUp = {
  plan: string;
  asOf: string;
  byLevel: ({ level: Level } & GroupFigures)[];
  byArea: ({ level: Exclude<Level, 'national'>; area: string; plans: string[] } & GroupFigures)[];
};

function emptyCounts(): StatusCounts {
  return { not_started: 0, ongoing: 0, completed: 0, delayed: 0, cancelled: 0 };
}

function figures(counts: StatusCounts): GroupFigures {
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  return { total, byStatus: counts, implementationRate: shareOf(counts.completed, total - counts.cancelled) };
}

/**
 * Groups the progress of a national action plan and of the local plans that implement it by level
 * and by area. `national` is the progress of `nationalPlan` in `pkg`; each local plan comes with its
 * own progress as of the same date.
 */
export function rollUpProgress(
  pkg: PlanPackage,
  nationalPlan: string,
  national: ProgressResult,
  locals: readonly { ref: LocalPlanRef; progress: ProgressResult }[],
): ProgressRollUp {
  const levelOf = new Map<string, Level>();
  for (const activity of pkg.actionPlans.find((candidate) => candidate.id === nationalPlan)?.activities ?? []) {
    levelOf.set(activity.id, activity.level ?? 'national');
  }
  const perLevel = new Map<Level, StatusCounts>();
  const count = (level: Level, status: ActivityStatus) => {
    let counts = perLevel.get(level);
    if (!counts) perLevel.set(level, (counts = emptyCounts()));
    counts[status] += 1;
  };
  for (const item of national.activities.items) count(levelOf.get(item.id) ?? 'national', item.status);

  const perArea = new Map<string, { level: Exclude<Level, 'national'>; area: string; plans: Set<string>; counts: StatusCounts }>();
  for (const { ref, progress } of locals) {
    const area = ref.area ?? ref.body;
    const key = `${ref.level}\u0000${area}`;
    let group = perArea.get(key);
    if (!group) perArea.set(key, (group = { level: ref.level, area, plans: new Set(), counts: emptyCounts() }));
    group.plans.add(ref.plan);
    for (const item of progress.activities.items) {
      count(ref.level, item.status);
      group.counts[item.status] += 1;
    }
  }

  const levelRank = (level: Level) => LEVELS.indexOf(level);
  return {
    plan: national.plan,
    asOf: national.asOf,
    byLevel: LEVELS.filter((level) => perLevel.has(level)).map((level) => ({ level, ...figures(perLevel.get(level) ?? emptyCounts()) })),
    byArea: [...perArea.values()]
      .sort((a, b) => levelRank(a.level) - levelRank(b.level) || compareCodePoints(a.area, b.area))
      .map((group) => ({
        level: group.level,
        area: group.area,
        plans: [...group.plans].sort(compareCodePoints),
        ...figures(group.counts),
      })),
  };
}
