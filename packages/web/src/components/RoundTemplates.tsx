import { useEffect, useId, useRef, useState } from 'react';
import { asApiError, type ApiError } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import { roundTemplatesProgress, roundTemplatesZipUrl, startRoundTemplates, type TemplateJobProgress } from '../templatesApi.ts';
import { ErrorSummary } from './ErrorSummary.tsx';

/** How often the progress of the templates is asked for. */
export const POLL_MS = 500;

export type RoundTemplatesProps = { participant: string; plan: string; round: string };

/**
 * The Excel templates of every report of a round as one zip: prepared on the server with a
 * progress bar, then offered for download.
 */
export function RoundTemplates({ participant, plan, round }: RoundTemplatesProps) {
  const { t } = useLanguage();
  const id = useId();
  const [job, setJob] = useState<string | null>(null);
  const [progress, setProgress] = useState<TemplateJobProgress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [starting, setStarting] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  const ready = progress?.ready ?? false;

  useEffect(() => {
    if (job === null || ready) return undefined;
    let stopped = false;
    const timer = window.setTimeout(() => {
      roundTemplatesProgress(participant, plan, round, job).then(
        (next) => {
          if (!stopped) setProgress(next);
        },
        (caught: unknown) => {
          if (!stopped) {
            setError(asApiError(caught));
            setJob(null);
          }
        },
      );
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [participant, plan, round, job, progress, ready]);

  useEffect(() => {
    if (ready) link.current?.focus();
  }, [ready]);

  async function start() {
    setStarting(true);
    setError(null);
    setProgress(null);
    setJob(null);
    try {
      const started = await startRoundTemplates(participant, plan, round);
      setProgress({ done: 0, total: started.total, ready: started.total === 0 });
      setJob(started.job);
    } catch (caught) {
      setError(asApiError(caught));
    } finally {
      setStarting(false);
    }
  }

  const running = job !== null && !ready;
  return (
    <section aria-labelledby={`${id}-title`} className="round-templates">
      <h2 id={`${id}-title`}>{t('app.templates.round.title')}</h2>
      <p>{t('app.templates.round.intro')}</p>
      <button
        type="button"
        className={ready ? 'button button-secondary' : 'button'}
        disabled={starting || running}
        onClick={() => void start()}
      >
        {ready ? t('app.templates.round.again') : t('app.templates.round.start')}
      </button>
      {progress !== null && job !== null ? (
        <div className="template-progress">
          <label htmlFor={`${id}-progress`}>{t('app.templates.round.progressLabel')}</label>{' '}
          <progress id={`${id}-progress`} max={Math.max(progress.total, 1)} value={progress.done} aria-describedby={`${id}-count`} />{' '}
          <span id={`${id}-count`} role="status">
            {ready
              ? t('app.templates.round.ready', { total: progress.total })
              : t('app.templates.round.progress', { done: progress.done, total: progress.total })}
          </span>
        </div>
      ) : null}
      {ready && job !== null ? (
        <p>
          <a ref={link} href={roundTemplatesZipUrl(participant, plan, round, job)} download>
            {t('app.templates.round.download')}
          </a>
        </p>
      ) : null}
      {error ? <ErrorSummary message={error.message} problems={error.issues.map((issue) => issue.message)} /> : null}
    </section>
  );
}
