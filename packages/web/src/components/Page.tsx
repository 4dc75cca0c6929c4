import { useEffect, useRef, type ReactNode } from 'react';
import { useLanguage } from '../i18n.ts';

// The first page of a visit keeps the browser's own starting focus; after that, each page moves
// focus to its heading so that screen readers announce where a link or redirect has led.
let firstPageShown = false;

/** A page: sets the document title, renders the one `h1`, and moves focus to it after navigation. */
export function Page({ title, heading, children }: { title: string; heading?: string; children: ReactNode }) {
  const { t } = useLanguage();
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: title });
  }, [t, title]);

  useEffect(() => {
    if (!firstPageShown) {
      firstPageShown = true;
      return;
    }
    headingRef.current?.focus();
  }, []);

  return (
    <>
      <h1 ref={headingRef} tabIndex={-1} className="page-heading">
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
