import { useCallback, useEffect, useState } from 'react';
import { formatDateTime, type Language } from '@ariadne/domain';
import { api, asApiError, participantPath, type AuditEntry } from '../api.ts';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { useParticipant } from '../session.tsx';

const PAGE_SIZE = 50;

type AuditPageData = { items: AuditEntry[]; nextBefore: number | null };

/** One field that differs between the recorded before and after states. */
export type FieldChange = { field: string; before: unknown; after: unknown };

function asFields(state: unknown): Record<string, unknown> {
  if (state === null || state === undefined) return {};
  if (typeof state === 'object' && !Array.isArray(state)) return state as Record<string, unknown>;
  // A state recorded as a single value rather than an object of fields.
  return { value: state };
}

/** Lists the fields whose values differ between two recorded states, in a stable order. */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const old = asFields(before);
  const now = asFields(after);
  const fields = new Set([...Object.keys(old), ...Object.keys(now)]);
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (JSON.stringify(old[field]) !== JSON.stringify(now[field])) {
      changes.push({ field, before: old[field], after: now[field] });
    }
  }
  return changes;
}

function ChangeValue({ value, language }: { value: unknown; language: Language }) {
  const { t } = useLanguage();
  if (value === null || value === undefined || value === '') return <span className="muted">{t('app.audit.empty')}</span>;
  if (typeof value === 'boolean') return <>{value ? t('app.common.yes') : t('app.common.no')}</>;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) {
    return <time dateTime={value}>{formatDateTime(value, language)}</time>;
  }
  if (typeof value === 'string' || typeof value === 'number') return <>{String(value)}</>;
  return <code>{JSON.stringify(value)}</code>;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const { t, language } = useLanguage();
  const changes = changedFields(entry.before, entry.after);
  if (changes.length === 0) return <span className="muted">{t('app.audit.noChanges')}</span>;
  return (
    <details className="changes">
      <summary>{t('app.audit.showChanges', { count: changes.length })}</summary>
      <ul>
        {changes.map((change) => (
          <li key={change.field}>
            <span className="change-field">{change.field}</span>
            <dl>
              <div>
                <dt>{t('app.audit.before')}</dt>
                <dd>
                  <ChangeValue value={change.before} language={language} />
                </dd>
              </div>
              <div>
                <dt>{t('app.audit.after')}</dt>
                <dd>
                  <ChangeValue value={change.after} language={language} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </details>
  );
}

function AuditTrail({
  participantCode,
  participantName,
  onRetry,
}: {
  participantCode: string;
  participantName: string;
  onRetry: () => void;
}) {
  const { t, language } = useLanguage();
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const path = useCallback(
    (before: number | null) => participantPath(participantCode, `/audit?limit=${PAGE_SIZE}${before === null ? '' : `&before=${before}`}`),
    [participantCode],
  );

  useEffect(() => {
    const controller = new AbortController();
    api
      .get<AuditPageData>(path(null), { signal: controller.signal })
      .then((page) => {
        if (controller.signal.aborted) return;
        setItems(page.items);
        setNextBefore(page.nextBefore);
        setStatus('ready');
      })
      .catch((failure: unknown) => {
        if (controller.signal.aborted) return;
        setError(asApiError(failure).message);
        setStatus('error');
      });
    return () => controller.abort();
  }, [path]);

  async function loadMore() {
    if (nextBefore === null) return;
    setLoadingMore(true);
    setError(null);
    try {
      const page = await api.get<AuditPageData>(path(nextBefore));
      setItems((previous) => [...previous, ...page.items]);
      setNextBefore(page.nextBefore);
    } catch (failure) {
      setError(asApiError(failure).message);
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <>
      {status === 'loading' ? <Loading /> : null}
      {status === 'error' && error ? <ErrorMessage message={error} onRetry={onRetry} /> : null}
      {status === 'ready' && items.length === 0 ? <p className="empty">{t('app.audit.none')}</p> : null}
      {status === 'ready' && items.length > 0 ? (
        <>
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="audit-caption">
            <table>
              <caption id="audit-caption">{t('app.audit.caption', { participant: participantName })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('app.audit.when')}</th>
                  <th scope="col">{t('app.audit.who')}</th>
                  <th scope="col">{t('app.audit.action')}</th>
                  <th scope="col">{t('app.audit.entity')}</th>
                  <th scope="col">{t('app.audit.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.id}>
                    <td className="audit-when">
                      <time dateTime={entry.at}>{formatDateTime(entry.at, language)}</time>
                    </td>
                    <td>{entry.actor ?? <span className="muted">{t('app.audit.system')}</span>}</td>
                    <td>
                      {/* Actions this version has no name for (a newer server) are shown by their code. */}
                      {t(`auditActions.${entry.action.replaceAll('.', '_')}`, { defaultValue: entry.action })}
                    </td>
                    <td className="nowrap">
                      <code>{entry.entity}</code> <code>{entry.entityId}</code>
                    </td>
                    <td className="changes-cell">
                      <Changes entry={entry} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="count" role="status">
            {t('app.audit.shown', { count: items.length })}
          </p>
          {error ? <ErrorMessage message={error} /> : null}
          {nextBefore !== null ? (
            <button type="button" className="button button-secondary" disabled={loadingMore} onClick={() => void loadMore()}>
              {loadingMore ? t('app.common.loading') : t('app.audit.loadMore')}
            </button>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** The audit trail of the current Participant, newest first, fifty entries at a time. */
export function AuditPage() {
  const participant = useParticipant();
  const { t } = useLanguage();
  // A new key starts the trail afresh: on another Participant, or when trying again after a failure.
  const [attempt, setAttempt] = useState(0);
  return (
    <Page title={t('app.audit.title')}>
      <p className="lead">{t('app.audit.intro', { participant: participant.name })}</p>
      <AuditTrail
        key={`${participant.code}\u0000${attempt}`}
        participantCode={participant.code}
        participantName={participant.name}
        onRetry={() => setAttempt((n) => n + 1)}
      />
    </Page>
  );
}
