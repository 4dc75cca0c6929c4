import i18next, { type Resource } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next, useTranslation } from 'react-i18next';
import {
  DEFAULT_LANGUAGE,
  LANGUAGES,
  formattingLocale,
  isLanguage,
  loadCatalogue,
  negotiateLanguage,
  type Language,
} from '@ariadne/domain';
import { ensureIntl } from './intl.ts';

const STORAGE_KEY = 'ariadne.language';

/** The web application's own i18next instance; every text on screen comes from it. */
export const i18n = i18next.createInstance();

/**
 * Fetches the texts of a language (and of English, which every language falls back to) unless they
 * are loaded already: the application carries one language module at a time, not all seven.
 */
const loadedLanguages = new Set<Language>();

async function loadTexts(language: Language): Promise<Resource> {
  const wanted = language === DEFAULT_LANGUAGE ? [language] : [DEFAULT_LANGUAGE, language];
  const missing = wanted.filter((lng) => !loadedLanguages.has(lng));
  const loaded = await Promise.all(missing.map(async (lng) => [lng, await loadCatalogue(lng)] as const));
  for (const [lng, catalogue] of loaded) {
    if (i18n.isInitialized) i18n.addResourceBundle(lng, 'translation', catalogue);
    loadedLanguages.add(lng);
  }
  return Object.fromEntries(loaded.map(([lng, catalogue]) => [lng, { translation: catalogue }]));
}

function readStoredLanguage(): Language | undefined {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return stored !== null && isLanguage(stored) ? stored : undefined;
  } catch {
    // Storage can be switched off by the browser's privacy settings; the language then lasts the visit.
    return undefined;
  }
}

/** The language to start in: the one chosen last time on this browser, else the browser's preference. */
export function initialLanguage(): Language {
  return readStoredLanguage() ?? negotiateLanguage(typeof navigator === 'undefined' ? [] : navigator.languages);
}

/** The language the interface is shown in now. */
export function currentLanguage(): Language {
  const language = i18n.language;
  return language !== undefined && isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/**
 * Loads Intl data for a language; if the data cannot be fetched, the interface still appears in
 * that language, with the browser's own (possibly foreign) number and date conventions.
 */
async function prepareIntl(language: Language): Promise<void> {
  try {
    await ensureIntl(language);
  } catch {
    // Nothing more to do: a later switch to this language tries the download again.
  }
}

/** Sets up i18next with the shared catalogues and Intl for the starting language; await it before the first render. */
export async function initI18n(language: Language): Promise<void> {
  const [resources] = await Promise.all([loadTexts(language), prepareIntl(language)]);
  if (!i18n.isInitialized) {
    await i18n
      .use(
        new ICU({
          // Plural and number rules follow the formatting locale: `cnr` has no CLDR data of its own.
          parseLngForICU: (lng: string) => (isLanguage(lng) ? formattingLocale(lng) : lng),
        }),
      )
      .use(initReactI18next)
      .init({
        resources,
        lng: language,
        fallbackLng: DEFAULT_LANGUAGE,
        supportedLngs: [...LANGUAGES],
        load: 'currentOnly',
        nsSeparator: false,
        interpolation: { escapeValue: false },
        react: { useSuspense: false },
      });
  } else {
    await i18n.changeLanguage(language);
  }
  document.documentElement.lang = language;
}

/**
 * Switches the interface language: loads the formatting data first, so that nothing renders
 * with the wrong conventions, then re-renders, sets `<html lang>` and remembers the choice.
 */
export async function switchLanguage(language: Language): Promise<void> {
  await Promise.all([loadTexts(language), prepareIntl(language)]);
  await i18n.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See readStoredLanguage: without storage the choice is not remembered on this browser.
  }
}

/** The current language and the `t` function, re-rendering the component when the language changes. */
export function useLanguage(): { language: Language; t: ReturnType<typeof useTranslation>['t'] } {
  const { t, i18n: instance } = useTranslation();
  const language = isLanguage(instance.language) ? instance.language : DEFAULT_LANGUAGE;
  return { language, t };
}
