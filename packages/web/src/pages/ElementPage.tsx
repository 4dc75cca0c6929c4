import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { asApiError, participantPath, type ApiError, type StrategyItem } from '../api.ts';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { i18n, useLanguage } from '../i18n.ts';
import { useParticipant, usePolicy } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { editingApi, type ElementDetail, type ElementKind } from '../editing/api.ts';
import { ActionPlanForm } from '../editing/forms/ActionPlanForm.tsx';
import { ActivityForm } from '../editing/forms/ActivityForm.tsx';
import { GoalForm, ObjectiveForm } from '../editing/forms/GoalForm.tsx';
import { IndicatorEditor } from '../editing/forms/IndicatorEditor.tsx';
import type { ElementFormProps } from '../editing/forms/types.ts';
import { elementPath } from '../editing/PlanTree.tsx';
import { useOutline } from '../editing/useOutline.ts';
import { findActionPlan } from './ActionPlanPage.tsx';

const KIND_KEYS = {
  strategy: 'app.editor.kinds.strategy',
  action_plan: 'app.editor.kinds.action_plan',
  goal: 'app.editor.kinds.goal',
  objective: 'app.editor.kinds.objective',
  activity: 'app.editor.kinds.activity',
  indicator: 'app.editor.kinds.indicator',
  risk: 'app.editor.kinds.risk',
  recommendation: 'app.editor.kinds.recommendation',
} as const satisfies Record<ElementKind, string>;

/** The translated name of a kind of plan element (goal, activity, indicator, …). */
export function kindLabel(kind: string): string {
  return Object.hasOwn(KIND_KEYS, kind) ? i18n.t(KIND_KEYS[kind as ElementKind]) : kind;
}

type Loaded = { code: string; token: number; detail: ElementDetail } | { code: string; token: number; error: ApiError };

/** The form of an element's kind; strategy-level elements are edited on the strategy page. */
function FormOf({ detail, ...props }: Omit<ElementFormProps<ElementKind>, 'detail'> & { detail: ElementDetail; strategyId: string }) {
  const { t } = useLanguage();
  const common = {
    api: props.api,
    outline: props.outline,
    editable: props.editable,
    hrefOf: props.hrefOf,
    onSaved: props.onSaved,
    onRenamed: props.onRenamed,
  };
  switch (detail.kind) {
    case 'activity':
      return <ActivityForm {...common} detail={detail as ElementDetail<'activity'>} />;
    case 'indicator':
      return <IndicatorEditor {...common} detail={detail as ElementDetail<'indicator'>} />;
    case 'goal':
      return <GoalForm {...common} detail={detail as ElementDetail<'goal'>} />;
    case 'objective':
      return <ObjectiveForm {...common} detail={detail as ElementDetail<'objective'>} />;
    case 'action_plan':
      return <ActionPlanForm {...common} detail={detail as ElementDetail<'action_plan'>} />;
    case 'recommendation':
      return (
        <p className="notice">
          {t('app.editor.element.onRecommendations')}{' '}
          <Link to={`/strategies/${encodeURIComponent(props.strategyId)}/recommendations`}>
            {t('app.editor.element.openRecommendations')}
          </Link>
        </p>
      );
    default:
      return (
        <p className="notice">
          {t('app.editor.element.onStrategy')}{' '}
          <Link to={`/strategies/${encodeURIComponent(props.strategyId)}`}>{t('app.editor.element.openStrategy')}</Link>
        </p>
      );
  }
}

function Frame({ title, back, children }: { title: string; back: { to: string; label: string }; children: ReactNode }) {
  return (
    <Page title={title}>
      <p className="print-hide">
        <Link to={back.to}>{back.label}</Link>
      </p>
      {children}
    </Page>
  );
}

