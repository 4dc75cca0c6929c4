import core from '../locales/mk/core.json' with { type: 'json' };
import app from '../locales/mk/app.json' with { type: 'json' };
import review from '../locales/mk/review.json' with { type: 'json' };
import editor from '../locales/mk/editor.json' with { type: 'json' };
import workbook from '../locales/mk/workbook.json' with { type: 'json' };
import insight from '../locales/mk/insight.json' with { type: 'json' };
import monitoring from '../locales/mk/monitoring.json' with { type: 'json' };
import reporting from '../locales/mk/reporting.json' with { type: 'json' };
import templates from '../locales/mk/templates.json' with { type: 'json' };
import reminders from '../locales/mk/reminders.json' with { type: 'json' };
import results from '../locales/mk/results.json' with { type: 'json' };
import documents from '../locales/mk/documents.json' with { type: 'json' };
import portal from '../locales/mk/portal.json' with { type: 'json' };
import recommendations from '../locales/mk/recommendations.json' with { type: 'json' };
import consultation from '../locales/mk/consultation.json' with { type: 'json' };
import evaluations from '../locales/mk/evaluations.json' with { type: 'json' };
import operational from '../locales/mk/operational.json' with { type: 'json' };
import localPlans from '../locales/mk/local-plans.json' with { type: 'json' };
import { assembleCatalogue } from '../catalogue.ts';

/** The interface texts in mk, assembled as `catalogs.ts` describes. */
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
