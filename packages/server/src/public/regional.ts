import {
  PORTAL_TEXTS,
  PRINCIPLES,
  sharedIndicatorChart,
  type Area,
  type Language,
  type RegionalResult,
  type SharedIndicator,
  type SharedIndicatorEntry,
  type SharedIndicatorSummary,
  type ThematicComparison,
  type Translate,
} from '@ariadne/domain';
import { renderChartSvg } from '../charts/render.ts';
import { html, raw, type Html, type HtmlValue } from './html.ts';
import { formatsOf, href, page, portalBase } from './layout.ts';

// The pages of the portal that are not one Participant's: the list of public portals and the
// regional picture (the seed's tables of §2.1 and §2.4, the thematic structures side by side and
// the indicators several Participants share), written on the server from published data only.

export type RegionalContext = { language: Language; t: Translate; path: string; keep?: Record<string, string> };

export type RegionalPageData = { picture: RegionalResult; structures: ThematicComparison; indicators: SharedIndicatorSummary[] };

/** Everything a page of the regional picture writes with, made once per page. */
function writer(context: RegionalContext) {
  const formats = formatsOf(context.language, 'EUR');
  return {
    date: (value: string) => formats.date(value),
    number: (value: number) => formats.number(value),
    years: (start: number, end: number) => context.t('app.plans.years', { start, end }),
  };
}

function areaName(t: Translate, area: Area): string {
  return t(`app.areas.${area}`);
}

