import type { ReactNode } from 'react';
import type { Action } from '@ariadne/domain';
import { Link } from 'react-router';
import { useLanguage } from '../i18n.ts';
import { useAbility } from '../session.tsx';
import { Page } from './Page.tsx';

/** Renders its children only when the user may do the action in the current Participant; explains otherwise. */
export function RequireAbility({ action, children }: { action: Action; children: ReactNode }) {
  const allowed = useAbility(action);
  const { t } = useLanguage();
  if (allowed) return <>{children}</>;
  return (
    <Page title={t('app.forbidden.title')}>
      <p>{t('errors.FORBIDDEN')}</p>
      <p>
        <Link to="/">{t('app.common.backHome')}</Link>
      </p>
    </Page>
  );
}
