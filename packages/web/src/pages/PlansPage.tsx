import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '@ariadne/domain';
import { api, asApiError, issuesByField, participantPath, type StrategyItem } from '../api.ts';
import { Badge, documentTone } from '../components/Badge.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextField, focusFirstInvalid } from '../components/Field.tsx';
import { FormActions } from '../components/FormActions.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { documentStatusLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import '../strategy.css';

/** The address of a strategy's plan package; the session cookie goes with a plain link, so it downloads directly. */
export function packagePath(participant: string, strategy: string): string {
  return participantPath(participant, `/strategies/${encodeURIComponent(strategy)}/package`);
}

function Strategy({ strategy, participant }: { strategy: StrategyItem; participant: string }) {
  const { t, language } = useLanguage();
  // Ids may hold dots and other characters that are not valid in an id attribute's selectors.
  const key = strategy.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const headingId = `strategy-${key}`;
  return (
    <section className="panel strategy" aria-labelledby={headingId}>
      <h2 id={headingId}>{strategy.title}</h2>
      <dl className="facts">
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
      {strategy.actionPlans.length === 0 ? (
        <p className="empty">{t('app.plans.noActionPlans')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${headingId}-caption`}>
          <table>
            <caption id={`${headingId}-caption`}>{t('app.plans.actionPlansCaption', { strategy: strategy.id })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('app.plans.actionPlan')}</th>
                <th scope="col">{t('app.plans.id')}</th>
                <th scope="col">{t('app.plans.start')}</th>
                <th scope="col">{t('app.plans.end')}</th>
                <th scope="col">{t('app.plans.status')}</th>
              </tr>
            </thead>
            <tbody>
              {strategy.actionPlans.map((plan) => (
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
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="strategy-open">
        <Link to={`/strategies/${encodeURIComponent(strategy.id)}`} className="button button-secondary" aria-describedby={headingId}>
          {t('app.editor.strategy.open')}
        </Link>
      </p>
      <p className="download">
        {/* The heading describes the link, so that several strategies' links can be told apart. */}
        <a href={packagePath(participant, strategy.id)} download aria-describedby={headingId}>
          {t('app.plans.download')}
        </a>{' '}
        <span className="muted">{t('app.plans.downloadHint')}</span>
      </p>
    </section>
  );
}

type NewStrategyErrors = Partial<Record<'id' | 'title' | 'periodStart' | 'periodEnd', string>>;

/** The form that starts a new, empty draft strategy; the strategy page then fills it in. */
function NewStrategyForm({ participant, onCancel }: { participant: string; onCancel: () => void }) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const nextYear = new Date().getFullYear() + 1;
  const [values, setValues] = useState({ id: '', title: '', periodStart: String(nextYear), periodEnd: String(nextYear + 3) });
  const [errors, setErrors] = useState<NewStrategyErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    form.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, []);
  const set = (key: keyof typeof values, value: string) => setValues((previous) => ({ ...previous, [key]: value }));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const found: NewStrategyErrors = {};
    if (values.id.trim() === '') found.id = t('issues.required');
    if (values.title.trim() === '') found.title = t('issues.required');
    if (!/^\d{4}$/.test(values.periodStart.trim())) found.periodStart = t('app.editor.strategy.problems.year');
    if (!/^\d{4}$/.test(values.periodEnd.trim())) found.periodEnd = t('app.editor.strategy.problems.year');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setFailure(t('errors.VALIDATION_FAILED'));
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      const id = values.id.trim();
      await api.post(participantPath(participant, '/strategies'), {
        id,
        title: values.title.trim(),
        periodStart: Number(values.periodStart.trim()),
        periodEnd: Number(values.periodEnd.trim()),
      });
      void navigate(`/strategies/${encodeURIComponent(id)}`);
    } catch (caught) {
      const error = asApiError(caught);
      const fields = issuesByField(error);
      setErrors({ id: fields.id, title: fields.title, periodStart: fields.periodStart, periodEnd: fields.periodEnd });
      setFailure(error.message);
      setBusy(false);
      focusFirstInvalid(form.current);
    }
  }

  return (
    <section className="panel" aria-labelledby="new-strategy-heading">
      <h2 id="new-strategy-heading">{t('app.editor.strategy.new.title')}</h2>
      <p>{t('app.editor.strategy.new.intro')}</p>
      {failure ? <ErrorSummary message={failure} /> : null}
      <form ref={form} noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="new-strategy-id"
          label={t('app.editor.strategy.new.id')}
          hint={t('app.editor.strategy.new.idHint')}
          autoComplete="off"
          spellCheck={false}
          value={values.id}
          error={errors.id}
          aria-required="true"
          onChange={(event) => set('id', event.target.value)}
        />
        <TextField
          id="new-strategy-title"
          label={t('app.editor.strategy.fields.title')}
          value={values.title}
          error={errors.title}
          aria-required="true"
          onChange={(event) => set('title', event.target.value)}
        />
        <div className="field-row">
          <TextField
            id="new-strategy-start"
            label={t('app.editor.strategy.fields.periodStart')}
            inputMode="numeric"
            autoComplete="off"
            value={values.periodStart}
            error={errors.periodStart}
            aria-required="true"
            onChange={(event) => set('periodStart', event.target.value)}
          />
          <TextField
            id="new-strategy-end"
            label={t('app.editor.strategy.fields.periodEnd')}
            inputMode="numeric"
            autoComplete="off"
            value={values.periodEnd}
            error={errors.periodEnd}
            aria-required="true"
            onChange={(event) => set('periodEnd', event.target.value)}
          />
        </div>
        <FormActions
          busy={busy}
          submitLabel={t('app.editor.strategy.new.create')}
          busyLabel={t('app.editor.strategy.new.creating')}
          onCancel={onCancel}
        />
      </form>
    </section>
  );
}

/** The strategies of the current Participant with their action plans, package downloads and, for editors, the import. */
export function PlansPage() {
  const participant = useParticipant();
  const { t } = useLanguage();
  const canEdit = useAbility('plan.edit');
  const { result, reload } = useApiData<{ items: StrategyItem[] }>(participantPath(participant.code, '/strategies'));
  const [creating, setCreating] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);
  return (
    <Page title={t('app.plans.title')}>
      <p className="lead">{t('app.plans.intro', { participant: participant.name })}</p>
      {canEdit && !creating ? (
        <p className="button-row">
          <button ref={newButton} type="button" className="button" onClick={() => setCreating(true)}>
            {t('app.editor.strategy.new.button')}
          </button>
          <Link to="/plans/import" className="button button-secondary">
            {t('app.plans.importButton')}
          </Link>
        </p>
      ) : null}
      {canEdit && creating ? (
        <NewStrategyForm
          participant={participant.code}
          onCancel={() => {
            setCreating(false);
            window.setTimeout(() => newButton.current?.focus(), 0);
          }}
        />
      ) : null}
      {result.status === 'loading' ? <Loading /> : null}
      {result.status === 'error' ? <ErrorMessage message={result.error.message} onRetry={reload} /> : null}
      {result.status === 'ready' && result.data.items.length === 0 ? <p className="empty">{t('app.plans.none')}</p> : null}
      {result.status === 'ready'
        ? result.data.items.map((strategy) => <Strategy key={strategy.id} strategy={strategy} participant={participant.code} />)
        : null}
    </Page>
  );
}
