import { FUNDING_SOURCES, FUNDING_STATUSES, type Language } from '@ariadne/domain';
import { participantPath, type PlanFinance } from '../../api.ts';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { formatAmount, formatShare } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';
import { areaLabel, fundingSourceLabel, fundingStatusLabel } from '../../labels.ts';
import { useApiData } from '../../useApiData.ts';

type Row = { key: string; label: string; amount: number };

function ShareOrDash({ share, language }: { share: number | null; language: Language }) {
  const { t } = useLanguage();
  // No costs at all: a share of nothing is not zero, it does not exist.
  return share === null ? <span className="muted">{t('app.finance.noShare')}</span> : <>{formatShare(share, language)}</>;
}

function AmountTable({
  id,
  caption,
  heading,
  rows,
  finance,
}: {
  id: string;
  caption: string;
  heading: string;
  rows: Row[];
  finance: PlanFinance;
}) {
  const { t, language } = useLanguage();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
      <table>
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" className="num">
              {t('app.finance.amount')}
            </th>
            <th scope="col" className="num">
              {t('app.finance.share')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3} className="muted">
                {t('app.finance.noCosts')}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="num">{formatAmount(row.amount, finance.currency, language)}</td>
                <td className="num">
                  <ShareOrDash share={finance.total > 0 ? row.amount / finance.total : null} language={language} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function FundingSplit({ finance }: { finance: PlanFinance }) {
  const { t, language } = useLanguage();
  const parts = FUNDING_STATUSES.map((status) => {
    const amount = finance.byStatus[status] ?? 0;
    const share = finance.total > 0 ? amount / finance.total : 0;
    return { status, amount, share };
  });
  const description = t('app.finance.splitDescription', {
    secured: formatShare(parts[0]?.share ?? 0, language),
    pledged: formatShare(parts[1]?.share ?? 0, language),
    unfunded: formatShare(parts[2]?.share ?? 0, language),
  });
  return (
    <div className="funding-split">
      <h3 id="funding-split-heading">{t('app.finance.splitTitle')}</h3>
      {finance.total > 0 ? (
        // One image for the bar as a whole: its parts mean nothing read one by one.
        <div className="split-bar" role="img" aria-label={description}>
          {parts.map((part) =>
            part.share > 0 ? <span key={part.status} className={`split-${part.status}`} style={{ width: `${part.share * 100}%` }} /> : null,
          )}
        </div>
      ) : null}
      <ul className="split-legend">
        {parts.map((part) => (
          <li key={part.status}>
            <span className={`swatch split-${part.status}`} aria-hidden="true" />
            {t('app.finance.splitItem', {
              status: fundingStatusLabel(part.status),
              amount: formatAmount(part.amount, finance.currency, language),
              share: finance.total > 0 ? formatShare(part.share, language) : t('app.finance.noShare'),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function FinanceBody({ finance }: { finance: PlanFinance }) {
  const { t, language } = useLanguage();
  const money = (amount: number) => formatAmount(amount, finance.currency, language);
  const years = Object.keys(finance.byYear).sort((a, b) => Number(a) - Number(b));
  return (
    <>
      <dl className="facts">
        <div>
          <dt>{t('app.finance.total')}</dt>
          <dd data-testid="finance-total">{money(finance.total)}</dd>
        </div>
        <div>
          <dt>{t('app.finance.fundingGap')}</dt>
          <dd data-testid="finance-gap">{money(finance.fundingGap)}</dd>
        </div>
        <div>
          <dt>{t('app.finance.stateShare')}</dt>
          <dd data-testid="finance-state-share">
            <ShareOrDash share={finance.stateShare} language={language} />
          </dd>
        </div>
        <div>
          <dt>{t('app.finance.ngoShare')}</dt>
          <dd data-testid="finance-ngo-share">
            <ShareOrDash share={finance.ngoShare} language={language} />
          </dd>
        </div>
      </dl>
      <FundingSplit finance={finance} />
      <div className="table-grid">
        <AmountTable
          id="finance-by-year"
          caption={t('app.finance.byYear')}
          heading={t('app.finance.year')}
          rows={years.map((year) => ({ key: year, label: year, amount: finance.byYear[year] ?? 0 }))}
          finance={finance}
        />
        <AmountTable
          id="finance-by-area"
          caption={t('app.finance.byArea')}
          heading={t('app.finance.area')}
          rows={Object.entries(finance.byArea).map(([area, amount]) => ({ key: area, label: areaLabel(area), amount }))}
          finance={finance}
        />
        <AmountTable
          id="finance-by-source"
          caption={t('app.finance.bySource')}
          heading={t('app.finance.source')}
          rows={FUNDING_SOURCES.map((source) => ({
            key: source,
            label: fundingSourceLabel(source),
            amount: finance.bySource[source] ?? 0,
          }))}
          finance={finance}
        />
        <AmountTable
          id="finance-by-status"
          caption={t('app.finance.byStatus')}
          heading={t('app.finance.status')}
          rows={FUNDING_STATUSES.map((status) => ({
            key: status,
            label: fundingStatusLabel(status),
            amount: finance.byStatus[status] ?? 0,
          }))}
          finance={finance}
        />
      </div>
      <h3 id="unfunded-heading">{t('app.finance.unfundedTitle')}</h3>
      {finance.unfundedActivities.length === 0 ? (
        <p className="empty">{t('app.finance.noUnfunded')}</p>
      ) : (
        <>
          <p>{t('app.finance.unfundedIntro', { count: finance.unfundedActivities.length })}</p>
          <ul className="code-list" aria-labelledby="unfunded-heading">
            {finance.unfundedActivities.map((id) => (
              <li key={id}>
                <code>{id}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The financial plan of an action plan: total, shares, funding gap, the funding split and the tables behind them. */
export function FinanceSection({ participant, planId }: { participant: string; planId: string }) {
  const { t } = useLanguage();
  const { result, reload } = useApiData<PlanFinance>(participantPath(participant, `/action-plans/${encodeURIComponent(planId)}/finance`));
  return (
    <section id="plan-finance" className="plan-section" aria-labelledby="plan-finance-heading">
      <h2 id="plan-finance-heading">{t('app.finance.title')}</h2>
      <p>{t('app.finance.intro')}</p>
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' ? <FinanceBody finance={result.data} /> : null}
    </section>
  );
}
