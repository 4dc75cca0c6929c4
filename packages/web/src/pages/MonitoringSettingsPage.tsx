import { useState, type FormEvent } from 'react';
import { api, asApiError, issuesByField } from '../api.ts';
import { TextField, focusFirstInvalid } from '../components/Field.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import { settingsPath, type MonitoringSettings } from '../monitoringApi.ts';
import type { ReminderSettings } from '../remindersApi.ts';
import { useParticipant } from '../session.tsx';
import { useApiData } from '../useApiData.ts';
import '../monitoring.css';

type HolidayRow = { key: number; day: string; name: string };

/** The settings as the server gives them: the calendar and the reminders. */
type StoredSettings = MonitoringSettings & Partial<ReminderSettings>;

/** The form, once the stored settings are read: the deadline rule and the holidays it skips. */
function SettingsForm({ participant, stored, onSaved }: { participant: string; stored: StoredSettings; onSaved: () => void }) {
  const { t } = useLanguage();
  const [days, setDays] = useState(String(stored.deadlineWorkingDays));
  const [rows, setRows] = useState<HolidayRow[]>(() => stored.holidays.map((holiday, key) => ({ key, ...holiday })));
  const [nextKey, setNextKey] = useState(stored.holidays.length);
  const [automatic, setAutomatic] = useState(stored.remindersAutomatic ?? false);
  const [reminderDays, setReminderDays] = useState(String(stored.reminderDaysBefore ?? 5));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState<HTMLFormElement | null>(null);

  const change = (key: number, patch: Partial<HolidayRow>) => {
    setSaved(false);
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    const found: Record<string, string> = {};
    const count = Number(days);
    if (days.trim() === '' || !Number.isInteger(count) || count < 1 || count > 30)
      found.deadlineWorkingDays = t('app.monitoring.settings.daysInvalid');
    const before = Number(reminderDays);
    if (reminderDays.trim() === '' || !Number.isInteger(before) || before < 0 || before > 60)
      found.reminderDaysBefore = t('app.reminders.settings.daysInvalid');
    rows.forEach((row, index) => {
      if (row.day === '') found[`holidays[${index}].day`] = t('app.monitoring.settings.dayRequired');
      if (row.name.trim() === '') found[`holidays[${index}].name`] = t('app.monitoring.settings.nameRequired');
    });
    if (Object.keys(found).length > 0) {
      setErrors(found);
      focusFirstInvalid(form);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.put(settingsPath(participant), {
        deadlineWorkingDays: count,
        holidays: rows.map((row) => ({ day: row.day, name: row.name.trim() })),
        remindersAutomatic: automatic,
        reminderDaysBefore: before,
      });
      setSaved(true);
      onSaved();
    } catch (caught) {
      const error = asApiError(caught);
      setFailure(error.message);
      setErrors(issuesByField(error));
      focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={setForm} className="monitoring-settings" onSubmit={(event) => void submit(event)} noValidate>
      {failure !== null ? <ErrorMessage message={failure} /> : null}
      {saved ? (
        <p role="status" className="notice notice-success">
          {t('app.monitoring.settings.saved')}
        </p>
      ) : null}
      <TextField
        id="deadlineWorkingDays"
        type="number"
        min={1}
        max={30}
        inputMode="numeric"
        label={t('app.monitoring.settings.days')}
        hint={t('app.monitoring.settings.daysHint')}
        error={errors.deadlineWorkingDays}
        value={days}
        onChange={(event) => {
          setSaved(false);
          setDays(event.target.value);
        }}
      />
      <fieldset>
        <legend>{t('app.monitoring.settings.holidays')}</legend>
        <p className="field-hint">{t('app.monitoring.settings.holidaysHint')}</p>
        {rows.length === 0 ? <p className="muted">{t('app.monitoring.settings.noHolidays')}</p> : null}
        <ul className="plain-list holiday-rows">
          {rows.map((row, index) => (
            <li key={row.key} className="holiday-row">
              <TextField
                id={`holiday-day-${row.key}`}
                type="date"
                label={t('app.monitoring.settings.day', { number: index + 1 })}
                error={errors[`holidays[${index}].day`]}
                value={row.day}
                onChange={(event) => change(row.key, { day: event.target.value })}
              />
              <TextField
                id={`holiday-name-${row.key}`}
                label={t('app.monitoring.settings.name', { number: index + 1 })}
                error={errors[`holidays[${index}].name`]}
                value={row.name}
                onChange={(event) => change(row.key, { name: event.target.value })}
              />
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  setSaved(false);
                  setRows((current) => current.filter((candidate) => candidate.key !== row.key));
                }}
              >
                {t('app.monitoring.settings.remove', { number: index + 1 })}
              </button>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setSaved(false);
            setRows((current) => [...current, { key: nextKey, day: '', name: '' }]);
            setNextKey((n) => n + 1);
            window.setTimeout(() => document.getElementById(`holiday-day-${nextKey}`)?.focus(), 0);
          }}
        >
          {t('app.monitoring.settings.add')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('app.reminders.settings.legend')}</legend>
        <div className="checkbox">
          <input
            id="remindersAutomatic"
            type="checkbox"
            checked={automatic}
            aria-describedby="remindersAutomatic-hint"
            onChange={(event) => {
              setSaved(false);
              setAutomatic(event.target.checked);
            }}
          />
          <label htmlFor="remindersAutomatic">{t('app.reminders.settings.automatic')}</label>
        </div>
        <p id="remindersAutomatic-hint" className="field-hint">
          {t('app.reminders.settings.automaticHint')}
        </p>
        <TextField
          id="reminderDaysBefore"
          type="number"
          min={0}
          max={60}
          inputMode="numeric"
          label={t('app.reminders.settings.daysBefore')}
          error={errors.reminderDaysBefore}
          value={reminderDays}
          onChange={(event) => {
            setSaved(false);
            setReminderDays(event.target.value);
          }}
        />
      </fieldset>
      <div className="button-row">
        <button type="submit" className="button" disabled={busy}>
          {t('app.monitoring.settings.save')}
        </button>
      </div>
    </form>
  );
}

/** The Participant's monitoring settings: how many working days after a period its reports are due, and its holidays. */
export function MonitoringSettingsPage() {
  const participant = useParticipant();
  const { t } = useLanguage();
  const settings = useApiData<StoredSettings>(settingsPath(participant.code));
  return (
    <Page title={t('app.monitoring.settings.title')}>
      <p>{t('app.monitoring.settings.intro')}</p>
      {settings.result.status === 'loading' ? <Loading /> : null}
      {settings.result.status === 'error' ? <ErrorMessage message={settings.result.error.message} onRetry={settings.reload} /> : null}
      {settings.result.status === 'ready' ? (
        <SettingsForm key={participant.code} participant={participant.code} stored={settings.result.data} onSaved={() => undefined} />
      ) : null}
    </Page>
  );
}
