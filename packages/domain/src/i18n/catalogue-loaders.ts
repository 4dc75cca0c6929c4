import type { Catalogue } from './catalogue.ts';
import type { Language } from './languages.ts';

// One module a language, fetched when it is needed: the web application loads English (every
// language falls back to it) and the language it shows, not all seven.
const LOADERS: Record<Language, () => Promise<{ default: Catalogue }>> = {
  en: () => import('./catalogues/en.ts'),
  sq: () => import('./catalogues/sq.ts'),
  bs: () => import('./catalogues/bs.ts'),
  'sr-Latn': () => import('./catalogues/sr-Latn.ts'),
  'sr-Cyrl': () => import('./catalogues/sr-Cyrl.ts'),
  cnr: () => import('./catalogues/cnr.ts'),
  mk: () => import('./catalogues/mk.ts'),
};

/** The catalogue of one language, loaded on demand (the same texts as `CATALOGUES[language]`). */
export async function loadCatalogue(language: Language): Promise<Catalogue> {
  return (await LOADERS[language]()).default;
}
