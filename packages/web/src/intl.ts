import { shouldPolyfill as shouldPolyfillCanonicalLocales } from '@formatjs/intl-getcanonicallocales/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillLocale } from '@formatjs/intl-locale/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillPluralRules } from '@formatjs/intl-pluralrules/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillNumberFormat } from '@formatjs/intl-numberformat/should-polyfill.js';
import { shouldPolyfill as shouldPolyfillDateTimeFormat } from '@formatjs/intl-datetimeformat/should-polyfill.js';
import { formattingLocale, type Language } from '@ariadne/domain';

type Loader = () => Promise<unknown>;

/**
 * The FormatJS locale data each language needs. The imports are spelled out because the bundler
 * can only split static specifiers into chunks; each file is fetched only when the browser's own
 * Intl cannot format that language. Plural rules exist per base language only (`sr`, not
 * `sr-Latn-ME`); number and date data exist for the exact formatting locale.
 */
const LOCALE_DATA: Record<Language, { pluralRules: Loader; numberFormat: Loader; dateTimeFormat: Loader }> = {
  en: {
    pluralRules: () => import('@formatjs/intl-pluralrules/locale-data/en.js'),
    numberFormat: () => import('@formatjs/intl-numberformat/locale-data/en-GB.js'),
    dateTimeFormat: () => import('@formatjs/intl-datetimeformat/locale-data/en-GB.js'),
  },
  sq: {
    pluralRules: () => import('@formatjs/intl-pluralrules/locale-data/sq.js'),
    numberFormat: () => import('@formatjs/intl-numberformat/locale-data/sq.js'),
    dateTimeFormat: () => import('@formatjs/intl-datetimeformat/locale-data/sq.js'),
  },
  bs: {
    pluralRules: () => import('@formatjs/intl-pluralrules/locale-data/bs.js'),
    numberFormat: () => import('@formatjs/intl-numberformat/locale-data/bs.js'),
    dateTimeFormat: () => import('@formatjs/intl-datetimeformat/locale-data/bs.js'),
  },
  'sr-Latn': {
    pluralRules: () => import('@formatjs/intl-pluralrules/locale-data/sr.js'),
    numberFormat: () => import('@formatjs/intl-numberformat/locale-data/sr-Latn.js'),
    dateTimeFormat: () => import('@formatjs/intl-datetimeformat/locale-data/sr-Latn.js'),
  },
  'sr-Cyrl': {
    pluralRules: () => import('@formatjs/intl-pluralrules/locale-data/sr.js'),
    numberFormat: () => import('@formatjs/intl-numberformat/locale-data/sr-Cyrl.js'),
    dateTimeFormat: () => import('@formatjs/intl-datetimeformat/locale-data/sr-Cyrl.js'),
  },
  cnr: {
    pluralRules: () => import('@formatjs/intl-pluralrules/locale-data/sr.js'),
    numberFormat: () => import('@formatjs/intl-numberformat/locale-data/sr-Latn-ME.js'),
    dateTimeFormat: () => import('@formatjs/intl-datetimeformat/locale-data/sr-Latn-ME.js'),
  },
  mk: {
    pluralRules: () => import('@formatjs/intl-pluralrules/locale-data/mk.js'),
    numberFormat: () => import('@formatjs/intl-numberformat/locale-data/mk.js'),
    dateTimeFormat: () => import('@formatjs/intl-datetimeformat/locale-data/mk.js'),
  },
};

/** The FormatJS date polyfill adds these to `Intl.DateTimeFormat`; the native one has neither. */
type PolyfilledDateTimeFormat = typeof Intl.DateTimeFormat & { __setDefaultTimeZone?: (timeZone: string) => void };

/**
 * Tells whether the browser claims a locale but formats it from ICU's root data: Debian's
 * Chromium reports `bs` as supported yet writes "2026 M03 5" and "1,234.50". `should-polyfill`
 * only asks whether the locale is supported, so this looks at what is actually produced.
 */
function formatsFromRootData(locale: string): boolean {
  try {
    const parts = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).formatToParts(Date.UTC(2026, 2, 5));
    const month = parts.find((part) => part.type === 'month')?.value ?? '';
    return /^M\d+$/.test(month);
  } catch {
    return true;
  }
}

/**
 * The browser's own time zone, read before the date polyfill replaces `Intl.DateTimeFormat`:
 * the polyfill otherwise formats every time in UTC.
 */
const browserTimeZone = (() => {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
})();

async function keepBrowserTimeZone(): Promise<void> {
  const dateTimeFormat = Intl.DateTimeFormat as PolyfilledDateTimeFormat;
  if (browserTimeZone === undefined || typeof dateTimeFormat.__setDefaultTimeZone !== 'function') return;
  try {
    dateTimeFormat.__setDefaultTimeZone(browserTimeZone);
  } catch {
    // The zone is not among the common ("golden") ones: load every zone and try once more.
    await import('@formatjs/intl-datetimeformat/add-all-tz.js');
    try {
      dateTimeFormat.__setDefaultTimeZone(browserTimeZone);
    } catch {
      // An unknown zone name: times stay in UTC, which the polyfill labels correctly.
    }
  }
}

/** Tells whether an Intl constructor is already FormatJS's polyfill (which takes locale data). */
function isPolyfill(constructor: object): boolean {
  return '__addLocaleData' in constructor;
}

async function polyfill(language: Language): Promise<void> {
  const locale = formattingLocale(language);
  const data = LOCALE_DATA[language];
  // The order matters: each polyfill relies on the ones before it. Once a constructor is the
  // polyfill, the language's own data is always loaded: `should-polyfill` would otherwise accept
  // `sr-Cyrl` on the strength of `sr-Latn` data loaded earlier and format it in Latin script.
  if (shouldPolyfillCanonicalLocales()) await import('@formatjs/intl-getcanonicallocales/polyfill-force.js');
  if (shouldPolyfillLocale()) await import('@formatjs/intl-locale/polyfill-force.js');
  if (isPolyfill(Intl.PluralRules) || shouldPolyfillPluralRules(locale)) {
    await import('@formatjs/intl-pluralrules/polyfill-force.js');
    await data.pluralRules();
  }
  const rootOnly = formatsFromRootData(locale);
  if (isPolyfill(Intl.NumberFormat) || rootOnly || shouldPolyfillNumberFormat(locale)) {
    await import('@formatjs/intl-numberformat/polyfill-force.js');
    await data.numberFormat();
  }
  if (isPolyfill(Intl.DateTimeFormat) || rootOnly || shouldPolyfillDateTimeFormat(locale)) {
    const alreadyPolyfilled = isPolyfill(Intl.DateTimeFormat);
    await import('@formatjs/intl-datetimeformat/polyfill-force.js');
    await data.dateTimeFormat();
    if (!alreadyPolyfilled) {
      await import('@formatjs/intl-datetimeformat/add-golden-tz.js');
      await keepBrowserTimeZone();
    }
  }
}

let queue: Promise<void> = Promise.resolve();

/**
 * Makes sure `Intl` can format numbers, dates and plurals for a language, loading the FormatJS
 * polyfills and that language's data when the browser lacks them; call it before rendering in
 * that language.
 */
export function ensureIntl(language: Language): Promise<void> {
  // The check runs again on every switch rather than being remembered per language: once one
  // language has replaced `Intl.NumberFormat` with the polyfill, a language the browser handled
  // natively before needs the polyfill's data too (the imports themselves are cached). Calls run
  // one after another so that two quick switches do not interleave their imports.
  const next = queue.then(() => polyfill(language));
  queue = next.catch(() => undefined);
  return next;
}
