import core from '../locales/cnr/core.json' with { type: 'json' };
import app from '../locales/cnr/app.json' with { type: 'json' };
import review from '../locales/cnr/review.json' with { type: 'json' };
import editor from '../locales/cnr/editor.json' with { type: 'json' };
import workbook from '../locales/cnr/workbook.json' with { type: 'json' };
import insight from '../locales/cnr/insight.json' with { type: 'json' };
import monitoring from '../locales/cnr/monitoring.json' with { type: 'json' };
import reporting from '../locales/cnr/reporting.json' with { type: 'json' };
import templates from '../locales/cnr/templates.json' with { type: 'json' };
import reminders from '../locales/cnr/reminders.json' with { type: 'json' };
import results from '../locales/cnr/results.json' with { type: 'json' };
import documents from '../locales/cnr/documents.json' with { type: 'json' };
import portal from '../locales/cnr/portal.json' with { type: 'json' };
import recommendations from '../locales/cnr/recommendations.json' with { type: 'json' };
import consultation from '../locales/cnr/consultation.json' with { type: 'json' };
import evaluations from '../locales/cnr/evaluations.json' with { type: 'json' };
import operational from '../locales/cnr/operational.json' with { type: 'json' };
import localPlans from '../locales/cnr/local-plans.json' with { type: 'json' };
import { assembleCatalogue } from '../catalogue.ts';

/** The interface texts in cnr, assembled as `catalogs.ts` describes. */
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
