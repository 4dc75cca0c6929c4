import { CONSULTATION_DECISION_KEYS, formatDate, type DocumentStatus } from '@ariadne/domain';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, asApiError, issuesByField, participantPath, type ApiError } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextField, focusFirstInvalid } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { Group } from '../editing/forms/fields.tsx';
import { localToday } from '../format.ts';
import { useLanguage } from '../i18n.ts';
import { documentStatusLabel, roleLabel } from '../labels.ts';
import { useAbility, useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';

// The consultations on a strategy and its action plans: the list with their decisions, and the
// coordinator's form to open a new one on a draft with its invitees and closing date.

export type DecisionCounts = { accepted: number; partly_accepted: number; not_accepted: number; unresolved: number; total: number };

export type ConsultationSummary = {
  id: number;
  strategy: string;
  document: string;
  documentTitle: string;
  title: string;
  closesOn: string;
  openedAt: string;
  openedBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  state: 'open' | 'closed';
  publishedAt: string | null;
  publicPath: string;
  counts: DecisionCounts;
};

export type Consultations = {
  consultations: ConsultationSummary[];
  documents: { document: string; title: string; status: DocumentStatus }[];
  candidates: {
    users: { id: number; name: string; role: string; institution: string | null }[];
    institutions: { code: string; name: string }[];
  } | null;
};

/** The API path of a strategy's consultations. */
export function consultationsPath(participant: string, strategyId: string, rest = ''): string {
  return participantPath(participant, `/strategies/${encodeURIComponent(strategyId)}/consultations${rest}`);
}

/** The counts of decisions in a line: "Accepted 1 · Partly accepted 0 · …". */
export function countsText(counts: DecisionCounts, t: ReturnType<typeof useLanguage>['t']): string {
  return (['accepted', 'partly_accepted', 'not_accepted', 'unresolved'] as const)
    .map((decision) => t('app.consultation.list.count', { decision: t(CONSULTATION_DECISION_KEYS[decision]), count: counts[decision] }))
    .join(' · ');
}

function OpenForm({ participant, strategyId, data }: { participant: string; strategyId: string; data: Consultations }) {
  const { t } = useLanguage();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const documents = data.documents.filter((document) => document.status === 'draft' || document.status === 'consultation');
  const [document, setDocument] = useState(documents[0]?.document ?? '');
  const [title, setTitle] = useState('');
  const [closesOn, setClosesOn] = useState('');
  const [institutions, setInstitutions] = useState<string[]>([]);
  const [users, setUsers] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (data.candidates === null) return null;
  if (documents.length === 0) return <p className="muted">{t('app.consultation.open.noDrafts')}</p>;
  const fields = error ? issuesByField(error) : {};
  const shown = new Set(['document', 'title', 'closesOn', 'invitees']);
  const toggle = <V,>(list: V[], value: V, checked: boolean) => (checked ? [...list, value] : list.filter((item) => item !== value));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const opened = await api.post<{ id: number }>(consultationsPath(participant, strategyId), {
        document,
        title,
        closesOn,
        users,
        institutions,
      });
      void navigate(`/strategies/${encodeURIComponent(strategyId)}/consultations/${opened.id}`);
    } catch (caught) {
      setError(asApiError(caught));
      setBusy(false);
      focusFirstInvalid(formRef.current);
    }
  }

  return (
    <section aria-labelledby="consultation-open-heading" className="plan-section">
      <h2 id="consultation-open-heading">{t('app.consultation.open.title')}</h2>
      <p>{t('app.consultation.open.intro')}</p>
      <form ref={formRef} noValidate onSubmit={(event) => void submit(event)}>
        {error ? (
          <ErrorSummary
            message={error.message}
            problems={error.issues.filter((issue) => !shown.has(issue.path)).map((issue) => issue.message)}
          />
        ) : null}
        <div className="field">
          <label htmlFor="consultation-document">{t('app.consultation.open.document')}</label>
          <select id="consultation-document" value={document} onChange={(event) => setDocument(event.target.value)}>
            {documents.map((candidate) => (
              <option key={candidate.document} value={candidate.document}>
                {t('app.consultation.open.documentOption', { title: candidate.title, status: documentStatusLabel(candidate.status) })}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="consultation-title"
          label={t('app.consultation.open.name')}
          value={title}
          required
          error={fields.title}
          onChange={(event) => setTitle(event.target.value)}
        />
        <TextField
          id="consultation-closes-on"
          type="date"
          label={t('app.consultation.open.closesOn')}
          hint={t('app.consultation.open.closesOnHint')}
          min={localToday()}
          value={closesOn}
          required
          error={fields.closesOn}
          onChange={(event) => setClosesOn(event.target.value)}
        />
        <Group legend={t('app.consultation.open.institutions')}>
          {fields.invitees ? <p className="field-error">{fields.invitees}</p> : null}
          <div className="checkbox-grid">
            {data.candidates.institutions.map((institution) => (
              <div className="checkbox" key={institution.code}>
                <input
                  id={`invite-institution-${institution.code}`}
                  type="checkbox"
                  checked={institutions.includes(institution.code)}
                  onChange={(event) => setInstitutions(toggle(institutions, institution.code, event.target.checked))}
                />
                <label htmlFor={`invite-institution-${institution.code}`}>{institution.name}</label>
              </div>
            ))}
          </div>
        </Group>
        <Group legend={t('app.consultation.open.people')}>
          <div className="checkbox-grid">
            {data.candidates.users.map((user) => (
              <div className="checkbox" key={`${user.id}:${user.role}`}>
                <input
                  id={`invite-user-${user.id}-${user.role}`}
                  type="checkbox"
                  checked={users.includes(user.id)}
                  onChange={(event) => setUsers(toggle(users, user.id, event.target.checked))}
                />
                <label htmlFor={`invite-user-${user.id}-${user.role}`}>
                  {user.institution === null
                    ? t('app.consultation.open.person', { name: user.name, role: roleLabel(user.role) })
                    : t('app.consultation.open.personOf', { name: user.name, institution: user.institution })}
                </label>
              </div>
            ))}
          </div>
        </Group>
        <div className="button-row">
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('app.consultation.open.busy') : t('app.consultation.open.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ConsultationsPage() {
  const { t, language } = useLanguage();
  const { strategyId = '' } = useParams();
  const participant = useParticipant();
  const canManage = useAbility('consultation.manage');
  const data = useApiData<Consultations>(consultationsPath(participant.code, strategyId));
  return (
    <Page title={t('app.consultation.list.title')}>
      <p>
        <Link to={`/strategies/${encodeURIComponent(strategyId)}`}>{t('app.consultation.list.back')}</Link>
      </p>
      <p>{t('app.consultation.list.intro')}</p>
      {data.result.status === 'loading' ? <Loading /> : null}
      {data.result.status === 'error' ? <ErrorMessage message={data.result.error.message} onRetry={data.reload} /> : null}
      {data.result.status === 'ready' ? (
        <>
          {data.result.data.consultations.length === 0 ? (
            <p className="muted">{t('app.consultation.list.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('app.consultation.list.name')}</th>
                  <th scope="col">{t('app.consultation.list.document')}</th>
                  <th scope="col">{t('app.consultation.list.closesOn')}</th>
                  <th scope="col">{t('app.consultation.list.state')}</th>
                  <th scope="col">{t('app.consultation.list.decisions')}</th>
                </tr>
              </thead>
              <tbody>
                {data.result.data.consultations.map((consultation) => (
                  <tr key={consultation.id}>
                    <th scope="row">
                      <Link to={`/strategies/${encodeURIComponent(strategyId)}/consultations/${consultation.id}`}>
                        {consultation.title}
                      </Link>
                    </th>
                    <td>{consultation.documentTitle}</td>
                    <td>{formatDate(consultation.closesOn, language)}</td>
                    <td>{consultation.state === 'open' ? t('app.consultation.state.open') : t('app.consultation.state.closed')}</td>
                    <td>{countsText(consultation.counts, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {canManage ? <OpenForm participant={participant.code} strategyId={strategyId} data={data.result.data} /> : null}
        </>
      ) : null}
    </Page>
  );
}
