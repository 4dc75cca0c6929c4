import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { cumulativeSpendingChart, formatDate, type ActivityReports, type Language, type ReportStatus } from '@ariadne/domain';
import { participantPath } from '../api.ts';
import { Badge, type BadgeTone } from '../components/Badge.tsx';
import { Chart } from '../components/Chart.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { formatAmount } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { activityStatusLabel, fundingSourceLabel } from '../labels.ts';
import { useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { ResultLinks } from './IndicatorPage.tsx';

type ActivityRound = ActivityReports['rounds'][number];
type ReportEntry = ActivityRound['reports'][number];

const REPORT_STATUS_KEYS = {
  draft: 'app.monitoring.reportStatus.draft',
  submitted: 'app.monitoring.reportStatus.submitted',
  returned: 'app.monitoring.reportStatus.returned',
  accepted: 'app.monitoring.reportStatus.accepted',
} as const satisfies Record<ReportStatus, string>;

const REPORT_STATUS_TONES = {
  draft: 'neutral',
  submitted: 'info',
  returned: 'warning',
  accepted: 'success',
} as const satisfies Record<ReportStatus, BadgeTone>;

function Institution({ institution }: { institution: { id: string; name: string | null } }) {
  return (
    <>
      {institution.name ?? institution.id} <code>{institution.id}</code>
    </>
  );
}

function DateOr({ value, language }: { value: string | null; language: Language }) {
  const { t } = useLanguage();
  return value === null ? (
    <span className="muted">{t('app.results.notSet')}</span>
  ) : (
    <time dateTime={value}>{formatDate(value, language)}</time>
  );
}

function Facts({ reports }: { reports: ActivityReports }) {
  const { t, language } = useLanguage();
  const { activity } = reports;
  const money = (amount: number) => formatAmount(amount, reports.currency, language);
  return (
    <dl className="facts">
      <div>
        <dt>{t('app.results.activity.objective')}</dt>
        <dd>
          <code>{activity.objective}</code>
        </dd>
      </div>
      <div>
        <dt>{t('app.results.activity.lead')}</dt>
        <dd>
          {activity.lead === null ? <span className="muted">{t('app.results.notSet')}</span> : <Institution institution={activity.lead} />}
        </dd>
      </div>
      <div>
        <dt>{t('app.results.activity.partners')}</dt>
        <dd>
          {activity.partners.length === 0 ? (
            <span className="muted">{t('app.results.none')}</span>
          ) : (
            <ul className="plain-list">
              {activity.partners.map((partner) => (
                <li key={partner.id}>
                  <Institution institution={partner} />
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div>
        <dt>{t('app.results.activity.start')}</dt>
        <dd>
          <DateOr value={activity.start} language={language} />
        </dd>
      </div>
      <div>
        <dt>{t('app.results.activity.end')}</dt>
        <dd>
          <DateOr value={activity.end} language={language} />
        </dd>
      </div>
      <div>
        <dt>{t('app.results.activity.plannedTotal')}</dt>
        <dd data-testid="activity-planned">{money(reports.plannedTotal)}</dd>
      </div>
      <div>
        <dt>{t('app.results.activity.spentTotal')}</dt>
        <dd data-testid="activity-spent">{money(reports.spentTotal)}</dd>
      </div>
    </dl>
  );
}

function MoneyTable({ reports }: { reports: ActivityReports }) {
  const { t, language } = useLanguage();
  const money = (amount: number) => formatAmount(amount, reports.currency, language);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="activity-money-caption">
      <table>
        <caption id="activity-money-caption">{t('app.results.activity.moneyCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.results.round')}</th>
            <th scope="col" className="num">
              {t('app.results.activity.spentInRound')}
            </th>
            <th scope="col" className="num">
              {t('app.results.activity.cumulativeSpent')}
            </th>
            <th scope="col" className="num">
              {t('app.results.activity.cumulativePlanned')}
            </th>
          </tr>
        </thead>
        <tbody>
          {reports.rounds.map((round) => (
            <tr key={round.id}>
              <th scope="row" className="nowrap">
                {round.id}
              </th>
              <td className="num">{money(round.spent)}</td>
              <td className="num">{money(round.cumulativeSpent)}</td>
              <td className="num">{money(round.cumulativePlanned)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PlannedTable({ reports }: { reports: ActivityReports }) {
  const { t, language } = useLanguage();
  if (reports.planned.length === 0) return <p className="empty">{t('app.results.activity.noCosts')}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="activity-planned-caption">
      <table>
        <caption id="activity-planned-caption">{t('app.results.activity.plannedCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.results.activity.year')}</th>
            <th scope="col" className="num">
              {t('app.results.activity.planned')}
            </th>
          </tr>
        </thead>
        <tbody>
          {reports.planned.map((line) => (
            <tr key={line.year}>
              <th scope="row">{line.year}</th>
              <td className="num">{formatAmount(line.amount, reports.currency, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function TextOr({ value }: { value: string | null }) {
  const { t } = useLanguage();
  return value === null || value.trim() === '' ? <span className="muted">{t('app.results.notGiven')}</span> : <>{value}</>;
}

function ReportRow({ entry, currency }: { entry: ReportEntry; currency: string }) {
  const { t, language } = useLanguage();
  return (
    <tr>
      <th scope="row">
        <Institution institution={{ id: entry.institution, name: entry.institutionName }} />
      </th>
      <td>
        <Badge tone={REPORT_STATUS_TONES[entry.reportStatus]}>{t(REPORT_STATUS_KEYS[entry.reportStatus])}</Badge>
        {entry.counted ? null : <span className="muted"> {t('app.results.activity.notCounted')}</span>}
      </td>
      <td>{activityStatusLabel(entry.status)}</td>
      <td className="num">
        {entry.spent.length === 0 ? (
          <span className="muted">{t('app.results.notGiven')}</span>
        ) : (
          <ul className="plain-list">
            {entry.spent.map((line, index) => (
              <li key={index}>
                {t('app.results.activity.spentLine', {
                  source: fundingSourceLabel(line.source),
                  amount: formatAmount(line.amount, currency, language),
                })}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <TextOr value={entry.narrative} />
      </td>
      <td>
        <TextOr value={entry.obstacles} />
      </td>
    </tr>
  );
}

function RoundReports({ round, currency }: { round: ActivityRound; currency: string }) {
  const { t, language } = useLanguage();
  const heading = t('app.results.activity.roundHeading', {
    round: round.id,
    start: formatDate(round.periodStart, language),
    end: formatDate(round.periodEnd, language),
  });
  const id = `activity-round-${round.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <li>
      <h3 id={`${id}-heading`}>{heading}</h3>
      {round.reports.length === 0 ? (
        <p className="empty">{t('app.results.activity.noReports')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
          <table>
            <caption id={`${id}-caption`}>{t('app.results.activity.reportsCaption', { round: round.id })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('app.results.activity.institution')}</th>
                <th scope="col">{t('app.results.activity.reportStatus')}</th>
                <th scope="col">{t('app.results.activity.activityStatus')}</th>
                <th scope="col" className="num">
                  {t('app.results.activity.spent')}
                </th>
                <th scope="col">{t('app.results.activity.narrative')}</th>
                <th scope="col">{t('app.results.activity.obstacles')}</th>
              </tr>
            </thead>
            <tbody>
              {round.reports.map((entry, index) => (
                <ReportRow key={`${entry.institution}-${index}`} entry={entry} currency={currency} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </li>
  );
}

function ReportsView({ reports, planId, asOf }: { reports: ActivityReports; planId: string; asOf: string | null }) {
  const { t, language } = useLanguage();
  const definition = useMemo(
    () =>
      cumulativeSpendingChart(reports.rounds, {
        language,
        currency: reports.currency,
        planned: t('app.results.activity.cumulativePlanned'),
        spent: t('app.results.activity.cumulativeSpent'),
      }),
    [reports, language, t],
  );
  const last = reports.rounds.at(-1) ?? null;
  const money = (amount: number) => formatAmount(amount, reports.currency, language);
  return (
    <Page title={t('app.results.pageTitle', { code: reports.activity.id, name: reports.activity.title })}>
      <ResultLinks planId={planId} code={reports.activity.id} asOf={asOf} editLabel={t('app.results.activity.edit')} />
      <p>{t('app.results.activity.intro')}</p>
      <Facts reports={reports} />
      <section aria-labelledby="activity-money-heading">
        <h2 id="activity-money-heading">{t('app.results.activity.moneyTitle')}</h2>
        {last === null ? (
          <p className="empty">{t('app.results.noRounds')}</p>
        ) : (
          <Chart
            id="activity-money"
            title={t('app.results.activity.chartTitle')}
            summary={t('app.results.activity.chartSummary', {
              spent: money(last.cumulativeSpent),
              round: last.id,
              planned: money(last.cumulativePlanned),
              year: last.periodEnd.slice(0, 4),
            })}
            definition={definition}
            tableShown
            table={<MoneyTable reports={reports} />}
          />
        )}
        <PlannedTable reports={reports} />
      </section>
      <section aria-labelledby="activity-reports-heading">
        <h2 id="activity-reports-heading">{t('app.results.activity.reportsTitle')}</h2>
        <p>{t('app.results.activity.reportsIntro')}</p>
        {reports.rounds.length === 0 ? (
          <p className="empty">{t('app.results.noRounds')}</p>
        ) : (
          <ol className="plain-list activity-rounds">
            {reports.rounds.map((round) => (
              <RoundReports key={round.id} round={round} currency={reports.currency} />
            ))}
          </ol>
        )}
      </section>
    </Page>
  );
}

/**
 * One activity of an action plan through its monitoring rounds: what every report said about it
 * (accepted or not), and the money spent according to accepted reports beside what was planned.
 */
export function ActivityResultsPage() {
  const { planId = '', code = '' } = useParams();
  const [searchParams] = useSearchParams();
  const participant = useParticipant();
  const { t } = useLanguage();
  const asOf = searchParams.get('asOf');
  const date = asOf !== null && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null;
  const { result, reload } = useApiData<ActivityReports>(
    participantPath(participant.code, `/action-plans/${encodeURIComponent(planId)}/activities/${encodeURIComponent(code)}/reports`),
  );
  if (result.status === 'ready') return <ReportsView reports={result.data} planId={planId} asOf={date} />;
  return (
    <Page title={t('app.results.activity.loadingTitle', { code })}>
      <ResultLinks planId={planId} code={code} asOf={date} editLabel={t('app.results.activity.edit')} />
      {result.status === 'loading' ? (
        <Loading />
      ) : (
        <ErrorMessage message={result.error.message} onRetry={result.error.status === 404 ? undefined : reload} />
      )}
    </Page>
  );
}
