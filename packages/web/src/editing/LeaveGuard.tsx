import { useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { UNSAFE_DataRouterContext, useBlocker } from 'react-router';
import { useLanguage } from '../i18n.ts';
import { Dialog } from './Dialog.tsx';
import type { Autosave } from './useAutosave.ts';

function BlockingGuard<F>({ autosave }: { autosave: Autosave<F> }) {
  const { t } = useLanguage();
  const unsaved = autosave.state !== 'saved';
  const blocker = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);
  const [asking, setAsking] = useState(false);
  const { flush } = autosave;
  const current = useRef(blocker);
  const saving = useRef(false);
  useLayoutEffect(() => {
    current.current = blocker;
  });

  // Changes still waiting for the pause are saved at once; only what cannot be saved makes the
  // person choose. One save per blocked navigation, and the navigation goes on once, if at all.
  useEffect(() => {
    if (blocker.state !== 'blocked' || saving.current) return;
    saving.current = true;
    let mounted = true;
    void flush().then((stored) => {
      saving.current = false;
      if (!mounted || current.current.state !== 'blocked') return;
      if (stored) current.current.proceed();
      else setAsking(true);
    });
    return () => {
      mounted = false;
    };
  }, [blocker.state, flush]);

  if (!asking || blocker.state !== 'blocked') return null;
  const reason =
    autosave.state === 'conflict' ? t('app.editor.autosave.conflict') : (autosave.error?.message ?? t('app.errors.unexpected'));
  return (
    <Dialog
      id="leave-unsaved"
      title={t('app.editor.leave.title')}
      onClose={() => {
        setAsking(false);
        blocker.reset();
      }}
    >
      <p>{t('app.editor.leave.text', { reason })}</p>
      <div className="button-row">
        <button
          type="button"
          className="button"
          data-autofocus=""
          onClick={() => {
            setAsking(false);
            blocker.reset();
          }}
        >
          {t('app.editor.leave.stay')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setAsking(false);
            blocker.proceed();
          }}
        >
          {t('app.editor.leave.leave')}
        </button>
      </div>
    </Dialog>
  );
}

/**
 * Keeps the person from leaving a form, inside the application, with changes that are not stored:
 * pending changes are saved first; changes that cannot be saved make them choose. Works under a data
 * router (where react-router can block navigation); leaving the site is covered by useAutosave.
 */
export function LeaveGuard<F>({ autosave }: { autosave: Autosave<F> }) {
  const dataRouter = useContext(UNSAFE_DataRouterContext);
  return dataRouter === null ? null : <BlockingGuard autosave={autosave} />;
}
