import core from '../locales/sr-Cyrl/core.json' with { type: 'json' };
import app from '../locales/sr-Cyrl/app.json' with { type: 'json' };
import review from '../locales/sr-Cyrl/review.json' with { type: 'json' };
import editor from '../locales/sr-Cyrl/editor.json' with { type: 'json' };
import workbook from '../locales/sr-Cyrl/workbook.json' with { type: 'json' };
import insight from '../locales/sr-Cyrl/insight.json' with { type: 'json' };
import monitoring from '../locales/sr-Cyrl/monitoring.json' with { type: 'json' };
import reporting from '../locales/sr-Cyrl/reporting.json' with { type: 'json' };
import templates from '../locales/sr-Cyrl/templates.json' with { type: 'json' };
import reminders from '../locales/sr-Cyrl/reminders.json' with { type: 'json' };
import results from '../locales/sr-Cyrl/results.json' with { type: 'json' };
import documents from '../locales/sr-Cyrl/documents.json' with { type: 'json' };
import portal from '../locales/sr-Cyrl/portal.json' with { type: 'json' };
import recommendations from '../locales/sr-Cyrl/recommendations.json' with { type: 'json' };
import consultation from '../locales/sr-Cyrl/consultation.json' with { type: 'json' };
import evaluations from '../locales/sr-Cyrl/evaluations.json' with { type: 'json' };
import operational from '../locales/sr-Cyrl/operational.json' with { type: 'json' };
import localPlans from '../locales/sr-Cyrl/local-plans.json' with { type: 'json' };
import { assembleCatalogue } from '../catalogue.ts';

/** The interface texts in sr-Cyrl, assembled as `catalogs.ts` describes. */
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
