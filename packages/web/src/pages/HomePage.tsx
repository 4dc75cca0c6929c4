import { Link } from 'react-router';
import { formatDate, formatMoney, formatNumber } from '@ariadne/domain';
import { participantPath, type ParticipantRef, type ParticipantSummary } from '../api.ts';
import { Page } from '../components/Page.tsx';
import { useSections } from '../components/Shell.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { localToday } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { useAbility, useSignedInSession } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { reportPage } from '../monitoringApi.ts';
import { myReportsPath, type MyReport } from '../reportingApi.ts';

const MY_REPORT_STATUS_KEYS = {
  not_started: 'app.monitoring.status.not_started',
  draft: 'app.monitoring.status.draft',
  submitted: 'app.monitoring.status.submitted',
  returned: 'app.monitoring.status.returned',
  accepted: 'app.monitoring.status.accepted',
  overdue: 'app.monitoring.status.overdue',
} as const;

/** A focal point's reports: those still to be sent first (nearest deadline first), then those sent. */
function MyReports({ participant }: { participant: ParticipantRef }) {
  const { t, language } = useLanguage();
  const { result, reload } = useApiData<{ reports: MyReport[] }>(myReportsPath(participant.code));
  const open = (report: MyReport) => report.status === 'draft' || report.status === 'returned';
  const reports =
    result.status === 'ready'
      ? [
          ...result.data.reports.filter(open).sort((a, b) => (a.deadline < b.deadline ? -1 : 1)),
          ...result.data.reports.filter((r) => !open(r)),
        ]
      : [];
  return (
    <section className="panel" aria-labelledby="my-reports-heading">
      <h2 id="my-reports-heading">{t('app.reporting.home.title')}</h2>
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' && reports.length === 0 ? <p className="muted">{t('app.reporting.home.none')}</p> : null}
      {result.status === 'ready' && reports.length > 0 ? (
        <>
          <p>{t('app.reporting.home.open', { count: reports.filter(open).length })}</p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="my-reports-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('app.reporting.home.report')}</th>
                  <th scope="col">{t('app.monitoring.periodHeading')}</th>
                  <th scope="col">{t('app.monitoring.deadline')}</th>
                  <th scope="col">{t('app.monitoring.board.status')}</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((report) => (
                  <tr key={`${report.plan.id}/${report.round}/${report.institution.id}`}>
                    <th scope="row">
                      <Link to={reportPage(report.plan.id, report.round, report.institution.id)}>
                        {t('app.reporting.home.reportLink', {
                          plan: report.plan.title,
                          round: report.round,
                          institution: report.institution.name,
                        })}
                      </Link>
                    </th>
                    <td>
                      {t('app.monitoring.period', {
                        start: formatDate(report.periodStart, language),
                        end: formatDate(report.periodEnd, language),
                      })}
                    </td>
                    <td>
                      <time dateTime={report.deadline}>{formatDate(report.deadline, language)}</time>
                    </td>
                    <td>{t(MY_REPORT_STATUS_KEYS[report.board])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}

function ParticipantAtAGlance({ participant }: { participant: ParticipantRef }) {
  const { t, language } = useLanguage();
  const { result, reload } = useApiData<ParticipantSummary>(participantPath(participant.code));
  const today = localToday();
  return (
    <section className="panel" aria-labelledby="glance-heading">
      <h2 id="glance-heading">{t('app.home.glance.title')}</h2>
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' ? (
        <dl className="facts">
          <div>
            <dt>{t('app.home.glance.participant')}</dt>
            <dd>{result.data.name}</dd>
          </div>
          <div>
            <dt>{t('app.home.glance.currency')}</dt>
            <dd>{result.data.currency}</dd>
          </div>
          <div>
            <dt>{t('app.home.glance.institutions')}</dt>
            <dd data-testid="institution-count">{formatNumber(result.data.institutionCount, language)}</dd>
          </div>
          {result.data.estimatedTotalCost !== undefined ? (
            <div>
              <dt>{t('app.home.glance.estimatedTotalCost')}</dt>
              <dd data-testid="estimated-total-cost">{formatMoney(result.data.estimatedTotalCost, result.data.currency, language)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('app.home.glance.today')}</dt>
            <dd>
              <time dateTime={today} data-testid="today">
                {formatDate(today, language)}
              </time>
            </dd>
          </div>
        </dl>
      ) : null}
    </section>
  );
}

/** The home page: a welcome, the user's roles here, the Participant at a glance, and the sections they can open. */
export function HomePage() {
  const { session, participant } = useSignedInSession();
  const { t } = useLanguage();
  const sections = useSections();
  const canViewParticipant = useAbility('participant.view');
  const roles = participant ? session.memberships.filter((m) => m.participant.code === participant.code) : [];

  return (
    <Page title={t('app.home.title')} heading={t('app.home.welcome', { name: session.user.displayName })}>
      {participant === null ? (
        <p className="notice notice-info">{t('app.home.noMembership')}</p>
      ) : (
        <>
          <section className="panel" aria-labelledby="roles-heading">
            <h2 id="roles-heading">{t('app.home.rolesTitle', { participant: participant.name })}</h2>
            <ul className="role-list">
              {roles.map((membership) => (
                <li key={`${membership.role}-${membership.institution?.code ?? ''}`}>
                  {membership.institution
                    ? t('app.common.roleAtInstitution', {
                        role: roleLabel(membership.role),
                        institution: membership.institution.name,
                      })
                    : roleLabel(membership.role)}
                </li>
              ))}
            </ul>
          </section>
          {roles.some((membership) => membership.role === 'focal_point') ? <MyReports participant={participant} /> : null}
          {canViewParticipant ? <ParticipantAtAGlance participant={participant} /> : null}
        </>
      )}
      <section aria-labelledby="sections-heading">
        <h2 id="sections-heading">{t('app.home.sectionsTitle')}</h2>
        <ul className="cards">
          {sections.map((section) => (
            <li key={section.to} className="card">
              <h3>
                <Link to={section.to}>{section.label}</Link>
              </h3>
              <p>{section.description}</p>
            </li>
          ))}
          <li className="card">
            <h3>
              <Link to="/account">{t('app.nav.account')}</Link>
            </h3>
            <p>{t('app.home.accountCard')}</p>
          </li>
        </ul>
      </section>
    </Page>
  );
}
