import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import { MAX_TEMPLATE_BYTES, cellOf, templateUrl, uploadTemplate, type TemplateUploaded } from '../templatesApi.ts';

export type ReportExcelProps = {
  participant: string;
  plan: string;
  round: string;
  institution: string;
  /** The report can be filled in by the reader (a draft or returned report of their institution, or the coordinator on its behalf). */
  canUpload: boolean;
  /** Called once a file was saved as the report's content. */
  onUploaded(): void;
};

/** The problems of an uploaded template: those of cells in a table, those of the file as a whole in a list. */
function TemplateProblems({ error }: { error: ApiError }) {
  const { t } = useLanguage();
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    summary.current?.focus();
  }, [error]);
  const cells = error.issues.flatMap((issue) => {
    const cell = cellOf(issue.path);
    return cell ? [{ ...cell, message: issue.message }] : [];
  });
  const general = error.issues.filter((issue) => cellOf(issue.path) === null);
  return (
    <div ref={summary} tabIndex={-1} role="alert" className="notice notice-error" aria-labelledby="template-problems-title">
      <h3 id="template-problems-title">{t('app.templates.excel.problemsTitle')}</h3>
      <p>{cells.length > 0 ? t('app.templates.excel.problemsCount', { count: error.issues.length }) : error.message}</p>
      {general.length > 0 ? (
        <ul>
          {general.map((issue, index) => (
            <li key={`${index}:${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
      ) : null}
      {cells.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption>{t('app.templates.excel.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('app.templates.excel.sheet')}</th>
                <th scope="col">{t('app.templates.excel.row')}</th>
                <th scope="col">{t('app.templates.excel.column')}</th>
                <th scope="col">{t('app.templates.excel.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((cell, index) => (
                <tr key={`${index}:${cell.sheet}:${cell.column}${cell.row}`}>
                  <td>{cell.sheet}</td>
                  <td>{cell.row}</td>
                  <td>{cell.column}</td>
                  <td>{cell.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/**
 * A report in Excel: the link to its template, in the reader's language, and, for those who may
 * fill the report in, the upload of the filled file with what it did or every problem it has.
 */
export function ReportExcel({ participant, plan, round, institution, canUpload, onUploaded }: ReportExcelProps) {
  const { t, language } = useLanguage();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<TemplateUploaded | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fileId = `${id}-file`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (file === null) {
      setFileError(t('app.templates.excel.chooseFile'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      const answer = await uploadTemplate(participant, plan, round, institution, file);
      setResult(answer);
      if (!answer.unchanged) onUploaded();
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="report-excel">
      <h2 id={`${id}-title`}>{t('app.templates.excel.title')}</h2>
      <p>{t('app.templates.excel.intro')}</p>
      <p>
        <a href={templateUrl(participant, plan, round, institution, language)} download>
          {t('app.templates.excel.download')}
        </a>
      </p>
      {canUpload ? (
        <form noValidate onSubmit={(event) => void submit(event)} aria-busy={busy} className="narrow-form">
          <div className={fileError ? 'field field-invalid' : 'field'}>
            <label htmlFor={fileId}>{t('app.templates.excel.file')}</label>
            <p id={hintId} className="field-hint">
              {t('app.templates.excel.fileHint', { megabytes: MAX_TEMPLATE_BYTES / 1024 / 1024 })}
            </p>
            {fileError ? (
              <p id={errorId} className="field-error" role="alert">
                {fileError}
              </p>
            ) : null}
            <input
              ref={input}
              id={fileId}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${hintId} ${errorId}` : hintId}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setFileError(null);
              }}
            />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('app.templates.excel.uploading') : t('app.templates.excel.upload')}
          </button>
        </form>
      ) : null}
      {result ? (
        <div role="status" className="notice notice-success">
          <p>{result.unchanged ? t('app.templates.excel.unchanged') : t('app.templates.excel.saved')}</p>
          {result.flags.length > 0 ? (
            <>
              <p>{t('app.templates.excel.flags')}</p>
              <ul>
                {result.flags.map((flag, index) => (
                  <li key={`${index}:${flag.path}`}>
                    <code>{flag.path}</code> {flag.message}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {error ? <TemplateProblems error={error} /> : null}
    </section>
  );
}
