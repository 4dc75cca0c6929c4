import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, asApiError, type ApiError, type ImportedPackage } from '../api.ts';
import { Page } from '../components/Page.tsx';
import { useLanguage } from '../i18n.ts';
import { useSession } from '../session.tsx';

/** The largest package the server accepts (its body limit), checked before sending. */
export const MAX_PACKAGE_BYTES = 20 * 1024 * 1024;

/** How many problems are listed: a broken national package can have thousands, and the first ones show the pattern. */
export const SHOWN_ISSUES = 200;

/** A file that has been read and parsed, ready to send. */
type Chosen = { text: string; strategyId: string | null };

type Outcome = { kind: 'imported'; imported: ImportedPackage } | { kind: 'failed'; error: ApiError; replaceable: boolean } | null;

/** Reads a file's text; `Blob.text` where the browser has it, FileReader otherwise. */
function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsText(file);
  });
}

/** The strategy id a parsed package names, to say which strategy a replacement would delete. */
function strategyIdOf(parsed: unknown): string | null {
  if (typeof parsed !== 'object' || parsed === null || !('strategy' in parsed)) return null;
  const strategy: unknown = parsed.strategy;
  if (typeof strategy !== 'object' || strategy === null || !('id' in strategy)) return null;
  return typeof strategy.id === 'string' ? strategy.id : null;
}

