import { Link } from 'react-router';
import { formatDate } from '@ariadne/domain';
import { participantPath, type StrategyItem } from '../api.ts';
import { Badge, documentTone } from '../components/Badge.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { documentStatusLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';

/** The address of a strategy's plan package; the session cookie goes with a plain link, so it downloads directly. */
export function packagePath(participant: string, strategy: string): string {
  return participantPath(participant, `/strategies/${encodeURIComponent(strategy)}/package`);
}

function Strategy({ strategy, participant }: { strategy: StrategyItem; participant: string }) {
  const { t, language } = useLanguage();
  // Ids may hold dots and other characters that are not valid in an id attribute's selectors.
  const key = strategy.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const headingId = `strategy-${key}`;
  return (
    <section className="panel strategy" aria-labelledby={headingId}>
      <h2 id={headingId}>{strategy.title}</h2>
      <dl className="facts">
        <div>
          <dt>{t('app.plans.id')}</dt>
          <dd>
            <code>{strategy.id}</code>
          </dd>
        </div>
        <div>
          <dt>{t('app.plans.period')}</dt>
          <dd>{t('app.plans.years', { start: String(strategy.periodStart), end: String(strategy.periodEnd) })}</dd>
        </div>
        <div>
          <dt>{t('app.plans.status')}</dt>
          <dd>
            <Badge tone={documentTone(strategy.status)}>{documentStatusLabel(strategy.status)}</Badge>
          </dd>
        </div>
      </dl>
      {strategy.actionPlans.length === 0 ? (
        <p className="empty">{t('app.plans.noActionPlans')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${headingId}-caption`}>
          <table>
            <caption id={`${headingId}-caption`}>{t('app.plans.actionPlansCaption', { strategy: strategy.id })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('app.plans.actionPlan')}</th>
                <th scope="col">{t('app.plans.id')}</th>
                <th scope="col">{t('app.plans.start')}</th>
                <th scope="col">{t('app.plans.end')}</th>
                <th scope="col">{t('app.plans.status')}</th>
              </tr>
            </thead>
            <tbody>
              {strategy.actionPlans.map((plan) => (
                <tr key={plan.id}>
                  <th scope="row">
                    <Link to={`/plans/${encodeURIComponent(plan.id)}`}>{plan.title}</Link>
                  </th>
                  <td className="nowrap">
                    <code>{plan.id}</code>
                  </td>
                  <td className="nowrap">
                    <time dateTime={plan.start}>{formatDate(plan.start, language)}</time>
                  </td>
                  <td className="nowrap">
                    <time dateTime={plan.end}>{formatDate(plan.end, language)}</time>
                  </td>
                  <td>
                    <Badge tone={documentTone(plan.status)}>{documentStatusLabel(plan.status)}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="download">
        {/* The heading describes the link, so that several strategies' links can be told apart. */}
        <a href={packagePath(participant, strategy.id)} download aria-describedby={headingId}>
          {t('app.plans.download')}
        </a>{' '}
        <span className="muted">{t('app.plans.downloadHint')}</span>
      </p>
    </section>
  );
}

/** The strategies of the current Participant with their action plans, package downloads and, for editors, the import. */
export function PlansPage() {
  const participant = useParticipant();
  const { t } = useLanguage();
  const canEdit = useAbility('plan.edit');
  const { result, reload } = useApiData<{ items: StrategyItem[] }>(participantPath(participant.code, '/strategies'));
  return (
    <Page title={t('app.plans.title')}>
      <p className="lead">{t('app.plans.intro', { participant: participant.name })}</p>
      {canEdit ? (
        <p>
          <Link to="/plans/import" className="button">
            {t('app.plans.importButton')}
          </Link>
        </p>
      ) : null}
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' && result.data.items.length === 0 ? <p className="empty">{t('app.plans.none')}</p> : null}
      {result.status === 'ready'
        ? result.data.items.map((strategy) => <Strategy key={strategy.id} strategy={strategy} participant={participant.code} />)
        : null}
    </Page>
  );
}
