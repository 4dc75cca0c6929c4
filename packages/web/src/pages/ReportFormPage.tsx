import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  ACTIVITY_STATUSES,
  FUNDING_SOURCES,
  checkReport,
  findingPath,
  flagKey,
  formatDate,
  formatDateTime,
  formatNumber,
  type Disaggregation,
  type FundingSource,
  type ReportFinding,
} from '@ariadne/domain';
import { asApiError, type ApiError } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { EvidenceSection } from '../components/ReportEvidence.tsx';
import { FieldNotes, describedBy } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ReportExcel } from '../components/ReportExcel.tsx';
import { ReportActivities, ReportComments, ReportIndicatorValues } from '../components/ReportContentView.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { LeaveGuard } from '../editing/LeaveGuard.tsx';
import { AutosaveStatus } from '../editing/forms/AutosaveStatus.tsx';
import { useAutosave } from '../editing/useAutosave.ts';
import { formatAmount } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { activityStatusLabel, disaggregationLabel, fundingSourceLabel, measureLabel } from '../labels.ts';
import {
  domainForm,
  reportFormPath,
  reportingCalls,
  type ReportContentData,
  type ReportFormData,
  type ReportReceipt,
} from '../reportingApi.ts';
import { useAbility, useParticipant, useSignedInSession } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import { ReportReviewPage } from './ReportReviewPage.tsx';
import '../monitoring.css';

type Content = ReportContentData;
type ActivityEntry = Content['activities'][number];
type IndicatorEntry = Content['indicatorValues'][number];
type FormActivity = ReportFormData['activities'][number];
type FormIndicator = ReportFormData['indicators'][number];
type Calls = ReturnType<typeof reportingCalls>;

const TEXT_FIELDS = {
  narrative: { label: 'app.reporting.narrative', hint: 'app.reporting.narrativeHint' },
  obstacles: { label: 'app.reporting.obstacles', hint: 'app.reporting.obstaclesHint' },
} as const;

const BOARD_STATUS_KEYS = {
  not_started: 'app.monitoring.status.not_started',
  draft: 'app.monitoring.status.draft',
  submitted: 'app.monitoring.status.submitted',
  returned: 'app.monitoring.status.returned',
  accepted: 'app.monitoring.status.accepted',
  overdue: 'app.monitoring.status.overdue',
} as const;

