import type { ActivityStatus, RecommendationSource, RecommendationStrength } from '../plan/vocabulary.ts';

// The catalogue keys of vocabularies that both the web application and the server's documents name
// in the reader's language, as literal maps (so that the catalogue tests see every key).

export const ACTIVITY_STATUS_KEYS = {
  not_started: 'app.activityStatus.not_started',
  ongoing: 'app.activityStatus.ongoing',
  completed: 'app.activityStatus.completed',
  delayed: 'app.activityStatus.delayed',
  cancelled: 'app.activityStatus.cancelled',
} as const satisfies Record<ActivityStatus, string>;

export const RECOMMENDATION_SOURCE_KEYS = {
  greta: 'app.editor.vocabulary.recommendationSources.greta',
  committee_of_parties: 'app.editor.vocabulary.recommendationSources.committee_of_parties',
  us_tip: 'app.editor.vocabulary.recommendationSources.us_tip',
  ec_report: 'app.editor.vocabulary.recommendationSources.ec_report',
  evaluation: 'app.editor.vocabulary.recommendationSources.evaluation',
  national_rapporteur: 'app.editor.vocabulary.recommendationSources.national_rapporteur',
  civil_society: 'app.editor.vocabulary.recommendationSources.civil_society',
  other: 'app.editor.vocabulary.recommendationSources.other',
} as const satisfies Record<RecommendationSource, string>;

export const RECOMMENDATION_STRENGTH_KEYS = {
  urges: 'app.editor.vocabulary.recommendationStrengths.urges',
  considers: 'app.editor.vocabulary.recommendationStrengths.considers',
  invites: 'app.editor.vocabulary.recommendationStrengths.invites',
} as const satisfies Record<RecommendationStrength, string>;
