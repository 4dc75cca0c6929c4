import type { Activity, PlanPackage, Recommendation, Round } from '../plan/package.ts';
import { RECOMMENDATION_SOURCES, type ActivityStatus, type RecommendationSource, type RecommendationStrength } from '../plan/vocabulary.ts';
import { requireAsOf, yearOf } from './dates.ts';
import { compareCodePoints } from './order.ts';
import { compareRounds, counts } from './progress.ts';
import { institutionsById } from './scope.ts';
import { indicatorSeries, type NamedInstitution } from './series.ts';

// The follow-up of the recommendations a strategy answers, as of a date D.
//
// The answering activities of a recommendation R are the activities of every action plan of the
// strategy whose `recommendations` name R.
//
// The status of an activity at a date E is what the counted (accepted) reports of the latest round
// ending on or before E that mention the activity say: the lead institution's word, else that of the
// first other institution by id (the rule of the progress figures, measures.md §2); without any such
// round it is `not_started`. Only reported words count here: an activity is never taken as started,
// delayed or completed without a report saying so.
//
// The follow-up status of R in a year Y (from R's year to the year of D) is taken at
// E = min(31 December Y, D) from the statuses of the answering activities at E, leaving out the
// cancelled ones; the first rule that applies:
//   1. no answering activity, or every one cancelled               → not_addressed
//   2. every remaining one completed                               → implemented
//   3. at least one completed                                      → partly_implemented
//   4. at least one ongoing or delayed                             → in_progress
//   5. otherwise (none started by E)                               → not_addressed
// The evidence of Y is, for each answering activity, the round, status and narrative of the latest
// counted round ending within Y (and on or before D) that mentions it; when no round of Y does, the
// round and narrative are null and the status is the one carried from earlier rounds.
// The current status of R is the rule applied at D itself (the status of the year of D when R's
// year is not after it).

