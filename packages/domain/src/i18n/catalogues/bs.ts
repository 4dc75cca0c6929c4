import core from '../locales/bs/core.json' with { type: 'json' };
import app from '../locales/bs/app.json' with { type: 'json' };
import review from '../locales/bs/review.json' with { type: 'json' };
import editor from '../locales/bs/editor.json' with { type: 'json' };
import workbook from '../locales/bs/workbook.json' with { type: 'json' };
import insight from '../locales/bs/insight.json' with { type: 'json' };
import monitoring from '../locales/bs/monitoring.json' with { type: 'json' };
import reporting from '../locales/bs/reporting.json' with { type: 'json' };
import templates from '../locales/bs/templates.json' with { type: 'json' };
import reminders from '../locales/bs/reminders.json' with { type: 'json' };
import results from '../locales/bs/results.json' with { type: 'json' };
import documents from '../locales/bs/documents.json' with { type: 'json' };
import portal from '../locales/bs/portal.json' with { type: 'json' };
import recommendations from '../locales/bs/recommendations.json' with { type: 'json' };
import consultation from '../locales/bs/consultation.json' with { type: 'json' };
import evaluations from '../locales/bs/evaluations.json' with { type: 'json' };
import operational from '../locales/bs/operational.json' with { type: 'json' };
import localPlans from '../locales/bs/local-plans.json' with { type: 'json' };
import { assembleCatalogue } from '../catalogue.ts';

/** The interface texts in bs, assembled as `catalogs.ts` describes. */
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
