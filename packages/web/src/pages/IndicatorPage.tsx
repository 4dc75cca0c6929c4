import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { breakdownChart, formatDate, formatNumber, indicatorSeriesChart, type IndicatorSeries, type Language } from '@ariadne/domain';
import { participantPath } from '../api.ts';
import { Badge, indicatorTone } from '../components/Badge.tsx';
import { Chart } from '../components/Chart.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { formatShare, localToday } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { disaggregationLabel, indicatorStatusLabel, measureLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';

type SeriesRound = IndicatorSeries['rounds'][number];

/** The progress view of an action plan, at the date the reader came from. */
export function progressPath(planId: string, asOf: string | null): string {
  const query = new URLSearchParams({ view: 'progress' });
  if (asOf !== null) query.set('asOf', asOf);
  return `/plans/${encodeURIComponent(planId)}?${query.toString()}`;
}

/** The page of an activity's results; the date travels along so the way back lands on the same view. */
export function activityResultsPath(planId: string, code: string, asOf: string | null): string {
  return `/plans/${encodeURIComponent(planId)}/activities/${encodeURIComponent(code)}${asOf === null ? '' : `?asOf=${encodeURIComponent(asOf)}`}`;
}

/** The page of an indicator's results, at a date. */
export function indicatorResultsPath(planId: string, code: string, asOf: string | null): string {
  return `/plans/${encodeURIComponent(planId)}/indicators/${encodeURIComponent(code)}${asOf === null ? '' : `?asOf=${encodeURIComponent(asOf)}`}`;
}

/** Links back to the plan's progress, and to the element's editor for those who may edit. */
export function ResultLinks({ planId, code, asOf, editLabel }: { planId: string; code: string; asOf: string | null; editLabel: string }) {
  const { t } = useLanguage();
  const canEdit = useAbility('plan.edit');
  return (
    <ul className="plain-list print-hide result-links">
      <li>
        <Link to={progressPath(planId, asOf)}>{t('app.results.backToProgress')}</Link>
      </li>
      {canEdit ? (
        <li>
          <Link to={`/plans/${encodeURIComponent(planId)}/elements/${encodeURIComponent(code)}`}>{editLabel}</Link>
        </li>
      ) : null}
    </ul>
  );
}

function ValueOr({ value, language }: { value: number | null; language: Language }) {
  const { t } = useLanguage();
  return value === null ? <span className="muted">{t('app.results.noData')}</span> : <>{formatNumber(value, language)}</>;
}