function inForceTable(context: RegionalContext, picture: RegionalResult, date: string): Html {
  const { t, language } = context;
  const write = writer(context);
  return html`<h2>${t('app.insight.regional.inForceTitle')}</h2>
    <div class="table-wrap" tabindex="0" role="region" aria-label="${t('app.insight.regional.inForceCaption', { date })}">
      <table>
        <caption>
          ${t('app.insight.regional.inForceCaption', { date })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('app.insight.regional.participant')}</th>
            <th scope="col">${t('app.insight.regional.strategy')}</th>
            <th scope="col">${t('app.insight.regional.actionPlans')}</th>
          </tr>
        </thead>
        <tbody>
          ${picture.participants.map(
            (participant) =>
              html`<tr>
                <th scope="row"><a href="${href(language, portalBase(participant.code))}">${participant.name}</a></th>
                <td>
                  ${
                    participant.validStrategies.length > 0
                      ? html`<ul>
                          ${participant.validStrategies.map(
                            (strategy) => html`<li>${strategy.title} (${write.years(strategy.periodStart, strategy.periodEnd)})</li>`,
                          )}
                        </ul>`
                      : html`<span class="muted">${t('app.insight.regional.noStrategy')}</span> ${
                            participant.expiredStrategy
                              ? html`<br />${t('app.insight.regional.expired', {
                                    title: participant.expiredStrategy.title,
                                    period: write.years(participant.expiredStrategy.periodStart, participant.expiredStrategy.periodEnd),
                                  })}`
                              : ''
                          }`
                  }
                </td>
                <td>
                  ${
                    participant.validActionPlans.length > 0
                      ? html`<ul>
                          ${participant.validActionPlans.map(
                            (plan) =>
                              html`<li>
                                ${t('app.insight.regional.actionPlan', { title: plan.title, start: write.date(plan.start), end: write.date(plan.end) })}
                              </li>`,
                          )}
                        </ul>`
                      : html`<span class="muted">${t('app.insight.regional.noActionPlan')}</span>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

function principlesMatrix(context: RegionalContext, picture: RegionalResult, date: string): Html {
  const { t } = context;
  const write = writer(context);
  const declared = picture.participants.map((participant) => new Set<string>(participant.principles));
  return html`<h2>${t('app.insight.regional.principlesTitle')}</h2>
    <p>${t('app.insight.regional.principlesIntro')}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="${t('app.insight.regional.principlesCaption', { date })}">
      <table class="matrix">
        <caption>
          ${t('app.insight.regional.principlesCaption', { date })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('app.insight.regional.principle')}</th>
            ${picture.participants.map((participant) => html`<th scope="col">${participant.name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${PRINCIPLES.map(
            (principle) =>
              html`<tr>
                <th scope="row">${t(`app.insight.principles.${principle}`)}</th>
                ${declared.map((set) =>
                  set.has(principle)
                    ? html`<td class="yes"><span aria-hidden="true">✓ </span>${t('app.insight.regional.declared')}</td>`
                    : html`<td class="no"><span aria-hidden="true">– </span>${t('app.insight.regional.notDeclared')}</td>`,
                )}
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">${t('app.insight.regional.declaredTotal')}</th>
            ${picture.participants.map(
              (participant) =>
                html`<td>
                  ${t('app.insight.regional.declaredCount', {
                    count: write.number(participant.principles.length),
                    total: write.number(PRINCIPLES.length),
                  })}
                </td>`,
            )}
          </tr>
        </tfoot>
      </table>
    </div>`;
}

function structuresTable(context: RegionalContext, structures: ThematicComparison, date: string): Html {
  const { t } = context;
  const fourP = structures.areas.slice(0, 4);
  const beyond = structures.areas.slice(4);
  const rows = (areas: readonly Area[]): HtmlValue =>
    areas.map(
      (area) =>
        html`<tr>
          <th scope="row">${areaName(t, area)}</th>
          ${structures.participants.map((participant) => {
            if (participant.strategy === null) return html`<td class="muted">${t('app.insight.regional.noStructure')}</td>`;
            const goals = participant.goals.filter((goal) => goal.area === area);
            if (goals.length === 0) return html`<td class="muted">${t('app.insight.regional.noArea')}</td>`;
            return html`<td>
              <ul>
                ${goals.map(
                  (goal) => html`<li>${t('app.insight.regional.goal', { position: goal.position, label: goal.label ?? goal.title })}</li>`,
                )}
              </ul>
            </td>`;
          })}
        </tr>`,
    );
  const span = structures.participants.length + 1;
  return html`<h2>${t('app.insight.regional.structuresTitle')}</h2>
    <p>${t('app.insight.regional.structuresIntro')}</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="${t('app.insight.regional.structuresCaption', { date })}">
      <table class="matrix">
        <caption>
          ${t('app.insight.regional.structuresCaption', { date })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('app.insight.regional.area')}</th>
            ${structures.participants.map(
              (participant) =>
                html`<th scope="col">
                  ${participant.name}${participant.strategy ? html`<br /><span class="meta">${participant.strategy.title}</span>` : ''}
                </th>`,
            )}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="rowgroup" colspan="${span}" class="group">${t('app.insight.regional.fourP')}</th>
          </tr>
          ${rows(fourP)}
        </tbody>
        ${
          beyond.length > 0
            ? html`<tbody>
                <tr>
                  <th scope="rowgroup" colspan="${span}" class="group">${t('app.insight.regional.beyondFourP')}</th>
                </tr>
                ${rows(beyond)}
              </tbody>`
            : ''
        }
      </table>
    </div>`;
}

function sharedValue(context: RegionalContext, entry: SharedIndicatorEntry, value: number | null, small: boolean, measure: string): string {
  if (small) return `< ${entry.threshold}`;
  if (value === null) return '–';
  const number = writer(context).number(value);
  return measure === 'percentage' ? `${number} %` : number;
}

function sharedIndicatorBody(context: RegionalContext, indicator: SharedIndicator): Html {
  const { t, language } = context;
  const svg = indicator.years.length > 0 ? renderChartSvg(sharedIndicatorChart(indicator, { language }), { width: 720 }) : null;
  const captionId = 'shared-caption';
  return html` <h1>${indicator.name}</h1>
    ${indicator.unit ? html`<p class="meta">${t('app.insight.regional.unit', { unit: indicator.unit })}</p>` : ''}
    ${svg ? html`<figure aria-labelledby="${captionId}"><div aria-hidden="true">${raw(svg)}</div></figure>` : ''}
    <div class="table-wrap" tabindex="0" role="region" aria-label="${t('app.insight.regional.indicatorCaption', { name: indicator.name })}">
      <table>
        <caption id="${captionId}">
          ${t('app.insight.regional.indicatorCaption', { name: indicator.name })}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('app.insight.regional.participant')}</th>
            <th scope="col" class="num">${t('app.insight.regional.baseline')}</th>
            ${indicator.years.map((year) => html`<th scope="col" class="num">${year}</th>`)}
            <th scope="col" class="num">${t('app.insight.regional.target')}</th>
          </tr>
        </thead>
        <tbody>
          ${indicator.participants.map((entry) => {
            const byYear = new Map(entry.values.map((value) => [value.year, value]));
            return html`<tr>
              <th scope="row">${entry.participant.name}</th>
              <td class="num">
                ${
                  entry.baseline
                    ? t('app.insight.regional.valueInYear', {
                        value: sharedValue(context, entry, entry.baseline.value, entry.baseline.small, indicator.measure),
                        year: entry.baseline.year,
                      })
                    : '–'
                }
              </td>
              ${indicator.years.map((year) => {
                const value = byYear.get(year);
                return html`<td class="num">${value ? sharedValue(context, entry, value.value, value.small, indicator.measure) : '–'}</td>`;
              })}
              <td class="num">
                ${
                  entry.target
                    ? t('app.insight.regional.valueInYear', {
                        value: sharedValue(context, entry, entry.target.value, false, indicator.measure),
                        year: entry.target.year,
                      })
                    : '–'
                }
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
}

function indicatorsPart(context: RegionalContext, indicators: readonly SharedIndicatorSummary[], asOf: string, date: string): Html {
  const { t, language } = context;
  const caption = t(PORTAL_TEXTS.sharedCaption, { date });
  return html`<h2>${t('app.insight.regional.indicatorsTitle')}</h2>
    <p>${t('app.insight.regional.indicatorsIntro')}</p>
    ${
      indicators.length === 0
        ? html`<p>${t('app.insight.regional.indicatorsNone')}</p>`
        : html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}">
            <table>
              <caption>
                ${caption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t(PORTAL_TEXTS.sharedIndicator)}</th>
                  <th scope="col">${t(PORTAL_TEXTS.sharedUnit)}</th>
                  <th scope="col">${t(PORTAL_TEXTS.sharedParticipants)}</th>
                </tr>
              </thead>
              <tbody>
                ${indicators.map(
                  (indicator) =>
                    html`<tr>
                      <th scope="row">
                        <a href="${href(language, '/public/region/indicator', { asOf, key: indicator.key })}">${indicator.name}</a>
                      </th>
                      <td>${indicator.unit ?? '–'}</td>
                      <td>${indicator.participants.map((participant) => participant.name).join(', ')}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}

/** `/public/region/indicator?key=&asOf=`: one indicator several Participants share, compared year by year. */
export function sharedIndicatorPage(context: RegionalContext, indicator: SharedIndicator, asOf: string): Html {
  const { t, language } = context;
  const body = html`<p><a href="${href(language, '/public/region', { asOf })}">${t(PORTAL_TEXTS.backToPicture)}</a></p>
    ${sharedIndicatorBody(context, indicator)}
    <p class="note">${t('app.insight.regional.smallCountsNote')}</p>`;
  return page(context, { title: indicator.name, current: 'region', body });
}

/** `/public/region?asOf=`: the regional picture of what the Participants have published. */
export function regionalPage(context: RegionalContext, data: RegionalPageData): Html {
  const { t, language } = context;
  const date = writer(context).date(data.picture.asOf);
  const title = t('app.insight.regional.title');
  const body = html`<h1>${title}</h1>
    <p>${t('app.insight.regional.intro')} ${t(PORTAL_TEXTS.regionalPublished)}</p>
    <form method="get" action="/public/region" class="as-of">
      <input type="hidden" name="lang" value="${language}" />
      <label for="as-of">${t(PORTAL_TEXTS.asOf)}</label>
      <input id="as-of" name="asOf" type="date" value="${data.picture.asOf}" required />
      <button type="submit">${t(PORTAL_TEXTS.show)}</button>
    </form>
    ${
      data.picture.participants.length === 0
        ? html`<p>${t('app.insight.regional.none')}</p>`
        : html`${inForceTable(context, data.picture, date)} ${principlesMatrix(context, data.picture, date)}
          ${structuresTable(context, data.structures, date)} ${indicatorsPart(context, data.indicators, data.picture.asOf, date)}`
    }`;
  return page(context, { title, current: 'region', body });
}

/** `/public`: the Participants that have published something, each with a link to its portal. */
export function portalsPage(context: RegionalContext, participants: readonly { code: string; name: string; published: number }[]): Html {
  const { t, language } = context;
  const title = t(PORTAL_TEXTS.portalsNav);
  const body = html`<h1>${title}</h1>
    <p>${t(PORTAL_TEXTS.portalsIntro)}</p>
    ${
      participants.length === 0
        ? html`<p>${t(PORTAL_TEXTS.portalsNone)}</p>`
        : html`<ul class="portals">
            ${participants.map(
              (participant) =>
                html`<li>
                  <a href="${href(language, portalBase(participant.code))}">${participant.name}</a>
                  <span class="meta">${t(PORTAL_TEXTS.publishedItems, { count: participant.published })}</span>
                </li>`,
            )}
          </ul>`
    }
    <p><a href="${href(language, '/public/region')}">${t('app.insight.regional.card')}</a></p>`;
  return page(context, { title, current: 'portals', body });
}
