import { useId, useRef, useState, type FormEvent } from 'react';
import { formatNumber } from '@ariadne/domain';
import { asApiError, type ApiError } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import type { EvidenceItem, reportingCalls } from '../reportingApi.ts';
import { ErrorSummary } from './ErrorSummary.tsx';

type Calls = ReturnType<typeof reportingCalls>;

/**
 * The evidence of a report: links and files to open, and, while the report may change, a form to
 * add a file (checked by its content on the server) or a link, and buttons to remove them.
 */
export function EvidenceSection({
  evidence,
  calls,
  editable,
  targets,
  onChanged,
}: {
  evidence: EvidenceItem[];
  calls: Calls;
  editable: boolean;
  targets: { code: string; label: string }[];
  onChanged: () => void;
}) {
  const { t, language } = useLanguage();
  const formId = useId();
  const [url, setUrl] = useState('');
  const [label, setLabel] = useState('');
  const [target, setTarget] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      setUrl('');
      setLabel('');
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onChanged();
    } catch (caught) {
      setFailure(asApiError(caught));
    } finally {
      setBusy(false);
    }
  };
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const about = target === '' ? null : target;
    if (file) void run(() => calls.addFile(file, about, label.trim()));
    else if (url.trim() !== '') void run(() => calls.addLink({ target: about, label: label.trim(), url: url.trim() }));
  };
  const targetLabel = (code: string | null) =>
    code === null ? t('app.reporting.wholeReport') : (targets.find((candidate) => candidate.code === code)?.label ?? code);

  return (
    <section aria-labelledby={`${formId}-heading`}>
      <h2 id={`${formId}-heading`}>{t('app.reporting.evidence')}</h2>
      {evidence.length === 0 ? <p className="muted">{t('app.reporting.noEvidence')}</p> : null}
      {evidence.length > 0 ? (
        <ul className="plain-list evidence-list">
          {evidence.map((item) => (
            <li key={item.id}>
              {item.kind === 'link' && item.url ? (
                <a href={item.url} rel="noopener noreferrer" target="_blank">
                  {item.label || item.url}
                </a>
              ) : (
                <a href={calls.evidenceHref(item.id)} download={item.fileName ?? undefined}>
                  {item.label || item.fileName}
                </a>
              )}{' '}
              <span className="muted">
                {t('app.reporting.evidenceAbout', {
                  target: targetLabel(item.target),
                  size:
                    item.size === null ? '' : t('app.reporting.kilobytes', { size: formatNumber(Math.ceil(item.size / 1024), language) }),
                })}
              </span>{' '}
              {editable ? (
                <button
                  type="button"
                  className="button button-small button-secondary"
                  disabled={busy}
                  onClick={() => void run(() => calls.removeEvidence(item.id))}
                >
                  {t('app.reporting.removeEvidence', { name: item.label || item.fileName || item.url || '' })}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {editable ? (
        <form className="panel evidence-form" onSubmit={add} noValidate aria-labelledby={`${formId}-add`}>
          <h3 id={`${formId}-add`}>{t('app.reporting.addEvidence')}</h3>
          <p className="field-hint">{t('app.reporting.evidenceHint')}</p>
          {failure ? <ErrorSummary message={failure.message} problems={failure.issues.map((issue) => issue.message)} /> : null}
          <div className="field">
            <label htmlFor={`${formId}-file`}>{t('app.reporting.file')}</label>
            <input
              ref={fileInput}
              id={`${formId}-file`}
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${formId}-url`}>{t('app.reporting.link')}</label>
            <input id={`${formId}-url`} type="url" value={url} onChange={(event) => setUrl(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${formId}-label`}>{t('app.reporting.evidenceLabel')}</label>
            <input id={`${formId}-label`} type="text" value={label} onChange={(event) => setLabel(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${formId}-target`}>{t('app.reporting.evidenceTarget')}</label>
            <select id={`${formId}-target`} value={target} onChange={(event) => setTarget(event.target.value)}>
              <option value="">{t('app.reporting.wholeReport')}</option>
              {targets.map((candidate) => (
                <option key={candidate.code} value={candidate.code}>
                  {candidate.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary" disabled={busy || (file === null && url.trim() === '')}>
            {t('app.reporting.addEvidenceButton')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