/** The follow-up status of a recommendation in a year, worst first. */
export const FOLLOW_UP_STATUSES = ['not_addressed', 'in_progress', 'partly_implemented', 'implemented'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** The sources whose recommendations the GRETA questionnaire asks about, in this order, before all others. */
export const GRETA_SOURCES: readonly RecommendationSource[] = ['greta', 'committee_of_parties'];

/** An indicator of an answering activity: its latest value as of D against its target. */
export type FollowUpIndicator = {
  id: string;
  name: string;
  unit: string | null;
  target: number | null;
  targetYear: number | null;
  actual: number | null;
  actualRound: string | null;
};

/** An activity answering a recommendation, with its status as of D. */
export type FollowUpActivity = {
  plan: string;
  id: string;
  title: string;
  lead: NamedInstitution | null;
  status: ActivityStatus;
  /** The round whose counted reports give the status (null: no counted report mentions it). */
  round: string | null;
  /** The narrative of that word, if the report gave one. */
  narrative: string | null;
  indicators: FollowUpIndicator[];
};

/** What a counted report of a round said about an activity. */
export type FollowUpEvidence = {
  plan: string;
  activity: string;
  round: string | null;
  status: ActivityStatus;
  /** At most {@link EXCERPT_LENGTH} characters of the narrative, cut at a word. */
  narrative: string | null;
};

export type FollowUpYear = { year: number; status: FollowUpStatus; evidence: FollowUpEvidence[] };

export type RecommendationFollowUp = {
  id: string;
  source: RecommendationSource;
  reference: string | null;
  year: number;
  text: string;
  strength: RecommendationStrength | null;
  status: FollowUpStatus;
  activities: FollowUpActivity[];
  years: FollowUpYear[];
};

export type FollowUpResult = { strategy: string; asOf: string; recommendations: RecommendationFollowUp[] };

/** The length of a narrative excerpt in the evidence. */
export const EXCERPT_LENGTH = 240;

/** A narrative shortened to {@link EXCERPT_LENGTH} characters at most, cut at a word, with an ellipsis. */
export function excerpt(text: string | null | undefined, length = EXCERPT_LENGTH): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return null;
  if (trimmed.length <= length) return trimmed;
  const cut = trimmed.slice(0, length - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** One round's word on an activity: the round, its period end, the status and narrative. */
type Word = { round: string; periodEnd: string; status: ActivityStatus; narrative: string | null };

/** The words of counted reports on each activity, round by round in the order of measures.md §2. */
function wordsByActivity(rounds: readonly Round[], activities: ReadonlyMap<string, Activity>): Map<string, Word[]> {
  const words = new Map<string, Word[]>();
  for (const round of [...rounds].sort(compareRounds)) {
    const said = new Map<string, { lead?: Word; others: Map<string, Word> }>();
    for (const report of round.reports) {
      if (!counts(report)) continue;
      for (const entry of report.activities) {
        const activity = activities.get(entry.activity);
        if (!activity) continue;
        let heard = said.get(entry.activity);
        if (!heard) {
          heard = { others: new Map() };
          said.set(entry.activity, heard);
        }
        const word: Word = { round: round.id, periodEnd: round.periodEnd, status: entry.status, narrative: entry.narrative ?? null };
        if (report.institution === activity.lead) heard.lead ??= word;
        else if (!heard.others.has(report.institution)) heard.others.set(report.institution, word);
      }
    }
    for (const [activity, heard] of said) {
      let word = heard.lead;
      if (!word) {
        const first = [...heard.others.keys()].sort(compareCodePoints)[0];
        word = first === undefined ? undefined : heard.others.get(first);
      }
      if (!word) continue;
      const list = words.get(activity) ?? [];
      list.push(word);
      words.set(activity, list);
    }
  }
  return words;
}

/** The latest word on or before a date (words are in round order). */
function wordAt(words: readonly Word[] | undefined, date: string): Word | undefined {
  let found: Word | undefined;
  for (const word of words ?? []) if (word.periodEnd <= date) found = word;
  return found;
}

/** The follow-up status from the statuses of the answering activities (the rule at the top of this file). */
export function followUpStatus(statuses: readonly ActivityStatus[]): FollowUpStatus {
  const considered = statuses.filter((status) => status !== 'cancelled');
  if (considered.length === 0) return 'not_addressed';
  const completed = considered.filter((status) => status === 'completed').length;
  if (completed === considered.length) return 'implemented';
  if (completed > 0) return 'partly_implemented';
  if (considered.some((status) => status === 'ongoing' || status === 'delayed')) return 'in_progress';
  return 'not_addressed';
}

/** The order of the GRETA answers and of the follow-up table: GRETA, Committee of the Parties, then the other sources; worst status first; then by id. */
export function compareFollowUps(a: RecommendationFollowUp, b: RecommendationFollowUp): number {
  const rank = (source: RecommendationSource) => {
    const greta = GRETA_SOURCES.indexOf(source);
    return greta >= 0 ? greta : GRETA_SOURCES.length + RECOMMENDATION_SOURCES.indexOf(source);
  };
  return (
    rank(a.source) - rank(b.source) ||
    FOLLOW_UP_STATUSES.indexOf(a.status) - FOLLOW_UP_STATUSES.indexOf(b.status) ||
    compareCodePoints(a.id, b.id)
  );
}

/**
 * The follow-up of every recommendation of a strategy's package as of `asOf` (rule at the top of
 * this file): the answering activities across all its action plans with their status, indicators
 * and latest narrative, and the status year by year with its evidence. Ordered by {@link compareFollowUps}.
 */
export function recommendationFollowUp(pkg: PlanPackage, asOf: string): FollowUpResult {
  const date = requireAsOf(asOf);
  const lastYear = yearOf(date);
  const institutions = institutionsById(pkg);
  const activities = new Map<string, Activity>();
  const planOf = new Map<string, string>();
  for (const plan of pkg.actionPlans) {
    for (const activity of plan.activities) {
      activities.set(activity.id, activity);
      planOf.set(activity.id, plan.id);
    }
  }
  const words = wordsByActivity(pkg.monitoring?.rounds ?? [], activities);
  const answering = new Map<string, Activity[]>();
  for (const activity of activities.values()) {
    for (const code of activity.recommendations ?? []) answering.set(code, [...(answering.get(code) ?? []), activity]);
  }

  const indicatorsOf = (plan: string, activity: Activity): FollowUpIndicator[] =>
    (activity.indicators ?? []).map((indicator) => {
      const series = indicatorSeries(pkg, plan, indicator.id, date);
      return {
        id: indicator.id,
        name: indicator.name,
        unit: indicator.unit ?? null,
        target: indicator.target?.value ?? null,
        targetYear: indicator.target?.year ?? null,
        actual: series.actual,
        actualRound: series.actualRound,
      };
    });

  const followUpOf = (recommendation: Recommendation): RecommendationFollowUp => {
    const answers = answering.get(recommendation.id) ?? [];
    const current = answers.map((activity) => ({ activity, word: wordAt(words.get(activity.id), date) }));
    const years: FollowUpYear[] = [];
    for (let year = recommendation.year; year <= lastYear; year += 1) {
      const end = year === lastYear ? date : `${String(year).padStart(4, '0')}-12-31`;
      const start = `${String(year).padStart(4, '0')}-01-01`;
      const evidence: FollowUpEvidence[] = answers.map((activity) => {
        const word = wordAt(words.get(activity.id), end);
        const inYear = word !== undefined && word.periodEnd >= start;
        return {
          plan: planOf.get(activity.id) ?? '',
          activity: activity.id,
          round: inYear ? word.round : null,
          status: word?.status ?? 'not_started',
          narrative: inYear ? excerpt(word.narrative) : null,
        };
      });
      years.push({ year, status: followUpStatus(evidence.map((item) => item.status)), evidence });
    }
    return {
      id: recommendation.id,
      source: recommendation.source,
      reference: recommendation.reference ?? null,
      year: recommendation.year,
      text: recommendation.text,
      strength: recommendation.strength ?? null,
      status: followUpStatus(current.map(({ word }) => word?.status ?? 'not_started')),
      activities: current.map(({ activity, word }) => {
        const plan = planOf.get(activity.id) ?? '';
        return {
          plan,
          id: activity.id,
          title: activity.title,
          lead: activity.lead === undefined ? null : { id: activity.lead, name: institutions.get(activity.lead)?.name ?? null },
          status: word?.status ?? 'not_started',
          round: word?.round ?? null,
          narrative: word?.narrative ?? null,
          indicators: indicatorsOf(plan, activity),
        };
      }),
      years,
    };
  };

  return {
    strategy: pkg.strategy.id,
    asOf: date,
    recommendations: (pkg.recommendations ?? []).map(followUpOf).sort(compareFollowUps),
  };
}

/** The name of each follow-up status in the catalogues. */
export const FOLLOW_UP_STATUS_KEYS = {
  not_addressed: 'app.recommendations.status.not_addressed',
  in_progress: 'app.recommendations.status.in_progress',
  partly_implemented: 'app.recommendations.status.partly_implemented',
  implemented: 'app.recommendations.status.implemented',
} as const satisfies Record<FollowUpStatus, string>;

/** The columns of a workbook of recommendations to import: the names of their headers in the catalogues. */
export const RECOMMENDATION_COLUMN_KEYS = {
  reference: 'app.recommendations.columns.reference',
  text: 'app.recommendations.columns.text',
  strength: 'app.recommendations.columns.strength',
  source: 'app.recommendations.columns.source',
  year: 'app.recommendations.columns.year',
} as const;
export type RecommendationColumn = keyof typeof RECOMMENDATION_COLUMN_KEYS;

/** The texts of the answers for the GRETA questionnaire (a Word document written on the server). */
export const GRETA_ANSWER_TEXTS = {
  title: 'app.recommendations.document.title',
  facts: 'app.recommendations.document.facts',
  greta: 'app.recommendations.document.greta',
  others: 'app.recommendations.document.others',
  none: 'app.recommendations.document.none',
  reference: 'app.recommendations.document.reference',
  source: 'app.recommendations.document.source',
  strength: 'app.recommendations.document.strength',
  year: 'app.recommendations.document.year',
  status: 'app.recommendations.document.status',
  statusNow: 'app.recommendations.document.statusNow',
  byYear: 'app.recommendations.document.byYear',
  done: 'app.recommendations.document.done',
  nothingDone: 'app.recommendations.document.nothingDone',
  activity: 'app.recommendations.document.activity',
  lead: 'app.recommendations.document.lead',
  activityStatus: 'app.recommendations.document.activityStatus',
  latestReport: 'app.recommendations.document.latestReport',
  noReport: 'app.recommendations.document.noReport',
  noNarrative: 'app.recommendations.document.noNarrative',
  indicator: 'app.recommendations.document.indicator',
  latest: 'app.recommendations.document.latest',
  target: 'app.recommendations.document.target',
  notSet: 'app.recommendations.document.notSet',
  page: 'app.recommendations.document.page',
} as const;

/** The problems of a workbook of recommendations that are not field problems of the catalogue's `issues`. */
export const RECOMMENDATION_IMPORT_KEYS = {
  missingColumn: 'app.recommendations.import.missingColumn',
  empty: 'app.recommendations.import.empty',
} as const;
