import { useState } from 'react';
import { ACTIVITY_STATUSES, formatDate, formatNumber, type Language } from '@ariadne/domain';
import { participantPath, type ActivityStatusCounts, type PlanProgress } from '../../api.ts';
import { Badge, indicatorTone } from '../../components/Badge.tsx';
import { TextField } from '../../components/Field.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { formatAmount, formatShare, localToday } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';
import { activityStatusLabel, areaLabel, indicatorStatusLabel } from '../../labels.ts';
import { useApiData } from '../../useApiData.ts';

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

function ProgressBar({ indicator, language }: { indicator: IndicatorRow; language: Language }) {
  const { t } = useLanguage();
  if (indicator.progress === null) return <span className="muted">{t('app.progress.none')}</span>;
  return (
    <div className="progress">
      {/* The number beside the bar is what is read; the bar only shows it at a glance. */}
      <span className="progress-track" aria-hidden="true">
        <span
          className="progress-fill"
          data-testid={`progress-fill-${indicator.id}`}
          style={{ width: `${progressBarWidth(indicator.progress)}%` }}
        />
      </span>
      <span className="progress-value">{formatShare(indicator.progress, language)}</span>
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

function ProgressFigures({ participant, currency, planId, asOf }: { participant: string; currency: string; planId: string; asOf: string }) {
  const { t, language } = useLanguage();
  const { result, reload } = useApiData<PlanProgress>(
    participantPath(participant, `/action-plans/${encodeURIComponent(planId)}/progress?asOf=${encodeURIComponent(asOf)}`),
  );
  if (result.status === 'loading') return <Loading />;
  if (result.status === 'error') return <ErrorMessage message={result.error.message} onRetry={reload} />;
  const progress = result.data;
  const date = formatDate(progress.asOf, language);
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

      <h3>{t('app.progress.indicatorsTitle')}</h3>
      {progress.indicators.length === 0 ? (
        <p className="empty">{t('app.progress.noIndicators')}</p>
      ) : (
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
                  {t('app.progress.target')}
                </th>
                <th scope="col" className="num">
                  {t('app.progress.actual')}
                </th>
                <th scope="col">{t('app.progress.progress')}</th>
                <th scope="col" className="num">
                  {t('app.progress.expected')}
                </th>
                <th scope="col">{t('app.progress.status')}</th>
              </tr>
            </thead>
            <tbody>
              {progress.indicators.map((indicator) => (
                <tr key={indicator.id}>
                  <th scope="row" className="nowrap">
                    <code>{indicator.id}</code>
                  </th>
                  <td className="num">
                    <NumberOr value={indicator.baseline} missing={t('app.common.notSet')} language={language} />
                  </td>
                  <td className="num">
                    <NumberOr value={indicator.target} missing={t('app.common.notSet')} language={language} />
                  </td>
                  <td className="num">
                    <NumberOr value={indicator.actual} missing={t('app.progress.none')} language={language} />
                  </td>
                  <td>
                    <ProgressBar indicator={indicator} language={language} />
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
      )}

      <h3>{t('app.progress.budgetTitle')}</h3>
      <dl className="facts">
        <div>
          <dt>{t('app.progress.plannedToDate')}</dt>
          <dd>{formatAmount(progress.budget.plannedToDate, currency, language)}</dd>
        </div>
        <div>
          <dt>{t('app.progress.spent')}</dt>
          <dd>{formatAmount(progress.budget.spent, currency, language)}</dd>
        </div>
        <div>
          <dt>{t('app.progress.execution')}</dt>
          <dd>
            <ShareOr value={progress.budget.execution} missing={t('app.progress.notApplicable')} language={language} />
          </dd>
        </div>
      </dl>
    </>
  );
}

/** Progress of an action plan as of a date chosen by the reader (today at first): activities, indicators and budget. */
export function ProgressSection({ participant, currency, planId }: { participant: string; currency: string; planId: string }) {
  const { t } = useLanguage();
  const [asOf, setAsOf] = useState(localToday);
  // A date field gives a whole date or nothing; while a year is typed digit by digit it passes
  // through years such as 0002, which are not worth asking the server about.
  const valid = /^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(asOf);
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
          onChange={(event) => setAsOf(event.target.value)}
        />
      </div>
      {valid ? <ProgressFigures participant={participant} currency={currency} planId={planId} asOf={asOf} /> : null}
    </section>
  );
}
