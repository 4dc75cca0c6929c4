import { IntlMessageFormat } from 'intl-messageformat';
import en from './catalogues/en.ts';
import sq from './catalogues/sq.ts';
import bs from './catalogues/bs.ts';
import srLatn from './catalogues/sr-Latn.ts';
import srCyrl from './catalogues/sr-Cyrl.ts';
import cnr from './catalogues/cnr.ts';
import mk from './catalogues/mk.ts';
import type { Catalogue } from './catalogue.ts';
import { DEFAULT_LANGUAGE, formattingLocale, type Language } from './languages.ts';

export type { Catalogue } from './catalogue.ts';

/**
 * The message catalogues of every interface language, shared by the web application, the server
 * and the command line. `core` holds what every part shows (errors, roles, field problems);
 * `app` holds the web application's own texts, under the `app.` prefix, with the plan editor's
 * (`editor.json`), the Excel workbooks' (`workbook.json`), the charts and overviews'
 * (`insight.json`), the monitoring rounds' (`monitoring.json`), the focal points' report form
 * (`reporting.json`), the Excel reporting templates' (`templates.json`), the reminders'
 * (`reminders.json`), the indicator and activity results' (`results.json`), the generated
 * documents' (`documents.json`) and the public portal's (`portal.json`) under `app.<file>.`;
 * `review` the plan
 * review's findings and explanations, under `review.`. Each language is assembled in its own module
 * (`catalogues/<language>.ts`), so that the browser can load only the languages it shows
 * ({@link loadCatalogue}).
 */
export const CATALOGUES: Record<Language, Catalogue> = {
  en: en,
  sq: sq,
  bs: bs,
  'sr-Latn': srLatn,
  'sr-Cyrl': srCyrl,
  cnr: cnr,
  mk: mk,
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
