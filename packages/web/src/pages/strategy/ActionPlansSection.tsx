import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { formatDate } from '@ariadne/domain';
import { asApiError, type ApiError } from '../../api.ts';
import { Badge, documentTone } from '../../components/Badge.tsx';
import { ErrorSummary } from '../../components/ErrorSummary.tsx';
import { TextField, focusFirstInvalid } from '../../components/Field.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { editingApi, type StrategyOutline } from '../../editing/api.ts';
import { useLanguage } from '../../i18n.ts';
import { documentStatusLabel } from '../../labels.ts';
import { elementIssues, unplacedIssues } from '../../editing/issues.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function NewActionPlanForm({
  participant,
  strategyId,
  outline,
  onCreated,
  onCancel,
}: {
  participant: string;
  strategyId: string;
  outline: StrategyOutline;
  onCreated: (code: string) => void;
  onCancel: () => void;
}) {
  const { t } = useLanguage();
  // A new plan most often covers the strategy's whole period; the dates are a starting point.
  const [values, setValues] = useState({
    id: '',
    title: '',
    start: `${outline.strategy.periodStart}-01-01`,
    end: `${outline.strategy.periodEnd}-12-31`,
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);
  const set = (key: keyof typeof values, value: string) => setValues((previous) => ({ ...previous, [key]: value }));
  const issueMap = elementIssues(error);
  const issues: Record<string, string> = { ...Object.fromEntries(issueMap), ...local };
  const unplaced = unplacedIssues(issueMap, (field) => ['id', 'title', 'start', 'end'].includes(field));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (values.id.trim() === '') found.id = t('issues.required');
    if (values.title.trim() === '') found.title = t('issues.required');
    if (!DATE.test(values.start)) found.start = t('issues.invalid_date');
    if (!DATE.test(values.end)) found.end = t('issues.invalid_date');
    setLocal(found);
    setError(null);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      const id = values.id.trim();
      await editingApi(participant, strategyId).edit([
        { op: 'create', kind: 'action_plan', data: { id, title: values.title, start: values.start, end: values.end } },
      ]);
      onCreated(id);
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
      focusFirstInvalid(form.current);
    }
  }

  return (
    <section className="panel editor-form" aria-labelledby="new-action-plan-heading">
      <h3 id="new-action-plan-heading">{t('app.editor.strategy.actionPlans.newTitle')}</h3>
      {error ? <ErrorSummary message={error.message} problems={unplaced} /> : null}
      <form ref={form} noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="new-action-plan-id"
          label={t('app.editor.strategy.actionPlans.id')}
          hint={t('app.editor.strategy.actionPlans.idHint')}
          autoComplete="off"
          spellCheck={false}
          value={values.id}
          error={issues.id}
          aria-required="true"
          onChange={(event) => set('id', event.target.value)}
        />
        <TextField
          id="new-action-plan-title"
          label={t('app.editor.strategy.actionPlans.planTitle')}
          value={values.title}
          error={issues.title}
          aria-required="true"
          onChange={(event) => set('title', event.target.value)}
        />
        <div className="field-row">
          <TextField
            id="new-action-plan-start"
            type="date"
            label={t('app.plans.start')}
            value={values.start}
            error={issues.start}
            aria-required="true"
            onChange={(event) => set('start', event.target.value)}
          />
          <TextField
            id="new-action-plan-end"
            type="date"
            label={t('app.plans.end')}
            value={values.end}
            error={issues.end}
            aria-required="true"
            onChange={(event) => set('end', event.target.value)}
          />
        </div>
        <FormActions
          busy={busy}
          submitLabel={t('app.editor.strategy.actionPlans.create')}
          busyLabel={t('app.editor.strategy.actionPlans.creating')}
          onCancel={onCancel}
        />
      </form>
    </section>
  );
}

/** The strategy's action plans, each linked to its page, and the form that starts a new one. */
export function ActionPlansSection({
  participant,
  strategyId,
  outline,
  canEdit,
  onChanged,
}: {
  participant: string;
  strategyId: string;
  outline: StrategyOutline;
  /** Whether the reader may create action plans (plan.edit). */
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t, language } = useLanguage();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const close = () => {
    setAdding(false);
    window.setTimeout(() => addButton.current?.focus(), 0);
  };
  return (
    <section id="strategy-action-plans" className="plan-section" aria-labelledby="strategy-action-plans-heading">
      <div className="section-head">
        <h2 id="strategy-action-plans-heading">{t('app.editor.strategy.actionPlans.title')}</h2>
      </div>
      <p className="lead">{t('app.editor.strategy.actionPlans.intro')}</p>
      {created ? (
        <p role="status" className="notice notice-success">
          {t('app.editor.strategy.actionPlans.created', { code: created })}{' '}
          <Link to={`/plans/${encodeURIComponent(created)}`}>{t('app.editor.strategy.actionPlans.open', { code: created })}</Link>
        </p>
      ) : null}
      {outline.actionPlans.length === 0 ? (
        <p className="empty">{t('app.plans.noActionPlans')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="strategy-action-plans-caption">
          <table>
            <caption id="strategy-action-plans-caption">{t('app.plans.actionPlansCaption', { strategy: outline.strategy.id })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('app.plans.actionPlan')}</th>
                <th scope="col">{t('app.plans.id')}</th>
                <th scope="col">{t('app.plans.start')}</th>
                <th scope="col">{t('app.plans.end')}</th>
                <th scope="col">{t('app.plans.status')}</th>
                <th scope="col" className="num">
                  {t('app.editor.strategy.actionPlans.activities')}
                </th>
              </tr>
            </thead>
            <tbody>
              {outline.actionPlans.map((plan) => (
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
                    {plan.amendment ? (
                      <span className="secondary-line">
                        {t('app.editor.lifecycle.amendmentOpenShort', { number: plan.amendment.number })}
                      </span>
                    ) : null}
                  </td>
                  <td className="num">{plan.activities.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && adding ? (
        <NewActionPlanForm
          participant={participant}
          strategyId={strategyId}
          outline={outline}
          onCreated={(code) => {
            setAdding(false);
            setCreated(code);
            onChanged();
          }}
          onCancel={close}
        />
      ) : null}
      {canEdit && !adding ? (
        <p>
          <button
            ref={addButton}
            type="button"
            className="button"
            onClick={() => {
              setCreated(null);
              setAdding(true);
            }}
          >
            {t('app.editor.strategy.actionPlans.add')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
