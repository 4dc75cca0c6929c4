import { Page } from '../components/Page.tsx';
import { useLanguage } from '../i18n.ts';
import { useSession, useSignedInSession } from '../session.tsx';
import { ChangePasswordForm } from './AccountPage.tsx';

/** Shown instead of every page while the user still has the one-time password a coordinator handed out. */
export function FirstPasswordPage() {
  const { t } = useLanguage();
  const { session } = useSignedInSession();
  const { updateUser } = useSession();
  return (
    <Page title={t('app.firstPassword.title')}>
      <p className="lead">{t('app.firstPassword.text')}</p>
      <ChangePasswordForm showHeading={false} onChanged={() => updateUser({ ...session.user, mustChangePassword: false })} />
    </Page>
  );
}
