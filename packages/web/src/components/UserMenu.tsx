import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { asApiError } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import { useSignedInSession, useSession } from '../session.tsx';

/** The user's name as a button that opens "My account" and "Sign out". */
export function UserMenu() {
  // A disclosure rather than an ARIA menu: two items need no arrow-key model, and links stay links.
  const { signOut } = useSession();
  const { session } = useSignedInSession();
  const { t } = useLanguage();
  const [error, setError] = useState<string | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  // Open for the page where it was opened: following "My account" closes it.
  const [openAt, setOpenAt] = useState<string | null>(null);
  const open = openAt === location.pathname;

  useEffect(() => {
    if (!open) return;
    function onPointerDown(event: MouseEvent) {
      if (container.current && !container.current.contains(event.target as Node)) setOpenAt(null);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        setOpenAt(null);
        button.current?.focus();
      }
    }
    document.addEventListener('mousedown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('mousedown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  async function onSignOut() {
    setError(null);
    try {
      await signOut();
    } catch (failure) {
      setError(asApiError(failure).message);
    }
  }

  return (
    <div className="user-menu" ref={container}>
      <button
        ref={button}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls="user-menu-panel"
        aria-label={t('app.shell.userMenu', { name: session.user.displayName })}
        onClick={() => setOpenAt(open ? null : location.pathname)}
      >
        {session.user.displayName}
      </button>
      <div id="user-menu-panel" className="user-menu-panel" hidden={!open}>
        <p className="user-menu-email">{session.user.email}</p>
        <ul>
          <li>
            <Link to="/account">{t('app.nav.account')}</Link>
          </li>
          <li>
            <button type="button" className="link-button" onClick={() => void onSignOut()}>
              {t('app.shell.signOut')}
            </button>
          </li>
        </ul>
        {error ? (
          <p role="alert" className="field-error">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
