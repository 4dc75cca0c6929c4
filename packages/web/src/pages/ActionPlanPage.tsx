import { Link, useParams } from 'react-router';
import { formatDate } from '@ariadne/domain';
import { participantPath, type ActionPlanItem, type PlanReview, type StrategyItem } from '../api.ts';
import { Badge, documentTone } from '../components/Badge.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { documentStatusLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { FinanceSection } from './plan/FinanceSection.tsx';
import { ProgressSection } from './plan/ProgressSection.tsx';
import { ReviewSection } from './plan/ReviewSection.tsx';

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

function BackToPlans() {
  const { t } = useLanguage();
  return (
    <p className="print-hide">
      <Link to="/plans">{t('app.plan.back')}</Link>
    </p>
  );
}

function ActionPlanOfParticipant({ planId }: { planId: string }) {
  const participant = useParticipant();
  const { t, language } = useLanguage();
  const canViewFinance = useAbility('finance.view');
  const canViewProgress = useAbility('progress.view');
  const strategies = useApiData<{ items: StrategyItem[] }>(participantPath(participant.code, '/strategies'));
  // The review is read at once: it is the first section, and its 404 is the answer for an unknown plan.
  const review = useApiData<PlanReview>(participantPath(participant.code, `/action-plans/${encodeURIComponent(planId)}/review`));

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
  if (found === null) {
    return (
      <Page title={t('app.plan.title')}>
        {review.result.status === 'error' ? <ErrorMessage message={review.result.error.message} /> : null}
        {review.result.status === 'loading' ? <Loading /> : null}
        {/* Listed nowhere but reviewed: imported a moment ago, after the list was read. */}
        {review.result.status === 'ready' ? (
          <button type="button" className="button" onClick={strategies.reload}>
            {t('app.common.retry')}
          </button>
        ) : null}
        <BackToPlans />
      </Page>
    );
  }

  const { strategy, plan } = found;
  return (
    <Page title={plan.title}>
      <BackToPlans />
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
          <dd>{strategy.title}</dd>
        </div>
      </dl>
      <nav className="in-page-nav print-hide" aria-label={t('app.plan.onThisPage')}>
        <ul>
          <li>
            <a href="#plan-review">{t('app.review.title')}</a>
          </li>
          {canViewFinance ? (
            <li>
              <a href="#plan-finance">{t('app.finance.title')}</a>
            </li>
          ) : null}
          {canViewProgress ? (
            <li>
              <a href="#plan-progress">{t('app.progress.title')}</a>
            </li>
          ) : null}
        </ul>
      </nav>
      <ReviewSection result={review.result} onRetry={review.reload} />
      {canViewFinance ? <FinanceSection participant={participant.code} planId={plan.id} /> : null}
      {canViewProgress ? <ProgressSection participant={participant.code} currency={participant.currency} planId={plan.id} /> : null}
    </Page>
  );
}

/** One action plan: its details, then the plan review, the financial plan and progress, as the reader's role allows. */
export function ActionPlanPage() {
  const { planId = '' } = useParams();
  const participant = useParticipant();
  // A new key on another Participant or plan: the chosen as-of date and open disclosures belong to this one.
  return <ActionPlanOfParticipant key={`${participant.code}\u0000${planId}`} planId={planId} />;
}
