import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { asApiError, type ApiError } from '../api.ts';
import { Badge, documentTone } from '../components/Badge.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { editingApi, type ElementDetail, type StrategyOutline } from '../editing/api.ts';
import { HistorySection } from '../editing/HistorySection.tsx';
import { LifecycleControls } from '../editing/LifecycleControls.tsx';
import { PlanTree } from '../editing/PlanTree.tsx';
import { useOutline } from '../editing/useOutline.ts';
import { useLanguage } from '../i18n.ts';
import { documentStatusLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { packagePath } from './PlansPage.tsx';
import { ActionPlansSection } from './strategy/ActionPlansSection.tsx';
import { RisksSection } from './strategy/RisksSection.tsx';
import { StrategyForm } from './strategy/StrategyForm.tsx';
import '../strategy.css';

type Detail =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; detail: ElementDetail<'strategy'>; read: number };

/** Reads the strategy's own fields (with the version to save over), again when asked. */
function useStrategyDetail(participant: string, strategyId: string): { detail: Detail; reload: () => void } {
  const [detail, setDetail] = useState<Detail>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    editingApi(participant, strategyId)
      .element<'strategy'>(strategyId, controller.signal)
      .then((answer) => {
        if (!controller.signal.aborted) setDetail({ status: 'ready', detail: answer, read: attempt });
      })
      .catch((caught: unknown) => {
        if (!controller.signal.aborted) setDetail({ status: 'error', error: asApiError(caught) });
      });
    return () => controller.abort();
  }, [participant, strategyId, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { detail, reload };
}

function BackToPlans() {
  const { t } = useLanguage();
  return (
    <p className="print-hide">
      <Link to="/plans">{t('app.plan.back')}</Link>
    </p>
  );
}

