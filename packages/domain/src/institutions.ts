/** Kinds of institution that take part in a plan (plan-package.md, `InstitutionType`). */
export const INSTITUTION_TYPES = [
  'coordination_body',
  'government',
  'law_enforcement',
  'prosecution',
  'judiciary',
  'social_services',
  'labour_inspection',
  'health',
  'education',
  'local_government',
  'ngo',
  'international_organisation',
  'donor',
  'independent_body',
  'academia',
  'other',
] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** Levels of government an institution or activity belongs to (plan-package.md, `Level`). */
export const LEVELS = ['national', 'entity', 'regional', 'local'] as const;
export type Level = (typeof LEVELS)[number];