/** The id of the control a field path of the report (`activities[A1.1.1].status`) is shown in. */
export function fieldId(path: string): string {
  return `report-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** A number typed as text: the text stays as typed; the value is a number, or null when blank or not a number. */
function NumberInput({
  id,
  value,
  onChange,
  describedById,
  invalid,
  disabled,
  label,
}: {
  id: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  describedById?: string | undefined;
  invalid: boolean;
  disabled: boolean;
  label?: string;
}) {
  const { t } = useLanguage();
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const parsed = text.trim() === '' ? undefined : Number(text.trim().replace(',', '.'));
  const notNumber = parsed !== undefined && !Number.isFinite(parsed);
  const errorId = `${id}-nan`;
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        className="input-number"
        value={text}
        disabled={disabled}
        aria-label={label}
        aria-invalid={invalid || notNumber ? true : undefined}
        aria-describedby={[describedById, notNumber ? errorId : null].filter(Boolean).join(' ') || undefined}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const number = next.trim() === '' ? undefined : Number(next.trim().replace(',', '.'));
          if (number === undefined || Number.isFinite(number)) onChange(number);
        }}
      />
      {notNumber ? (
        <p id={errorId} className="field-error">
          {t('issues.expected_number')}
        </p>
      ) : null}
    </>
  );
}

/** The messages of findings by the control they belong to. */
function messagesByField(findings: readonly ReportFinding[], t: (key: string, params?: Record<string, unknown>) => string) {
  const messages = new Map<string, string>();
  for (const finding of findings) {
    const id = fieldId(findingPath(finding));
    if (!messages.has(id)) messages.set(id, t(`issues.${finding.key}`, finding.params));
  }
  return messages;
}

function TargetComments({ comments, target }: { comments: ReportFormData['comments']; target: string }) {
  const { t } = useLanguage();
  const mine = comments.filter((comment) => comment.target === target);
  if (mine.length === 0) return null;
  return (
    <div className="notice notice-warning report-comment">
      <p>
        <strong>{t('app.reporting.coordinatorSays')}</strong>
      </p>
      {mine.map((comment, index) => (
        <p key={index} className="prose">
          {comment.text}
        </p>
      ))}
    </div>
  );
}

function ActivityFields({
  activity,
  entry,
  onChange,
  messages,
  comments,
  currency,
  disabled,
}: {
  activity: FormActivity;
  entry: ActivityEntry | undefined;
  onChange: (entry: ActivityEntry | undefined) => void;
  messages: Map<string, string>;
  comments: ReportFormData['comments'];
  currency: string;
  disabled: boolean;
}) {
  const { t, language } = useLanguage();
  const headingId = useId();
  const path = (field: string) => fieldId(`activities[${activity.id}].${field}`);
  const statusId = path('status');
  const spentOf = (source: FundingSource) => entry?.spent?.find((line) => line.source === source)?.amount;
  const update = (change: Partial<ActivityEntry>) => {
    const base: ActivityEntry = entry ?? { activity: activity.id, status: activity.previousStatus ?? 'not_started' };
    onChange({ ...base, ...change });
  };
  const setSpent = (source: FundingSource, amount: number | undefined) => {
    const others = (entry?.spent ?? []).filter((line) => line.source !== source);
    const spent = amount === undefined ? others : [...others, { source, amount }];
    spent.sort((a, b) => FUNDING_SOURCES.indexOf(a.source) - FUNDING_SOURCES.indexOf(b.source));
    update({ spent });
  };
  const statusError = messages.get(statusId);
  return (
    <section className="report-item panel" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <code>{activity.id}</code> {activity.title}
      </h3>
      <p className="muted">
        {activity.lead ? t('app.reporting.lead') : t('app.reporting.partner')} ·{' '}
        {t('app.reporting.activityPeriod', { start: formatDate(activity.start, language), end: formatDate(activity.end, language) })}
        {activity.planned > 0 ? ` · ${t('app.reporting.planned', { amount: formatAmount(activity.planned, currency, language) })}` : ''}
      </p>
      <TargetComments comments={comments} target={activity.id} />
      <div className={statusError ? 'field field-invalid' : 'field'}>
        <label htmlFor={statusId}>{t('app.reporting.status')}</label>
        <FieldNotes
          id={statusId}
          hint={
            activity.previousStatus
              ? t('app.reporting.previousStatus', { status: activityStatusLabel(activity.previousStatus) })
              : undefined
          }
          error={statusError}
        />
        <select
          id={statusId}
          value={entry?.status ?? ''}
          disabled={disabled}
          aria-invalid={statusError ? true : undefined}
          aria-describedby={describedBy(statusId, activity.previousStatus ? 'hint' : undefined, statusError)}
          onChange={(event) => {
            const value = event.target.value;
            if (value === '') onChange(undefined);
            else update({ status: value as ActivityEntry['status'] });
          }}
        >
          <option value="">{activity.lead ? t('app.reporting.chooseStatus') : t('app.reporting.nothingToReport')}</option>
          {ACTIVITY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {activityStatusLabel(status)}
            </option>
          ))}
        </select>
      </div>
      {entry ? (
        <>
          <fieldset className="report-spent">
            <legend>{t('app.reporting.spent', { currency })}</legend>
            <div className="report-spent-grid">
              {FUNDING_SOURCES.map((source) => {
                const id = path(`spent.${source}`);
                const error = messages.get(id);
                return (
                  <div key={source} className={error ? 'field field-invalid' : 'field'}>
                    <label htmlFor={id}>{fundingSourceLabel(source)}</label>
                    <FieldNotes id={id} error={error} />
                    <NumberInput
                      id={id}
                      value={spentOf(source)}
                      invalid={error !== undefined}
                      describedById={error ? `${id}-error` : undefined}
                      disabled={disabled}
                      onChange={(amount) => setSpent(source, amount)}
                    />
                  </div>
                );
              })}
            </div>
            {messages.get(path('spent')) ? (
              <p id={`${path('spent')}-error`} className="field-warning">
                {messages.get(path('spent'))}
              </p>
            ) : null}
          </fieldset>
          {(['narrative', 'obstacles'] as const).map((field) => {
            const id = path(field);
            const error = messages.get(id);
            return (
              <div key={field} className={error ? 'field field-invalid' : 'field'}>
                <label htmlFor={id}>{t(TEXT_FIELDS[field].label)}</label>
                <FieldNotes id={id} hint={t(TEXT_FIELDS[field].hint)} error={error} />
                <textarea
                  id={id}
                  rows={3}
                  value={entry[field] ?? ''}
                  disabled={disabled}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(id, 'hint', error)}
                  onChange={(event) => update({ [field]: event.target.value })}
                />
              </div>
            );
          })}
        </>
      ) : null}
    </section>
  );
}

function BreakdownFields({
  indicator,
  dimension,
  entry,
  onChange,
  messages,
  disabled,
}: {
  indicator: FormIndicator;
  dimension: Disaggregation;
  entry: IndicatorEntry | undefined;
  onChange: (breakdown: NonNullable<IndicatorEntry['breakdown']>) => void;
  messages: Map<string, string>;
  disabled: boolean;
}) {
  const { t, language } = useLanguage();
  const categories = indicator.categories[dimension] ?? [];
  const parts = entry?.breakdown ?? [];
  const valueOf = (category: string) => parts.find((part) => part.dimension === dimension && part.category === category)?.value;
  const given = parts.filter((part) => part.dimension === dimension);
  const sum = given.reduce((total, part) => total + part.value, 0);
  const id = fieldId(`indicators[${indicator.id}].breakdown.${dimension}`);
  const error = messages.get(id);
  const set = (category: string, value: number | undefined) => {
    const others = parts.filter((part) => !(part.dimension === dimension && part.category === category));
    const next = value === undefined ? others : [...others, { dimension, category, value }];
    const order = (part: { dimension: string; category: string }) =>
      indicator.disaggregation.indexOf(part.dimension as Disaggregation) * 1000 +
      (indicator.categories[part.dimension as Disaggregation] ?? []).indexOf(part.category);
    next.sort((a, b) => order(a) - order(b));
    onChange(next);
  };
  return (
    <fieldset className={error ? 'report-breakdown field-invalid' : 'report-breakdown'} id={id} tabIndex={-1}>
      <legend>{t('app.reporting.breakdownBy', { dimension: disaggregationLabel(dimension) })}</legend>
      <div className="report-spent-grid">
        {categories.map((category) => {
          const inputId = `${id}-${category.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
          return (
            <div key={category} className="field">
              <label htmlFor={inputId}>{category}</label>
              <NumberInput
                id={inputId}
                value={valueOf(category)}
                invalid={error !== undefined}
                describedById={`${id}-sum`}
                disabled={disabled}
                onChange={(value) => set(category, value)}
              />
            </div>
          );
        })}
      </div>
      {given.length > 0 && indicator.measure === 'number' ? (
        <p id={`${id}-sum`} className={error ? 'field-error' : 'muted'} aria-live="polite">
          {error ??
            t('app.reporting.breakdownSum', { sum: formatNumber(sum, language), total: entry ? formatNumber(entry.value, language) : '—' })}
        </p>
      ) : error ? (
        <p id={`${id}-sum`} className="field-error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function IndicatorFields({
  indicator,
  entry,
  onChange,
  messages,
  flags,
  confirmed,
  onConfirm,
  comments,
  disabled,
}: {
  indicator: FormIndicator;
  entry: IndicatorEntry | undefined;
  onChange: (entry: IndicatorEntry | undefined) => void;
  messages: Map<string, string>;
  flags: ReportFinding[];
  confirmed: ReadonlySet<string>;
  onConfirm: (key: string, confirmed: boolean) => void;
  comments: ReportFormData['comments'];
  disabled: boolean;
}) {
  const { t, language } = useLanguage();
  const headingId = useId();
  const valueId = fieldId(`indicators[${indicator.id}].value`);
  const error = messages.get(valueId);
  const hintParts = [
    indicator.previousValue !== null ? t('app.reporting.previousValue', { value: formatNumber(indicator.previousValue, language) }) : null,
    indicator.target
      ? t('app.reporting.target', { value: formatNumber(indicator.target.value, language), year: indicator.target.year })
      : null,
  ].filter((part): part is string => part !== null);
  const hint = hintParts.length > 0 ? hintParts.join(' · ') : undefined;
  const setValue = (value: number | undefined) => {
    if (value === undefined) onChange(undefined);
    else onChange({ ...(entry ?? { indicator: indicator.id }), indicator: indicator.id, value });
  };
  let control: ReactNode;
  if (indicator.measure === 'yes_no') {
    control = (
      <div
        role="radiogroup"
        aria-labelledby={`${valueId}-label`}
        aria-describedby={describedBy(valueId, hint, error)}
        className="radio-row"
      >
        {[
          { value: 1, label: t('app.reporting.yes') },
          { value: 0, label: t('app.reporting.no') },
        ].map((option) => (
          <label key={option.value} className="checkbox">
            <input
              type="radio"
              name={valueId}
              id={option.value === 1 ? valueId : `${valueId}-no`}
              checked={entry?.value === option.value}
              disabled={disabled}
              onChange={() => setValue(option.value)}
            />{' '}
            {option.label}
          </label>
        ))}
        <label className="checkbox">
          <input type="radio" name={valueId} checked={entry === undefined} disabled={disabled} onChange={() => setValue(undefined)} />{' '}
          {t('app.reporting.notGiven')}
        </label>
      </div>
    );
  } else if (indicator.measure === 'qualitative' && indicator.scale) {
    control = (
      <select
        id={valueId}
        value={entry === undefined ? '' : String(entry.value)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(valueId, hint, error)}
        onChange={(event) => setValue(event.target.value === '' ? undefined : Number(event.target.value))}
      >
        <option value="">{t('app.reporting.notGiven')}</option>
        {indicator.scale.map((level, index) => (
          <option key={index} value={index}>
            {level}
          </option>
        ))}
      </select>
    );
  } else {
    control = (
      <NumberInput
        id={valueId}
        value={entry?.value}
        invalid={error !== undefined}
        describedById={describedBy(valueId, hint, error)}
        disabled={disabled}
        onChange={setValue}
      />
    );
  }
  const myFlags = flags.filter((flag) => flag.target === indicator.id);
  return (
    <section className="report-item panel" aria-labelledby={headingId}>
      <h3 id={headingId}>
        <code>{indicator.id}</code> {indicator.name}
      </h3>
      <p className="muted">
        {indicator.required ? t('app.reporting.required') : t('app.reporting.optional')} · {measureLabel(indicator.measure)}
        {indicator.unit ? ` (${indicator.unit})` : ''}
        {indicator.activity
          ? ` · ${t('app.reporting.ofActivity', { code: indicator.activity })}`
          : ` · ${t('app.reporting.ofObjective', { code: indicator.objective })}`}
      </p>
      <TargetComments comments={comments} target={indicator.id} />
      <div className={error ? 'field field-invalid' : 'field'}>
        <label htmlFor={valueId} id={`${valueId}-label`}>
          {t('app.reporting.value')}
        </label>
        <FieldNotes id={valueId} hint={hint} error={error} />
        {control}
      </div>
      {myFlags.map((flag) => {
        const key = flagKey(flag);
        const id = `${fieldId(findingPath(flag))}-confirm`;
        return (
          <div key={key} className="notice notice-warning">
            <p>{t(`issues.${flag.key}`, flag.params)}</p>
            <label className="checkbox" htmlFor={id}>
              <input
                id={id}
                type="checkbox"
                checked={confirmed.has(key)}
                disabled={disabled}
                onChange={(event) => onConfirm(key, event.target.checked)}
              />{' '}
              {t('app.reporting.confirmValue')}
            </label>
          </div>
        );
      })}
      {entry
        ? indicator.disaggregation.map((dimension) => (
            <BreakdownFields
              key={dimension}
              indicator={indicator}
              dimension={dimension}
              entry={entry}
              messages={messages}
              disabled={disabled}
              onChange={(breakdown) => onChange({ ...entry, breakdown })}
            />
          ))
        : null}
    </section>
  );
}

