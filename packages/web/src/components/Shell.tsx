import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useLanguage } from '../i18n.ts';
import { FirstPasswordPage } from '../pages/FirstPasswordPage.tsx';
import { useRegionalAccess } from '../pages/RegionalPage.tsx';
import { usePolicy, useSignedInSession } from '../session.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { NotificationsLink } from './NotificationsLink.tsx';
import { ParticipantSwitcher } from './ParticipantSwitcher.tsx';
import { UserMenu } from './UserMenu.tsx';

/** The sections the user may open in the current Participant, in navigation order. */
export function useSections(): { to: string; label: string; description: string }[] {
  const { can } = usePolicy();
  const { t } = useLanguage();
  // The regional picture spans Participants: it is open to whoever has the regional view in any of them.
  const regional = useRegionalAccess();
  const sections: { to: string; label: string; description: string }[] = [];
  if (can('plan.view')) {
    sections.push({ to: '/plans', label: t('app.nav.plans'), description: t('app.home.plansCard') });
  }
  if (can('institution.view')) {
    sections.push({ to: '/institutions', label: t('app.nav.institutions'), description: t('app.home.institutionsCard') });
  }
  if (can('user.view')) {
    sections.push({ to: '/users', label: t('app.nav.users'), description: t('app.home.usersCard') });
  }
  if (can('audit.view')) {
    sections.push({ to: '/audit', label: t('app.nav.audit'), description: t('app.home.auditCard') });
  }
  if (can('publication.manage')) {
    sections.push({ to: '/publications', label: t('app.portal.manage.nav'), description: t('app.portal.manage.intro') });
  }
  if (regional) {
    sections.push({ to: '/regional', label: t('app.insight.regional.nav'), description: t('app.insight.regional.card') });
  }
  return sections;
}

/** The signed-in frame: skip link, header with switchers and user menu, navigation, and the page in `main`. */
export function Shell() {
  const { t } = useLanguage();
  const sections = useSections();
  const { session } = useSignedInSession();
  // Until the one-time password is replaced, no other page opens (the server marks such accounts).
  const mustChangePassword = session.user.mustChangePassword === true;
  const location = useLocation();
  // On narrow screens the menu covers the page. It is open for the page where it was opened, so
  // following a link closes it.
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === location.pathname;

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        {t('app.shell.skipToMain')}
      </a>
      <header className="site-header">
        <div className="site-header-start">
          {mustChangePassword ? null : (
            <button
              type="button"
              className="menu-button"
              aria-expanded={menuOpen}
              aria-controls="main-nav"
              onClick={() => setMenuOpenAt(menuOpen ? null : location.pathname)}
            >
              <svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">
                <path d="M2 5h16M2 10h16M2 15h16" stroke="currentColor" strokeWidth="2" fill="none" />
              </svg>
              {t('app.shell.menu')}
            </button>
          )}
          <Link to="/" className="brand">
            {t('app.productName')}
          </Link>
          <ParticipantSwitcher />
        </div>
        <div className="site-header-end">
          <LanguageSwitcher id="header-language" compact />
          {mustChangePassword ? null : <NotificationsLink />}
          <UserMenu />
        </div>
      </header>
      <div className={mustChangePassword ? 'layout layout-single' : 'layout'}>
        {mustChangePassword ? null : (
          <nav id="main-nav" aria-label={t('app.shell.navigation')} className={menuOpen ? 'main-nav open' : 'main-nav'}>
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('app.nav.home')}
                </NavLink>
              </li>
              {sections.map((section) => (
                <li key={section.to}>
                  <NavLink to={section.to}>{section.label}</NavLink>
                </li>
              ))}
              <li>
                <NavLink to="/account">{t('app.nav.account')}</NavLink>
              </li>
            </ul>
          </nav>
        )}
        <main id="main" tabIndex={-1}>
          {mustChangePassword ? <FirstPasswordPage /> : <Outlet />}
        </main>
      </div>
    </div>
  );
}
