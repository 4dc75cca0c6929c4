import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  fundingBySourceChart,
  fundingByStatusChart,
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  NGO_SHARE_BENCHMARK,
  resourcePlanChart,
  toMinorUnits,
  type Area,
  type ChartPoint,
  type FundingSource,
  type FundingStatus,
  type Language,
} from '@ariadne/domain';
import { participantPath, type PlanFinance } from '../../api.ts';
import { Chart } from '../../components/Chart.tsx';
import { ErrorMessage, Loading } from '../../components/Status.tsx';
import { formatAmount, formatShare } from '../../format.ts';
import { useLanguage } from '../../i18n.ts';
import { actionPlanPath, type CostItem, type PlanCosts, type ResourcePlan } from '../../insightApi.ts';
import { areaLabel, fundingSourceLabel, fundingStatusLabel } from '../../labels.ts';
import { useApiData, type ApiData } from '../../useApiData.ts';

/** What a drill-down lists: the cost lines of one cell, row, column, source or status, or all of them. */
export type Drill = { area?: string; year?: number; source?: FundingSource; status?: FundingStatus };

/** The key of a drill-down, to know which amount is open. */
function drillKey(drill: Drill): string {
  return [drill.area ?? '', drill.year ?? '', drill.source ?? '', drill.status ?? ''].join('|');
}

/** One activity of a drill-down, with the sum of its cost lines that the drill-down selects. */
export type DrilledActivity = {
  activity: string;
  title: string;
  area: string;
  lead: string | null;
  leadName: string | null;
  amount: number;
};

/** Selects the cost lines of a drill-down and sums them per activity, activities in the order of the cost lines. */
export function drillDown(items: readonly CostItem[], drill: Drill): { activities: DrilledActivity[]; total: number } {
  const byActivity = new Map<string, { item: CostItem; minor: number }>();
  let total = 0;
  for (const item of items) {
    if (drill.area !== undefined && item.area !== drill.area) continue;
    if (drill.year !== undefined && item.year !== drill.year) continue;
    if (drill.source !== undefined && item.source !== drill.source) continue;
    if (drill.status !== undefined && item.status !== drill.status) continue;
    const minor = toMinorUnits(item.amount);
    total += minor;
    const entry = byActivity.get(item.activity);
    if (entry) entry.minor += minor;
    else byActivity.set(item.activity, { item, minor });
  }
  return {
    activities: [...byActivity.values()].map(({ item, minor }) => ({
      activity: item.activity,
      title: item.title,
      area: item.area,
      lead: item.lead,
      leadName: item.leadName,
      amount: minor / 100,
    })),
    total: total / 100,
  };
}

type DrillControl = {
  open: Drill | null;
  /** Opens a drill-down; `from` is the control to give focus back to when it closes. */
  show: (drill: Drill, from: HTMLElement | null) => void;
};

/** Names what a drill-down lists, in the reader's language ("Protection, 2022"). */
function useDrillName(): (drill: Drill) => string {
  const { t } = useLanguage();
  return (drill) => {
    const parts = [
      drill.area === undefined ? null : areaLabel(drill.area),
      drill.year === undefined ? null : String(drill.year),
      drill.source === undefined ? null : fundingSourceLabel(drill.source),
      drill.status === undefined ? null : fundingStatusLabel(drill.status),
    ].filter((part): part is string => part !== null);
    return parts.length === 0 ? t('app.insight.finance.drill.all') : parts.join(', ');
  };
}

/** An amount that opens the list of its activities. */
function AmountButton({ amount, currency, drill, control }: { amount: number; currency: string; drill: Drill; control: DrillControl }) {
  const { t, language } = useLanguage();
  const name = useDrillName();
  const written = formatAmount(amount, currency, language);
  const pressed = control.open !== null && drillKey(control.open) === drillKey(drill);
  return (
    <button
      type="button"
      className="amount-button"
      aria-pressed={pressed}
      aria-label={t('app.insight.finance.openAmount', { amount: written, what: name(drill) })}
      onClick={(event) => control.show(drill, event.currentTarget)}
    >
      {written}
    </button>
  );
}

function ShareOrDash({ share, language }: { share: number | null; language: Language }) {
  const { t } = useLanguage();
  // No costs at all: a share of nothing is not zero, it does not exist.
  return share === null ? <span className="muted">{t('app.finance.noShare')}</span> : <>{formatShare(share, language)}</>;
}

