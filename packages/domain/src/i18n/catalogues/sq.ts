import core from '../locales/sq/core.json' with { type: 'json' };
import app from '../locales/sq/app.json' with { type: 'json' };
import review from '../locales/sq/review.json' with { type: 'json' };
import editor from '../locales/sq/editor.json' with { type: 'json' };
import workbook from '../locales/sq/workbook.json' with { type: 'json' };
import insight from '../locales/sq/insight.json' with { type: 'json' };
import monitoring from '../locales/sq/monitoring.json' with { type: 'json' };
import reporting from '../locales/sq/reporting.json' with { type: 'json' };
import templates from '../locales/sq/templates.json' with { type: 'json' };
import reminders from '../locales/sq/reminders.json' with { type: 'json' };
import results from '../locales/sq/results.json' with { type: 'json' };
import documents from '../locales/sq/documents.json' with { type: 'json' };
import portal from '../locales/sq/portal.json' with { type: 'json' };
import recommendations from '../locales/sq/recommendations.json' with { type: 'json' };
import consultation from '../locales/sq/consultation.json' with { type: 'json' };
import evaluations from '../locales/sq/evaluations.json' with { type: 'json' };
import operational from '../locales/sq/operational.json' with { type: 'json' };
import localPlans from '../locales/sq/local-plans.json' with { type: 'json' };
import { assembleCatalogue } from '../catalogue.ts';

/** The interface texts in sq, assembled as `catalogs.ts` describes. */
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
