import { formatDateTime } from '@ariadne/domain';
import { useMemo, useState, type FormEvent } from 'react';
import { api, asApiError, issuesByField } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import { useApiData } from '../useApiData.ts';
import { ErrorMessage } from './Status.tsx';
import { TextField } from './Field.tsx';

type State = { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number };
type SetUp = { secret: string; uri: string; qrCode: string };

const PATH = '/api/account/second-factor';

/** The secret in groups of four, easier to type into an app by hand. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/** Recovery codes shown once, with a file to keep them in. */
function RecoveryCodes({ codes, onKept }: { codes: string[]; onKept: () => void }) {
  const { t } = useLanguage();
  const file = useMemo(() => URL.createObjectURL(new Blob([`${codes.join('\n')}\n`], { type: 'text/plain' })), [codes]);
  return (
    <div className="notice notice-success" role="status">
      <p>{t('app.account.secondFactor.codesIntro')}</p>
      <ul className="recovery-codes" aria-label={t('app.account.secondFactor.codesLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <a className="button button-small button-secondary" href={file} download="ariadne-recovery-codes.txt">
          {t('app.account.secondFactor.download')}
        </a>
        <button type="button" className="button button-small" onClick={onKept}>
          {t('app.account.secondFactor.kept')}
        </button>
      </div>
    </div>
  );
}

/**
 * Two-step sign-in on the account page: set up with an authenticator app (QR code or the key typed
 * in), confirmed by its first code; recovery codes shown once; turned off with the password.
 */
export function SecondFactorPanel() {
  const { t, language } = useLanguage();
  const state = useApiData<State>(PATH);
  const [setUp, setSetUp] = useState<SetUp | null>(null);
  const [code, setCode] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [turningOff, setTurningOff] = useState(false);
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<{ code?: string | undefined; password?: string | undefined }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setFailure(null);
    setFieldError({});
    try {
      await action();
    } catch (error) {
      const apiError = asApiError(error);
      const fields = issuesByField(apiError);
      if (fields.code || fields.password) setFieldError({ code: fields.code, password: fields.password });
      else setFailure(apiError.message);
    } finally {
      setBusy(false);
    }
  }

  function begin() {
    void run(async () => {
      setSetUp(await api.post<SetUp>(PATH, {}));
      setCode('');
    });
  }

  function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (code.trim() === '') {
      setFieldError({ code: t('issues.required') });
      return;
    }
    void run(async () => {
      const answer = await api.put<{ recoveryCodes: string[] }>(PATH, { code: code.trim() });
      setSetUp(null);
      setCodes(answer.recoveryCodes);
      state.reload();
    });
  }

  function renew() {
    void run(async () => {
      const answer = await api.post<{ recoveryCodes: string[] }>(`${PATH}/recovery-codes`, {});
      setCodes(answer.recoveryCodes);
      state.reload();
    });
  }

  function turnOff(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password === '') {
      setFieldError({ password: t('issues.required') });
      return;
    }
    void run(async () => {
      await api.post<undefined>(`${PATH}/turn-off`, { password });
      setTurningOff(false);
      setPassword('');
      state.reload();
    });
  }

  const current = state.result;
  return (
    <section className="panel" aria-labelledby="second-factor-heading">
      <h2 id="second-factor-heading">{t('app.account.secondFactor.title')}</h2>
      <p>{t('app.account.secondFactor.intro')}</p>
      {current.status === 'error' ? <ErrorMessage message={current.error.message} onRetry={state.reload} /> : null}
      {failure ? (
        <p role="alert" className="field-error">
          {failure}
        </p>
      ) : null}
      {codes ? <RecoveryCodes codes={codes} onKept={() => setCodes(null)} /> : null}
      {current.status === 'ready' && !current.data.enabled && !setUp ? (
        <button type="button" className="button" disabled={busy} onClick={begin}>
          {t('app.account.secondFactor.setUp')}
        </button>
      ) : null}
      {setUp ? (
        <form noValidate onSubmit={confirm} aria-labelledby="second-factor-steps">
          <h3 id="second-factor-steps">{t('app.account.secondFactor.stepsTitle')}</h3>
          <ol className="steps">
            <li>
              <p>{t('app.account.secondFactor.scan')}</p>
              <img
                className="qr-code"
                width={192}
                height={192}
                src={`data:image/svg+xml;utf8,${encodeURIComponent(setUp.qrCode)}`}
                alt={t('app.account.secondFactor.qrAlt')}
              />
              <p>
                {t('app.account.secondFactor.typeKey')} <code className="secret-key">{grouped(setUp.secret)}</code>
              </p>
            </li>
            <li>
              <TextField
                id="second-factor-code"
                label={t('app.account.secondFactor.code')}
                hint={t('app.account.secondFactor.codeHint')}
                autoComplete="one-time-code"
                inputMode="numeric"
                spellCheck={false}
                value={code}
                error={fieldError.code}
                aria-required="true"
                onChange={(event) => setCode(event.target.value)}
              />
            </li>
          </ol>
          <div className="button-row">
            <button type="submit" className="button" disabled={busy}>
              {t('app.account.secondFactor.turnOn')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setSetUp(null)}>
              {t('app.common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {current.status === 'ready' && current.data.enabled ? (
        <>
          <p className="notice notice-info">
            {t('app.account.secondFactor.isOn', {
              date: current.data.enabledAt ? formatDateTime(current.data.enabledAt, language) : '',
              count: current.data.recoveryCodesLeft,
            })}
          </p>
          <div className="button-row">
            <button type="button" className="button button-secondary" disabled={busy} onClick={renew}>
              {t('app.account.secondFactor.renew')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              aria-expanded={turningOff}
              aria-controls="second-factor-off"
              onClick={() => setTurningOff((open) => !open)}
            >
              {t('app.account.secondFactor.turnOff')}
            </button>
          </div>
          {turningOff ? (
            <form id="second-factor-off" noValidate onSubmit={turnOff}>
              <TextField
                id="second-factor-password"
                label={t('app.account.secondFactor.password')}
                type="password"
                autoComplete="current-password"
                value={password}
                error={fieldError.password}
                aria-required="true"
                onChange={(event) => setPassword(event.target.value)}
              />
              <button type="submit" className="button" disabled={busy}>
                {t('app.account.secondFactor.turnOffConfirm')}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
