import { useSearchParams } from 'react-router';
import { ACTIVITY_STATUSES, formatDate, formatNumber } from '@ariadne/domain';
import { participantPath } from '../../api.ts';
import { ErrorMessage } from '../../components/Status.tsx';
import { formatShare, localToday } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';
import { activityStatusLabel, levelLabel } from '../../labels.ts';
import { useApiData } from '../../useApiData.ts';

type Group = { total: number; byStatus: Record<string, number>; implementationRate: number | null };

/** `GET …/action-plans/{plan}/local-roll-up`: the progress per level and per local area. */
export type ProgressRollUp = {
  plan: string;
  asOf: string;
  byLevel: (Group & { level: string })[];
  byArea: (Group & { level: string; area: string; plans: string[] })[];
};

function GroupCells({ group }: { group: Group }) {
  const { t, language } = useLanguage();
  return (
    <>
      {ACTIVITY_STATUSES.map((status) => (
        <td key={status} className="num">
          {formatNumber(group.byStatus[status] ?? 0, language)}
        </td>
      ))}
      <td className="num">{formatNumber(group.total, language)}</td>
      <td className="num">
        {group.implementationRate === null ? (
          <span className="muted">{t('app.progress.notApplicable')}</span>
        ) : (
          formatShare(group.implementationRate, language)
        )}
      </td>
    </>
  );
}

function Head({ first }: { first: string }) {
  const { t } = useLanguage();
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {ACTIVITY_STATUSES.map((status) => (
          <th key={status} scope="col" className="num">
            {activityStatusLabel(status)}
          </th>
        ))}
        <th scope="col" className="num">
          {t('app.progress.total')}
        </th>
        <th scope="col" className="num">
          {t('app.localPlans.rollUp.rate')}
        </th>
      </tr>
    </thead>
  );
}

/**
 * The national progress overview per level and per local area: the plan's activities at their own
 * level and those of the local plans that implement them, at their body's level and in its area.
 * Shown only when the plan has activities below the national level or local plans implementing it.
 */
export function LocalRollUpSection({ participant, planId }: { participant: string; planId: string }) {
  const { t, language } = useLanguage();
  const [searchParams] = useSearchParams();
  const asOf = searchParams.get('asOf') ?? localToday();
  const whole = /^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(asOf);
  const { result, reload } = useApiData<ProgressRollUp>(
    participantPath(
      participant,
      `/action-plans/${encodeURIComponent(planId)}/local-roll-up?asOf=${encodeURIComponent(whole ? asOf : localToday())}`,
    ),
  );
  if (result.status === 'loading') return null;
  if (result.status === 'error') return <ErrorMessage message={result.error.message} onRetry={reload} />;
  const rollUp = result.data;
  if (rollUp.byArea.length === 0 && rollUp.byLevel.every((group) => group.level === 'national')) return null;
  const date = formatDate(rollUp.asOf, language);
  return (
    <section id="plan-local-roll-up" className="plan-section" aria-labelledby="plan-local-roll-up-heading">
      <h2 id="plan-local-roll-up-heading">{t('app.localPlans.rollUp.title')}</h2>
      <p>{t('app.localPlans.rollUp.intro')}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="roll-up-levels-caption">
        <table>
          <caption id="roll-up-levels-caption">{t('app.localPlans.rollUp.byLevel', { date })}</caption>
          <Head first={t('app.localPlans.level')} />
          <tbody>
            {rollUp.byLevel.map((group) => (
              <tr key={group.level}>
                <th scope="row">{levelLabel(group.level)}</th>
                <GroupCells group={group} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rollUp.byArea.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="roll-up-areas-caption">
          <table>
            <caption id="roll-up-areas-caption">{t('app.localPlans.rollUp.byArea', { date })}</caption>
            <Head first={t('app.localPlans.glance.area')} />
            <tbody>
              {rollUp.byArea.map((group) => (
                <tr key={`${group.level}:${group.area}`}>
                  <th scope="row">
                    {group.area} <span className="muted">({group.plans.join(', ')})</span>
                  </th>
                  <GroupCells group={group} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