function Problems({ error }: { error: ApiError }) {
  const { t } = useLanguage();
  if (error.issues.length === 0) return null;
  const shown = error.issues.slice(0, SHOWN_ISSUES);
  return (
    <>
      <h2 id="import-problems-heading">{t('app.importPackage.problems', { count: error.issues.length })}</h2>
      {error.issues.length > shown.length ? <p>{t('app.importPackage.firstProblems', { shown: shown.length })}</p> : null}
      {/* Focusable so that keyboard users can scroll a long list. */}
      <div className="problem-list" tabIndex={0} role="region" aria-labelledby="import-problems-heading">
        <ul>
          {shown.map((issue, index) => (
            <li key={`${index}-${issue.path}`}>
              <code className="problem-path">{issue.path}</code>
              <span className="problem-message">{issue.message}</span>
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

function Summary({ imported }: { imported: ImportedPackage }) {
  const { t } = useLanguage();
  const { participants, participant, setParticipant } = useSession();
  const name = participants.find((p) => p.code === imported.participant)?.name ?? imported.participant;
  // The links open pages of the package's Participant, which may not be the one chosen now.
  const follow = () => {
    if (participant?.code !== imported.participant && participants.some((p) => p.code === imported.participant)) {
      setParticipant(imported.participant);
    }
  };
  return (
    <div className="notice notice-success import-summary">
      <h2>{t('app.importPackage.imported')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('app.importPackage.participant')}</dt>
          <dd>{t('app.importPackage.participantValue', { name, code: imported.participant })}</dd>
        </div>
        <div>
          <dt>{t('app.importPackage.strategy')}</dt>
          <dd>
            <Link to="/plans" onClick={follow}>
              {imported.strategy}
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t('app.importPackage.actionPlans', { count: imported.actionPlans.length })}</dt>
          <dd>
            {imported.actionPlans.length === 0 ? (
              <span className="muted">{t('app.importPackage.noActionPlans')}</span>
            ) : (
              <ul className="plain-list">
                {imported.actionPlans.map((id) => (
                  <li key={id}>
                    <Link to={`/plans/${encodeURIComponent(id)}`} onClick={follow}>
                      {id}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}

/** Imports a plan package file: checks its size and JSON first, then shows the server's summary or every problem it found. */
export function ImportPlanPage() {
  const { t } = useLanguage();
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [confirming, setConfirming] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const replaceButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  async function upload(next: Chosen, replacing: boolean) {
    setBusy(true);
    setOutcome(null);
    setConfirming(false);
    try {
      const imported = await api.postJsonText<ImportedPackage>(`/api/plan-packages?replace=${replacing ? 'true' : 'false'}`, next.text);
      setOutcome({ kind: 'imported', imported });
    } catch (failure) {
      const error = asApiError(failure);
      // A clash of other ids with another strategy is not solved by replacing this one: only offer
      // the replacement when the strategy itself is what exists.
      const replaceable =
        !replacing &&
        error.code === 'ALREADY_EXISTS' &&
        (error.issues.length === 0 || error.issues.some((i) => i.path === '$.strategy.id'));
      setOutcome({ kind: 'failed', error, replaceable });
    } finally {
      setBusy(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFileError(null);
    setOutcome(null);
    setConfirming(false);
    const problem =
      file === null
        ? t('app.importPackage.chooseFile')
        : file.size > MAX_PACKAGE_BYTES
          ? t('issues.package_too_large', { megabytes: MAX_PACKAGE_BYTES / (1024 * 1024) })
          : file.size === 0
            ? t('issues.package_empty')
            : null;
    if (file === null || problem !== null) {
      setFileError(problem);
      fileInput.current?.focus();
      return;
    }
    setBusy(true);
    let text: string;
    let parsed: unknown;
    try {
      text = await readText(file);
    } catch {
      setBusy(false);
      setFileError(t('app.importPackage.unreadable'));
      fileInput.current?.focus();
      return;
    }
    try {
      parsed = JSON.parse(text);
    } catch {
      // Said here rather than by the server, whose answer to text that is not JSON names no file.
      setBusy(false);
      setFileError(t('app.importPackage.notJson', { name: file.name }));
      fileInput.current?.focus();
      return;
    }
    const next = { text, strategyId: strategyIdOf(parsed) };
    setChosen(next);
    await upload(next, replace);
  }

  const failed = outcome?.kind === 'failed' ? outcome : null;
  return (
    <Page title={t('app.importPackage.title')}>
      <p className="lead">{t('app.importPackage.intro')}</p>
      <form noValidate onSubmit={(event) => void onSubmit(event)} aria-busy={busy}>
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor="package-file">{t('app.importPackage.file')}</label>
          <p id="package-file-hint" className="field-hint">
            {t('app.importPackage.fileHint', { megabytes: MAX_PACKAGE_BYTES / (1024 * 1024) })}
          </p>
          {fileError ? (
            <p id="package-file-error" className="field-error" role="alert">
              {fileError}
            </p>
          ) : null}
          <input
            ref={fileInput}
            id="package-file"
            name="package-file"
            type="file"
            accept=".json,application/json"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'package-file-hint package-file-error' : 'package-file-hint'}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFileError(null);
            }}
          />
        </div>
        <div className="checkbox">
          <input id="package-replace" type="checkbox" checked={replace} onChange={(event) => setReplace(event.target.checked)} />
          <label htmlFor="package-replace">{t('app.importPackage.replace')}</label>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('app.importPackage.submitting') : t('app.importPackage.submit')}
        </button>
      </form>
      {/* Always present, so that screen readers announce what is put into it. */}
      <div role="status" className="import-status">
        {busy ? <p className="loading">{t('app.importPackage.busy')}</p> : null}
        {outcome?.kind === 'imported' ? <Summary imported={outcome.imported} /> : null}
      </div>
      {failed ? (
        <div role="alert" className="notice notice-error import-failure">
          <p>{failed.error.message}</p>
          <Problems error={failed.error} />
          {failed.replaceable && chosen ? (
            <>
              <p className="import-exists">
                {chosen.strategyId === null
                  ? t('app.importPackage.existsUnnamed')
                  : t('app.importPackage.exists', { strategy: chosen.strategyId })}
              </p>
              <button
                ref={replaceButton}
                type="button"
                className="button button-secondary"
                aria-expanded={confirming}
                aria-controls={confirming ? 'replace-confirm' : undefined}
                onClick={() => setConfirming((open) => !open)}
              >
                {t('app.importPackage.replaceExisting')}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {failed?.replaceable && chosen && confirming ? (
        <div id="replace-confirm" className="confirm-box" role="group" aria-labelledby="replace-confirm-text">
          <p id="replace-confirm-text">
            {chosen.strategyId === null
              ? t('app.importPackage.confirmUnnamed')
              : t('app.importPackage.confirm', { strategy: chosen.strategyId })}
          </p>
          <div className="button-row">
            <button ref={confirmButton} type="button" className="button" disabled={busy} onClick={() => void upload(chosen, true)}>
              {t('app.importPackage.confirmYes')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setConfirming(false);
                window.setTimeout(() => replaceButton.current?.focus(), 0);
              }}
            >
              {t('app.common.cancel')}
            </button>
          </div>
        </div>
      ) : null}
    </Page>
  );
}
