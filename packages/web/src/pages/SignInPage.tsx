import { useRef, useState, type FormEvent } from 'react';
import { asApiError, issuesByField } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { focusFirstInvalid, TextField } from '../components/Field.tsx';
import { SignedOutFrame } from '../components/SignedOutFrame.tsx';
import { useLanguage } from '../i18n.ts';
import { useSession } from '../session.tsx';

type Errors = { email?: string; password?: string; code?: string };

/** The sign-in page, with the language switcher so that people can read it before signing in. */
export function SignInPage({ notice }: { notice?: string | undefined }) {
  const { signIn } = useSession();
  const { t } = useLanguage();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // After a right password, an account with two-step sign-in asks for the code of its app.
  const [askingCode, setAskingCode] = useState(false);
  const [code, setCode] = useState('');
  const form = useRef<HTMLFormElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    const found: Errors = {};
    if (email.trim() === '') found.email = t('issues.required');
    if (password === '') found.password = t('issues.required');
    if (askingCode && code.trim() === '') found.code = t('issues.required');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      await signIn(email.trim(), password, askingCode ? code.trim() : undefined);
    } catch (error) {
      const apiError = asApiError(error);
      setBusy(false);
      if (apiError.code === 'SECOND_FACTOR_REQUIRED') {
        setAskingCode(true);
        setCode('');
        setTimeout(() => document.getElementById('code')?.focus(), 0);
        return;
      }
      if (apiError.code === 'SECOND_FACTOR_INVALID') {
        setErrors({ code: apiError.message });
        setCode('');
        setTimeout(() => document.getElementById('code')?.focus(), 0);
        return;
      }
      const fields = issuesByField(apiError);
      setErrors({ email: fields.email, password: fields.password });
      setFailure(apiError.message);
      setPassword('');
      setAskingCode(false);
      setCode('');
    }
  }

  return (
    <SignedOutFrame languageSwitcherId="signin-language" title={t('app.signIn.title')}>
      <p className="lead">{t('app.signIn.description')}</p>
      {notice ? (
        <p role="status" className="notice notice-info">
          {notice}
        </p>
      ) : null}
      {failure ? <ErrorSummary message={failure} /> : null}
      <form ref={form} noValidate onSubmit={(event) => void onSubmit(event)}>
        <TextField
          id="email"
          label={t('app.signIn.email')}
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          error={errors.email}
          aria-required="true"
          onChange={(event) => setEmail(event.target.value)}
        />
        <TextField
          id="password"
          label={t('app.signIn.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          error={errors.password}
          aria-required="true"
          onChange={(event) => setPassword(event.target.value)}
        />
        {askingCode ? (
          <TextField
            id="code"
            label={t('app.signIn.code')}
            hint={t('app.signIn.codeHint')}
            autoComplete="one-time-code"
            spellCheck={false}
            value={code}
            error={errors.code}
            aria-required="true"
            onChange={(event) => setCode(event.target.value)}
          />
        ) : null}
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('app.signIn.submitting') : t('app.signIn.submit')}
        </button>
      </form>
    </SignedOutFrame>
  );
}
