import { IntlMessageFormat } from 'intl-messageformat';
import enCore from './locales/en/core.json' with { type: 'json' };
import enApp from './locales/en/app.json' with { type: 'json' };
import enReview from './locales/en/review.json' with { type: 'json' };
import sqCore from './locales/sq/core.json' with { type: 'json' };
import sqApp from './locales/sq/app.json' with { type: 'json' };
import sqReview from './locales/sq/review.json' with { type: 'json' };
import bsCore from './locales/bs/core.json' with { type: 'json' };
import bsApp from './locales/bs/app.json' with { type: 'json' };
import bsReview from './locales/bs/review.json' with { type: 'json' };
import srLatnCore from './locales/sr-Latn/core.json' with { type: 'json' };
import srLatnApp from './locales/sr-Latn/app.json' with { type: 'json' };
import srLatnReview from './locales/sr-Latn/review.json' with { type: 'json' };
import srCyrlCore from './locales/sr-Cyrl/core.json' with { type: 'json' };
import srCyrlApp from './locales/sr-Cyrl/app.json' with { type: 'json' };
import srCyrlReview from './locales/sr-Cyrl/review.json' with { type: 'json' };
import cnrCore from './locales/cnr/core.json' with { type: 'json' };
import cnrApp from './locales/cnr/app.json' with { type: 'json' };
import cnrReview from './locales/cnr/review.json' with { type: 'json' };
import mkCore from './locales/mk/core.json' with { type: 'json' };
import mkApp from './locales/mk/app.json' with { type: 'json' };
import mkReview from './locales/mk/review.json' with { type: 'json' };
import { DEFAULT_LANGUAGE, formattingLocale, type Language } from './languages.ts';

/** A catalogue: nested objects whose leaves are ICU messages. */
export type Catalogue = { [key: string]: string | Catalogue };

/**
 * The message catalogues of every interface language, shared by the web application, the server
 * and the command line. `core` holds what every part shows (errors, roles, field problems);
 * `app` holds the web application's own texts, under the `app.` prefix; `review` the plan
 * review's findings and explanations, under `review.`.
 */
export const CATALOGUES: Record<Language, Catalogue> = {
  en: { ...enCore, app: enApp, review: enReview },
  sq: { ...sqCore, app: sqApp, review: sqReview },
  bs: { ...bsCore, app: bsApp, review: bsReview },
  'sr-Latn': { ...srLatnCore, app: srLatnApp, review: srLatnReview },
  'sr-Cyrl': { ...srCyrlCore, app: srCyrlApp, review: srCyrlReview },
  cnr: { ...cnrCore, app: cnrApp, review: cnrReview },
  mk: { ...mkCore, app: mkApp, review: mkReview },
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
