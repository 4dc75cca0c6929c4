import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  ACTIVITY_STATUSES,
  activitiesByAreaChart,
  budgetExecutionChart,
  formatDate,
  formatNumber,
  INDICATOR_STATUSES,
  indicatorStatusChart,
  type Language,
} from '@ariadne/domain';
import { participantPath, type ActivityStatusCounts, type PlanProgress } from '../../api.ts';
import { Badge, indicatorTone } from '../../components/Badge.tsx';
import { Chart } from '../../components/Chart.tsx';
import { TextField } from '../../components/Field.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { formatAmount, formatShare, localToday } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';
import { activityStatusLabel, areaLabel, indicatorStatusLabel } from '../../labels.ts';
import { useApiData } from '../../useApiData.ts';
import { indicatorResultsPath } from '../IndicatorPage.tsx';

type IndicatorRow = PlanProgress['indicators'][number];

/** The width of a progress bar's fill in per cent: progress can pass its target or fall below its baseline, the bar cannot. */
export function progressBarWidth(progress: number): number {
  return Math.min(100, Math.max(0, progress * 100));
}

/** A value, or why there is none: no baseline in the plan is "not given", no report yet is "no data". */
function NumberOr({ value, missing, language }: { value: number | null; missing: string; language: Language }) {
  return value === null ? <span className="muted">{missing}</span> : <>{formatNumber(value, language)}</>;
}

function ShareOr({ value, missing, language }: { value: number | null; missing: string; language: Language }) {
  return value === null ? <span className="muted">{missing}</span> : <>{formatShare(value, language)}</>;
}

/**
 * An indicator's way from its baseline (left end) to its target (right end): filled up to the
 * actual value, in the colour and pattern of its status, with a notch where it should be by the
 * chosen date. The figures themselves are in the row's cells and the percentage beside the bar.
 */
function IndicatorBar({ indicator, language }: { indicator: IndicatorRow; language: Language }) {
  const { t } = useLanguage();
  if (indicator.progress === null) return <span className="muted">{t('app.progress.none')}</span>;
  return (
    <div className="indicator-bar">
      <span className="indicator-track" aria-hidden="true">
        <span
          className={`indicator-fill fill-${indicator.status}`}
          data-testid={`progress-fill-${indicator.id}`}
          style={{ width: `${progressBarWidth(indicator.progress)}%` }}
        />
        {indicator.expected === null ? null : (
          <span className="indicator-expected" style={{ left: `${progressBarWidth(indicator.expected)}%` }} />
        )}
      </span>
      <span className="progress-value">{formatShare(indicator.progress, language)}</span>
      {indicator.baseline !== null && indicator.target !== null ? (
        <span className="indicator-ends" aria-hidden="true">
          <span>{formatNumber(indicator.baseline, language)}</span>
          <span>{formatNumber(indicator.target, language)}</span>
        </span>
      ) : null}
    </div>
  );
}

function StatusCells({ counts, language }: { counts: ActivityStatusCounts; language: Language }) {
  const total = ACTIVITY_STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0);
  return (
    <>
      {ACTIVITY_STATUSES.map((status) => (
        <td key={status} className="num">
          {formatNumber(counts[status] ?? 0, language)}
        </td>
      ))}
      <td className="num">{formatNumber(total, language)}</td>
    </>
  );
}

