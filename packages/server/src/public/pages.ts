import {
  PORTAL_TEXTS,
  indicatorSeries,
  indicatorSeriesChart,
  isSmallCount,
  planProgress,
  toMinorUnits,
  type Indicator,
  type PlanPackage,
} from '@ariadne/domain';
import type { Publication } from '@ariadne/db';
import { renderChartSvg } from '../charts/render.ts';
import { columnsOf, LICENCE, planIndicators, type DatasetKind } from './data.ts';
import { html, raw, type Html, type HtmlValue } from './html.ts';
import { date, formatsOf, href, page, portalBase, type PortalContext } from './layout.ts';

// The pages of a Participant's public portal, written on the server: no script runs in the reader's
// browser, the same HTML serves every reader.

function num(context: PortalContext, value: number): string {
  return formatsOf(context.language, context.participant.currency).number(value);
}

/** A translated label of the domain's vocabulary, or the value itself when the catalogue has none. */
function label(context: PortalContext, key: string, value: string): string {
  const text = context.t(key);
  return text === key ? value : text;
}

/** An indicator's value as the public sees it: "< 5" for a small count. */
export function figure(context: PortalContext, indicator: { measure: Indicator['measure'] }, value: number | null): string {
  if (value === null) return context.t(PORTAL_TEXTS.noValue);
  if (isSmallCount(indicator.measure, value, context.threshold)) return `< ${context.threshold}`;
  const number = num(context, value);
  return indicator.measure === 'percentage' ? `${number} %` : number;
}

function smallCountNote(context: PortalContext): HtmlValue {
  return context.threshold > 0 ? html`<p class="note">${context.t(PORTAL_TEXTS.smallCounts, { threshold: context.threshold })}</p>` : '';
}

function isPublished(context: PortalContext, kind: Publication['kind'], plan: string): boolean {
  return context.publications.some((publication) => publication.kind === kind && publication.plan === plan);
}

/** The dataset files of an action plan, by what is published of it. */
export function datasetsOf(
  context: PortalContext,
): { id: string; kind: DatasetKind | 'package'; plan: string; publication: Publication }[] {
  const datasets: { id: string; kind: DatasetKind | 'package'; plan: string; publication: Publication }[] = [];
  for (const publication of [...context.publications].reverse()) {
    if (publication.plan === null) continue;
    if (publication.kind === 'action_plan') {
      datasets.push({ id: `${publication.plan}-activities`, kind: 'activities', plan: publication.plan, publication });
      datasets.push({ id: `${publication.plan}-package`, kind: 'package', plan: publication.plan, publication });
    } else if (publication.kind === 'indicator_set') {
      datasets.push({ id: `${publication.plan}-indicators`, kind: 'indicators', plan: publication.plan, publication });
    }
  }
  return datasets;
}

/** A published resolution log of a consultation, as the portal's home page lists it. */
export type PublishedConsultationLog = { id: number; title: string; publishedAt: string };

/** `/public/{participant}`: what the Participant has published. */
export function homePage(context: PortalContext, consultations: readonly PublishedConsultationLog[] = []): Html {
  const { t, language } = context;
  const base = portalBase(context.participant.code);
  const section = (heading: string, kind: Publication['kind'], link: (publication: Publication) => string) => {
    const items = context.publications.filter((publication) => publication.kind === kind);
    if (items.length === 0) return '';
    return html`<section aria-labelledby="${kind}">
      <h2 id="${kind}">${heading}</h2>
      <ul class="items">
        ${items.map(
          (publication) =>
            html`<li>
              <a href="${link(publication)}"
                >${kind === 'indicator_set' ? t(PORTAL_TEXTS.indicatorsOf, { plan: publication.title }) : publication.title}</a
              >
              <span class="meta">${t(PORTAL_TEXTS.publishedOn, { date: date(context, publication.publishedAt) })}</span>
            </li>`,
        )}
      </ul>
    </section>`;
  };
  const body = html`<h1>${t(PORTAL_TEXTS.home)}</h1>
    <p>${t(PORTAL_TEXTS.homeIntro, { name: context.participant.name })}</p>
    ${section(t(PORTAL_TEXTS.strategies), 'strategy', (p) => href(language, `${base}/strategies/${encodeURIComponent(p.strategy ?? '')}`))}
    ${section(t(PORTAL_TEXTS.actionPlans), 'action_plan', (p) => href(language, `${base}/plans/${encodeURIComponent(p.plan ?? '')}`))}
    ${section(t(PORTAL_TEXTS.indicatorSets), 'indicator_set', (p) =>
      href(language, `${base}/plans/${encodeURIComponent(p.plan ?? '')}/indicators`),
    )}
    ${section(t(PORTAL_TEXTS.reports), 'implementation_report', (p) => href(language, `${base}/reports/${p.documentRun ?? 0}`))}
    ${
      consultations.length === 0
        ? ''
        : html`<section aria-labelledby="consultations">
            <h2 id="consultations">${t(PORTAL_TEXTS.consultations)}</h2>
            <ul class="items">
              ${consultations.map(
                (log) =>
                  html`<li>
                    <a href="${href(language, `${base}/consultations/${log.id}`)}">${log.title}</a>
                    <span class="meta">${t(PORTAL_TEXTS.publishedOn, { date: date(context, log.publishedAt) })}</span>
                  </li>`,
              )}
            </ul>
          </section>`
    }
    <p><a href="${href(language, `${base}/data`)}">${t(PORTAL_TEXTS.openData)}</a></p>`;
  return page(context, { title: t(PORTAL_TEXTS.home), current: 'home', body });
}

