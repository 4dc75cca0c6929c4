import type { ReactNode } from 'react';
import { useLanguage } from '../i18n.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { Page } from './Page.tsx';

/** The frame of the pages seen before signing in: the product name, the language switcher and one card. */
export function SignedOutFrame({
  languageSwitcherId,
  title,
  children,
}: {
  languageSwitcherId: string;
  title: string;
  children: ReactNode;
}) {
  const { t } = useLanguage();
  return (
    <div className="app signin">
      <header className="site-header">
        <div className="site-header-start">
          <span className="brand">{t('app.productName')}</span>
        </div>
        <div className="site-header-end">
          <LanguageSwitcher id={languageSwitcherId} />
        </div>
      </header>
      <main id="main" tabIndex={-1} className="signin-main">
        <div className="signin-card">
          <Page title={title}>{children}</Page>
        </div>
      </main>
    </div>
  );
}
