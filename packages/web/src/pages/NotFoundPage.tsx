import { Link } from 'react-router';
import { Page } from '../components/Page.tsx';
import { useLanguage } from '../i18n.ts';

/** Shown for an address inside the application that leads nowhere. */
export function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <Page title={t('app.notFound.title')}>
      <p>{t('app.notFound.text')}</p>
      <p>
        <Link to="/">{t('app.common.backHome')}</Link>
      </p>
    </Page>
  );
}
