import { Link, useSearchParams } from 'react-router';
import {
  formatDate,
  formatNumber,
  PRINCIPLES,
  sharedIndicatorChart,
  type Principle,
  type SharedIndicator,
  type SharedIndicatorEntry,
  type SharedIndicatorSummary,
} from '@ariadne/domain';
import { Chart } from '../components/Chart.tsx';
import { areaLabel } from '../labels.ts';
import { Page } from '../components/Page.tsx';
import { SelectField, TextField } from '../components/Field.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { localToday } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import type { RegionalComparison, RegionalPicture } from '../insightApi.ts';
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

function StructuresTable({ comparison, date }: { comparison: RegionalComparison; date: string }) {
  const { t } = useLanguage();
  const { areas, participants } = comparison.structures;
  const groups = [
    { key: 'fourP', title: t('app.insight.regional.fourP'), areas: areas.slice(0, 4) },
    { key: 'beyond', title: t('app.insight.regional.beyondFourP'), areas: areas.slice(4) },
  ].filter((group) => group.areas.length > 0);
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="regional-structures-caption">
      <table className="principles-matrix structures-matrix">
        <caption id="regional-structures-caption">{t('app.insight.regional.structuresCaption', { date })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.insight.regional.area')}</th>
            {participants.map((participant) => (
              <th key={participant.code} scope="col">
                {participant.name}
                {participant.strategy === null ? null : (
                  <>
                    <br />
                    <span className="muted">{participant.strategy.title}</span>
                  </>
                )}
              </th>
            ))}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.key}>
            <tr>
              <th scope="rowgroup" colSpan={participants.length + 1} className="row-group">
                {group.title}
              </th>
            </tr>
            {group.areas.map((area) => (
              <tr key={area}>
                <th scope="row">{areaLabel(area)}</th>
                {participants.map((participant) => {
                  if (participant.strategy === null) {
                    return (
                      <td key={participant.code} className="muted">
                        {t('app.insight.regional.noStructure')}
                      </td>
                    );
                  }
                  const goals = participant.goals.filter((goal) => goal.area === area);
                  return (
                    <td key={participant.code} className={goals.length === 0 ? 'muted' : undefined}>
                      {goals.length === 0 ? (
                        t('app.insight.regional.noArea')
                      ) : (
                        <ul>
                          {goals.map((goal) => (
                            <li key={goal.id}>
                              {t('app.insight.regional.goal', { position: goal.position, label: goal.label ?? goal.title })}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}

function useSharedValue(): (entry: SharedIndicatorEntry, indicator: SharedIndicator, value: number | null, small: boolean) => string {
  const { language } = useLanguage();
  return (entry, indicator, value, small) => {
    if (small) return `< ${formatNumber(entry.threshold, language)}`;
    if (value === null) return '–';
    const number = formatNumber(value, language);
    return indicator.measure === 'percentage' ? `${number} %` : number;
  };
}

function SharedIndicatorTable({ indicator }: { indicator: SharedIndicator }) {
  const { t } = useLanguage();
  const shown = useSharedValue();
  return (
    <table>
      <caption>{t('app.insight.regional.indicatorCaption', { name: indicator.name })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('app.insight.regional.participant')}</th>
          <th scope="col" className="num">
            {t('app.insight.regional.baseline')}
          </th>
          {indicator.years.map((year) => (
            <th key={year} scope="col" className="num">
              {year}
            </th>
          ))}
          <th scope="col" className="num">
            {t('app.insight.regional.target')}
          </th>
        </tr>
      </thead>
      <tbody>
        {indicator.participants.map((entry) => {
          const byYear = new Map(entry.values.map((value) => [value.year, value]));
          return (
            <tr key={entry.participant.code}>
              <th scope="row">{entry.participant.name}</th>
              <td className="num">
                {entry.baseline
                  ? t('app.insight.regional.valueInYear', {
                      value: shown(entry, indicator, entry.baseline.value, entry.baseline.small),
                      year: entry.baseline.year,
                    })
                  : '–'}
              </td>
              {indicator.years.map((year) => {
                const value = byYear.get(year);
                return (
                  <td key={year} className="num">
                    {value ? shown(entry, indicator, value.value, value.small) : '–'}
                  </td>
                );
              })}
              <td className="num">
                {entry.target
                  ? t('app.insight.regional.valueInYear', {
                      value: shown(entry, indicator, entry.target.value, false),
                      year: entry.target.year,
                    })
                  : '–'}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function SharedIndicatorChart({ asOf, indicatorKey }: { asOf: string; indicatorKey: string }) {
  const { t, language } = useLanguage();
  const { result, reload } = useApiData<SharedIndicator>(
    `/api/regional/indicator?asOf=${encodeURIComponent(asOf)}&key=${encodeURIComponent(indicatorKey)}`,
  );
  if (result.status === 'loading') return <Loading />;
  if (result.status === 'error') return <ErrorMessage message={result.error.message} onRetry={reload} />;
  const indicator = result.data;
  return (
    <Chart
      id="regional-indicator"
      title={indicator.name}
      summary={[
        indicator.unit ? t('app.insight.regional.unit', { unit: indicator.unit }) : null,
        t('app.insight.regional.indicatorChart', { name: indicator.name }),
      ]
        .filter((part) => part !== null)
        .join(' · ')}
      definition={sharedIndicatorChart(indicator, { language })}
      tableShown
      table={<SharedIndicatorTable indicator={indicator} />}
    />
  );
}

/** The shared indicators to choose from, and the chosen one (kept in the address as `?indicator=`) compared. */
function SharedIndicators({ asOf, indicators }: { asOf: string; indicators: SharedIndicatorSummary[] }) {
  const { t } = useLanguage();
  const [searchParams, setSearchParams] = useSearchParams();
  if (indicators.length === 0) return <p className="empty">{t('app.insight.regional.indicatorsNone')}</p>;
  const asked = searchParams.get('indicator');
  const chosen = indicators.find((indicator) => indicator.key === asked) ?? indicators[0];
  if (!chosen) return null;
  return (
    <>
      <p className="muted">{t('app.insight.regional.smallCountsNote')}</p>
      <SelectField
        id="regional-indicator-choice"
        label={t('app.insight.regional.indicatorChoice')}
        value={chosen.key}
        onChange={(event) =>
          setSearchParams(
            (previous) => {
              const next = new URLSearchParams(previous);
              next.set('indicator', event.target.value);
              return next;
            },
            { replace: true, preventScrollReset: true },
          )
        }
      >
        {indicators.map((indicator) => (
          <option key={indicator.key} value={indicator.key}>
            {t('app.insight.regional.sharedBy', { name: indicator.name, count: indicator.participants.length })}
          </option>
        ))}
      </SelectField>
      <SharedIndicatorChart asOf={asOf} indicatorKey={chosen.key} />
    </>
  );
}

function Comparison({ asOf, date }: { asOf: string; date: string }) {
  const { t } = useLanguage();
  const { result, reload } = useApiData<RegionalComparison>(`/api/regional/comparison?asOf=${encodeURIComponent(asOf)}`);
  if (result.status === 'loading') return <Loading />;
  if (result.status === 'error') return <ErrorMessage message={result.error.message} onRetry={reload} />;
  return (
    <>
      <h2>{t('app.insight.regional.structuresTitle')}</h2>
      <p>{t('app.insight.regional.structuresIntro')}</p>
      <StructuresTable comparison={result.data} date={date} />
      <h2>{t('app.insight.regional.indicatorsTitle')}</h2>
      <p>{t('app.insight.regional.indicatorsIntro')}</p>
      <SharedIndicators asOf={asOf} indicators={result.data.indicators} />
    </>
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
      <Comparison asOf={asOf} date={date} />
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