function StrategyContent({
  participant,
  strategyId,
  outline,
  outlineError,
  reloadOutline,
}: {
  participant: string;
  strategyId: string;
  outline: StrategyOutline;
  /** Reading the outline again failed; the last one read stays shown. */
  outlineError: ApiError | null;
  reloadOutline: () => void;
}) {
  const { t } = useLanguage();
  const canEdit = useAbility('plan.edit');
  const canViewProgress = useAbility('progress.view');
  const { detail, reload: reloadDetail } = useStrategyDetail(participant, strategyId);
  const [savedTitle, setSavedTitle] = useState<string | null>(null);
  // The history is read again after each step of the life cycle, and, while an amendment is open,
  // after each stored change (the open amendment's changes grow with them).
  const [lifecycleSteps, setLifecycleSteps] = useState(0);
  const [fieldSaves, setFieldSaves] = useState(0);
  const editable = canEdit && outline.strategy.editable;
  const { strategy } = outline;

  const historyKey = [
    lifecycleSteps,
    strategy.version,
    strategy.amendment?.number ?? '',
    strategy.amendment ? fieldSaves : '',
    outline.goals
      .map((goal) => `${goal.id}@${goal.version}:${goal.objectives.map((objective) => `${objective.id}@${objective.version}`).join()}`)
      .join(),
    outline.risks.map((risk) => `${risk.id}@${risk.version}`).join(),
    outline.recommendations.map((recommendation) => `${recommendation.id}@${recommendation.version}`).join(),
  ].join('|');

  const onLifecycleChanged = () => {
    reloadOutline();
    // The status change gives the strategy a new version, and may freeze or open it.
    reloadDetail();
    setLifecycleSteps((n) => n + 1);
  };

  return (
    <Page title={savedTitle ?? strategy.title}>
      <BackToPlans />
      {outlineError ? <ErrorMessage message={outlineError.message} onRetry={reloadOutline} /> : null}
      <dl className="facts plan-facts">
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
      <nav className="in-page-nav print-hide" aria-label={t('app.plan.onThisPage')}>
        <ul>
          <li>
            <a href="#strategy-lifecycle">{t('app.editor.lifecycle.title')}</a>
          </li>
          <li>
            <a href="#strategy-details">{t('app.editor.strategy.detailsTitle')}</a>
          </li>
          <li>
            <a href="#strategy-action-plans">{t('app.editor.strategy.actionPlans.title')}</a>
          </li>
          <li>
            <a href="#strategy-risks">{t('app.editor.strategy.risks.title')}</a>
          </li>
          <li>
            <a href="#history-strategy">{t('app.editor.history.title')}</a>
          </li>
          <li>
            <Link to={`/strategies/${encodeURIComponent(strategyId)}/recommendations`}>
              {t('app.editor.registers.recommendations.title')}
            </Link>
          </li>
          <li>
            <Link to={`/strategies/${encodeURIComponent(strategyId)}/evaluations`}>{t('app.evaluations.strategyLink')}</Link>
          </li>
          <li>
            <Link to={`/strategies/${encodeURIComponent(strategyId)}/consultations`}>{t('app.consultation.nav')}</Link>
          </li>
          {canViewProgress ? (
            <li>
              <Link to={`/strategies/${encodeURIComponent(strategyId)}/local-plans`}>{t('app.localPlans.title')}</Link>
            </li>
          ) : null}
          <li>
            <a href={packagePath(participant, strategyId)} download>
              {t('app.plans.download')}
            </a>
          </li>
        </ul>
      </nav>

      <section id="strategy-lifecycle" className="plan-section" aria-labelledby="strategy-lifecycle-heading">
        <h2 id="strategy-lifecycle-heading">{t('app.editor.lifecycle.title')}</h2>
        <LifecycleControls
          participant={participant}
          strategyId={strategyId}
          document="strategy"
          outline={outline}
          onChanged={onLifecycleChanged}
        />
      </section>

      <section id="strategy-details" className="plan-section" aria-labelledby="strategy-details-heading">
        <div className="section-head">
          <h2 id="strategy-details-heading">{t('app.editor.strategy.detailsTitle')}</h2>
        </div>
        {!canEdit ? <p className="notice">{t('app.editor.strategy.readOnlyRole')}</p> : null}
        {canEdit && !outline.strategy.editable ? <p className="notice">{t('app.editor.strategy.frozen')}</p> : null}
        {detail.status === 'loading' ? <Loading /> : null}
        {detail.status === 'error' ? <ErrorMessage message={detail.error.message} onRetry={reloadDetail} /> : null}
        {detail.status === 'ready' ? (
          <StrategyForm
            // Read again (after a step of the life cycle): a new form from the stored state and version.
            key={`${detail.read}:${detail.detail.version}:${editable ? 'edit' : 'read'}`}
            participant={participant}
            strategyId={strategyId}
            detail={detail.detail}
            outline={outline}
            editable={editable && detail.detail.editable}
            onTitleSaved={setSavedTitle}
            onSaved={() => setFieldSaves((n) => n + 1)}
          />
        ) : null}
      </section>

      <PlanTree participant={participant} strategyId={strategyId} outline={outline} onChanged={reloadOutline} />

      <ActionPlansSection participant={participant} strategyId={strategyId} outline={outline} canEdit={canEdit} onChanged={reloadOutline} />

      <RisksSection participant={participant} strategyId={strategyId} outline={outline} editable={editable} onChanged={reloadOutline} />

      <HistorySection key={historyKey} participant={participant} strategyId={strategyId} document="strategy" />
    </Page>
  );
}

/**
 * A strategy in full: its life cycle, its own fields (saved as one types), its goals and
 * objectives, its action plans, its risk register and the history of its versions.
 */
export function StrategyPage() {
  const { strategyId = '' } = useParams();
  const participant = useParticipant();
  const { t } = useLanguage();
  const { outline, error, reload } = useOutline(participant.code, strategyId);
  if (outline === null) {
    return (
      <Page title={t('app.plan.strategy')}>
        <BackToPlans />
        {error ? <ErrorMessage message={error.message} onRetry={reload} /> : <Loading />}
      </Page>
    );
  }
  return (
    <StrategyContent
      key={`${participant.code}\u0000${strategyId}`}
      participant={participant.code}
      strategyId={strategyId}
      outline={outline}
      outlineError={error}
      reloadOutline={reload}
    />
  );
}
