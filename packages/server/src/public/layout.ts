import { LANGUAGES, LANGUAGE_NAMES, PORTAL_TEXTS, formattingLocale, fromMinorUnits, type Language, type Translate } from '@ariadne/domain';
import type { Publication } from '@ariadne/db';
import { html, type Html, type HtmlValue } from './html.ts';

/** What every page of a Participant's portal knows: who, in which language, what is published. */
export type PortalContext = {
  participant: { code: string; name: string; currency: string };
  language: Language;
  t: Translate;
  publications: Publication[];
  threshold: number;
  /** The page's own path, for the language switcher. */
  path: string;
  /** Query parameters of the page other than the language, kept by the language switcher. */
  keep?: Record<string, string>;
};

/** A path with the page's language (and any other parameters), so that links keep the language. */
export function href(language: Language, path: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams({ ...params, lang: language });
  return `${path}?${query.toString()}`;
}

/** The base path of a Participant's portal. */
export function portalBase(participant: string): string {
  return `/public/${encodeURIComponent(participant)}`;
}

/**
 * Number, money and date formats of a language, made once: a national plan's page writes thousands
 * of figures, and making an Intl format costs far more than using one. Same output as the domain's
 * `formatNumber`, `formatMoney` and `formatDate`.
 */
export type Formats = { number(value: number): string; money(minor: number): string; date(value: string): string };

const FORMATS = new Map<string, Formats>();

export function formatsOf(language: Language, currency: string): Formats {
  const key = `${language} ${currency}`;
  let formats = FORMATS.get(key);
  if (!formats) {
    const locale = formattingLocale(language);
    const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    const money = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
    formats = {
      number: (value) => number.format(value),
      money: (minor) => money.format(fromMinorUnits(minor)),
      date: (value) => dates.format(/^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value)),
    };
    FORMATS.set(key, formats);
  }
  return formats;
}

export function date(context: Pick<PortalContext, 'language' | 'participant'>, value: string): string {
  return formatsOf(context.language, context.participant.currency).date(value);
}

/** The sections a portal page can be in, for the navigation's current page. */
export type PortalSection = 'home' | 'data' | 'portals' | 'region';

/** A whole page: language, skip link, header with the portal's sections, main, the language switcher. */
export function page(
  context: PortalContext | { language: Language; t: Translate; path: string; keep?: Record<string, string>; participant?: undefined },
  input: { title: string; current?: PortalSection; body: HtmlValue },
): Html {
  const { t, language } = context;
  const base = context.participant ? portalBase(context.participant.code) : null;
  // A Participant's portal leads to its published items and open data; every page leads to the
  // list of portals and to the regional picture.
  const sections: { id: PortalSection; path: string; text: string }[] = [
    ...(base
      ? [
          { id: 'home' as const, path: base, text: t(PORTAL_TEXTS.home) },
          { id: 'data' as const, path: `${base}/data`, text: t(PORTAL_TEXTS.openData) },
        ]
      : []),
    { id: 'portals', path: '/public', text: t(PORTAL_TEXTS.portalsNav) },
    { id: 'region', path: '/public/region', text: t(PORTAL_TEXTS.regionalNav) },
  ];
  const keep = 'keep' in context ? context.keep : undefined;
  const portalName = context.participant ? t(PORTAL_TEXTS.portalOf, { name: context.participant.name }) : t('app.productName');
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${input.title} · ${portalName}</title>
        <link rel="stylesheet" href="/public/assets/portal.css" />
      </head>
      <body>
        <a class="skip" href="#content">${t(PORTAL_TEXTS.skipLink)}</a>
        <header>
          <p class="site">${base ? html`<a href="${href(language, base)}">${portalName}</a>` : portalName}</p>
          <nav aria-label="${t(PORTAL_TEXTS.mainNav)}">
            <ul>
              ${sections.map(
                (section) =>
                  html`<li>
                    <a href="${href(language, section.path)}" ${input.current === section.id ? html` aria-current="page"` : ''}
                      >${section.text}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
        </header>
        <main id="content" tabindex="-1">${input.body}</main>
        <footer>
          <nav aria-label="${t(PORTAL_TEXTS.languages)}">
            <ul>
              ${LANGUAGES.map(
                (other) =>
                  html`<li>
                    <a
                      href="${href(other, context.path, keep)}"
                      lang="${other}"
                      hreflang="${other}"
                      ${other === language ? html` aria-current="true"` : ''}
                      >${LANGUAGE_NAMES[other]}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
        </footer>
      </body>
    </html> `;
}