/** `/public/{participant}/strategies/{strategy}`: the strategy's goals, objectives and their indicators. */
export function strategyPage(context: PortalContext, pkg: PlanPackage): Html {
  const { t } = context;
  const strategy = pkg.strategy;
  const body = html`<h1>${strategy.title}</h1>
    <p class="meta">
      ${t(PORTAL_TEXTS.strategyPeriod, { start: strategy.periodStart, end: strategy.periodEnd })} · ${t(PORTAL_TEXTS.status)}:
      ${label(context, `app.documentStatus.${strategy.status}`, strategy.status)}
    </p>
    ${smallCountNote(context)}
    ${strategy.goals.map(
      (goal) =>
        html`<section aria-labelledby="goal-${goal.id}">
          <h2 id="goal-${goal.id}">${t(PORTAL_TEXTS.goal, { code: goal.id, title: goal.title })}</h2>
          ${goal.objectives.map(
            (objective) =>
              html`<h3>${t(PORTAL_TEXTS.objective, { code: objective.id, title: objective.title })}</h3>
                ${objective.indicators && objective.indicators.length > 0 ? indicatorTable(context, objective.indicators, new Map(), null) : ''}`,
          )}
        </section>`,
    )}`;
  return page(context, { title: strategy.title, body });
}

function indicatorTable(
  context: PortalContext,
  indicators: readonly Indicator[],
  actual: ReadonlyMap<string, number | null>,
  plan: string | null,
): Html {
  const { t, language } = context;
  const linked = plan !== null && isPublished(context, 'indicator_set', plan);
  const base = portalBase(context.participant.code);
  const showActual = plan !== null;
  return html`<table>
    <thead>
      <tr>
        <th scope="col">${t(PORTAL_TEXTS.indicator)}</th>
        <th scope="col" class="num">${t(PORTAL_TEXTS.baseline)}</th>
        ${showActual ? html`<th scope="col" class="num">${t(PORTAL_TEXTS.latest)}</th>` : ''}
        <th scope="col" class="num">${t(PORTAL_TEXTS.target)}</th>
      </tr>
    </thead>
    <tbody>
      ${indicators.map((indicator) => {
        const name = `${indicator.id} ${indicator.name}${indicator.unit ? ` (${indicator.unit})` : ''}`;
        return html`<tr>
          <th scope="row">
            ${
              linked && plan !== null
                ? html`<a href="${href(language, `${base}/indicators/${encodeURIComponent(indicator.id)}`, { plan })}">${name}</a>`
                : name
            }
          </th>
          <td class="num">
            ${indicator.baseline ? t(PORTAL_TEXTS.valueInYear, { value: figure(context, indicator, indicator.baseline.value), year: indicator.baseline.year }) : '–'}
          </td>
          ${showActual ? html`<td class="num">${figure(context, indicator, actual.get(indicator.id) ?? null)}</td>` : ''}
          <td class="num">
            ${indicator.target ? t(PORTAL_TEXTS.valueInYear, { value: num(context, indicator.target.value), year: indicator.target.year }) : '–'}
          </td>
        </tr>`;
      })}
    </tbody>
  </table>`;
}