function Receipt({ receipt, name }: { receipt: ReportReceipt; name: string }) {
  const { t, language } = useLanguage();
  return (
    <section className="notice notice-success receipt" aria-labelledby="receipt-heading" tabIndex={-1} id="receipt">
      <h2 id="receipt-heading">{t('app.reporting.receiptTitle')}</h2>
      <p>
        {t('app.reporting.receiptText', {
          name,
          time: receipt.receipt.submittedAt ? formatDateTime(receipt.receipt.submittedAt, language) : '',
          person: receipt.receipt.submittedBy ?? '',
        })}
      </p>
      <ul>
        <li>{t('app.reporting.receiptActivities', { count: receipt.receipt.activities })}</li>
        <li>{t('app.reporting.receiptValues', { count: receipt.receipt.indicatorValues })}</li>
        <li>{t('app.reporting.receiptEvidence', { count: receipt.receipt.evidence })}</li>
      </ul>
      <p>{t('app.reporting.receiptNext')}</p>
    </section>
  );
}

/** Replaces (or, with undefined, removes) the entry of one code in a list, keeping the form's order. */
function replaceEntry<E>(
  list: readonly E[],
  code: string,
  codeOf: (entry: E) => string,
  next: E | undefined,
  order: readonly string[],
): E[] {
  const others = list.filter((entry) => codeOf(entry) !== code);
  const all = next === undefined ? others : [...others, next];
  return all.sort((a, b) => order.indexOf(codeOf(a)) - order.indexOf(codeOf(b)));
}