function KeyFigures({ finance }: { finance: PlanFinance }) {
  const { t, language } = useLanguage();
  const money = (amount: number) => formatAmount(amount, finance.currency, language);
  const comparison =
    finance.ngoShare === null
      ? null
      : finance.ngoShare > NGO_SHARE_BENCHMARK
        ? 'above'
        : finance.ngoShare < NGO_SHARE_BENCHMARK
          ? 'below'
          : 'equal';
  return (
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
        <dd>
          <span data-testid="finance-ngo-share">
            <ShareOrDash share={finance.ngoShare} language={language} />
          </span>
          {comparison === null ? null : (
            <span className="benchmark" data-testid="finance-ngo-benchmark">
              {t('app.insight.finance.ngoBenchmark', { comparison, benchmark: formatShare(NGO_SHARE_BENCHMARK, language) })}
            </span>
          )}
        </dd>
      </div>
    </dl>
  );
}

function ResourcePlanTable({ plan, currency, control }: { plan: ResourcePlan; currency: string; control: DrillControl }) {
  const { t } = useLanguage();
  const cell = new Map(plan.cells.map((c) => [`${c.area}\u0000${c.year}`, c.amount]));
  const button = (amount: number, drill: Drill) => <AmountButton amount={amount} currency={currency} drill={drill} control={control} />;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="resource-plan-caption">
      <table className="resource-plan">
        <caption id="resource-plan-caption">{t('app.insight.finance.resourcePlan.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('app.finance.area')}</th>
            {plan.years.map((year) => (
              <th key={year} scope="col" className="num">
                {year}
              </th>
            ))}
            <th scope="col" className="num">
              {t('app.insight.finance.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.areas.map((area) => (
            <tr key={area}>
              <th scope="row">{areaLabel(area)}</th>
              {plan.years.map((year) => (
                <td key={year} className="num">
                  {button(cell.get(`${area}\u0000${year}`) ?? 0, { area, year })}
                </td>
              ))}
              <td className="num">{button(plan.byArea[area] ?? 0, { area })}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('app.insight.finance.resourcePlan.allAreas')}</th>
            {plan.years.map((year) => (
              <td key={year} className="num">
                {button(plan.byYear[String(year)] ?? 0, { year })}
              </td>
            ))}
            <td className="num" data-testid="resource-plan-total">
              {button(plan.total, {})}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

type Row = { key: string; label: string; amount: number; drill: Drill };

/** The data table of a chart of amounts: each amount with its share of the total, each opening its activities. */
function AmountTable({
  id,
  caption,
  heading,
  rows,
  finance,
  control,
}: {
  id: string;
  caption: string;
  heading: string;
  rows: Row[];
  finance: PlanFinance;
  control: DrillControl | null;
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
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">
                {control === null ? (
                  formatAmount(row.amount, finance.currency, language)
                ) : (
                  <AmountButton amount={row.amount} currency={finance.currency} drill={row.drill} control={control} />
                )}
              </td>
              <td className="num">
                <ShareOrDash share={finance.total > 0 ? row.amount / finance.total : null} language={language} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FundingCharts({ finance, control }: { finance: PlanFinance; control: DrillControl | null }) {
  const { t, language } = useLanguage();
  const money = (amount: number) => formatAmount(amount, finance.currency, language);
  const share = (amount: number) => (finance.total > 0 ? formatShare(amount / finance.total, language) : t('app.finance.noShare'));
  const sources: Row[] = FUNDING_SOURCES.map((source) => ({
    key: source,
    label: fundingSourceLabel(source),
    amount: finance.bySource[source] ?? 0,
    drill: { source },
  }));
  const statuses: Row[] = FUNDING_STATUSES.map((status) => ({
    key: status,
    label: fundingStatusLabel(status),
    amount: finance.byStatus[status] ?? 0,
    drill: { status },
  }));
  const largest = sources.reduce((best, row) => (row.amount > best.amount ? row : best), sources[0] as Row);
  const bySource = useMemo(
    () =>
      fundingBySourceChart(finance.bySource, {
        language,
        currency: finance.currency,
        name: t('app.finance.bySource'),
        source: fundingSourceLabel,
      }),
    [finance, language, t],
  );
  const byStatus = useMemo(
    () =>
      fundingByStatusChart(finance.byStatus, {
        language,
        currency: finance.currency,
        name: t('app.finance.byStatus'),
        status: fundingStatusLabel,
      }),
    [finance, language, t],
  );
  const open = control === null ? undefined : (point: ChartPoint) => control.show(drillOf(point), null);
  return (
    <>
      <Chart
        id="finance-by-source"
        title={t('app.finance.bySource')}
        summary={
          finance.total > 0
            ? t('app.insight.finance.bySourceSummary', {
                source: largest.label,
                amount: money(largest.amount),
                share: share(largest.amount),
              })
            : t('app.finance.noCosts')
        }
        definition={bySource}
        onOpen={open}
        table={
          <AmountTable
            id="finance-by-source-caption"
            caption={t('app.finance.bySource')}
            heading={t('app.finance.source')}
            rows={sources}
            finance={finance}
            control={control}
          />
        }
      />
      <Chart
        id="finance-by-status"
        title={t('app.finance.byStatus')}
        summary={
          finance.total > 0
            ? t('app.insight.finance.byStatusSummary', {
                secured: share(finance.byStatus.secured ?? 0),
                pledged: share(finance.byStatus.pledged ?? 0),
                unfunded: share(finance.byStatus.unfunded ?? 0),
              })
            : t('app.finance.noCosts')
        }
        definition={byStatus}
        onOpen={open}
        table={
          <AmountTable
            id="finance-by-status-caption"
            caption={t('app.finance.byStatus')}
            heading={t('app.finance.status')}
            rows={statuses}
            finance={finance}
            control={control}
          />
        }
      />
    </>
  );
}

/** The drill-down a point of a one-series chart stands for: its category is a funding source or a funding status. */
function drillOf(point: ChartPoint): Drill {
  if ((FUNDING_SOURCES as readonly string[]).includes(point.category)) return { source: point.category as FundingSource };
  if ((FUNDING_STATUSES as readonly string[]).includes(point.category)) return { status: point.category as FundingStatus };
  return {};
}

function DrillDownPanel({ items, drill, currency, onClose }: { items: CostItem[]; drill: Drill; currency: string; onClose: () => void }) {
  const { t, language } = useLanguage();
  const name = useDrillName();
  const { activities, total } = drillDown(items, drill);
  const heading = useRef<HTMLHeadingElement>(null);
  const key = drillKey(drill);
  // Each list that opens is announced and read from its heading, wherever the amount was chosen.
  useEffect(() => heading.current?.focus(), [key]);
  return (
    <div className="drill-down" data-testid="drill-down">
      <h3 id="drill-down-heading" tabIndex={-1} ref={heading}>
        {t('app.insight.finance.drill.title', { what: name(drill) })}
      </h3>
      <p>{t('app.insight.finance.drill.summary', { count: activities.length, amount: formatAmount(total, currency, language) })}</p>
      {activities.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="drill-down-heading">
          <table aria-labelledby="drill-down-heading">
            <thead>
              <tr>
                <th scope="col">{t('app.insight.finance.activity')}</th>
                <th scope="col">{t('app.insight.finance.activityTitle')}</th>
                <th scope="col">{t('app.finance.area')}</th>
                <th scope="col">{t('app.insight.finance.lead')}</th>
                <th scope="col" className="num">
                  {t('app.finance.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {activities.map((activity) => (
                <tr key={activity.activity}>
                  <th scope="row" className="nowrap">
                    <code>{activity.activity}</code>
                  </th>
                  <td>{activity.title}</td>
                  <td>{areaLabel(activity.area)}</td>
                  <td>{activity.leadName ?? activity.lead ?? <span className="muted">{t('app.common.notSet')}</span>}</td>
                  <td className="num">{formatAmount(activity.amount, currency, language)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t('app.insight.finance.total')}
                </th>
                <td className="num">{formatAmount(total, currency, language)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
      <button type="button" className="button button-secondary" onClick={onClose}>
        {t('app.insight.finance.drill.close')}
      </button>
    </div>
  );
}

function DonorView({ costs, participant, planId }: { costs: PlanCosts; participant: string; planId: string }) {
  const { t, language } = useLanguage();
  const view = costs.donorView;
  const money = (amount: number) => formatAmount(amount, view.currency, language);
  return (
    <>
      <h3 id="donor-view-heading">{t('app.insight.finance.donor.title')}</h3>
      {view.items.length === 0 ? (
        <p className="empty">{t('app.finance.noUnfunded')}</p>
      ) : (
        <>
          <p>{t('app.insight.finance.donor.intro', { count: view.items.length, amount: money(view.totalUnfunded) })}</p>
          <p className="print-hide">
            <a className="download-link" href={actionPlanPath(participant, planId, '/donor-view.xlsx')} download>
              {t('app.insight.finance.donor.download')}
            </a>{' '}
            <span className="muted">{t('app.insight.finance.donor.downloadHint')}</span>
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="donor-view-caption">
            <table>
              <caption id="donor-view-caption">{t('app.insight.finance.donor.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('app.insight.finance.activity')}</th>
                  <th scope="col">{t('app.insight.finance.activityTitle')}</th>
                  <th scope="col">{t('app.finance.area')}</th>
                  <th scope="col">{t('app.insight.finance.lead')}</th>
                  <th scope="col" className="num">
                    {t('app.insight.finance.donor.totalCost')}
                  </th>
                  <th scope="col" className="num">
                    {t('app.insight.finance.donor.unfunded')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {view.items.map((item) => (
                  <tr key={item.activity}>
                    <th scope="row" className="nowrap">
                      <code>{item.activity}</code>
                    </th>
                    <td>{item.title}</td>
                    <td>{areaLabel(item.area)}</td>
                    <td>{item.leadName ?? item.lead ?? <span className="muted">{t('app.common.notSet')}</span>}</td>
                    <td className="num">{money(item.totalCost)}</td>
                    <td className="num">{money(item.unfunded)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={5}>
                    {t('app.insight.finance.total')}
                  </th>
                  <td className="num" data-testid="donor-view-total">
                    {money(view.totalUnfunded)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
    </>
  );
}

function CostsPart({
  costs,
  onRetry,
  children,
}: {
  costs: ApiData<PlanCosts>;
  onRetry: () => void;
  children: (costs: PlanCosts) => ReactNode;
}) {
  if (costs.status === 'loading') return <Loading />;
  if (costs.status === 'error') return <ErrorMessage message={costs.error.message} onRetry={onRetry} />;
  return <>{children(costs.data)}</>;
}

function FinanceBody({
  finance,
  costs,
  onRetryCosts,
  participant,
  planId,
}: {
  finance: PlanFinance;
  costs: ApiData<PlanCosts>;
  onRetryCosts: () => void;
  participant: string;
  planId: string;
}) {
  const { t, language } = useLanguage();
  const [drill, setDrill] = useState<Drill | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const control: DrillControl | null =
    costs.status === 'ready'
      ? {
          open: drill,
          show: (next, from) => {
            // A chart point has no button of its own: focus goes back to the chart.
            returnTo.current = from ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
            setDrill(next);
          },
        }
      : null;
  const close = () => {
    setDrill(null);
    returnTo.current?.focus();
  };

  const resourceChart = useMemo(
    () =>
      costs.status === 'ready'
        ? resourcePlanChart(costs.data.resourcePlan, { language, currency: finance.currency, area: areaLabel })
        : null,
    [costs, finance.currency, language],
  );

  return (
    <>
      <KeyFigures finance={finance} />
      {drill !== null && costs.status === 'ready' ? (
        <DrillDownPanel items={costs.data.items} drill={drill} currency={finance.currency} onClose={close} />
      ) : null}
      <h3>{t('app.insight.finance.resourcePlan.title')}</h3>
      <CostsPart costs={costs} onRetry={onRetryCosts}>
        {(data) =>
          data.resourcePlan.areas.length === 0 || resourceChart === null || control === null ? (
            <p className="empty">{t('app.finance.noCosts')}</p>
          ) : (
            <>
              <p>{t('app.insight.finance.resourcePlan.intro')}</p>
              <Chart
                id="resource-plan"
                headingLevel={4}
                title={t('app.insight.finance.resourcePlan.chart')}
                summary={resourcePlanSummary(data.resourcePlan, (amount) => formatAmount(amount, finance.currency, language), t)}
                definition={resourceChart}
                tableShown
                onOpen={(point) => control.show({ area: point.category, year: Number(point.series) }, null)}
                table={<ResourcePlanTable plan={data.resourcePlan} currency={finance.currency} control={control} />}
              />
            </>
          )
        }
      </CostsPart>
      <FundingCharts finance={finance} control={control} />
      <CostsPart costs={costs} onRetry={onRetryCosts}>
        {(data) => <DonorView costs={data} participant={participant} planId={planId} />}
      </CostsPart>
    </>
  );
}

type Translate = ReturnType<typeof useLanguage>['t'];

/** The resource plan in one sentence: how many areas and years, and the area that costs most. */
function resourcePlanSummary(plan: ResourcePlan, money: (amount: number) => string, t: Translate): string {
  const largest = plan.areas.reduce<Area | null>(
    (best, area) => (best === null || plan.byArea[area] > plan.byArea[best] ? area : best),
    null,
  );
  return t('app.insight.finance.resourcePlan.summary', {
    areas: plan.areas.length,
    years: plan.years.length,
    area: largest === null ? '' : areaLabel(largest),
    amount: money(largest === null ? 0 : plan.byArea[largest]),
  });
}

/**
 * The financial plan of an action plan: the key figures and the NGO share against its benchmark,
 * the resource plan (area × year), money by source and by status, a list of the activities behind
 * any amount, and the donor view of unfunded activities with its Excel download.
 */
export function FinanceSection({ participant, planId }: { participant: string; planId: string }) {
  const { t } = useLanguage();
  const { result, reload } = useApiData<PlanFinance>(participantPath(participant, `/action-plans/${encodeURIComponent(planId)}/finance`));
  const costs = useApiData<PlanCosts>(actionPlanPath(participant, planId, '/costs'));
  return (
    <section id="plan-finance" className="plan-section" aria-labelledby="plan-finance-heading">
      <h2 id="plan-finance-heading">{t('app.finance.title')}</h2>
      <p>{t('app.finance.intro')}</p>
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' ? (
        <FinanceBody finance={result.data} costs={costs.result} onRetryCosts={costs.reload} participant={participant} planId={planId} />
      ) : null}
    </section>
  );
}