/** `/public/{participant}/plans/{plan}`: goals → objectives → activities, and the plan's indicators. */
export function planPage(context: PortalContext, pkg: PlanPackage, planId: string, asOf: string): Html {
  const { t, language } = context;
  const plan = pkg.actionPlans.find((candidate) => candidate.id === planId);
  if (!plan) throw new Error(`no plan ${planId}`);
  const progress = planProgress(pkg, planId, asOf, planId);
  const status = new Map(progress.activities.items.map((item) => [item.id, item.status]));
  const actual = new Map(progress.indicators.map((indicator) => [indicator.id, indicator.actual]));
  const names = new Map(pkg.institutions.map((institution) => [institution.id, institution.name]));
  const byObjective = new Map<string, typeof plan.activities>();
  for (const activity of plan.activities) {
    const list = byObjective.get(activity.objective);
    if (list) list.push(activity);
    else byObjective.set(activity.objective, [activity]);
  }
  const statusLabels = new Map<string, string>();
  const statusLabel = (value: string) => {
    let text = statusLabels.get(value);
    if (text === undefined) {
      text = label(context, `app.activityStatus.${value}`, value);
      statusLabels.set(value, text);
    }
    return text;
  };
  const currency = pkg.participant.currency;
  const headings = html`<thead>
    <tr>
      <th scope="col">${t(PORTAL_TEXTS.activity)}</th>
      <th scope="col">${t(PORTAL_TEXTS.lead)}</th>
      <th scope="col">${t(PORTAL_TEXTS.period)}</th>
      <th scope="col" class="num">${t(PORTAL_TEXTS.cost)}</th>
      <th scope="col">${t(PORTAL_TEXTS.status)}</th>
    </tr>
  </thead>`;
  const base = portalBase(context.participant.code);
  const body = html`<h1>${plan.title}</h1>
    <p class="meta">
      ${plan.id} · ${t(PORTAL_TEXTS.period)}:
      ${t(PORTAL_TEXTS.periodValue, { start: date(context, plan.start), end: date(context, plan.end) })} · ${t(PORTAL_TEXTS.status)}:
      ${label(context, `app.documentStatus.${plan.status}`, plan.status)}
    </p>
    <p class="meta">${pkg.strategy.title}</p>
    ${smallCountNote(context)}
    <h2 id="activities">${t(PORTAL_TEXTS.activities)}</h2>
    ${pkg.strategy.goals.map((goal) => {
      const objectives = goal.objectives.filter((objective) => byObjective.has(objective.id));
      if (objectives.length === 0) return '';
      return html`<section aria-labelledby="goal-${goal.id}">
        <h3 id="goal-${goal.id}">${t(PORTAL_TEXTS.goal, { code: goal.id, title: goal.title })}</h3>
        ${objectives.map(
          (objective) =>
            html`<table>
              <caption>
                ${t(PORTAL_TEXTS.objective, { code: objective.id, title: objective.title })}
              </caption>
              ${headings}
              <tbody>
                ${(byObjective.get(objective.id) ?? []).map((activity) => {
                  let cost = 0;
                  for (const line of activity.costs ?? []) cost += toMinorUnits(line.amount);
                  return html`<tr>
                    <th scope="row">${activity.id} ${activity.title}</th>
                    <td>${activity.lead === undefined ? '–' : (names.get(activity.lead) ?? activity.lead)}</td>
                    <td>
                      ${
                        activity.start && activity.end
                          ? t(PORTAL_TEXTS.periodValue, { start: date(context, activity.start), end: date(context, activity.end) })
                          : '–'
                      }
                    </td>
                    <td class="num">${formatsOf(language, currency).money(cost)}</td>
                    <td>${statusLabel(status.get(activity.id) ?? 'not_started')}</td>
                  </tr>`;
                })}
              </tbody>
            </table>`,
        )}
      </section>`;
    })}
    <h2 id="indicators">${t(PORTAL_TEXTS.indicatorsHeading)}</h2>
    ${(() => {
      const indicators = planIndicators(pkg, planId);
      return indicators.length === 0 ? html`<p>${t(PORTAL_TEXTS.noIndicators)}</p>` : indicatorTable(context, indicators, actual, planId);
    })()}
    <p><a href="${href(language, `${base}/data`)}">${t(PORTAL_TEXTS.openData)}</a></p>`;
  return page(context, { title: plan.title, body });
}

/** `/public/{participant}/plans/{plan}/indicators`: the published indicator set of a plan. */
export function indicatorSetPage(context: PortalContext, pkg: PlanPackage, planId: string, asOf: string): Html {
  const { t } = context;
  const progress = planProgress(pkg, planId, asOf, planId);
  const actual = new Map(progress.indicators.map((indicator) => [indicator.id, indicator.actual]));
  const indicators = planIndicators(pkg, planId);
  const title = t(PORTAL_TEXTS.indicatorsOf, { plan: pkg.actionPlans.find((plan) => plan.id === planId)?.title ?? planId });
  const body = html`<h1>${title}</h1>
    ${smallCountNote(context)}
    ${indicators.length === 0 ? html`<p>${t(PORTAL_TEXTS.noIndicators)}</p>` : indicatorTable(context, indicators, actual, planId)}`;
  return page(context, { title, body });
}

