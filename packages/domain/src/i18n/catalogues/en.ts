import core from '../locales/en/core.json' with { type: 'json' };
import app from '../locales/en/app.json' with { type: 'json' };
import review from '../locales/en/review.json' with { type: 'json' };
import editor from '../locales/en/editor.json' with { type: 'json' };
import workbook from '../locales/en/workbook.json' with { type: 'json' };
import insight from '../locales/en/insight.json' with { type: 'json' };
import monitoring from '../locales/en/monitoring.json' with { type: 'json' };
import reporting from '../locales/en/reporting.json' with { type: 'json' };
import templates from '../locales/en/templates.json' with { type: 'json' };
import reminders from '../locales/en/reminders.json' with { type: 'json' };
import results from '../locales/en/results.json' with { type: 'json' };
import documents from '../locales/en/documents.json' with { type: 'json' };
import portal from '../locales/en/portal.json' with { type: 'json' };
import recommendations from '../locales/en/recommendations.json' with { type: 'json' };
import consultation from '../locales/en/consultation.json' with { type: 'json' };
import evaluations from '../locales/en/evaluations.json' with { type: 'json' };
import operational from '../locales/en/operational.json' with { type: 'json' };
import localPlans from '../locales/en/local-plans.json' with { type: 'json' };
import { assembleCatalogue } from '../catalogue.ts';

/** The interface texts in en, assembled as `catalogs.ts` describes. */
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