/** The editor of one element of a strategy, found by its code. */
function ElementEditor({
  participant,
  strategyId,
  planId,
  code,
}: {
  participant: string;
  strategyId: string;
  planId?: string;
  code: string;
}) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const policy = usePolicy();
  const canEditAll = policy.can('plan.edit');
  const api = useMemo(() => editingApi(participant, strategyId), [participant, strategyId]);
  const { outline, error: outlineError, reload: reloadOutline } = useOutline(participant, strategyId);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [attempt, setAttempt] = useState(0);
  const renamed = useRef<string | null>(null);
  const tokens = useRef(0);

  useEffect(() => {
    // The address changed because this form saved a new code: the form stays as it is.
    if (renamed.current === code) {
      renamed.current = null;
      return;
    }
    const controller = new AbortController();
    api
      .element(code, controller.signal)
      .then((detail) => {
        tokens.current += 1;
        if (!controller.signal.aborted) setLoaded({ code, token: tokens.current, detail });
      })
      .catch((caught: unknown) => {
        tokens.current += 1;
        if (!controller.signal.aborted) setLoaded({ code, token: tokens.current, error: asApiError(caught) });
      });
    return () => controller.abort();
  }, [api, code, attempt]);

  const back =
    planId !== undefined
      ? { to: `/plans/${encodeURIComponent(planId)}?view=plan`, label: t('app.editor.element.backToPlan') }
      : { to: `/strategies/${encodeURIComponent(strategyId)}`, label: t('app.editor.element.backToStrategy') };
  const hrefOf = (other: string) => elementPath(other, planId, strategyId);

  if (loaded === null || loaded.code !== code || (outline === null && outlineError === null)) {
    return (
      <Frame title={t('app.editor.element.loading', { code })} back={back}>
        <Loading />
      </Frame>
    );
  }
  if ('error' in loaded) {
    const institution = outline?.institutions.find((candidate) => candidate.id === code);
    return (
      <Frame title={code} back={back}>
        <ErrorMessage message={loaded.error.message} onRetry={loaded.error.status === 404 ? undefined : () => setAttempt((n) => n + 1)} />
        {institution !== undefined ? (
          <p>
            {t('app.editor.element.isInstitution', { name: institution.name })}{' '}
            <Link to="/institutions">{t('app.editor.element.openInstitutions')}</Link>
          </p>
        ) : null}
      </Frame>
    );
  }
  if (outline === null) {
    return (
      <Frame title={code} back={back}>
        <ErrorMessage message={outlineError?.message ?? t('app.errors.unexpected')} onRetry={reloadOutline} />
      </Frame>
    );
  }

  const { detail } = loaded;
  // A local coordinator edits their own plan and its activities.
  const inOwnPlan =
    planId !== undefined &&
    policy.canInPlan('plan.edit', planId) &&
    ((detail.kind === 'activity' && detail.parent === planId) || (detail.kind === 'action_plan' && detail.code === planId));
  const canEdit = canEditAll || inOwnPlan;
  const editable = canEdit && detail.editable;
  const onRenamed = (next: string) => {
    renamed.current = next;
    setLoaded((previous) => (previous === null ? previous : { ...previous, code: next }));
    void navigate(hrefOf(next), { replace: true });
  };
  return (
    <Frame title={t('app.editor.element.title', { kind: kindLabel(detail.kind), code: loaded.code })} back={back}>
      {!canEdit ? <p className="notice">{t('app.editor.tree.readOnlyRole')}</p> : null}
      {canEdit && !detail.editable ? <p className="notice">{t('app.editor.element.frozen')}</p> : null}
      {detail.references.length > 0 ? (
        <p className="element-references">
          {t('app.editor.element.references', { count: detail.references.length })}{' '}
          <span className="references-list">{detail.references.join(', ')}</span>
        </p>
      ) : null}
      <FormOf
        key={loaded.token}
        detail={detail}
        api={api}
        outline={outline}
        strategyId={strategyId}
        editable={editable}
        hrefOf={hrefOf}
        onRenamed={onRenamed}
      />
    </Frame>
  );
}

/** Finds the strategy of the action plan in the address, then opens the element's editor. */
function PlanElement({ participant, planId, code }: { participant: string; planId: string; code: string }) {
  const { t } = useLanguage();
  const strategies = useApiData<{ items: StrategyItem[] }>(participantPath(participant, '/strategies'));
  const back = { to: '/plans', label: t('app.plan.back') };
  if (strategies.result.status === 'loading') {
    return (
      <Frame title={t('app.editor.element.loading', { code })} back={back}>
        <Loading />
      </Frame>
    );
  }
  if (strategies.result.status === 'error') {
    return (
      <Frame title={code} back={back}>
        <ErrorMessage message={strategies.result.error.message} onRetry={strategies.reload} />
      </Frame>
    );
  }
  const found = findActionPlan(strategies.result.data.items, planId);
  if (found === null) {
    return (
      <Frame title={code} back={back}>
        <p className="notice notice-error">{t('app.editor.element.planNotFound', { plan: planId })}</p>
      </Frame>
    );
  }
  return <ElementEditor participant={participant} strategyId={found.strategy.id} planId={planId} code={code} />;
}

/**
 * `/plans/:planId/elements/:code` and `/strategies/:strategyId/elements/:code`: the editor of one
 * element (what the plan tree and the review findings open), the right form for its kind.
 */
export function ElementPage() {
  const { planId, strategyId, code = '' } = useParams();
  const participant = useParticipant();
  if (planId !== undefined) return <PlanElement key={participant.code} participant={participant.code} planId={planId} code={code} />;
  return <ElementEditor key={participant.code} participant={participant.code} strategyId={strategyId ?? ''} code={code} />;
}