function ActivitiesTable({ progress, date }: { progress: PlanProgress; date: string }) {
  const { t, language } = useLanguage();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="progress-activities-caption">
      <table>
        <caption id="progress-activities-caption">{t('app.progress.activitiesCaption', { date })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.progress.area')}</th>
            {ACTIVITY_STATUSES.map((status) => (
              <th key={status} scope="col" className="num">
                {activityStatusLabel(status)}
              </th>
            ))}
            <th scope="col" className="num">
              {t('app.progress.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(progress.activities.byArea).map(([area, counts]) => (
            <tr key={area}>
              <th scope="row">{areaLabel(area)}</th>
              <StatusCells counts={counts} language={language} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('app.progress.allActivities')}</th>
            <StatusCells counts={progress.activities.byStatus} language={language} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function IndicatorStatusTable({ progress }: { progress: PlanProgress }) {
  const { t, language } = useLanguage();
  const counts = new Map<string, number>();
  for (const indicator of progress.indicators) counts.set(indicator.status, (counts.get(indicator.status) ?? 0) + 1);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="indicator-status-caption">
      <table>
        <caption id="indicator-status-caption">{t('app.insight.progress.indicatorsChart')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.progress.status')}</th>
            <th scope="col" className="num">
              {t('app.insight.progress.indicatorCount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {INDICATOR_STATUSES.map((status) => (
            <tr key={status}>
              <th scope="row">{indicatorStatusLabel(status)}</th>
              <td className="num">{formatNumber(counts.get(status) ?? 0, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * How many indicators the table shows before "Show all": a national plan has hundreds, whose rows
 * (each with its bar) take the browser about a second to lay out; the chart above counts them all.
 */
export const INDICATORS_SHOWN_AT_FIRST = 100;

function IndicatorsTable({ progress, date, planId }: { progress: PlanProgress; date: string; planId: string }) {
  const { t, language } = useLanguage();
  const [showAll, setShowAll] = useState(false);
  const total = progress.indicators.length;
  const shown = showAll ? progress.indicators : progress.indicators.slice(0, INDICATORS_SHOWN_AT_FIRST);
  const firstHidden = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    // After "Show all" (which is never undone), the focus goes to the first indicator that was hidden.
    if (showAll) firstHidden.current?.focus();
  }, [showAll]);
  return (
    <>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="progress-indicators-caption">
        <table>
          <caption id="progress-indicators-caption">{t('app.progress.indicatorsCaption', { date })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('app.progress.indicator')}</th>
              <th scope="col" className="num">
                {t('app.progress.baseline')}
              </th>
              <th scope="col" className="num">
                {t('app.progress.actual')}
              </th>
              <th scope="col" className="num">
                {t('app.progress.target')}
              </th>
              <th scope="col">{t('app.progress.progress')}</th>
              <th scope="col" className="num">
                {t('app.progress.expected')}
              </th>
              <th scope="col">{t('app.progress.status')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((indicator, index) => (
              <tr key={indicator.id}>
                <th scope="row" className="nowrap">
                  <Link
                    to={indicatorResultsPath(planId, indicator.id, progress.asOf)}
                    ref={index === INDICATORS_SHOWN_AT_FIRST ? firstHidden : undefined}
                  >
                    <code>{indicator.id}</code>
                  </Link>
                </th>
                <td className="num">
                  <NumberOr value={indicator.baseline} missing={t('app.common.notSet')} language={language} />
                </td>
                <td className="num">
                  <NumberOr value={indicator.actual} missing={t('app.progress.none')} language={language} />
                </td>
                <td className="num">
                  <NumberOr value={indicator.target} missing={t('app.common.notSet')} language={language} />
                </td>
                <td>
                  <IndicatorBar indicator={indicator} language={language} />
                </td>
                <td className="num">
                  <ShareOr value={indicator.expected} missing={t('app.progress.notApplicable')} language={language} />
                </td>
                <td>
                  <Badge tone={indicatorTone(indicator.status)}>{indicatorStatusLabel(indicator.status)}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length < total ? (
        <p className="print-hide">
          {t('app.progress.indicatorsShown', { shown: shown.length, total })}{' '}
          <button type="button" className="button button-secondary button-small" onClick={() => setShowAll(true)}>
            {t('app.progress.showAllIndicators', { total })}
          </button>
        </p>
      ) : null}
    </>
  );
}

function BudgetTable({ progress, currency }: { progress: PlanProgress; currency: string }) {
  const { t, language } = useLanguage();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="budget-caption">
      <table>
        <caption id="budget-caption">{t('app.progress.execution')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('app.progress.plannedToDate')}</th>
            <td className="num">{formatAmount(progress.budget.plannedToDate, currency, language)}</td>
          </tr>
          <tr>
            <th scope="row">{t('app.progress.spent')}</th>
            <td className="num">{formatAmount(progress.budget.spent, currency, language)}</td>
          </tr>
          <tr>
            <th scope="row">{t('app.progress.execution')}</th>
            <td className="num">
              <ShareOr value={progress.budget.execution} missing={t('app.progress.notApplicable')} language={language} />
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function ProgressFigures({ participant, currency, planId, asOf }: { participant: string; currency: string; planId: string; asOf: string }) {
  const { t, language } = useLanguage();
  const { result, reload } = useApiData<PlanProgress>(
    participantPath(participant, `/action-plans/${encodeURIComponent(planId)}/progress?asOf=${encodeURIComponent(asOf)}`),
  );
  const progress = result.status === 'ready' ? result.data : null;
  const charts = useMemo(
    () =>
      progress === null
        ? null
        : {
            activities: activitiesByAreaChart(progress.activities.byArea, { language, area: areaLabel, status: activityStatusLabel }),
            indicators: indicatorStatusChart(progress.indicators, {
              language,
              name: t('app.insight.progress.indicatorsChart'),
              status: indicatorStatusLabel,
            }),
            budget: budgetExecutionChart(progress.budget, {
              language,
              currency,
              name: t('app.progress.execution'),
              planned: t('app.progress.plannedToDate'),
              spent: t('app.progress.spent'),
            }),
          },
    [progress, language, currency, t],
  );
  if (result.status === 'loading') return <Loading />;
  if (result.status === 'error') return <ErrorMessage message={result.error.message} onRetry={reload} />;
  if (progress === null || charts === null) return null;

  const date = formatDate(progress.asOf, language);
  const byStatus = progress.activities.byStatus;
  const count = (status: string) => progress.indicators.filter((indicator) => indicator.status === status).length;
  const money = (amount: number) => formatAmount(amount, currency, language);
  return (
    <>
      <h3>{t('app.progress.activitiesTitle')}</h3>
      <dl className="facts">
        <div>
          <dt>{t('app.progress.activities')}</dt>
          <dd>{formatNumber(progress.activities.total, language)}</dd>
        </div>
        <div>
          <dt>{t('app.progress.implementationRate')}</dt>
          <dd data-testid="implementation-rate">
            <ShareOr value={progress.activities.implementationRate} missing={t('app.progress.notApplicable')} language={language} />
          </dd>
        </div>
      </dl>
      <Chart
        id="progress-activities"
        headingLevel={4}
        title={t('app.insight.progress.activitiesChart')}
        summary={t('app.insight.progress.activitiesSummary', {
          total: progress.activities.total,
          completed: byStatus.completed ?? 0,
          ongoing: byStatus.ongoing ?? 0,
          delayed: byStatus.delayed ?? 0,
          notStarted: byStatus.not_started ?? 0,
          cancelled: byStatus.cancelled ?? 0,
        })}
        definition={charts.activities}
        tableShown
        table={<ActivitiesTable progress={progress} date={date} />}
      />

      <h3>{t('app.progress.indicatorsTitle')}</h3>
      {progress.indicators.length === 0 ? (
        <p className="empty">{t('app.progress.noIndicators')}</p>
      ) : (
        <>
          <Chart
            id="progress-indicator-status"
            headingLevel={4}
            title={t('app.insight.progress.indicatorsChart')}
            summary={t('app.insight.progress.indicatorsSummary', {
              total: progress.indicators.length,
              achieved: count('achieved'),
              onTrack: count('on_track'),
              atRisk: count('at_risk'),
              offTrack: count('off_track'),
              noData: count('no_data'),
              notMeasurable: count('not_measurable'),
            })}
            definition={charts.indicators}
            table={<IndicatorStatusTable progress={progress} />}
          />
          <p>{t('app.insight.progress.barLegend')}</p>
          <IndicatorsTable progress={progress} date={date} planId={planId} />
        </>
      )}

      <h3>{t('app.progress.budgetTitle')}</h3>
      <dl className="facts">
        <div>
          <dt>{t('app.progress.plannedToDate')}</dt>
          <dd>{money(progress.budget.plannedToDate)}</dd>
        </div>
        <div>
          <dt>{t('app.progress.spent')}</dt>
          <dd>{money(progress.budget.spent)}</dd>
        </div>
        <div>
          <dt>{t('app.progress.execution')}</dt>
          <dd data-testid="budget-execution">
            <ShareOr value={progress.budget.execution} missing={t('app.progress.notApplicable')} language={language} />
          </dd>
        </div>
      </dl>
      <Chart
        id="progress-budget"
        headingLevel={4}
        title={t('app.progress.execution')}
        summary={
          progress.budget.execution === null
            ? t('app.insight.progress.budgetNothingPlanned', { spent: money(progress.budget.spent) })
            : t('app.insight.progress.budgetSummary', {
                spent: money(progress.budget.spent),
                planned: money(progress.budget.plannedToDate),
                execution: formatShare(progress.budget.execution, language),
              })
        }
        definition={charts.budget}
        table={<BudgetTable progress={progress} currency={currency} />}
      />
    </>
  );
}

/** A date the server can be asked about: a whole date, not a year still being typed (0002). */
function isWholeDate(value: string): boolean {
  return /^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(value);
}

/**
 * Progress of an action plan as of a date chosen by the reader (today at first): activities by
 * area and status, indicators against baseline and target, and budget execution. The date is kept
 * in the address (`?asOf=`), so a view can be bookmarked, shared and reloaded as it is.
 */
export function ProgressSection({ participant, currency, planId }: { participant: string; currency: string; planId: string }) {
  const { t } = useLanguage();
  const [searchParams, setSearchParams] = useSearchParams();
  const asOf = searchParams.get('asOf') ?? localToday();
  const valid = isWholeDate(asOf);
  const choose = (value: string) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.set('asOf', value);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  return (
    <section id="plan-progress" className="plan-section" aria-labelledby="plan-progress-heading">
      <h2 id="plan-progress-heading">{t('app.progress.title')}</h2>
      <p>{t('app.progress.intro')}</p>
      <div className="as-of">
        <TextField
          id="progress-as-of"
          label={t('app.progress.asOf')}
          hint={t('app.progress.asOfHint')}
          error={valid ? undefined : t('app.progress.asOfMissing')}
          type="date"
          value={asOf}
          onChange={(event) => choose(event.target.value)}
        />
      </div>
      {valid ? <ProgressFigures participant={participant} currency={currency} planId={planId} asOf={asOf} /> : null}
    </section>
  );
}