function Facts({ series, planId }: { series: IndicatorSeries; planId: string }) {
  const { t, language } = useLanguage();
  const { indicator } = series;
  const yearValue = (entry: { value: number; year: number } | null) =>
    entry === null ? (
      <span className="muted">{t('app.results.notSet')}</span>
    ) : (
      t('app.results.valueInYear', { value: formatNumber(entry.value, language), year: String(entry.year) })
    );
  return (
    <dl className="facts">
      <div>
        <dt>{t('app.results.indicator.belongsTo')}</dt>
        <dd>
          {series.owner.kind === 'activity' ? (
            <Link to={activityResultsPath(planId, series.owner.id, series.asOf)}>
              {t('app.results.indicator.ofActivity', { code: series.owner.id })}
            </Link>
          ) : (
            t('app.results.indicator.ofObjective', { code: series.owner.id })
          )}
        </dd>
      </div>
      <div>
        <dt>{t('app.results.indicator.measure')}</dt>
        <dd>
          {measureLabel(indicator.measure)}
          {indicator.unit === null ? null : ` (${indicator.unit})`}
        </dd>
      </div>
      {indicator.scale.length > 0 ? (
        <div>
          <dt>{t('app.results.indicator.scale')}</dt>
          <dd>{indicator.scale.join(', ')}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('app.results.indicator.baseline')}</dt>
        <dd data-testid="indicator-baseline">{yearValue(indicator.baseline)}</dd>
      </div>
      <div>
        <dt>{t('app.results.indicator.target')}</dt>
        <dd data-testid="indicator-target">{yearValue(indicator.target)}</dd>
      </div>
      <div>
        <dt>{t('app.results.indicator.actual')}</dt>
        <dd data-testid="indicator-actual">
          {series.actual === null || series.actualRound === null ? (
            <span className="muted">{t('app.results.noData')}</span>
          ) : (
            t('app.results.indicator.actualInRound', { value: formatNumber(series.actual, language), round: series.actualRound })
          )}
        </dd>
      </div>
      <div>
        <dt>{t('app.results.indicator.status', { date: formatDate(series.asOf, language) })}</dt>
        <dd data-testid="indicator-status">
          <Badge tone={indicatorTone(series.status)}>{indicatorStatusLabel(series.status)}</Badge>{' '}
          {series.progress !== null && series.expected !== null
            ? t('app.results.indicator.progressWords', {
                progress: formatShare(series.progress, language),
                expected: formatShare(series.expected, language),
              })
            : null}
        </dd>
      </div>
    </dl>
  );
}

function SeriesTable({ series }: { series: IndicatorSeries }) {
  const { t, language } = useLanguage();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="indicator-series-caption">
      <table>
        <caption id="indicator-series-caption">{t('app.results.indicator.seriesCaption', { code: series.indicator.id })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.results.round')}</th>
            <th scope="col">{t('app.results.period')}</th>
            <th scope="col" className="num">
              {t('app.results.indicator.value')}
            </th>
            <th scope="col" className="num">
              {t('app.results.indicator.reports')}
            </th>
            <th scope="col" className="num">
              {t('app.results.indicator.milestone')}
            </th>
          </tr>
        </thead>
        <tbody>
          {series.rounds.map((round) => (
            <tr key={round.id}>
              <th scope="row" className="nowrap">
                {round.id}
              </th>
              <td className="nowrap">
                {t('app.results.periodValue', {
                  start: formatDate(round.periodStart, language),
                  end: formatDate(round.periodEnd, language),
                })}
              </td>
              <td className="num">
                <ValueOr value={round.value} language={language} />
              </td>
              <td className="num">{formatNumber(round.reports, language)}</td>
              <td className="num">
                {round.milestone === null ? (
                  <span className="muted">{t('app.results.none')}</span>
                ) : (
                  formatNumber(round.milestone, language)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A dimension's categories round by round: categories as rows, rounds as columns. */
function BreakdownTable({ id, dimension, rounds }: { id: string; dimension: string; rounds: readonly SeriesRound[] }) {
  const { t, language } = useLanguage();
  const categories: string[] = [];
  const values = new Map<string, number>();
  for (const round of rounds) {
    for (const entry of round.breakdown.find((candidate) => candidate.dimension === dimension)?.categories ?? []) {
      if (!categories.includes(entry.category)) categories.push(entry.category);
      values.set(`${round.id}\u0000${entry.category}`, entry.value);
    }
  }
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
      <table>
        <caption id={`${id}-caption`}>{t('app.results.indicator.breakdownCaption', { dimension: disaggregationLabel(dimension) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.results.indicator.category')}</th>
            {rounds.map((round) => (
              <th key={round.id} scope="col" className="num">
                {round.id}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((category) => (
            <tr key={category}>
              <th scope="row">{category}</th>
              {rounds.map((round) => (
                <td key={round.id} className="num">
                  <ValueOr value={values.get(`${round.id}\u0000${category}`) ?? null} language={language} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Breakdowns({ series }: { series: IndicatorSeries }) {
  const { t, language } = useLanguage();
  // The latest round with a breakdown is charted; the table gives every round.
  const latest = [...series.rounds].reverse().find((round) => round.breakdown.length > 0) ?? null;
  const withBreakdown = series.rounds.filter((round) => round.breakdown.length > 0);
  const charts = useMemo(
    () =>
      latest === null
        ? []
        : latest.breakdown.map((dimension) => ({
            dimension: dimension.dimension,
            categories: dimension.categories,
            definition: breakdownChart(dimension.categories, { language, name: disaggregationLabel(dimension.dimension) }),
          })),
    [latest, language],
  );
  return (
    <section aria-labelledby="indicator-breakdowns-heading">
      <h2 id="indicator-breakdowns-heading">{t('app.results.indicator.breakdownsTitle')}</h2>
      {latest === null ? (
        <p className="empty">{t('app.results.indicator.noBreakdown')}</p>
      ) : (
        <>
          <p>{t('app.results.indicator.breakdownsIntro')}</p>
          {charts.map((chart, index) => {
            const largest = chart.categories.reduce(
              (best, entry) => (entry.value > best.value ? entry : best),
              chart.categories[0] ?? { category: '', value: 0 },
            );
            return (
              <Chart
                key={chart.dimension}
                id={`indicator-breakdown-${index}`}
                title={t('app.results.indicator.breakdownChart', { dimension: disaggregationLabel(chart.dimension), round: latest.id })}
                summary={t('app.results.indicator.breakdownSummary', {
                  count: chart.categories.length,
                  round: latest.id,
                  category: largest.category,
                  value: formatNumber(largest.value, language),
                })}
                definition={chart.definition}
                table={<BreakdownTable id={`indicator-breakdown-${index}-table`} dimension={chart.dimension} rounds={withBreakdown} />}
              />
            );
          })}
        </>
      )}
    </section>
  );
}

function SeriesView({ series, planId, asOf }: { series: IndicatorSeries; planId: string; asOf: string | null }) {
  const { t, language } = useLanguage();
  const definition = useMemo(
    () =>
      indicatorSeriesChart(
        { baseline: series.indicator.baseline, target: series.indicator.target, rounds: series.rounds },
        {
          language,
          value: t('app.results.indicator.valueSeries'),
          expected: t('app.results.indicator.expectedSeries'),
          baseline: (year) => t('app.results.indicator.baselineCategory', { year: String(year) }),
          target: (year) => t('app.results.indicator.targetCategory', { year: String(year) }),
        },
      ),
    [series, language, t],
  );
  const withValue = series.rounds.filter((round) => round.value !== null).length;
  const latest = [...series.rounds].reverse().find((round) => round.value !== null) ?? null;
  const summary = [
    latest === null || latest.value === null
      ? t('app.results.indicator.summaryNoValues', { rounds: series.rounds.length })
      : t('app.results.indicator.summaryValues', {
          withValue,
          rounds: series.rounds.length,
          value: formatNumber(latest.value, language),
          round: latest.id,
        }),
    series.indicator.target === null
      ? t('app.results.indicator.summaryNoTarget')
      : t('app.results.indicator.summaryTarget', {
          target: formatNumber(series.indicator.target.value, language),
          year: String(series.indicator.target.year),
        }),
  ].join(' ');
  return (
    <Page title={t('app.results.pageTitle', { code: series.indicator.id, name: series.indicator.name })}>
      <ResultLinks planId={planId} code={series.indicator.id} asOf={asOf} editLabel={t('app.results.indicator.edit')} />
      <p>{t('app.results.indicator.intro')}</p>
      <Facts series={series} planId={planId} />
      <section aria-labelledby="indicator-series-heading">
        <h2 id="indicator-series-heading">{t('app.results.indicator.seriesTitle')}</h2>
        {series.rounds.length === 0 ? (
          <p className="empty">{t('app.results.noRounds')}</p>
        ) : (
          <Chart
            id="indicator-series"
            title={t('app.results.indicator.chartTitle')}
            summary={summary}
            definition={definition}
            tableShown
            table={<SeriesTable series={series} />}
          />
        )}
      </section>
      <Breakdowns series={series} />
    </Page>
  );
}

/**
 * One indicator of an action plan round by round: its value from accepted reports against its
 * baseline, milestones and target, where it stands at the date of the progress view, and how its
 * values break down by sex, age and the other dimensions reported.
 */
export function IndicatorPage() {
  const { planId = '', code = '' } = useParams();
  const [searchParams] = useSearchParams();
  const participant = useParticipant();
  const { t } = useLanguage();
  const asOf = searchParams.get('asOf');
  const date = asOf !== null && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null;
  const { result, reload } = useApiData<IndicatorSeries>(
    participantPath(
      participant.code,
      `/action-plans/${encodeURIComponent(planId)}/indicators/${encodeURIComponent(code)}/series?asOf=${encodeURIComponent(date ?? localToday())}`,
    ),
  );
  if (result.status === 'ready') return <SeriesView series={result.data} planId={planId} asOf={date} />;
  return (
    <Page title={t('app.results.indicator.loadingTitle', { code })}>
      <ResultLinks planId={planId} code={code} asOf={date} editLabel={t('app.results.indicator.edit')} />
      {result.status === 'loading' ? (
        <Loading />
      ) : (
        <ErrorMessage message={result.error.message} onRetry={result.error.status === 404 ? undefined : reload} />
      )}
    </Page>
  );
}
