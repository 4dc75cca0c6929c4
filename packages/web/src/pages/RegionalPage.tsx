import { Link, useSearchParams } from 'react-router';
import { formatDate, formatNumber, PRINCIPLES, type Principle } from '@ariadne/domain';
import { Page } from '../components/Page.tsx';
import { TextField } from '../components/Field.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { localToday } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import type { RegionalPicture } from '../insightApi.ts';
import { useSession } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import '../insight.css';

type ParticipantPicture = RegionalPicture['participants'][number];

/**
 * Tells whether the user may see the regional picture: a role with the regional view in any
 * Participant (regional bodies, coordinators, rapporteurs), whichever Participant is chosen now.
 */
export function useRegionalAccess(): boolean {
  const { state } = useSession();
  if (state.status !== 'signedIn') return false;
  return Object.values(state.session.abilities).some((actions) => actions.includes('regional.view'));
}

const PRINCIPLE_KEYS = {
  government_ownership: 'app.insight.principles.government_ownership',
  civil_society_participation: 'app.insight.principles.civil_society_participation',
  gender_specific: 'app.insight.principles.gender_specific',
  human_rights_victim_centred: 'app.insight.principles.human_rights_victim_centred',
  interdisciplinary_cross_sectoral: 'app.insight.principles.interdisciplinary_cross_sectoral',
  international_cooperation: 'app.insight.principles.international_cooperation',
  non_discrimination: 'app.insight.principles.non_discrimination',
  non_punishment: 'app.insight.principles.non_punishment',
  rights_of_the_child: 'app.insight.principles.rights_of_the_child',
  rule_of_law: 'app.insight.principles.rule_of_law',
  sustainability: 'app.insight.principles.sustainability',
} as const satisfies Record<Principle, string>;

function StrategyCell({ participant }: { participant: ParticipantPicture }) {
  const { t } = useLanguage();
  const years = (start: number, end: number) => t('app.plans.years', { start, end });
  if (participant.validStrategies.length > 0) {
    return (
      <ul>
        {participant.validStrategies.map((strategy) => (
          <li key={strategy.id}>
            {strategy.title} ({years(strategy.periodStart, strategy.periodEnd)})
          </li>
        ))}
      </ul>
    );
  }
  return (
    <>
      <span className="muted">{t('app.insight.regional.noStrategy')}</span>
      {participant.expiredStrategy === null ? null : (
        <>
          <br />
          {t('app.insight.regional.expired', {
            title: participant.expiredStrategy.title,
            period: years(participant.expiredStrategy.periodStart, participant.expiredStrategy.periodEnd),
          })}
        </>
      )}
    </>
  );
}

function InForceTable({ picture, date }: { picture: RegionalPicture; date: string }) {
  const { t, language } = useLanguage();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="regional-in-force-caption">
      <table className="regional-table">
        <caption id="regional-in-force-caption">{t('app.insight.regional.inForceCaption', { date })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.insight.regional.participant')}</th>
            <th scope="col">{t('app.insight.regional.strategy')}</th>
            <th scope="col">{t('app.insight.regional.actionPlans')}</th>
          </tr>
        </thead>
        <tbody>
          {picture.participants.map((participant) => (
            <tr key={participant.code}>
              <th scope="row">{participant.name}</th>
              <td>
                <StrategyCell participant={participant} />
              </td>
              <td>
                {participant.validActionPlans.length === 0 ? (
                  <span className="muted">{t('app.insight.regional.noActionPlan')}</span>
                ) : (
                  <ul>
                    {participant.validActionPlans.map((plan) => (
                      <li key={plan.id}>
                        {t('app.insight.regional.actionPlan', {
                          title: plan.title,
                          start: formatDate(plan.start, language),
                          end: formatDate(plan.end, language),
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

function PrinciplesMatrix({ picture, date }: { picture: RegionalPicture; date: string }) {
  const { t, language } = useLanguage();
  const declared = picture.participants.map((participant) => new Set<string>(participant.principles));
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="regional-principles-caption">
      <table className="principles-matrix">
        <caption id="regional-principles-caption">{t('app.insight.regional.principlesCaption', { date })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.insight.regional.principle')}</th>
            {picture.participants.map((participant) => (
              <th key={participant.code} scope="col">
                {participant.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PRINCIPLES.map((principle) => (
            <tr key={principle}>
              <th scope="row">{t(PRINCIPLE_KEYS[principle])}</th>
              {declared.map((set, index) => (
                <td key={picture.participants[index]?.code ?? index}>
                  {/* A mark and a word, so that neither colour nor the symbol alone carries the answer. */}
                  {set.has(principle) ? (
                    <span className="mark-yes">
                      <span aria-hidden="true">✓ </span>
                      {t('app.insight.regional.declared')}
                    </span>
                  ) : (
                    <span className="mark-no">
                      <span aria-hidden="true">– </span>
                      {t('app.insight.regional.notDeclared')}
                    </span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('app.insight.regional.declaredTotal')}</th>
            {picture.participants.map((participant) => (
              <td key={participant.code} data-testid={`principles-count-${participant.code}`}>
                {t('app.insight.regional.declaredCount', {
                  count: formatNumber(participant.principles.length, language),
                  total: formatNumber(PRINCIPLES.length, language),
                })}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Picture({ asOf }: { asOf: string }) {
  const { t, language } = useLanguage();
  const { result, reload } = useApiData<RegionalPicture>(`/api/regional?asOf=${encodeURIComponent(asOf)}`);
  if (result.status === 'loading') return <Loading />;
  if (result.status === 'error') return <ErrorMessage message={result.error.message} onRetry={reload} />;
  const picture = result.data;
  if (picture.participants.length === 0) return <p className="empty">{t('app.insight.regional.none')}</p>;
  const date = formatDate(picture.asOf, language);
  return (
    <>
      <h2>{t('app.insight.regional.inForceTitle')}</h2>
      <InForceTable picture={picture} date={date} />
      <h2>{t('app.insight.regional.principlesTitle')}</h2>
      <p>{t('app.insight.regional.principlesIntro')}</p>
      <PrinciplesMatrix picture={picture} date={date} />
    </>
  );
}

/**
 * The regional picture as of a date: which strategies and action plans are in force in each
 * Participant the reader can see, and the guiding principles each strategy declares (the tables
 * of the seed assessment's §2.1 and §2.4). The date is kept in the address (`?asOf=`).
 */
export function RegionalPage() {
  const { t } = useLanguage();
  const allowed = useRegionalAccess();
  const [searchParams, setSearchParams] = useSearchParams();
  const asOf = searchParams.get('asOf') ?? localToday();
  const valid = /^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(asOf);
  if (!allowed) {
    return (
      <Page title={t('app.forbidden.title')}>
        <p>{t('errors.FORBIDDEN')}</p>
        <p>
          <Link to="/">{t('app.common.backHome')}</Link>
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('app.insight.regional.title')}>
      <p>{t('app.insight.regional.intro')}</p>
      <div className="as-of">
        <TextField
          id="regional-as-of"
          label={t('app.progress.asOf')}
          hint={t('app.insight.regional.asOfHint')}
          error={valid ? undefined : t('app.progress.asOfMissing')}
          type="date"
          value={asOf}
          onChange={(event) =>
            setSearchParams(
              (previous) => {
                const next = new URLSearchParams(previous);
                next.set('asOf', event.target.value);
                return next;
              },
              { replace: true, preventScrollReset: true },
            )
          }
        />
      </div>
      {valid ? <Picture asOf={asOf} /> : null}
    </Page>
  );
}
