import { formatDate, formatNumber } from '@ariadne/domain';
import { formatAmount } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { activityStatusLabel, disaggregationLabel, fundingSourceLabel } from '../labels.ts';
import type { ReportDetail } from '../monitoringApi.ts';

// A report as text: what it says about activities and indicators, and the comments it received.

/** What a report says about each activity, as text. */
export function ReportActivities({ report, currency }: { report: Pick<ReportDetail, 'activities'>; currency: string }) {
  const { t, language } = useLanguage();
  if (report.activities.length === 0) return <p className="muted">{t('app.monitoring.report.noActivities')}</p>;
  return (
    <ul className="plain-list report-activities">
      {report.activities.map((entry) => (
        <li key={entry.activity}>
          <h3>{t('app.monitoring.report.activity', { code: entry.activity })}</h3>
          <dl className="facts">
            <div>
              <dt>{t('app.monitoring.report.activityStatus')}</dt>
              <dd>{activityStatusLabel(entry.status)}</dd>
            </div>
            <div>
              <dt>{t('app.monitoring.report.spent')}</dt>
              <dd>
                {entry.spent === undefined || entry.spent.length === 0 ? (
                  <span className="muted">{t('app.monitoring.report.notGiven')}</span>
                ) : (
                  <ul className="plain-list">
                    {entry.spent.map((line) => (
                      <li key={line.source}>
                        {t('app.monitoring.report.spentLine', {
                          source: fundingSourceLabel(line.source),
                          amount: formatAmount(line.amount, currency, language),
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div>
              <dt>{t('app.monitoring.report.narrative')}</dt>
              <dd className="prose">{entry.narrative ?? <span className="muted">{t('app.monitoring.report.notGiven')}</span>}</dd>
            </div>
            <div>
              <dt>{t('app.monitoring.report.obstacles')}</dt>
              <dd className="prose">{entry.obstacles ?? <span className="muted">{t('app.monitoring.report.notGiven')}</span>}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** The indicator values a report gives, with their breakdowns, as a table. */
export function ReportIndicatorValues({ report }: { report: Pick<ReportDetail, 'indicatorValues'> }) {
  const { t, language } = useLanguage();
  const values = report.indicatorValues ?? [];
  if (values.length === 0) return <p className="muted">{t('app.monitoring.report.noValues')}</p>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="values-caption">
      <table>
        <caption id="values-caption">{t('app.monitoring.report.valuesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.monitoring.report.indicator')}</th>
            <th scope="col" className="num">
              {t('app.monitoring.report.value')}
            </th>
            <th scope="col">{t('app.monitoring.report.breakdown')}</th>
          </tr>
        </thead>
        <tbody>
          {values.map((entry) => (
            <tr key={entry.indicator}>
              <th scope="row">
                <code>{entry.indicator}</code>
              </th>
              <td className="num">{formatNumber(entry.value, language)}</td>
              <td>
                {entry.breakdown === undefined || entry.breakdown.length === 0 ? (
                  <span className="muted">{t('app.monitoring.report.notGiven')}</span>
                ) : (
                  <ul className="plain-list">
                    {entry.breakdown.map((part) => (
                      <li key={`${part.dimension}\u0000${part.category}`}>
                        {t('app.monitoring.report.breakdownLine', {
                          dimension: disaggregationLabel(part.dimension),
                          category: part.category,
                          value: formatNumber(part.value, language),
                        })}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The coordinator's comments on a report, oldest first. */
export function ReportComments({ report }: { report: Pick<ReportDetail, 'comments'> }) {
  const { t, language } = useLanguage();
  if (report.comments.length === 0) return <p className="muted">{t('app.monitoring.report.noComments')}</p>;
  return (
    <ul className="plain-list report-comments">
      {report.comments.map((comment, index) => (
        <li key={index}>
          <p className="muted">
            {t('app.monitoring.report.commentBy', {
              author: comment.author,
              date: formatDate(comment.at.slice(0, 10), language),
              target: comment.target ?? t('app.monitoring.report.overall'),
            })}
          </p>
          <p className="prose">{comment.text}</p>
        </li>
      ))}
    </ul>
  );
}
