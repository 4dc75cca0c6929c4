/**
 * The languages of Ariadne's interface, and the locale each formats numbers, dates and money in.
 * Montenegrin has no formatting data of its own: it formats as Serbian (Latin) in Montenegro.
 */
export const LANGUAGES = ['en', 'sq', 'bs', 'sr-Latn', 'sr-Cyrl', 'cnr', 'mk'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'en';

/** Each language's name in itself, for the language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  sq: 'Shqip',
  bs: 'Bosanski',
  'sr-Latn': 'Srpski (latinica)',
  'sr-Cyrl': 'Српски (ћирилица)',
  cnr: 'Crnogorski',
  mk: 'Македонски',
};

const FORMATTING_LOCALES: Record<Language, string> = {
  en: 'en-GB',
  sq: 'sq',
  bs: 'bs',
  'sr-Latn': 'sr-Latn',
  'sr-Cyrl': 'sr-Cyrl',
  cnr: 'sr-Latn-ME',
  mk: 'mk',
};

/** Tells whether a string names one of the interface languages. */
export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/** The BCP 47 locale whose conventions a language's readers expect for numbers, dates and money. */
export function formattingLocale(language: Language): string {
  return FORMATTING_LOCALES[language];
}

/**
 * Picks the best interface language for an Accept-Language header or a list of preferred tags:
 * exact matches first, then by script (`sr-Cyrl-RS` → `sr-Cyrl`), then by base language
 * (`sr` → `sr-Latn`, `me` region → `cnr`).
 */
export function negotiateLanguage(preferences: readonly string[] | string | undefined): Language {
  const tags =
    typeof preferences === 'string'
      ? preferences
          .split(',')
          .map((part) => {
            const [tag = '', ...params] = part.trim().split(';');
            const q = params.find((p) => p.trim().startsWith('q='));
            return { tag: tag.trim(), q: q ? Number(q.trim().slice(2)) : 1 };
          })
          .filter((entry) => entry.tag !== '' && entry.tag !== '*' && Number.isFinite(entry.q) && entry.q > 0)
          .sort((a, b) => b.q - a.q)
          .map((entry) => entry.tag)
      : (preferences ?? []);
  for (const raw of tags) {
    const match = matchLanguage(raw);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}

function matchLanguage(raw: string): Language | undefined {
  const tag = raw.toLowerCase();
  const exact = LANGUAGES.find((language) => language.toLowerCase() === tag);
  if (exact) return exact;
  const [base, ...rest] = tag.split('-');
  if (base === 'cnr' || (base === 'sr' && rest.includes('me'))) return 'cnr';
  if (base === 'sr') return rest.includes('cyrl') ? 'sr-Cyrl' : 'sr-Latn';
  if (base === 'hr' || base === 'sh') return 'bs';
  return LANGUAGES.find((language) => language === base);
}