/** `/public/{participant}/indicators/{indicator}?plan=`: the chart of an indicator and its values, round by round. */
export function indicatorPage(context: PortalContext, pkg: PlanPackage, planId: string, indicatorId: string): Html {
  const { t, language } = context;
  const series = indicatorSeries(pkg, planId, indicatorId);
  const indicator = series.indicator;
  const hidden = (value: number | null) => value !== null && isSmallCount(indicator.measure, value, context.threshold);
  const chart = indicatorSeriesChart(
    {
      baseline: series.indicator.baseline && !hidden(series.indicator.baseline.value) ? series.indicator.baseline : null,
      target: series.indicator.target,
      rounds: series.rounds.map((round) => ({ id: round.id, value: hidden(round.value) ? null : round.value, milestone: round.milestone })),
    },
    {
      language,
      value: t(PORTAL_TEXTS.chartValue),
      expected: t(PORTAL_TEXTS.chartExpected),
      baseline: (year) => t(PORTAL_TEXTS.chartBaseline, { year }),
      target: (year) => t(PORTAL_TEXTS.chartTarget, { year }),
    },
  );
  const svg = renderChartSvg(chart, { width: 720 });
  const latest = [...series.rounds].reverse().find((round) => round.breakdown.length > 0);
  const title = `${indicator.id} ${indicator.name}`;
  const body = html`<h1>${title}</h1>
    <p class="meta">
      ${pkg.actionPlans.find((plan) => plan.id === planId)?.title ?? planId}${indicator.unit ? ` · ${indicator.unit}` : ''}
    </p>
    ${smallCountNote(context)}
    <table>
      <thead>
        <tr>
          <th scope="col">${t(PORTAL_TEXTS.baseline)}</th>
          <th scope="col">${t(PORTAL_TEXTS.target)}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <td>
            ${
              indicator.baseline
                ? t(PORTAL_TEXTS.valueInYear, {
                    value: figure(context, indicator, indicator.baseline.value),
                    year: indicator.baseline.year,
                  })
                : '–'
            }
          </td>
          <td>
            ${indicator.target ? t(PORTAL_TEXTS.valueInYear, { value: num(context, indicator.target.value), year: indicator.target.year }) : '–'}
          </td>
        </tr>
      </tbody>
    </table>
    <h2 id="chart">${t(PORTAL_TEXTS.chartHeading)}</h2>
    <figure aria-labelledby="values-caption"><div aria-hidden="true">${raw(svg)}</div></figure>
    <table>
      <caption id="values-caption">
        ${t(PORTAL_TEXTS.valuesCaption)}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t(PORTAL_TEXTS.round)}</th>
          <th scope="col">${t(PORTAL_TEXTS.period)}</th>
          <th scope="col" class="num">${t(PORTAL_TEXTS.value)}</th>
          <th scope="col" class="num">${t(PORTAL_TEXTS.milestone)}</th>
        </tr>
      </thead>
      <tbody>
        ${series.rounds.map(
          (round) =>
            html`<tr>
              <th scope="row">${round.id}</th>
              <td>
                ${t(PORTAL_TEXTS.periodValue, {
                  start: date(context, round.periodStart),
                  end: date(context, round.periodEnd),
                })}
              </td>
              <td class="num">${figure(context, indicator, round.value)}</td>
              <td class="num">${round.milestone === null ? '–' : num(context, round.milestone)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${
      latest
        ? html`<h2 id="breakdowns">${t(PORTAL_TEXTS.breakdownHeading)}</h2>
            ${latest.breakdown.map((dimension) => {
              const name = label(context, `app.editor.vocabulary.disaggregations.${dimension.dimension}`, dimension.dimension);
              return html`<table>
                <caption>
                  ${t(PORTAL_TEXTS.breakdownCaption, { dimension: name, round: latest.id })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t(PORTAL_TEXTS.category)}</th>
                    <th scope="col" class="num">${t(PORTAL_TEXTS.value)}</th>
                  </tr>
                </thead>
                <tbody>
                  ${dimension.categories.map(
                    (category) =>
                      html`<tr>
                        <th scope="row">${category.category}</th>
                        <td class="num">${figure(context, indicator, category.value)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`;
            })}`
        : ''
    }`;
  return page(context, { title, body });
}

/** `/public/{participant}/data`: the open data, each dataset with its formats, licence, last update and columns. */
export function dataPage(context: PortalContext, updated: ReadonlyMap<string, string>): Html {
  const { t, language } = context;
  const base = portalBase(context.participant.code);
  const datasets = datasetsOf(context);
  const titleOf = (dataset: (typeof datasets)[number]) => {
    const plan = dataset.publication.title || dataset.plan;
    if (dataset.kind === 'activities') return t(PORTAL_TEXTS.datasetActivities, { plan });
    if (dataset.kind === 'indicators') return t(PORTAL_TEXTS.datasetIndicators, { plan });
    return t(PORTAL_TEXTS.datasetPackage, { plan });
  };
  const body = html`<h1>${t(PORTAL_TEXTS.openData)}</h1>
    <p>${t(PORTAL_TEXTS.dataIntro, { name: context.participant.name })}</p>
    <p>${t(PORTAL_TEXTS.licence)}: <a href="${LICENCE.url}">${t(PORTAL_TEXTS.licenceName)}</a></p>
    ${smallCountNote(context)}
    ${
      datasets.length === 0
        ? html`<p>${t(PORTAL_TEXTS.noData)}</p>`
        : html`<table>
            <thead>
              <tr>
                <th scope="col">${t(PORTAL_TEXTS.dataset)}</th>
                <th scope="col">${t(PORTAL_TEXTS.formats)}</th>
                <th scope="col">${t(PORTAL_TEXTS.licence)}</th>
                <th scope="col">${t(PORTAL_TEXTS.updated)}</th>
              </tr>
            </thead>
            <tbody>
              ${datasets.map((dataset) => {
                const file = `${base}/data/${encodeURIComponent(dataset.id)}`;
                const title = titleOf(dataset);
                return html`<tr>
                  <th scope="row">${title}</th>
                  <td>
                    ${
                      dataset.kind === 'package'
                        ? html`<a href="${file}.json">JSON<span class="visually-hidden"> ${title}</span></a>`
                        : html`<a href="${file}.csv">CSV<span class="visually-hidden"> ${title}</span></a
                            >, <a href="${file}.json">JSON<span class="visually-hidden"> ${title}</span></a>`
                    }
                  </td>
                  <td>CC BY 4.0</td>
                  <td>${date(context, updated.get(dataset.id) ?? dataset.publication.publishedAt)}</td>
                </tr>`;
              })}
            </tbody>
          </table>`
    }
    ${(['activities', 'indicators'] as const).map(
      (kind) =>
        html`<h2 id="schema-${kind}">
            ${t(PORTAL_TEXTS.columns)}: ${kind === 'activities' ? t(PORTAL_TEXTS.activities) : t(PORTAL_TEXTS.indicatorsHeading)}
          </h2>
          <table>
            <thead>
              <tr>
                <th scope="col">${t(PORTAL_TEXTS.column)}</th>
                <th scope="col">${t(PORTAL_TEXTS.meaning)}</th>
              </tr>
            </thead>
            <tbody>
              ${columnsOf(kind).map(
                (column) =>
                  html`<tr>
                    <th scope="row"><code>${column.name}</code></th>
                    <td>${t(column.text)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`,
    )}
    <p>${t(PORTAL_TEXTS.packageDescription)}</p>
    <p><a href="${href(language, base)}">${t(PORTAL_TEXTS.backHome)}</a></p>`;
  return page(context, { title: t(PORTAL_TEXTS.openData), current: 'data', body });
}

/**
 * `/public/{participant}/reports/{run}`: a published implementation report as a page, drawn from
 * what it was generated from in the reader's language, with its PDF beside it. `document` is the
 * report's HTML (null for a report generated before its content was kept: the PDF alone is offered).
 */
export function reportPage(
  context: PortalContext,
  publication: Publication,
  report: { document: string | null; generatedAt: string | null },
): Html {
  const { t, language } = context;
  const pdf = `${portalBase(context.participant.code)}/reports/${publication.documentRun ?? 0}.pdf`;
  const body = html`<h1>${publication.title}</h1>
    <p class="meta">${report.generatedAt ? t(PORTAL_TEXTS.reportGenerated, { date: date(context, report.generatedAt) }) : ''}</p>
    <p><a href="${pdf}" hreflang="${language}">${t(PORTAL_TEXTS.reportPdf)}</a></p>
    ${report.document === null ? '' : raw(report.document)}`;
  return page(context, { title: publication.title, body });
}