function EditableReport({
  data,
  calls,
  onReload,
  onSubmitted,
}: {
  data: ReportFormData;
  calls: Calls;
  onReload: () => void;
  onSubmitted: (receipt: ReportReceipt) => void;
}) {
  const { t } = useLanguage();
  const [content, setContent] = useState<Content>(data.content);
  const [confirmed, setConfirmed] = useState<Set<string>>(new Set());
  const [submitting, setSubmitting] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [submitError, setSubmitError] = useState<ApiError | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const form = useMemo(() => domainForm(data), [data]);
  const autosave = useAutosave<Content>({
    value: content,
    version: data.version,
    save: async (value, version) => (await calls.save(version, value)).version,
  });
  const check = useMemo(() => checkReport(form, content, attempted ? 'submit' : 'draft'), [form, content, attempted]);
  const messages = messagesByField(check.problems, t);
  for (const issue of autosave.error?.issues ?? []) {
    const id = fieldId(issue.path);
    if (!messages.has(id)) messages.set(id, issue.message);
  }
  for (const flag of check.flags) {
    const id = fieldId(findingPath(flag));
    if (!messages.has(id) && flag.field.startsWith('spent')) messages.set(id, t(`issues.${flag.key}`, flag.params));
  }
  const unconfirmed = check.flags.filter((flag) => !confirmed.has(flagKey(flag)));
  const activityOrder = data.activities.map((activity) => activity.id);
  const indicatorOrder = data.indicators.map((indicator) => indicator.id);
  const targets = [
    ...data.activities.map((activity) => ({ code: activity.id, label: `${activity.id} ${activity.title}` })),
    ...data.indicators.map((indicator) => ({ code: indicator.id, label: `${indicator.id} ${indicator.name}` })),
  ];

  const submit = async () => {
    setAttempted(true);
    setSubmitError(null);
    const full = checkReport(form, content, 'submit');
    const waiting = full.flags.filter((flag) => !confirmed.has(flagKey(flag)));
    if (full.problems.length > 0 || waiting.length > 0) {
      window.setTimeout(() => summary.current?.focus(), 0);
      return;
    }
    setSubmitting(true);
    try {
      await autosave.flush();
      const receipt = await calls.submit(autosave.versionNow(), content, [...confirmed]);
      onSubmitted(receipt);
    } catch (caught) {
      setSubmitError(asApiError(caught));
      window.setTimeout(() => summary.current?.focus(), 0);
    } finally {
      setSubmitting(false);
    }
  };

  // Once a submission was tried, `check` is the submission's check.
  const blocking = attempted ? check : null;
  const problemLinks = [
    ...(blocking?.problems ?? []).map((finding) => ({
      id: fieldId(findingPath(finding)),
      text: `${finding.target ?? ''} — ${t(`issues.${finding.key}`, finding.params)}`,
    })),
    ...(attempted ? unconfirmed : []).map((flag) => ({
      id: `${fieldId(findingPath(flag))}${flag.field.startsWith('spent') ? '' : '-confirm'}`,
      text: `${flag.target ?? ''} — ${t('app.reporting.toConfirm', { message: t(`issues.${flag.key}`, flag.params) })}`,
    })),
  ];

  return (
    <>
      <LeaveGuard autosave={autosave} />
      <div className="report-toolbar">
        <AutosaveStatus autosave={autosave} unplaced={[]} />
      </div>
      <h2>{t('app.reporting.activities')}</h2>
      <p className="field-hint">{t('app.reporting.activitiesHint')}</p>
      {data.activities.map((activity) => {
        const spentFlag = check.flags.find((flag) => flag.target === activity.id && flag.field === 'spent');
        return (
          <div key={activity.id}>
            <ActivityFields
              activity={activity}
              entry={content.activities.find((entry) => entry.activity === activity.id)}
              messages={messages}
              comments={data.comments}
              currency={data.currency}
              disabled={submitting}
              onChange={(entry) =>
                setContent((current) => ({
                  ...current,
                  activities: replaceEntry(current.activities, activity.id, (candidate) => candidate.activity, entry, activityOrder),
                }))
              }
            />
            {spentFlag ? (
              <div className="notice notice-warning">
                <label className="checkbox" htmlFor={fieldId(findingPath(spentFlag))}>
                  <input
                    id={fieldId(findingPath(spentFlag))}
                    type="checkbox"
                    checked={confirmed.has(flagKey(spentFlag))}
                    onChange={(event) =>
                      setConfirmed((current) => {
                        const next = new Set(current);
                        if (event.target.checked) next.add(flagKey(spentFlag));
                        else next.delete(flagKey(spentFlag));
                        return next;
                      })
                    }
                  />{' '}
                  {t('app.reporting.confirmSpent', { code: activity.id })}
                </label>
              </div>
            ) : null}
          </div>
        );
      })}
      <h2>{t('app.reporting.indicators')}</h2>
      {data.indicators.length === 0 ? (
        <p className="muted">{t('app.reporting.noIndicators')}</p>
      ) : (
        <p className="field-hint">{t('app.reporting.indicatorsHint')}</p>
      )}
      {data.indicators.map((indicator) => (
        <IndicatorFields
          key={indicator.id}
          indicator={indicator}
          entry={content.indicatorValues.find((entry) => entry.indicator === indicator.id)}
          messages={messages}
          flags={check.flags}
          confirmed={confirmed}
          comments={data.comments}
          disabled={submitting}
          onConfirm={(key, on) =>
            setConfirmed((current) => {
              const next = new Set(current);
              if (on) next.add(key);
              else next.delete(key);
              return next;
            })
          }
          onChange={(entry) =>
            setContent((current) => ({
              ...current,
              indicatorValues: replaceEntry(
                current.indicatorValues,
                indicator.id,
                (candidate) => candidate.indicator,
                entry,
                indicatorOrder,
              ),
            }))
          }
        />
      ))}
      <EvidenceSection evidence={data.evidence} calls={calls} editable targets={targets} onChanged={onReload} />
      <section className="panel report-submit" aria-labelledby="submit-heading">
        <h2 id="submit-heading">{t('app.reporting.submitTitle')}</h2>
        <p>{t('app.reporting.submitHint')}</p>
        <div ref={summary} tabIndex={-1}>
          {problemLinks.length > 0 ? (
            <div role="alert" className="notice notice-error">
              <p>{t('app.reporting.fixBeforeSubmit', { count: problemLinks.length })}</p>
              <ul>
                {problemLinks.map((problem, index) => (
                  <li key={`${index}-${problem.id}`}>
                    <a href={`#${problem.id}`}>{problem.text}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {submitError ? <ErrorSummary message={submitError.message} problems={submitError.issues.map((issue) => issue.message)} /> : null}
        </div>
        <button type="button" className="button" disabled={submitting} onClick={() => void submit()}>
          {submitting ? t('app.reporting.submitting') : t('app.reporting.submit')}
        </button>
      </section>
    </>
  );
}

/** The report form of a focal point's institution in a round: filled on the web, autosaved, submitted with a receipt. */
export function ReportFormPage() {
  const { planId = '', roundId = '', institution = '' } = useParams();
  const participant = useParticipant();
  const { t, language } = useLanguage();
  const path = reportFormPath(participant.code, planId, roundId, institution);
  const report = useApiData<ReportFormData>(path);
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);
  const calls = useMemo(
    () => reportingCalls(participant.code, planId, roundId, institution),
    [participant.code, planId, roundId, institution],
  );
  const data = report.result.status === 'ready' ? report.result.data : null;
  const title = data
    ? t('app.reporting.title', { name: data.institution.name, round: roundId })
    : t('app.monitoring.report.titleShort', { round: roundId });

  return (
    <Page title={title}>
      <p>
        <Link to="/">{t('app.reporting.backHome')}</Link>
      </p>
      {receipt && data ? <Receipt receipt={receipt} name={data.institution.name} /> : null}
      {report.result.status === 'loading' ? <Loading /> : null}
      {report.result.status === 'error' ? <ErrorMessage message={report.result.error.message} onRetry={report.reload} /> : null}
      {data ? (
        <>
          <dl className="facts">
            <div>
              <dt>{t('app.reporting.plan')}</dt>
              <dd>{data.plan.title}</dd>
            </div>
            <div>
              <dt>{t('app.monitoring.periodHeading')}</dt>
              <dd>
                {t('app.monitoring.period', {
                  start: formatDate(data.round.periodStart, language),
                  end: formatDate(data.round.periodEnd, language),
                })}
              </dd>
            </div>
            <div>
              <dt>{t('app.monitoring.deadline')}</dt>
              <dd>
                <time dateTime={data.round.deadline}>{formatDate(data.round.deadline, language)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('app.monitoring.board.status')}</dt>
              <dd data-testid="report-status">{t(BOARD_STATUS_KEYS[data.board])}</dd>
            </div>
            {data.submittedAt ? (
              <div>
                <dt>{t('app.reporting.submittedAt')}</dt>
                <dd>
                  {t('app.reporting.submittedAtBy', { time: formatDateTime(data.submittedAt, language), person: data.submittedBy ?? '' })}
                </dd>
              </div>
            ) : null}
          </dl>
          {data.status === 'returned' ? (
            <div className="notice notice-warning">
              <p>{t('app.reporting.returnedNotice')}</p>
            </div>
          ) : null}
          {data.comments.length > 0 ? (
            <section aria-labelledby="comments-heading">
              <h2 id="comments-heading">{t('app.monitoring.report.comments')}</h2>
              <ReportComments report={{ comments: data.comments.map((comment) => ({ ...comment, author: comment.author ?? '' })) }} />
            </section>
          ) : null}
          <ReportExcel
            participant={participant.code}
            plan={planId}
            round={roundId}
            institution={institution}
            canUpload={data.editable}
            onUploaded={() => {
              setReceipt(null);
              report.reload();
            }}
          />
          {data.editable ? (
            <EditableReport
              key={`${data.version}`}
              data={data}
              calls={calls}
              onReload={report.reload}
              onSubmitted={(done) => {
                setReceipt(done);
                report.reload();
                window.setTimeout(() => document.getElementById('receipt')?.focus(), 0);
              }}
            />
          ) : (
            <>
              <p className="notice">
                {data.status === 'draft' || data.status === 'returned' ? t('app.reporting.readOnly') : t('app.reporting.lockedNotice')}
              </p>
              <h2>{t('app.reporting.activities')}</h2>
              <ReportActivities report={data.content} currency={data.currency} />
              <h2>{t('app.reporting.indicators')}</h2>
              <ReportIndicatorValues report={data.content} />
              <EvidenceSection evidence={data.evidence} calls={calls} editable={false} targets={[]} onChanged={report.reload} />
            </>
          )}
        </>
      ) : null}
    </Page>
  );
}

/**
 * A report's page: the coordinator's review for those who read every report, the form for the
 * focal point of the institution.
 */
export function ReportPage() {
  const { institution = '' } = useParams();
  const canReadAll = useAbility('report.view_all');
  const participant = useParticipant();
  const { t } = useLanguage();
  const { session } = useSignedInSession();
  const ownInstitution = session.memberships.some(
    (membership) =>
      membership.participant.code === participant.code && membership.role === 'focal_point' && membership.institution?.code === institution,
  );
  if (ownInstitution) return <ReportFormPage />;
  if (canReadAll) return <ReportReviewPage />;
  return (
    <Page title={t('app.reporting.notYoursTitle')}>
      <p>{t('app.reporting.notYours')}</p>
      <p>
        <Link to="/">{t('app.reporting.backHome')}</Link>
      </p>
    </Page>
  );
}
