import type { ActivityStatus } from '../plan/vocabulary.ts';

/**
 * The texts of a report's Excel template, by their catalogue keys (`templates.json`): the
 * instructions, the column headers and the notes of its rows. The server writes the workbook in
 * the language of its reader from these keys.
 */
export const TEMPLATE_TEXTS = {
  instructionsSheet: 'app.templates.workbook.instructionsSheet',
  activitiesSheet: 'app.templates.workbook.activitiesSheet',
  indicatorsSheet: 'app.templates.workbook.indicatorsSheet',
  title: 'app.templates.workbook.title',
  plan: 'app.templates.workbook.plan',
  round: 'app.templates.workbook.round',
  deadline: 'app.templates.workbook.deadline',
  whatTitle: 'app.templates.workbook.whatTitle',
  whatActivities: 'app.templates.workbook.whatActivities',
  whatIndicators: 'app.templates.workbook.whatIndicators',
  whatCells: 'app.templates.workbook.whatCells',
  statusTitle: 'app.templates.workbook.statusTitle',
  uploadTitle: 'app.templates.workbook.uploadTitle',
  uploadSave: 'app.templates.workbook.uploadSave',
  uploadCheck: 'app.templates.workbook.uploadCheck',
  uploadVersion: 'app.templates.workbook.uploadVersion',
  lead: 'app.templates.workbook.lead',
  partner: 'app.templates.workbook.partner',
  total: 'app.templates.workbook.total',
  required: 'app.templates.workbook.required',
  optional: 'app.templates.workbook.optional',
  mustAddUp: 'app.templates.workbook.mustAddUp',
  partOf: 'app.templates.workbook.partOf',
  yesNo: 'app.templates.workbook.yesNo',
  scaleLevel: 'app.templates.workbook.scaleLevel',
  statusPrompt: 'app.templates.workbook.statusPrompt',
  numberPrompt: 'app.templates.workbook.numberPrompt',
} as const;

/** The column headers of the template's sheets. */
export const TEMPLATE_COLUMNS = {
  code: 'app.templates.workbook.columns.code',
  activity: 'app.templates.workbook.columns.activity',
  role: 'app.templates.workbook.columns.role',
  period: 'app.templates.workbook.columns.period',
  planned: 'app.templates.workbook.columns.planned',
  status: 'app.templates.workbook.columns.status',
  spent: 'app.templates.workbook.columns.spent',
  narrative: 'app.templates.workbook.columns.narrative',
  obstacles: 'app.templates.workbook.columns.obstacles',
  indicator: 'app.templates.workbook.columns.indicator',
  measure: 'app.templates.workbook.columns.measure',
  unit: 'app.templates.workbook.columns.unit',
  breakdown: 'app.templates.workbook.columns.breakdown',
  category: 'app.templates.workbook.columns.category',
  value: 'app.templates.workbook.columns.value',
  previous: 'app.templates.workbook.columns.previous',
  note: 'app.templates.workbook.columns.note',
} as const;

/** What each status of an activity means, for the instructions. */
export const TEMPLATE_STATUS_MEANINGS: Record<ActivityStatus, string> = {
  not_started: 'app.templates.workbook.statusMeaning.not_started',
  ongoing: 'app.templates.workbook.statusMeaning.ongoing',
  completed: 'app.templates.workbook.statusMeaning.completed',
  delayed: 'app.templates.workbook.statusMeaning.delayed',
  cancelled: 'app.templates.workbook.statusMeaning.cancelled',
};

/** The names of the usual breakdown categories; other categories are shown as the plan writes them. */
export const TEMPLATE_CATEGORIES: Readonly<Record<string, string>> = {
  female: 'app.templates.workbook.categories.female',
  male: 'app.templates.workbook.categories.male',
  adult: 'app.templates.workbook.categories.adult',
  child: 'app.templates.workbook.categories.child',
  sexual: 'app.templates.workbook.categories.sexual',
  labour: 'app.templates.workbook.categories.labour',
  forced_begging: 'app.templates.workbook.categories.forced_begging',
  forced_criminality: 'app.templates.workbook.categories.forced_criminality',
  forced_marriage: 'app.templates.workbook.categories.forced_marriage',
  organ_removal: 'app.templates.workbook.categories.organ_removal',
  other: 'app.templates.workbook.categories.other',
  national: 'app.templates.workbook.categories.national',
  foreign: 'app.templates.workbook.categories.foreign',
  regional: 'app.templates.workbook.categories.regional',
  local: 'app.templates.workbook.categories.local',
};
