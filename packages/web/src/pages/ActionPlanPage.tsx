import { useCallback, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { formatDate } from '@ariadne/domain';
import { participantPath, type ActionPlanItem, type ParticipantRef, type PlanReview, type StrategyItem } from '../api.ts';
import { Badge, documentTone } from '../components/Badge.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { ExcelDownloads } from '../components/ExcelDownloads.tsx';
import { HistorySection } from '../editing/HistorySection.tsx';
import { LifecycleControls } from '../editing/LifecycleControls.tsx';
import { PlanTree } from '../editing/PlanTree.tsx';
import { useOutline } from '../editing/useOutline.ts';
import type { StrategyOutline } from '../editing/api.ts';
import { useLanguage } from '../i18n.ts';
import { documentStatusLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { FinanceSection } from './plan/FinanceSection.tsx';
import { MonitoringSection } from './plan/MonitoringSection.tsx';
import { ProgressSection } from './plan/ProgressSection.tsx';
import { LocalRollUpSection } from './plan/LocalRollUpSection.tsx';
import { ReviewSection } from './plan/ReviewSection.tsx';
import { TimelineSection } from './plan/TimelineSection.tsx';

/** The views of an action plan, in the order of the page's navigation; the address keeps the one shown (`?view=`). */
export const PLAN_VIEWS = ['plan', 'timeline', 'review', 'finance', 'progress', 'monitoring', 'history'] as const;
export type PlanView = (typeof PLAN_VIEWS)[number];

const VIEW_KEYS = {
  plan: 'app.editor.planPage.views.plan',
  timeline: 'app.editor.planPage.views.timeline',
  review: 'app.editor.planPage.views.review',
  finance: 'app.editor.planPage.views.finance',
  progress: 'app.editor.planPage.views.progress',
  monitoring: 'app.monitoring.view',
  history: 'app.editor.planPage.views.history',
} as const satisfies Record<PlanView, string>;

/** Finds an action plan, and the strategy it belongs to, in the list of strategies. */
export function findActionPlan(
  strategies: readonly StrategyItem[],
  planId: string,
): { strategy: StrategyItem; plan: ActionPlanItem } | null {
  for (const strategy of strategies) {
    const plan = strategy.actionPlans.find((candidate) => candidate.id === planId);
    if (plan) return { strategy, plan };
  }
  return null;
}

/** The view the address asks for, if the reader may see it; the plan tree otherwise. */
export function viewOf(requested: string | null, available: readonly PlanView[]): PlanView {
  return available.find((view) => view === requested) ?? 'plan';
}

function BackToPlans() {
  const { t } = useLanguage();
  return (
    <p className="print-hide">
      <Link to="/plans">{t('app.plan.back')}</Link>
    </p>
  );
}

function Facts({ strategy, plan }: { strategy: StrategyItem; plan: ActionPlanItem }) {
  const { t, language } = useLanguage();
  return (
    <dl className="facts plan-facts">
      <div>
        <dt>{t('app.plans.id')}</dt>
        <dd>
          <code>{plan.id}</code>
        </dd>
      </div>
      <div>
        <dt>{t('app.plans.start')}</dt>
        <dd>
          <time dateTime={plan.start}>{formatDate(plan.start, language)}</time>
        </dd>
      </div>
      <div>
        <dt>{t('app.plans.end')}</dt>
        <dd>
          <time dateTime={plan.end}>{formatDate(plan.end, language)}</time>
        </dd>
      </div>
      <div>
        <dt>{t('app.plans.status')}</dt>
        <dd>
          <Badge tone={documentTone(plan.status)}>{documentStatusLabel(plan.status)}</Badge>
        </dd>
      </div>
      <div className="plan-strategy">
        <dt>{t('app.plan.strategy')}</dt>
        <dd>
          <Link to={`/strategies/${encodeURIComponent(strategy.id)}`}>{strategy.title}</Link>
        </dd>
      </div>
    </dl>
  );
}

/** The plan review, read when it is shown (so that it reflects every change made before). */
function ReviewView({ participant, planId }: { participant: string; planId: string }) {
  const review = useApiData<PlanReview>(reviewPath(participant, planId));
  return <ReviewSection result={review.result} onRetry={review.reload} />;
}

function reviewPath(participant: string, planId: string): string {
  return participantPath(participant, `/action-plans/${encodeURIComponent(planId)}/review`);
}

/** The plan's page once it is found: the life cycle in the header, then one view at a time. */
function PlanWorkspace({
  participant,
  strategy,
  plan,
  onPlanChanged,
}: {
  participant: ParticipantRef;
  strategy: StrategyItem;
  plan: ActionPlanItem;
  onPlanChanged: () => void;
}) {
  const { t } = useLanguage();
  const canViewFinance = useAbility('finance.view');
  const canViewProgress = useAbility('progress.view');
  const [searchParams] = useSearchParams();
  const { outline, error, reload } = useOutline(participant.code, strategy.id);
  const available = PLAN_VIEWS.filter((view) => (view !== 'finance' || canViewFinance) && (view !== 'progress' || canViewProgress));
  const view = viewOf(searchParams.get('view'), available);
  // Views that read measures of the plan are read again after each change (their findings and
  // figures may have moved); the tree and the header follow the outline read again.
  const [revision, setRevision] = useState(0);

  const changed = useCallback(() => {
    reload();
    setRevision((n) => n + 1);
    onPlanChanged();
  }, [reload, onPlanChanged]);

  const linkTo = (target: PlanView) => {
    const next = new URLSearchParams(searchParams);
    next.set('view', target);
    return { search: `?${next.toString()}` };
  };

  const outlineNeeded = (content: (ready: StrategyOutline) => ReactNode) => {
    if (outline !== null) return content(outline);
    if (error !== null) return <ErrorMessage message={error.message} onRetry={reload} />;
    return <Loading />;
  };

  return (
    <Page title={plan.title}>
      <BackToPlans />
      <Facts strategy={strategy} plan={plan} />
      <div className="plan-header print-hide">
        {outline !== null ? (
          <LifecycleControls
            participant={participant.code}
            strategyId={strategy.id}
            document={plan.id}
            outline={outline}
            onChanged={changed}
          />
        ) : null}
        {/* The activities (and donor view) as Excel, and the import from Excel while the plan can be edited. */}
        <ExcelDownloads planId={plan.id} editable={outline?.actionPlans.find((candidate) => candidate.id === plan.id)?.editable ?? false} />
      </div>
      {outline !== null && error !== null ? <ErrorMessage message={error.message} onRetry={reload} /> : null}
      <nav className="plan-views print-hide" aria-label={t('app.plan.onThisPage')}>
        <ul>
          {available.map((target) => (
            <li key={target}>
              <Link to={linkTo(target)} aria-current={target === view ? 'page' : undefined} preventScrollReset>
                {t(VIEW_KEYS[target])}
              </Link>
            </li>
          ))}
          <li>
            <Link to={`/plans/${encodeURIComponent(plan.id)}/documents`}>{t('app.documents.title')}</Link>
          </li>
          <li>
            <Link to={`/plans/${encodeURIComponent(plan.id)}/operational`}>{t('app.operational.navigation')}</Link>
          </li>
        </ul>
      </nav>
      {view === 'plan'
        ? outlineNeeded((ready) => (
            <PlanTree participant={participant.code} strategyId={strategy.id} outline={ready} planId={plan.id} onChanged={changed} />
          ))
        : null}
      {view === 'timeline' ? outlineNeeded((ready) => <TimelineSection outline={ready} planId={plan.id} />) : null}
      {view === 'review' ? <ReviewView key={revision} participant={participant.code} planId={plan.id} /> : null}
      {view === 'finance' ? <FinanceSection key={revision} participant={participant.code} planId={plan.id} /> : null}
      {view === 'progress' ? (
        <ProgressSection key={revision} participant={participant.code} currency={participant.currency} planId={plan.id} />
      ) : null}
      {view === 'progress' ? <LocalRollUpSection key={`roll-up-${revision}`} participant={participant.code} planId={plan.id} /> : null}
      {view === 'monitoring' ? (
        <MonitoringSection key={revision} participant={participant.code} planId={plan.id} planStatus={plan.status} />
      ) : null}
      {view === 'history' ? (
        <HistorySection key={revision} participant={participant.code} strategyId={strategy.id} document={plan.id} />
      ) : null}
    </Page>
  );
}

/** A plan the list of strategies does not hold: the review's answer says whether it exists at all. */
function PlanNotListed({ participant, planId, onRetry }: { participant: string; planId: string; onRetry: () => void }) {
  const { t } = useLanguage();
  const review = useApiData<PlanReview>(reviewPath(participant, planId));
  return (
    <Page title={t('app.plan.title')}>
      {review.result.status === 'error' ? <ErrorMessage message={review.result.error.message} /> : null}
      {review.result.status === 'loading' ? <Loading /> : null}
      {/* Listed nowhere but reviewed: imported a moment ago, after the list was read. */}
      {review.result.status === 'ready' ? (
        <button type="button" className="button" onClick={onRetry}>
          {t('app.common.retry')}
        </button>
      ) : null}
      <BackToPlans />
    </Page>
  );
}

function ActionPlanOfParticipant({ planId }: { planId: string }) {
  const participant = useParticipant();
  const { t } = useLanguage();
  const strategies = useApiData<{ items: StrategyItem[] }>(participantPath(participant.code, '/strategies'));

  if (strategies.result.status === 'loading') {
    return (
      <Page title={t('app.plan.title')}>
        <Loading />
      </Page>
    );
  }
  if (strategies.result.status === 'error') {
    return (
      <Page title={t('app.plan.title')}>
        <ErrorMessage message={strategies.result.error.message} onRetry={strategies.reload} />
        <BackToPlans />
      </Page>
    );
  }
  const found = findActionPlan(strategies.result.data.items, planId);
  if (found === null) return <PlanNotListed participant={participant.code} planId={planId} onRetry={strategies.reload} />;
  return <PlanWorkspace participant={participant} strategy={found.strategy} plan={found.plan} onPlanChanged={strategies.reload} />;
}

/**
 * One action plan: its details and life cycle, then one view at a time (the plan tree, the
 * timeline, the plan review, the financial plan, progress, the history), as the reader's role allows.
 */
export function ActionPlanPage() {
  const { planId = '' } = useParams();
  const participant = useParticipant();
  // A new key on another Participant or plan: the chosen as-of date and open disclosures belong to this one.
  return <ActionPlanOfParticipant key={`${participant.code}\u0000${planId}`} planId={planId} />;
}
