import { useRef, useState, type FormEvent } from 'react';
import { api, asApiError, issuesByField } from '../api.ts';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextField, focusFirstInvalid } from '../components/Field.tsx';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { Page } from '../components/Page.tsx';
import { SecondFactorPanel } from '../components/SecondFactorPanel.tsx';
import { useLanguage } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { useSignedInSession } from '../session.tsx';

/** The shortest password the form accepts, matching the server's rule. */
export const MIN_PASSWORD_LENGTH = 12;

type PasswordErrors = Partial<Record<'currentPassword' | 'newPassword' | 'confirmPassword', string>>;

/** The password change form; `onChanged` runs after the server has accepted the new password. */
export function ChangePasswordForm({ onChanged, showHeading = true }: { onChanged?: () => void; showHeading?: boolean }) {
  const { t } = useLanguage();
  const { session } = useSignedInSession();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmPassword, setConfirmPassword] = useState('');
  const [errors, setErrors] = useState<PasswordErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFailure(null);
    setDone(false);
    const found: PasswordErrors = {};
    if (currentPassword === '') found.currentPassword = t('issues.required');
    if (newPassword === '') found.newPassword = t('issues.required');
    else if (newPassword.length < MIN_PASSWORD_LENGTH) found.newPassword = t('issues.too_short', { minimum: MIN_PASSWORD_LENGTH });
    if (confirmPassword !== newPassword) found.confirmPassword = t('app.account.password.mismatch');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      await api.put<undefined>('/api/account/password', { currentPassword, newPassword });
      setCurrentPassword('');
      setNewPassword('');
      setConfirmPassword('');
      setDone(true);
      onChanged?.();
    } catch (error) {
      const apiError = asApiError(error);
      const fields = issuesByField(apiError);
      // A refused password may come without a field; it can only be about the new one.
      if (apiError.code === 'WEAK_PASSWORD' && fields.newPassword === undefined) fields.newPassword = apiError.message;
      setErrors({ currentPassword: fields.currentPassword, newPassword: fields.newPassword });
      setFailure(apiError.message);
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={showHeading ? 'password-heading' : undefined}>
      {showHeading ? <h2 id="password-heading">{t('app.account.password.title')}</h2> : null}
      {failure ? <ErrorSummary message={failure} /> : null}
      {done ? (
        <p role="status" className="notice notice-success">
          {t('app.account.password.changed')}
        </p>
      ) : null}
      <form ref={form} noValidate onSubmit={(event) => void onSubmit(event)}>
        {/* Tells password managers whose password this is, so they update the right entry. */}
        <input type="email" name="username" autoComplete="username" value={session.user.email} readOnly hidden />
        <TextField
          id="currentPassword"
          label={t('app.account.password.current')}
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          error={errors.currentPassword}
          aria-required="true"
          onChange={(event) => setCurrentPassword(event.target.value)}
        />
        <TextField
          id="newPassword"
          label={t('app.account.password.new')}
          hint={t('app.account.password.hint', { minimum: MIN_PASSWORD_LENGTH })}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          error={errors.newPassword}
          aria-required="true"
          onChange={(event) => setNewPassword(event.target.value)}
        />
        <TextField
          id="confirmPassword"
          label={t('app.account.password.confirm')}
          type="password"
          autoComplete="new-password"
          value={confirmPassword}
          error={errors.confirmPassword}
          aria-required="true"
          onChange={(event) => setConfirmPassword(event.target.value)}
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('app.account.password.submitting') : t('app.account.password.submit')}
        </button>
      </form>
    </section>
  );
}

/** The user's own page: who they are, their roles, their language, and a password change. */
export function AccountPage() {
  const { session } = useSignedInSession();
  const { t } = useLanguage();
  return (
    <Page title={t('app.account.title')}>
      <section className="panel" aria-labelledby="details-heading">
        <h2 id="details-heading">{t('app.account.details')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('app.account.name')}</dt>
            <dd>{session.user.displayName}</dd>
          </div>
          <div>
            <dt>{t('app.account.email')}</dt>
            <dd>{session.user.email}</dd>
          </div>
        </dl>
        <h3>{t('app.account.roles')}</h3>
        {session.memberships.length === 0 ? (
          <p>{t('app.home.noMembership')}</p>
        ) : (
          <ul className="role-list">
            {session.memberships.map((membership) => (
              <li key={`${membership.participant.code}-${membership.role}-${membership.institution?.code ?? ''}`}>
                {t('app.account.roleInParticipant', {
                  role: membership.institution
                    ? t('app.common.roleAtInstitution', {
                        role: roleLabel(membership.role),
                        institution: membership.institution.name,
                      })
                    : roleLabel(membership.role),
                  participant: membership.participant.name,
                })}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="language-heading">
        <h2 id="language-heading">{t('app.account.language.title')}</h2>
        <LanguageSwitcher id="account-language" hint={t('app.account.language.hint')} />
      </section>
      <ChangePasswordForm />
      <SecondFactorPanel />
    </Page>
  );
}
