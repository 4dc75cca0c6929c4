import core from '../locales/sr-Latn/core.json' with { type: 'json' };
import app from '../locales/sr-Latn/app.json' with { type: 'json' };
import review from '../locales/sr-Latn/review.json' with { type: 'json' };
import editor from '../locales/sr-Latn/editor.json' with { type: 'json' };
import workbook from '../locales/sr-Latn/workbook.json' with { type: 'json' };
import insight from '../locales/sr-Latn/insight.json' with { type: 'json' };
import monitoring from '../locales/sr-Latn/monitoring.json' with { type: 'json' };
import reporting from '../locales/sr-Latn/reporting.json' with { type: 'json' };
import templates from '../locales/sr-Latn/templates.json' with { type: 'json' };
import reminders from '../locales/sr-Latn/reminders.json' with { type: 'json' };
import results from '../locales/sr-Latn/results.json' with { type: 'json' };
import documents from '../locales/sr-Latn/documents.json' with { type: 'json' };
import portal from '../locales/sr-Latn/portal.json' with { type: 'json' };
import recommendations from '../locales/sr-Latn/recommendations.json' with { type: 'json' };
import consultation from '../locales/sr-Latn/consultation.json' with { type: 'json' };
import evaluations from '../locales/sr-Latn/evaluations.json' with { type: 'json' };
import operational from '../locales/sr-Latn/operational.json' with { type: 'json' };
import localPlans from '../locales/sr-Latn/local-plans.json' with { type: 'json' };
import { assembleCatalogue } from '../catalogue.ts';

/** The interface texts in sr-Latn, assembled as `catalogs.ts` describes. */
// Marked pure: a bundle that never reads this language leaves it out.
export default /* @__PURE__ */ assembleCatalogue({
  core,
  app,
  review,
  editor,
  workbook,
  insight,
  monitoring,
  reporting,
  templates,
  reminders,
  results,
  documents,
  portal,
  recommendations,
  consultation,
  evaluations,
  operational,
  localPlans,
});
