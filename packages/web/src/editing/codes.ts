import type { StrategyOutline } from './api.ts';

// Codes are chosen by the author and unique across a strategy's package, whatever they name. New
// elements get a code proposed from their parent, in the numbering plans use (G3, O3.2, A3.2.1,
// A3.2.1-I1), which the author may change before creating them.

/** Every code the outline knows, to propose one that is free. */
export function codesInUse(outline: StrategyOutline): Set<string> {
  const codes = new Set<string>([outline.strategy.id]);
  for (const goal of outline.goals) {
    codes.add(goal.id);
    for (const objective of goal.objectives) {
      codes.add(objective.id);
      for (const indicator of objective.indicators) codes.add(indicator.id);
    }
  }
  for (const plan of outline.actionPlans) {
    codes.add(plan.id);
    for (const activity of plan.activities) codes.add(activity.id);
  }
  for (const institution of outline.institutions) codes.add(institution.id);
  for (const recommendation of outline.recommendations) codes.add(recommendation.id);
  for (const risk of outline.risks) codes.add(risk.id);
  return codes;
}

/** The number part of a code (`G3` → `3`, `O3.2` → `3.2`), or the whole code when it has none. */
export function numberOf(code: string): string {
  const match = /^[A-Za-z]*[-_ ]?(\d+(?:\.\d+)*)$/.exec(code);
  return match?.[1] ?? code;
}

/**
 * Proposes the next free code `prefix + n + suffix` after the siblings' highest `n` (so that
 * `O3.1, O3.2` give `O3.3`), skipping codes already in use anywhere in the strategy.
 */
export function proposeCode(prefix: string, siblings: readonly string[], inUse: ReadonlySet<string>, suffix = ''): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}(\\d+)${suffix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  let highest = 0;
  for (const sibling of siblings) {
    const match = pattern.exec(sibling);
    if (match?.[1] !== undefined) highest = Math.max(highest, Number(match[1]));
  }
  let next = Math.max(highest, siblings.length) + 1;
  while (inUse.has(`${prefix}${next}${suffix}`)) next += 1;
  return `${prefix}${next}${suffix}`;
}

/** A code for a new goal: `G` and the next number. */
export function proposeGoalCode(outline: StrategyOutline): string {
  return proposeCode(
    'G',
    outline.goals.map((goal) => goal.id),
    codesInUse(outline),
  );
}

/** A code for a new objective of a goal: `O` + the goal's number + the next number (`O3.2`). */
export function proposeObjectiveCode(outline: StrategyOutline, goalCode: string): string {
  const goal = outline.goals.find((candidate) => candidate.id === goalCode);
  return proposeCode(`O${numberOf(goalCode)}.`, goal?.objectives.map((objective) => objective.id) ?? [], codesInUse(outline));
}

/** A code for a new activity of an objective: `A` + the objective's number + the next number (`A3.2.1`), across all action plans. */
export function proposeActivityCode(outline: StrategyOutline, objectiveCode: string): string {
  const siblings = outline.actionPlans.flatMap((plan) => plan.activities.filter((a) => a.objective === objectiveCode).map((a) => a.id));
  return proposeCode(`A${numberOf(objectiveCode)}.`, siblings, codesInUse(outline));
}

/** A code for a new indicator of an objective or an activity: the parent's code + `-I` + the next number (`A3.2.1-I2`). */
export function proposeIndicatorCode(outline: StrategyOutline, parentCode: string, siblings: readonly string[]): string {
  return proposeCode(`${parentCode}-I`, siblings, codesInUse(outline));
}
