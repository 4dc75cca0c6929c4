import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  FUNDING_SOURCES,
  FUNDING_STATUSES,
  OPERATIONAL_TEXTS,
  formatDate,
  formatDateTime,
  type ActivityStatus,
  type FundingSource,
  type FundingStatus,
} from '@ariadne/domain';
import { api, asApiError, participantPath, type ApiError, type Institution } from '../api.ts';
import { LanguageField, SelectField, TextField } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { TextAreaField } from '../editing/forms/fields.tsx';
import { InstitutionPicker } from '../editing/forms/InstitutionPicker.tsx';
import { formatAmount, formatShare, localToday } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { activityStatusLabel, fundingSourceLabel, fundingStatusLabel, recommendationSourceLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import '../operational.css';
import { CarryOverSection, OperationalStatus, operationalPage, operationalPath } from './OperationalPlansPage.tsx';

type ReportActivity = {
  activity: string;
  kind: 'due' | 'carried_over';
  title: string;
  lead: { id: string; name: string | null } | null;
  start: string | null;
  end: string | null;
  status: ActivityStatus;
  reason: string | null;
  reportedStatus: ActivityStatus | null;
  reportedRound: string | null;
  cost: number;
};

type Cost = { activity: string; amount: number; source: FundingSource; funder: string | null; status: FundingStatus };

/** An operational plan with its report as of a date, as `GET …/operational-plans/{year}` gives it. */
export type OperationalPlanView = {
  participant: string;
  plan: { id: string; title: string; start: string; end: string };
  year: number;
  status: 'draft' | 'adopted';
  version: number;
  createdBy: string | null;
  createdAt: string;
  adoptedBy: string | null;
  adoptedAt: string | null;
  currency: string;
  content: {
    activities: {
      activity: string;
      kind: 'due' | 'carried_over';
      reason: string | null;
      reportedStatus: ActivityStatus | null;
      reportedRound: string | null;
    }[];
    costs: Cost[];
    recommendations: { recommendation: string; action: string }[];
  };
  candidates: { id: string; title: string; start: string | null; end: string | null }[];
  report: {
    asOf: string;
    due: ReportActivity[];
    carriedOver: ReportActivity[];
    recommendations: {
      id: string;
      source: string;
      reference: string | null;
      year: number;
      text: string;
      action: string;
      activities: string[];
    }[];
    finance: { total: number; bySource: Record<string, number>; byStatus: Record<string, number>; fundingGap: number };
    progress: {
      activities: { total: number; byStatus: Record<ActivityStatus, number>; implementationRate: number | null };
      budget: { plannedToDate: number; spent: number; execution: number | null };
    };
  };
};

/** What the coordinator is changing: reasons, cost lines (amounts as typed), planned actions, included activities. */
type Draft = {
  activities: { activity: string; reason: string }[];
  costs: (Omit<Cost, 'amount'> & { amount: string })[];
  actions: Record<string, string>;
};

function draftOf(view: OperationalPlanView): Draft {
  return {
    activities: view.content.activities.map((item) => ({ activity: item.activity, reason: item.reason ?? '' })),
    costs: view.content.costs.map((line) => ({ ...line, amount: String(line.amount) })),
    actions: Object.fromEntries(view.content.recommendations.map((item) => [item.recommendation, item.action])),
  };
}

/** Reads an amount typed with a point or a comma for decimals; null when it is not one. */
export function amountOf(typed: string): number | null {
  const normalised = typed.trim().replace(/\s/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(normalised)) return null;
  return Number(normalised);
}

const STATUSES: readonly ActivityStatus[] = ['not_started', 'ongoing', 'completed', 'delayed', 'cancelled'];

function Period({ row }: { row: { start: string | null; end: string | null } }) {
  const { language } = useLanguage();
  return (
    <>
      {row.start ? formatDate(row.start, language) : '…'} – {row.end ? formatDate(row.end, language) : '…'}
    </>
  );
}

function Progress({ view }: { view: OperationalPlanView }) {
  const { t, language } = useLanguage();
  const { activities, budget } = view.report.progress;
  return (
    <section aria-labelledby="operational-progress-heading" className="operational-section">
      <h2 id="operational-progress-heading">{t('app.operational.sections.progress')}</h2>
      <p>{t('app.operational.progress.intro', { date: formatDate(view.report.asOf, language) })}</p>
      <dl className="facts">
        <div>
          <dt>{t('app.operational.progress.activities')}</dt>
          <dd data-testid="operational-total">{activities.total}</dd>
        </div>
        {STATUSES.map((status) => (
          <div key={status}>
            <dt>{activityStatusLabel(status)}</dt>
            <dd>{activities.byStatus[status]}</dd>
          </div>
        ))}
        <div>
          <dt>{t('app.operational.progress.rate')}</dt>
          <dd>{activities.implementationRate === null ? '—' : formatShare(activities.implementationRate, language)}</dd>
        </div>
        <div>
          <dt>{t('app.operational.progress.planned')}</dt>
          <dd>{formatAmount(budget.plannedToDate, view.currency, language)}</dd>
        </div>
        <div>
          <dt>{t('app.operational.progress.spent')}</dt>
          <dd>{formatAmount(budget.spent, view.currency, language)}</dd>
        </div>
        <div>
          <dt>{t('app.operational.progress.execution')}</dt>
          <dd>{budget.execution === null ? '—' : formatShare(budget.execution, language)}</dd>
        </div>
      </dl>
    </section>
  );
}

function DownloadReport({ view, participant }: { view: OperationalPlanView; participant: string }) {
  const { t, language } = useLanguage();
  const [documentLanguage, setDocumentLanguage] = useState(language);
  const href = `${operationalPath(participant, view.plan.id, view.year)}/report.docx?asOf=${view.report.asOf}&language=${documentLanguage}`;
  return (
    <section aria-labelledby="operational-download-heading" className="operational-section">
      <h2 id="operational-download-heading">{t('app.operational.download.title')}</h2>
      <p>{t('app.operational.download.hint')}</p>
      <LanguageField
        id="operational-document-language"
        label={t('app.operational.documentLanguage')}
        value={documentLanguage}
        onChange={setDocumentLanguage}
      />
      <p>
        <a className="button" href={href} download>
          {t('app.operational.download.button')}
        </a>
      </p>
    </section>
  );
}

/**
 * One year's operational plan of an action plan: the activities due, those carried over with why,
 * the year's costs, the answers planned to the latest recommendations, its progress as of a date;
 * changed and adopted by those who may, read-only once adopted; its report in Word; the carry-over report.
 */
export function OperationalPlanPage() {
  const { t, language } = useLanguage();
  const { planId = '', year: yearText = '' } = useParams();
  const year = Number(yearText);
  const participant = useParticipant();
  const canEdit = useAbility('plan.edit');
  const canAdopt = useAbility('plan.adopt');
  const [asOf, setAsOf] = useState(localToday());
  const validAsOf = /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : localToday();
  const data = useApiData<OperationalPlanView>(`${operationalPath(participant.code, planId, year)}?asOf=${validAsOf}`);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [draftOfVersion, setDraftOfVersion] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [costErrors, setCostErrors] = useState<Record<number, string>>({});
  const [adding, setAdding] = useState('');
  const [costActivity, setCostActivity] = useState('');

  const view = data.result.status === 'ready' ? data.result.data : null;
  // The form starts from the plan as read, and again whenever a newer version is read.
  if (view !== null && draftOfVersion !== view.version) {
    setDraft(draftOf(view));
    setDraftOfVersion(view.version);
  }
  const editable = view !== null && view.status === 'draft' && canEdit;
  // The funders of cost lines are institutions of the register, named by it (their codes until it is read).
  const register = useApiData<{ items: Institution[] }>(participantPath(participant.code, '/institutions'));
  const institutions = useMemo(
    () =>
      register.result.status === 'ready'
        ? register.result.data.items
            .map((institution) => ({ id: institution.code, name: institution.name }))
            .sort((a, b) => a.name.localeCompare(b.name, language))
        : [],
    [register.result, language],
  );
  const funderName = (code: string | null) =>
    code === null ? null : (institutions.find((institution) => institution.id === code)?.name ?? code);
  const title = view
    ? t('app.operational.plan.title', { year: view.year, plan: view.plan.title })
    : t('app.operational.plan.titleShort', { year });

  const rows = view
    ? new Map([...view.report.due, ...view.report.carriedOver].map((row) => [row.activity, row]))
    : new Map<string, ReportActivity>();
  const candidateTitle = new Map((view?.candidates ?? []).map((candidate) => [candidate.id, candidate.title]));

  const save = async () => {
    if (!view || !draft) return;
    const errors: Record<number, string> = {};
    const costs = draft.costs.map((line, index) => {
      const amount = amountOf(line.amount);
      if (amount === null) errors[index] = t('app.operational.costs.badAmount');
      return { activity: line.activity, amount: amount ?? 0, source: line.source, funder: line.funder, status: line.status };
    });
    setCostErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      const saved = await api.put<OperationalPlanView>(operationalPath(participant.code, planId, year), {
        version: view.version,
        activities: draft.activities.map((item) => ({ activity: item.activity, reason: item.reason.trim() === '' ? null : item.reason })),
        costs,
        recommendations: view.content.recommendations.map((item) => ({
          recommendation: item.recommendation,
          action: draft.actions[item.recommendation] ?? '',
        })),
      });
      data.update(() => saved);
      setNotice(t('app.operational.plan.saved'));
      data.reload();
    } catch (caught) {
      setFailure(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const adopt = async () => {
    if (!view) return;
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await api.post<OperationalPlanView>(`${operationalPath(participant.code, planId, year)}/adopt`, { version: view.version });
      setNotice(t('app.operational.plan.adoptedNotice'));
      data.reload();
    } catch (caught) {
      setFailure(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  const setReason = (activity: string, reason: string) =>
    setDraft(
      (current) =>
        current && { ...current, activities: current.activities.map((item) => (item.activity === activity ? { ...item, reason } : item)) },
    );
  const setCost = (index: number, change: Partial<Draft['costs'][number]>) =>
    setDraft(
      (current) => current && { ...current, costs: current.costs.map((line, at) => (at === index ? { ...line, ...change } : line)) },
    );
  const remove = (activity: string) =>
    setDraft(
      (current) =>
        current && {
          ...current,
          activities: current.activities.filter((item) => item.activity !== activity),
          costs: current.costs.filter((line) => line.activity !== activity),
        },
    );
  const add = () => {
    if (adding === '') return;
    setDraft((current) => current && { ...current, activities: [...current.activities, { activity: adding, reason: '' }] });
    setAdding('');
  };
  // A new cost line starts unfunded from the state budget with its amount to be typed; the focus goes to it.
  const addCost = () => {
    if (!draft || costActivity === '') return;
    const index = draft.costs.length;
    setDraft(
      (current) =>
        current && {
          ...current,
          costs: [...current.costs, { activity: costActivity, amount: '', source: 'state_budget', funder: null, status: 'unfunded' }],
        },
    );
    requestAnimationFrame(() => document.getElementById(`cost-${index}`)?.focus());
  };
  const removeCost = (index: number) => {
    setDraft((current) => current && { ...current, costs: current.costs.filter((_, at) => at !== index) });
    setCostErrors({});
  };
  const unsaved = view !== null && draft !== null && JSON.stringify(draft) !== JSON.stringify(draftOf(view));

  // Cost lines are numbered within their activity, as the action plan lists them.
  const lineOf = (index: number) =>
    draft?.costs.slice(0, index + 1).filter((line) => line.activity === draft.costs[index]?.activity).length ?? 0;

  const activityName = (code: string) => {
    const row = rows.get(code);
    return row ? row.title : (candidateTitle.get(code) ?? code);
  };

  return (
    <Page title={title}>
      <p className="print-hide">
        <Link to={operationalPage(planId)}>{t('app.operational.backToList')}</Link>
      </p>
      {data.result.status === 'loading' ? <Loading /> : null}
      {data.result.status === 'error' ? <ErrorMessage message={data.result.error.message} onRetry={data.reload} /> : null}
      {view !== null && draft !== null ? (
        <>
          <dl className="facts">
            <div>
              <dt>{t('app.operational.plan.status')}</dt>
              <dd>
                <OperationalStatus status={view.status} />
              </dd>
            </div>
            <div>
              <dt>{t('app.operational.plan.created')}</dt>
              <dd>
                {formatDateTime(view.createdAt, language)}
                {view.createdBy ? ` · ${view.createdBy}` : ''}
              </dd>
            </div>
            {view.adoptedAt ? (
              <div>
                <dt>{t('app.operational.plan.adopted')}</dt>
                <dd>
                  {formatDateTime(view.adoptedAt, language)}
                  {view.adoptedBy ? ` · ${view.adoptedBy}` : ''}
                </dd>
              </div>
            ) : null}
          </dl>
          <p>{t(view.status === 'adopted' ? 'app.operational.plan.readOnly' : 'app.operational.plan.draftHint')}</p>
          <TextField
            id="operational-as-of"
            type="date"
            label={t('app.operational.asOf')}
            hint={t('app.operational.asOfHint')}
            value={asOf}
            onChange={(event) => setAsOf(event.target.value)}
          />
          {notice !== null ? (
            <p role="status" className="notice">
              {notice}
            </p>
          ) : null}
          {failure !== null ? (
            <div role="alert">
              <ErrorMessage message={failure.message} />
              {failure.issues.length > 0 ? (
                <ul>
                  {failure.issues.map((issue) => (
                    <li key={`${issue.path}-${issue.message}`}>
                      <code>{issue.path}</code> {issue.message}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}

          <section aria-labelledby="operational-due-heading" className="operational-section">
            <h2 id="operational-due-heading">{t(OPERATIONAL_TEXTS.due)}</h2>
            {view.report.due.length === 0 ? (
              <p>{t(OPERATIONAL_TEXTS.none)}</p>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="operational-due-caption">
                <table>
                  <caption id="operational-due-caption" className="visually-hidden">
                    {t('app.operational.sections.dueCaption', { year: view.year })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t(OPERATIONAL_TEXTS.activity)}</th>
                      <th scope="col">{t(OPERATIONAL_TEXTS.lead)}</th>
                      <th scope="col">{t(OPERATIONAL_TEXTS.period)}</th>
                      <th scope="col">{t(OPERATIONAL_TEXTS.status)}</th>
                      <th scope="col">{t(OPERATIONAL_TEXTS.cost)}</th>
                      {editable ? <th scope="col">{t('app.operational.columns.change')}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {view.report.due.map((row) => (
                      <tr key={row.activity}>
                        <th scope="row">
                          <Link to={`/plans/${encodeURIComponent(planId)}/activities/${encodeURIComponent(row.activity)}`}>
                            <code>{row.activity}</code>
                          </Link>{' '}
                          {row.title}
                        </th>
                        <td>{row.lead ? (row.lead.name ?? row.lead.id) : '—'}</td>
                        <td>
                          <Period row={row} />
                        </td>
                        <td>{activityStatusLabel(row.status)}</td>
                        <td className="number">{formatAmount(row.cost, view.currency, language)}</td>
                        {editable ? (
                          <td>
                            {draft.activities.some((item) => item.activity === row.activity) ? (
                              <button
                                type="button"
                                className="button button-secondary button-small"
                                onClick={() => remove(row.activity)}
                                aria-label={t('app.operational.plan.removeActivity', { code: row.activity })}
                              >
                                {t('app.operational.plan.remove')}
                              </button>
                            ) : (
                              t('app.operational.plan.removed')
                            )}
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          <section aria-labelledby="operational-carried-heading" className="operational-section">
            <h2 id="operational-carried-heading">{t(OPERATIONAL_TEXTS.carried)}</h2>
            <p>{t('app.operational.carried.intro', { year: view.year - 1 })}</p>
            {view.report.carriedOver.length === 0 ? (
              <p>{t(OPERATIONAL_TEXTS.none)}</p>
            ) : (
              <ul className="plain-list operational-carried">
                {view.report.carriedOver.map((row) => {
                  const kept = draft.activities.find((item) => item.activity === row.activity);
                  return (
                    <li key={row.activity} className="operational-carried-item">
                      <h3>
                        <code>{row.activity}</code> {row.title}
                      </h3>
                      <p>
                        {t('app.operational.carried.facts', {
                          lead: row.lead ? (row.lead.name ?? row.lead.id) : '—',
                          end: row.end ? formatDate(row.end, language) : '…',
                          reported: row.reportedStatus ? activityStatusLabel(row.reportedStatus) : '—',
                          round: row.reportedRound ?? '—',
                          now: activityStatusLabel(row.status),
                        })}
                      </p>
                      {editable && kept ? (
                        <>
                          <TextAreaField
                            id={`reason-${row.activity}`}
                            label={t('app.operational.carried.reasonFor', { code: row.activity })}
                            hint={t('app.operational.carried.reasonHint')}
                            rows={3}
                            value={kept.reason}
                            onChange={(event) => setReason(row.activity, event.target.value)}
                          />
                          <div className="button-row">
                            <button
                              type="button"
                              className="button button-secondary button-small"
                              onClick={() => remove(row.activity)}
                              aria-label={t('app.operational.plan.removeActivity', { code: row.activity })}
                            >
                              {t('app.operational.plan.remove')}
                            </button>
                          </div>
                        </>
                      ) : (
                        <p>
                          <strong>{t(OPERATIONAL_TEXTS.reason)}:</strong> {row.reason ?? t(OPERATIONAL_TEXTS.noReason)}
                        </p>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
            {editable ? (
              <div className="operational-add">
                {draft.activities
                  .filter((item) => !rows.has(item.activity))
                  .map((item) => (
                    <p key={item.activity}>
                      {t('app.operational.plan.toAdd', { code: item.activity, title: activityName(item.activity) })}{' '}
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => remove(item.activity)}
                        aria-label={t('app.operational.plan.removeActivity', { code: item.activity })}
                      >
                        {t('app.operational.plan.remove')}
                      </button>
                    </p>
                  ))}
                {view.candidates.some((candidate) => !draft.activities.some((item) => item.activity === candidate.id)) ? (
                  <div className="button-row">
                    <SelectField
                      id="operational-add"
                      label={t('app.operational.plan.addLabel')}
                      value={adding}
                      onChange={(event) => setAdding(event.target.value)}
                    >
                      <option value="">{t('app.operational.plan.addChoose')}</option>
                      {view.candidates
                        .filter((candidate) => !draft.activities.some((item) => item.activity === candidate.id))
                        .map((candidate) => (
                          <option key={candidate.id} value={candidate.id}>
                            {candidate.id} {candidate.title}
                          </option>
                        ))}
                    </SelectField>
                    <button type="button" className="button button-secondary" onClick={add} disabled={adding === ''}>
                      {t('app.operational.plan.add')}
                    </button>
                  </div>
                ) : null}
              </div>
            ) : null}
          </section>

          <section aria-labelledby="operational-costs-heading" className="operational-section">
            <h2 id="operational-costs-heading">{t(OPERATIONAL_TEXTS.costs)}</h2>
            <p>{t('app.operational.costs.intro', { year: view.year })}</p>
            {draft.costs.length === 0 ? (
              <p>{t(OPERATIONAL_TEXTS.none)}</p>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="operational-costs-caption">
                <table className="operational-costs">
                  <caption id="operational-costs-caption" className="visually-hidden">
                    {t('app.operational.costs.caption', { year: view.year })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t(OPERATIONAL_TEXTS.activity)}</th>
                      <th scope="col">{t(OPERATIONAL_TEXTS.amount)}</th>
                      <th scope="col">{t(OPERATIONAL_TEXTS.source)}</th>
                      {editable ? <th scope="col">{t('app.editor.activity.funder')}</th> : null}
                      <th scope="col">{t(OPERATIONAL_TEXTS.funding)}</th>
                      {editable ? (
                        <th scope="col">
                          <span className="visually-hidden">{t('app.operational.plan.remove')}</span>
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {draft.costs.map((line, index) => (
                      <tr key={`${line.activity}-${index}`}>
                        <th scope="row">
                          <code>{line.activity}</code> {activityName(line.activity)}
                        </th>
                        {editable ? (
                          <>
                            <td>
                              <input
                                id={`cost-${index}`}
                                inputMode="decimal"
                                className="operational-amount"
                                aria-label={t('app.operational.costs.amountOf', { code: line.activity, line: lineOf(index) })}
                                aria-invalid={costErrors[index] ? true : undefined}
                                aria-describedby={costErrors[index] ? `cost-${index}-error` : undefined}
                                value={line.amount}
                                onChange={(event) => setCost(index, { amount: event.target.value })}
                              />
                              {costErrors[index] ? (
                                <p id={`cost-${index}-error`} className="field-error">
                                  {costErrors[index]}
                                </p>
                              ) : null}
                            </td>
                            <td>
                              <select
                                id={`cost-source-${index}`}
                                aria-label={t('app.operational.costs.sourceOf', { code: line.activity, line: lineOf(index) })}
                                value={line.source}
                                onChange={(event) => setCost(index, { source: event.target.value as FundingSource })}
                              >
                                {FUNDING_SOURCES.map((source) => (
                                  <option key={source} value={source}>
                                    {fundingSourceLabel(source)}
                                  </option>
                                ))}
                              </select>
                            </td>
                            <td className="operational-funder">
                              <InstitutionPicker
                                id={`cost-funder-${index}`}
                                label={t('app.operational.costs.funderOf', { code: line.activity, line: lineOf(index) })}
                                hideLabel
                                institutions={institutions}
                                value={line.funder ?? ''}
                                onChange={(code) => setCost(index, { funder: code === '' ? null : code })}
                              />
                            </td>
                            <td>
                              <select
                                id={`cost-status-${index}`}
                                aria-label={t('app.operational.costs.statusOf', { code: line.activity, line: lineOf(index) })}
                                value={line.status}
                                onChange={(event) => setCost(index, { status: event.target.value as FundingStatus })}
                              >
                                {FUNDING_STATUSES.map((status) => (
                                  <option key={status} value={status}>
                                    {fundingStatusLabel(status)}
                                  </option>
                                ))}
                              </select>
                            </td>
                            <td>
                              <button
                                type="button"
                                className="button button-secondary button-small"
                                onClick={() => removeCost(index)}
                                aria-label={t('app.operational.costs.removeOf', { code: line.activity, line: lineOf(index) })}
                              >
                                {t('app.operational.plan.remove')}
                              </button>
                            </td>
                          </>
                        ) : (
                          <>
                            <td className="number">{formatAmount(Number(line.amount), view.currency, language)}</td>
                            <td>
                              {fundingSourceLabel(line.source)}
                              {line.funder ? ` (${funderName(line.funder)})` : ''}
                            </td>
                            <td>{fundingStatusLabel(line.status)}</td>
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t(OPERATIONAL_TEXTS.total)}</th>
                      <td className="number" data-testid="operational-cost-total">
                        {formatAmount(view.report.finance.total, view.currency, language)}
                      </td>
                      <td colSpan={editable ? 4 : 2}>
                        {t('app.operational.costs.gap', { gap: formatAmount(view.report.finance.fundingGap, view.currency, language) })}
                      </td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            )}
            {editable && draft.activities.length > 0 ? (
              <div className="button-row">
                <SelectField
                  id="operational-cost-activity"
                  label={t('app.operational.costs.addFor')}
                  hint={t('app.operational.costs.addHint')}
                  value={costActivity}
                  onChange={(event) => setCostActivity(event.target.value)}
                >
                  <option value="">{t('app.operational.plan.addChoose')}</option>
                  {draft.activities.map((item) => (
                    <option key={item.activity} value={item.activity}>
                      {item.activity} {activityName(item.activity)}
                    </option>
                  ))}
                </SelectField>
                <button type="button" className="button button-secondary" onClick={addCost} disabled={costActivity === ''}>
                  {t('app.operational.costs.add')}
                </button>
              </div>
            ) : null}
          </section>

          <section aria-labelledby="operational-recommendations-heading" className="operational-section">
            <h2 id="operational-recommendations-heading">{t(OPERATIONAL_TEXTS.recommendations)}</h2>
            <p>{t('app.operational.recommendations.intro')}</p>
            {view.report.recommendations.length === 0 ? (
              <p>{t(OPERATIONAL_TEXTS.none)}</p>
            ) : (
              <ul className="plain-list">
                {view.report.recommendations.map((item) => (
                  <li key={item.id} className="operational-recommendation">
                    <h3>
                      {item.reference ?? item.id} · {recommendationSourceLabel(item.source)} {item.year}
                    </h3>
                    <p>{item.text}</p>
                    {editable ? (
                      <TextAreaField
                        id={`action-${item.id}`}
                        label={t('app.operational.recommendations.actionFor', { code: item.id })}
                        rows={2}
                        value={draft.actions[item.id] ?? ''}
                        onChange={(event) => {
                          const action = event.target.value;
                          setDraft((current) => current && { ...current, actions: { ...current.actions, [item.id]: action } });
                        }}
                      />
                    ) : (
                      <p>
                        <strong>{t(OPERATIONAL_TEXTS.action)}:</strong> {item.action === '' ? '—' : item.action}
                      </p>
                    )}
                    <p>
                      <strong>{t(OPERATIONAL_TEXTS.answering)}:</strong>{' '}
                      {item.activities.length === 0 ? t('app.operational.recommendations.noActivity') : item.activities.join(', ')}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>

          {editable || (view.status === 'draft' && canAdopt) ? (
            <div className="button-row operational-actions">
              {editable ? (
                <button type="button" className="button" disabled={busy || !unsaved} onClick={() => void save()}>
                  {t('app.operational.plan.save')}
                </button>
              ) : null}
              {canAdopt ? (
                <button type="button" className="button button-secondary" disabled={busy || unsaved} onClick={() => void adopt()}>
                  {t('app.operational.plan.adopt')}
                </button>
              ) : null}
              {canAdopt && unsaved ? <p className="field-hint">{t('app.operational.plan.saveFirst')}</p> : null}
            </div>
          ) : null}

          <Progress view={view} />
          <DownloadReport view={view} participant={participant.code} />
          <CarryOverSection participant={participant.code} planId={planId} />
        </>
      ) : null}
    </Page>
  );
}
