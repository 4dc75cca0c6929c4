import { IntlMessageFormat } from 'intl-messageformat';
import enCore from './locales/en/core.json' with { type: 'json' };
import enApp from './locales/en/app.json' with { type: 'json' };
import enReview from './locales/en/review.json' with { type: 'json' };
import enEditor from './locales/en/editor.json' with { type: 'json' };
import enWorkbook from './locales/en/workbook.json' with { type: 'json' };
import enInsight from './locales/en/insight.json' with { type: 'json' };
import sqCore from './locales/sq/core.json' with { type: 'json' };
import sqApp from './locales/sq/app.json' with { type: 'json' };
import sqReview from './locales/sq/review.json' with { type: 'json' };
import sqEditor from './locales/sq/editor.json' with { type: 'json' };
import sqWorkbook from './locales/sq/workbook.json' with { type: 'json' };
import sqInsight from './locales/sq/insight.json' with { type: 'json' };
import bsCore from './locales/bs/core.json' with { type: 'json' };
import bsApp from './locales/bs/app.json' with { type: 'json' };
import bsReview from './locales/bs/review.json' with { type: 'json' };
import bsEditor from './locales/bs/editor.json' with { type: 'json' };
import bsWorkbook from './locales/bs/workbook.json' with { type: 'json' };
import bsInsight from './locales/bs/insight.json' with { type: 'json' };
import srLatnCore from './locales/sr-Latn/core.json' with { type: 'json' };
import srLatnApp from './locales/sr-Latn/app.json' with { type: 'json' };
import srLatnReview from './locales/sr-Latn/review.json' with { type: 'json' };
import srLatnEditor from './locales/sr-Latn/editor.json' with { type: 'json' };
import srLatnWorkbook from './locales/sr-Latn/workbook.json' with { type: 'json' };
import srLatnInsight from './locales/sr-Latn/insight.json' with { type: 'json' };
import srCyrlCore from './locales/sr-Cyrl/core.json' with { type: 'json' };
import srCyrlApp from './locales/sr-Cyrl/app.json' with { type: 'json' };
import srCyrlReview from './locales/sr-Cyrl/review.json' with { type: 'json' };
import srCyrlEditor from './locales/sr-Cyrl/editor.json' with { type: 'json' };
import srCyrlWorkbook from './locales/sr-Cyrl/workbook.json' with { type: 'json' };
import srCyrlInsight from './locales/sr-Cyrl/insight.json' with { type: 'json' };
import cnrCore from './locales/cnr/core.json' with { type: 'json' };
import cnrApp from './locales/cnr/app.json' with { type: 'json' };
import cnrReview from './locales/cnr/review.json' with { type: 'json' };
import cnrEditor from './locales/cnr/editor.json' with { type: 'json' };
import cnrWorkbook from './locales/cnr/workbook.json' with { type: 'json' };
import cnrInsight from './locales/cnr/insight.json' with { type: 'json' };
import mkCore from './locales/mk/core.json' with { type: 'json' };
import mkApp from './locales/mk/app.json' with { type: 'json' };
import mkReview from './locales/mk/review.json' with { type: 'json' };
import mkEditor from './locales/mk/editor.json' with { type: 'json' };
import mkWorkbook from './locales/mk/workbook.json' with { type: 'json' };
import mkInsight from './locales/mk/insight.json' with { type: 'json' };
import { DEFAULT_LANGUAGE, formattingLocale, type Language } from './languages.ts';

/** A catalogue: nested objects whose leaves are ICU messages. */
export type Catalogue = { [key: string]: string | Catalogue };

/**
 * The message catalogues of every interface language, shared by the web application, the server
 * and the command line. `core` holds what every part shows (errors, roles, field problems);
 * `app` holds the web application's own texts, under the `app.` prefix, with the plan editor's
 * (`editor.json`), the Excel workbooks' (`workbook.json`) and the charts and overviews'
 * (`insight.json`) under `app.editor.`, `app.workbook.` and `app.insight.`; `review` the plan
 * review's findings and explanations, under `review.`.
 */
export const CATALOGUES: Record<Language, Catalogue> = {
  en: { ...enCore, app: { ...enApp, editor: enEditor, workbook: enWorkbook, insight: enInsight }, review: enReview },
  sq: { ...sqCore, app: { ...sqApp, editor: sqEditor, workbook: sqWorkbook, insight: sqInsight }, review: sqReview },
  bs: { ...bsCore, app: { ...bsApp, editor: bsEditor, workbook: bsWorkbook, insight: bsInsight }, review: bsReview },
  'sr-Latn': {
    ...srLatnCore,
    app: { ...srLatnApp, editor: srLatnEditor, workbook: srLatnWorkbook, insight: srLatnInsight },
    review: srLatnReview,
  },
  'sr-Cyrl': {
    ...srCyrlCore,
    app: { ...srCyrlApp, editor: srCyrlEditor, workbook: srCyrlWorkbook, insight: srCyrlInsight },
    review: srCyrlReview,
  },
  cnr: { ...cnrCore, app: { ...cnrApp, editor: cnrEditor, workbook: cnrWorkbook, insight: cnrInsight }, review: cnrReview },
  mk: { ...mkCore, app: { ...mkApp, editor: mkEditor, workbook: mkWorkbook, insight: mkInsight }, review: mkReview },
};

/** Flattens a catalogue into `dotted.key → message`. */
export function flattenCatalogue(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') flat.set(path, value);
    else for (const [k, v] of flattenCatalogue(value, path)) flat.set(k, v);
  }
  return flat;
}

export type Translate = (key: string, params?: Record<string, string | number>) => string;

const flatCache = new Map<Language, Map<string, string>>();
const formatCache = new Map<string, IntlMessageFormat>();

function messagesOf(language: Language): Map<string, string> {
  let flat = flatCache.get(language);
  if (!flat) {
    flat = flattenCatalogue(CATALOGUES[language]);
    flatCache.set(language, flat);
  }
  return flat;
}

/** Returns a function that renders catalogue messages in the given language (falling back to English). */
export function translator(language: Language): Translate {
  const messages = messagesOf(language);
  const fallback = messagesOf(DEFAULT_LANGUAGE);
  return (key, params) => {
    const message = messages.get(key) ?? fallback.get(key);
    if (message === undefined) return key;
    const cacheKey = `${language}\u0000${key}`;
    let format = formatCache.get(cacheKey);
    if (!format) {
      format = new IntlMessageFormat(message, formattingLocale(language));
      formatCache.set(cacheKey, format);
    }
    return String(format.format(params));
  };
}
