import { Link } from 'react-router';
import { participantPath } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import { useAbility, useParticipant } from '../session.tsx';
import '../workbook.css';

/**
 * The Excel files of an action plan: its activities (for everyone who reads the plan), its donor
 * view (for those who see its finances), and the way in from Excel for those who edit it, while
 * the plan can be edited (a draft, or an adopted plan with an open amendment).
 */
export function ExcelDownloads({ planId, editable = false }: { planId: string; editable?: boolean }) {
  const { t, language } = useLanguage();
  const participant = useParticipant();
  const canSeeFinance = useAbility('finance.view');
  const canEdit = useAbility('plan.edit');
  const base = participantPath(participant.code, `/action-plans/${encodeURIComponent(planId)}`);
  // The files are written in the interface language, which a plain link would not tell the server.
  const query = `?language=${encodeURIComponent(language)}`;
  return (
    <ul className="plain-list excel-downloads" aria-label={t('app.workbook.downloads.label')}>
      <li>
        <a href={`${base}/activities.xlsx${query}`} download>
          {t('app.workbook.downloads.activities')}
        </a>{' '}
        <span className="muted">{t('app.workbook.downloads.activitiesHint')}</span>
      </li>
      {canSeeFinance ? (
        <li>
          <a href={`${base}/donor-view.xlsx${query}`} download>
            {t('app.workbook.downloads.donorView')}
          </a>{' '}
          <span className="muted">{t('app.workbook.downloads.donorViewHint')}</span>
        </li>
      ) : null}
      {canEdit && editable ? (
        <li>
          <Link to={`/plans/${encodeURIComponent(planId)}/import-excel`}>{t('app.workbook.downloads.import')}</Link>
        </li>
      ) : null}
    </ul>
  );
}
