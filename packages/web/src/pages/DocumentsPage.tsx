import { useEffect, useId, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { LANGUAGE_NAMES, formatDateTime, formatNumber, isLanguage, type Language } from '@ariadne/domain';
import { api, asApiError, participantPath, type ApiError } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { LanguageField, SelectField } from '../components/Field.tsx';
import { reportScopeLabel } from '../labels.ts';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';

// The documents of an action plan generated from the record, in Word or PDF: the implementation
// report of a round, a year or the whole plan with the coordinator's introduction and conclusions,
// and the strategy and action plan, the plan review and the financial plan of the whole plan. Made
// in the background with a progress bar, with the history of what was made.

/** How often a document being generated is asked about. */
export const POLL_MS = 700;

export type ReportScopes = { rounds: string[]; years: number[] };
export type ReportTexts = { introduction: string; conclusions: string; version: number; updatedAt: string | null };
export type DocumentFormat = 'docx' | 'pdf';
export type DocumentKind = 'implementation_report' | 'plan' | 'plan_review' | 'financial_plan';
export type DocumentRun = {
  id: number;
  kind: DocumentKind;
  plan: string | null;
  scope: string | null;
  language: string;
  format: DocumentFormat;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  error: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
};

/** The documents that can be generated, in the order they are offered. */
const KIND_KEYS = {
  implementation_report: 'app.documents.kinds.implementation_report',
  plan: 'app.documents.kinds.plan',
  plan_review: 'app.documents.kinds.plan_review',
  financial_plan: 'app.documents.kinds.financial_plan',
} as const satisfies Record<DocumentKind, string>;

function isKind(value: string): value is DocumentKind {
  return Object.hasOwn(KIND_KEYS, value);
}

const STATUS_KEYS = {
  queued: 'app.documents.statuses.queued',
  running: 'app.documents.statuses.running',
  done: 'app.documents.statuses.done',
  failed: 'app.documents.statuses.failed',
} as const;

export function documentFileUrl(participant: string, id: number): string {
  return participantPath(participant, `/documents/${id}/file`);
}

function planPath(participant: string, plan: string, rest: string): string {
  return participantPath(participant, `/action-plans/${encodeURIComponent(plan)}${rest}`);
}

/** How a scope reads: the whole plan, a year or a round. */
/** The introduction and conclusions of the report of one scope, saved with their version. */
function ReportTextsForm({ participant, plan, scope }: { participant: string; plan: string; scope: string }) {
  const { t } = useLanguage();
  const id = useId();
  const canEdit = useAbility('plan.edit');
  const path = planPath(participant, plan, `/report-texts/${encodeURIComponent(scope)}`);
  const { result } = useApiData<ReportTexts>(path);
  // What was typed (or saved last); until then, what the server holds.
  const [edited, setDraft] = useState<ReportTexts | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const draft = edited ?? (result.status === 'ready' ? result.data : null);

  if (result.status === 'error') return <ErrorMessage message={result.error.message} />;
  if (draft === null) return <Loading />;

  async function save() {
    if (draft === null) return;
    setSaving(true);
    setSaved(false);
    setError(null);
    try {
      const stored = await api.put<ReportTexts>(path, {
        introduction: draft.introduction,
        conclusions: draft.conclusions,
        version: draft.version,
      });
      setDraft(stored);
      setSaved(true);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setSaving(false);
    }
  }

  const change = (field: 'introduction' | 'conclusions', value: string) => {
    setSaved(false);
    setDraft({ ...draft, [field]: value });
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('app.documents.texts.title')}</h2>
      <p>{t('app.documents.texts.hint')}</p>
      {error !== null ? <ErrorSummary message={error.message} problems={error.issues.map((issue) => issue.message)} /> : null}
      <div className="field">
        <label htmlFor={`${id}-introduction`}>{t('app.documents.texts.introduction')}</label>
        <textarea
          id={`${id}-introduction`}
          rows={8}
          value={draft.introduction}
          readOnly={!canEdit}
          onChange={(event) => change('introduction', event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-conclusions`}>{t('app.documents.texts.conclusions')}</label>
        <textarea
          id={`${id}-conclusions`}
          rows={8}
          value={draft.conclusions}
          readOnly={!canEdit}
          onChange={(event) => change('conclusions', event.target.value)}
        />
      </div>
      {canEdit ? (
        <p>
          <button type="button" className="button button-secondary" disabled={saving} onClick={() => void save()}>
            {t('app.documents.texts.save')}
          </button>{' '}
          <span role="status">{saved ? t('app.documents.texts.saved') : ''}</span>
        </p>
      ) : null}
    </section>
  );
}

/** Generating one document: the button, then the progress bar, then the link to the file. */
function Generate({
  participant,
  plan,
  kind,
  scope,
  language,
  format,
  onChanged,
}: {
  participant: string;
  plan: string;
  kind: DocumentKind;
  /** The period of an implementation report; the other documents cover the whole plan. */
  scope: string;
  language: Language;
  format: DocumentFormat;
  onChanged: () => void;
}) {
  const { t } = useLanguage();
  const id = useId();
  const [run, setRun] = useState<DocumentRun | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [starting, setStarting] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  const finished = run !== null && (run.status === 'done' || run.status === 'failed');

  useEffect(() => {
    if (run === null || finished) return undefined;
    let stopped = false;
    const timer = window.setTimeout(() => {
      api.get<DocumentRun>(participantPath(participant, `/documents/${run.id}`)).then(
        (next) => {
          if (stopped) return;
          setRun(next);
          if (next.status === 'done' || next.status === 'failed') onChanged();
        },
        (caught: unknown) => {
          if (!stopped) setError(asApiError(caught));
        },
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [participant, run, finished, onChanged]);

  useEffect(() => {
    if (run?.status === 'done') link.current?.focus();
  }, [run?.status]);

  async function start() {
    setStarting(true);
    setError(null);
    setRun(null);
    try {
      const report = kind === 'implementation_report';
      const started = await api.post<{ id: number }>(
        participantPath(participant, '/documents'),
        report ? { kind, plan, scope, language, format } : { kind, plan, language, format },
      );
      const now = new Date().toISOString();
      setRun({
        id: started.id,
        kind,
        plan,
        scope: report ? scope : null,
        language,
        format,
        status: 'queued',
        progress: 0,
        error: null,
        fileName: null,
        sizeBytes: null,
        createdBy: null,
        createdAt: now,
        finishedAt: null,
      });
      onChanged();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setStarting(false);
    }
  }

  const running = run !== null && !finished;
  return (
    <div className="document-generate">
      {error !== null ? <ErrorSummary message={error.message} problems={error.issues.map((issue) => issue.message)} /> : null}
      <button type="button" className="button" disabled={starting || running} onClick={() => void start()}>
        {t('app.documents.generate')}
      </button>
      {run !== null ? (
        <p>
          <label htmlFor={`${id}-progress`}>{t('app.documents.progressLabel')}</label>{' '}
          <progress id={`${id}-progress`} max={100} value={run.progress} />{' '}
          <span role="status">
            {run.status === 'done'
              ? t('app.documents.ready')
              : run.status === 'failed'
                ? t('app.documents.failed', { error: run.error ?? '' })
                : t('app.documents.progress', { progress: run.progress })}
          </span>
        </p>
      ) : null}
      {run?.status === 'done' ? (
        <p>
          <a ref={link} href={documentFileUrl(participant, run.id)} download>
            {t('app.documents.download')}
          </a>
        </p>
      ) : null}
    </div>
  );
}

/** What was generated, when and by whom. */
function History({ participant, runs }: { participant: string; runs: DocumentRun[] }) {
  const { t, language } = useLanguage();
  const scopeLabel = reportScopeLabel;
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('app.documents.history.title')}</h2>
      {runs.length === 0 ? (
        <p>{t('app.documents.history.empty')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('app.documents.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('app.documents.history.when')}</th>
              <th scope="col">{t('app.documents.history.who')}</th>
              <th scope="col">{t('app.documents.history.document')}</th>
              <th scope="col">{t('app.documents.scope')}</th>
              <th scope="col">{t('app.documents.language')}</th>
              <th scope="col">{t('app.documents.format')}</th>
              <th scope="col">{t('app.documents.history.status')}</th>
              <th scope="col">{t('app.documents.history.size')}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>{formatDateTime(run.createdAt, language)}</td>
                <td>{run.createdBy ?? '–'}</td>
                <td>
                  {isKind(run.kind) ? t(KIND_KEYS[run.kind]) : run.kind} {run.plan ?? ''}
                </td>
                <td>{run.kind === 'implementation_report' ? scopeLabel(run.scope) : '–'}</td>
                <td>{isLanguage(run.language) ? LANGUAGE_NAMES[run.language] : run.language}</td>
                <td>{run.format === 'pdf' ? t('app.documents.formats.pdf') : t('app.documents.formats.docx')}</td>
                <td>
                  {run.status === 'done' ? (
                    <a href={documentFileUrl(participant, run.id)} download>
                      {t('app.documents.history.download')}
                    </a>
                  ) : (
                    t(STATUS_KEYS[run.status])
                  )}
                  {run.status === 'failed' && run.error !== null ? ` (${run.error})` : null}
                </td>
                <td>
                  {run.sizeBytes === null
                    ? '–'
                    : t('app.documents.history.sizeKb', { size: formatNumber(run.sizeBytes / 1024, language, 0) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The page of an action plan's generated documents. */
export function DocumentsPage() {
  const { t, language: interfaceLanguage } = useLanguage();
  const participant = useParticipant();
  const { planId = '' } = useParams();
  const canGenerate = useAbility('round.manage');
  const scopeLabel = reportScopeLabel;
  const scopes = useApiData<ReportScopes>(planPath(participant.code, planId, '/report-scopes'));
  const history = useApiData<{ runs: DocumentRun[] }>(participantPath(participant.code, '/documents'));
  const [kind, setKind] = useState<DocumentKind>('implementation_report');
  const [scope, setScope] = useState('whole');
  const [language, setLanguage] = useState<Language>(interfaceLanguage);
  const [format, setFormat] = useState<DocumentFormat>('docx');
  const reloadHistory = history.reload;

  const runs = history.result.status === 'ready' ? history.result.data.runs.filter((run) => run.plan === planId) : [];

  return (
    <Page title={t('app.documents.title')}>
      <p>
        <Link to={`/plans/${encodeURIComponent(planId)}`}>{t('app.documents.back', { plan: planId })}</Link>
      </p>
      <p>{t('app.documents.intro')}</p>
      {scopes.result.status === 'loading' ? <Loading /> : null}
      {scopes.result.status === 'error' ? <ErrorMessage message={scopes.result.error.message} onRetry={scopes.reload} /> : null}
      {scopes.result.status === 'ready' ? (
        <>
          <section aria-labelledby="documents-choose">
            <h2 id="documents-choose">{t('app.documents.choose')}</h2>
            <SelectField
              id="document-kind"
              label={t('app.documents.kind')}
              value={kind}
              onChange={(event) => {
                if (isKind(event.target.value)) setKind(event.target.value);
              }}
            >
              {Object.entries(KIND_KEYS).map(([value, key]) => (
                <option key={value} value={value}>
                  {t(key)}
                </option>
              ))}
            </SelectField>
            {kind === 'implementation_report' ? (
              <SelectField
                id="document-scope"
                label={t('app.documents.scope')}
                value={scope}
                onChange={(event) => setScope(event.target.value)}
              >
                <option value="whole">{scopeLabel('whole')}</option>
                {scopes.result.data.years.map((year) => (
                  <option key={year} value={String(year)}>
                    {scopeLabel(String(year))}
                  </option>
                ))}
                {scopes.result.data.rounds.map((round) => (
                  <option key={round} value={round}>
                    {scopeLabel(round)}
                  </option>
                ))}
              </SelectField>
            ) : (
              <p>{t('app.documents.wholePlan')}</p>
            )}
            <LanguageField id="document-language" label={t('app.documents.language')} value={language} onChange={setLanguage} />
            <SelectField
              id="document-format"
              label={t('app.documents.format')}
              value={format}
              onChange={(event) => setFormat(event.target.value === 'pdf' ? 'pdf' : 'docx')}
            >
              <option value="docx">{t('app.documents.formats.docx')}</option>
              <option value="pdf">{t('app.documents.formats.pdf')}</option>
            </SelectField>
          </section>
          {kind === 'implementation_report' ? (
            <ReportTextsForm key={scope} participant={participant.code} plan={planId} scope={scope} />
          ) : null}
          {canGenerate ? (
            <Generate
              key={kind}
              participant={participant.code}
              plan={planId}
              kind={kind}
              scope={scope}
              language={language}
              format={format}
              onChanged={reloadHistory}
            />
          ) : null}
        </>
      ) : null}
      {history.result.status === 'error' ? <ErrorMessage message={history.result.error.message} onRetry={reloadHistory} /> : null}
      {history.result.status === 'ready' ? <History participant={participant.code} runs={runs} /> : null}
    </Page>
  );
}
