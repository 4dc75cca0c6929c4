/** A catalogue: nested objects whose leaves are ICU messages. */
export type Catalogue = { [key: string]: string | Catalogue };

/** The files of one language's texts (`locales/<language>/*.json`). */
export type CatalogueParts = {
  core: Catalogue;
  app: Catalogue;
  review: Catalogue;
  editor: Catalogue;
  workbook: Catalogue;
  insight: Catalogue;
  monitoring: Catalogue;
  reporting: Catalogue;
  templates: Catalogue;
  reminders: Catalogue;
  results: Catalogue;
  documents: Catalogue;
  portal: Catalogue;
  recommendations: Catalogue;
  consultation: Catalogue;
  evaluations: Catalogue;
  operational: Catalogue;
  localPlans: Catalogue;
};

/** One language's catalogue from its files, laid out as `catalogs.ts` describes: every part other than `core`, `app` and `review` sits under `app` by its name. */
export function assembleCatalogue(parts: CatalogueParts): Catalogue {
  const { core, app, review, ...underApp } = parts;
  return { ...core, app: { ...app, ...underApp }, review };
}
