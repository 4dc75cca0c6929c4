import type { Measure } from '../plan/vocabulary.ts';

// Small counts (PRODUCT.md, public portal): a count of victims below the Participant's threshold
// could point at a person, so public pages and open data show it as "< threshold". The rule is the
// simplest safe one: every value of an indicator measured as a `number` — its baseline, its value
// in each round and each category of its breakdowns — that lies below the threshold is hidden,
// whatever the indicator counts. Targets and milestones are aims, not observations, and are shown
// as set. Percentages, yes/no and qualitative values are never hidden. A threshold of 0 hides nothing.

/** A figure as it may be shown in public: the number, or "< threshold" in its place. */
export type PublicFigure = { value: number; suppressed: false } | { value: null; suppressed: true; text: string };

/** Tells whether a value of an indicator must be hidden in public. */
export function isSmallCount(measure: Measure, value: number, threshold: number): boolean {
  return measure === 'number' && threshold > 0 && value < threshold;
}

/** A value of an indicator as public pages and data give it. */
export function publicFigure(measure: Measure, value: number, threshold: number): PublicFigure {
  return isSmallCount(measure, value, threshold) ? { value: null, suppressed: true, text: `< ${threshold}` } : { value, suppressed: false };
}
