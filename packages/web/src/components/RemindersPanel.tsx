import { useId, useState, type FormEvent } from 'react';
import { formatDate } from '@ariadne/domain';
import { api, asApiError } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import '../reminders.css';
import {
  copyText,
  reminderPreviewPath,
  remindersPath,
  type PlannedReminder,
  type ReminderChoice,
  type ReminderPreview,
  type ReminderSummary,
} from '../remindersApi.ts';
import { useParticipant } from '../session.tsx';
import { TextField } from './Field.tsx';
import { ErrorMessage } from './Status.tsx';

function Situation({ report }: { report: PlannedReminder }) {
  const { t, language } = useLanguage();
  return (
    <>
      {report.kind === 'overdue'
        ? t('app.reminders.panel.lateBy', { days: report.days })
        : t('app.reminders.panel.dueIn', { days: report.days })}{' '}
      (<time dateTime={report.deadline}>{formatDate(report.deadline, language)}</time>)
    </>
  );
}

function PreviewTable({ preview }: { preview: ReminderPreview }) {
  const { t } = useLanguage();
  const captionId = useId();
  if (preview.reports.length === 0) return <p role="status">{t('app.reminders.panel.nothing')}</p>;
  const recipients = new Set(preview.reports.flatMap((report) => report.recipients.map((recipient) => recipient.email)));
  return (
    <>
      <p role="status">{t('app.reminders.panel.previewCount', { count: preview.reports.length, recipients: recipients.size })}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={captionId}>
        <table>
          <caption id={captionId}>{t('app.reminders.panel.previewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('app.reminders.panel.institution')}</th>
              <th scope="col">{t('app.reminders.panel.situation')}</th>
              <th scope="col">{t('app.reminders.panel.recipients')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.reports.map((report) => (
              <tr key={`${report.round}/${report.institution}`}>
                <th scope="row">{report.name}</th>
                <td>
                  <Situation report={report} />
                </td>
                <td>
                  {report.recipients.length === 0 ? (
                    <span className="muted">{t('app.reminders.panel.noRecipient')}</span>
                  ) : (
                    <ul className="plain-list">
                      {report.recipients.map((recipient) => (
                        <li key={recipient.email}>{`${recipient.name} <${recipient.email}>`}</li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Result({ summary }: { summary: ReminderSummary }) {
  const { t } = useLanguage();
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const text = copyText(summary, {
    to: (addresses) => t('app.reminders.panel.copyTo', { addresses }),
    subject: (subject) => t('app.reminders.panel.copySubject', { subject }),
  });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="reminders-result">
      <div role="status" className="notice notice-success">
        <p>{t('app.reminders.panel.emails', { count: summary.emailsSent })}</p>
        <p>{t('app.reminders.panel.notifications', { count: summary.notificationsCreated })}</p>
        <p>{t('app.reminders.panel.noOne', { count: summary.noOneToRemind.length })}</p>
      </div>
      {summary.emailConfigured ? null : <p className="notice">{t('app.reminders.panel.mailOff')}</p>}
      {summary.copyList.length > 0 ? (
        <div className="field">
          <label htmlFor="reminders-copy">{t('app.reminders.panel.copyLabel')}</label>
          <textarea id="reminders-copy" readOnly rows={12} value={text} className="reminders-copy" />
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void copy()}>
              {t('app.reminders.panel.copy')}
            </button>
            <span role="status">
              {copied === 'copied' ? t('app.reminders.panel.copied') : copied === 'failed' ? t('app.reminders.panel.copyFailed') : ''}
            </span>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/**
 * Sending reminders of a round's reports to the institutions' focal points: due within a number
 * of days, and overdue; a preview of who would be reminded, then the result with a list to copy.
 */
export function RemindersPanel({ planId, roundId }: { planId: string; roundId: string }) {
  const participant = useParticipant();
  const { t } = useLanguage();
  const [days, setDays] = useState('5');
  const [overdue, setOverdue] = useState(true);
  const [daysError, setDaysError] = useState<string | undefined>(undefined);
  const [preview, setPreview] = useState<ReminderPreview | null>(null);
  const [summary, setSummary] = useState<ReminderSummary | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const choice = (): ReminderChoice | null => {
    const count = Number(days);
    if (days.trim() === '' || !Number.isInteger(count) || count < 0 || count > 60) {
      setDaysError(t('app.reminders.panel.daysInvalid'));
      document.getElementById('reminder-days')?.focus();
      return null;
    }
    setDaysError(undefined);
    return { plan: planId, round: roundId, dueWithinDays: count, overdue };
  };

  const run = async (work: (chosen: ReminderChoice) => Promise<void>) => {
    const chosen = choice();
    if (chosen === null) return;
    setFailure(null);
    setBusy(true);
    try {
      await work(chosen);
    } catch (caught) {
      setFailure(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  const showPreview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void run(async (chosen) => {
      setSummary(null);
      setPreview(await api.get<ReminderPreview>(reminderPreviewPath(participant.code, chosen)));
    });
  };

  const send = () =>
    void run(async (chosen) => {
      setSummary(await api.post<ReminderSummary>(remindersPath(participant.code), chosen));
      setPreview(null);
    });

  return (
    <section className="reminders-panel print-hide" aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t('app.reminders.panel.title')}</h2>
      <p>{t('app.reminders.panel.intro')}</p>
      <form onSubmit={showPreview} noValidate>
        <TextField
          id="reminder-days"
          type="number"
          min={0}
          max={60}
          inputMode="numeric"
          label={t('app.reminders.panel.daysBefore')}
          hint={t('app.reminders.panel.daysBeforeHint')}
          error={daysError}
          value={days}
          onChange={(event) => setDays(event.target.value)}
        />
        <div className="checkbox">
          <input id="reminder-overdue" type="checkbox" checked={overdue} onChange={(event) => setOverdue(event.target.checked)} />
          <label htmlFor="reminder-overdue">{t('app.reminders.panel.includeOverdue')}</label>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-secondary" disabled={busy}>
            {t('app.reminders.panel.preview')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={send}>
            {t('app.reminders.panel.send')}
          </button>
        </div>
      </form>
      {failure !== null ? <ErrorMessage message={failure} /> : null}
      {preview !== null ? <PreviewTable preview={preview} /> : null}
      {summary !== null ? <Result summary={summary} /> : null}
    </section>
  );
}
