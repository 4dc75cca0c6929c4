import { useState } from 'react';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '@ariadne/domain';
import { api, asApiError } from '../api.ts';
import { Badge } from '../components/Badge.tsx';
import { Page } from '../components/Page.tsx';
import { ErrorMessage, Loading } from '../components/Status.tsx';
import { useLanguage } from '../i18n.ts';
import '../reminders.css';
import { reportPage } from '../monitoringApi.ts';
import {
  NOTIFICATIONS_CHANGED,
  NOTIFICATIONS_PATH,
  reminderPayload,
  type NotificationItem,
  type NotificationList,
} from '../remindersApi.ts';
import { useApiData } from '../useApiData.ts';

const PAGE = 20;

function changed() {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

function Notification({ item, onRead, busy }: { item: NotificationItem; onRead: (id: number) => void; busy: boolean }) {
  const { t, language } = useLanguage();
  const reminder = reminderPayload(item);
  const unread = item.readAt === null;
  return (
    <li className={unread ? 'notification notification-unread' : 'notification'}>
      <p>
        <Badge tone={unread ? 'info' : 'neutral'}>
          {unread ? t('app.reminders.notifications.statusUnread') : t('app.reminders.notifications.statusRead')}
        </Badge>{' '}
        {reminder === null
          ? t('app.reminders.notifications.other')
          : t(reminder.kind === 'overdue' ? 'app.reminders.notifications.overdue' : 'app.reminders.notifications.due', {
              institution: reminder.institutionName,
              round: reminder.round,
              plan: reminder.actionPlanTitle,
              deadline: formatDate(reminder.deadline, language),
            })}
      </p>
      <p className="muted">{t('app.reminders.notifications.received', { at: formatDateTime(item.createdAt, language) })}</p>
      <div className="button-row">
        {reminder === null ? null : (
          <Link to={reportPage(reminder.actionPlan, reminder.round, reminder.institution)}>
            {t('app.reminders.notifications.openReport')}
          </Link>
        )}
        {unread ? (
          <button type="button" className="button button-secondary button-small" disabled={busy} onClick={() => onRead(item.id)}>
            {t('app.reminders.notifications.markRead')}
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** The signed-in user's notifications, newest first: reminders of reports with a link to each, marked read one by one or all at once. */
export function NotificationsPage() {
  const { t } = useLanguage();
  const [limit, setLimit] = useState(PAGE);
  const list = useApiData<NotificationList>(`${NOTIFICATIONS_PATH}?limit=${limit}&offset=0`);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const mark = async (path: string) => {
    setBusy(true);
    setFailure(null);
    try {
      await api.post(path, {});
      list.reload();
      changed();
    } catch (caught) {
      setFailure(asApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={t('app.reminders.notifications.title')}>
      {failure !== null ? <ErrorMessage message={failure} /> : null}
      {list.result.status === 'loading' ? <Loading /> : null}
      {list.result.status === 'error' ? <ErrorMessage message={list.result.error.message} onRetry={list.reload} /> : null}
      {list.result.status === 'ready' ? (
        list.result.data.total === 0 ? (
          <p>{t('app.reminders.notifications.empty')}</p>
        ) : (
          <>
            <p role="status">{t('app.reminders.notifications.unread', { count: list.result.data.unread })}</p>
            {list.result.data.unread > 0 ? (
              <div className="button-row">
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={busy}
                  onClick={() => void mark(`${NOTIFICATIONS_PATH}/read-all`)}
                >
                  {t('app.reminders.notifications.markAllRead')}
                </button>
              </div>
            ) : null}
            <ul className="plain-list notifications">
              {list.result.data.notifications.map((item) => (
                <Notification key={item.id} item={item} busy={busy} onRead={(id) => void mark(`${NOTIFICATIONS_PATH}/${id}/read`)} />
              ))}
            </ul>
            {list.result.data.total > list.result.data.notifications.length ? (
              <button type="button" className="button button-secondary" onClick={() => setLimit((current) => current + PAGE)}>
                {t('app.reminders.notifications.more')}
              </button>
            ) : null}
          </>
        )
      ) : null}
    </Page>
  );
}
