import { useEffect, useState } from 'react';
import { NavLink } from 'react-router';
import { api } from '../api.ts';
import { useLanguage } from '../i18n.ts';
import '../reminders.css';
import { NOTIFICATIONS_CHANGED, NOTIFICATIONS_PATH, type NotificationList } from '../remindersApi.ts';

/** The link to the user's notifications in the header, with how many are unread in words. */
export function NotificationsLink() {
  const { t } = useLanguage();
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    let controller = new AbortController();
    const read = () => {
      controller.abort();
      controller = new AbortController();
      api
        .get<NotificationList>(`${NOTIFICATIONS_PATH}?limit=1`, { signal: controller.signal })
        .then((list) => setUnread(list.unread))
        // The count is a convenience: without it the link still leads to the notifications.
        .catch(() => undefined);
    };
    read();
    window.addEventListener(NOTIFICATIONS_CHANGED, read);
    return () => {
      controller.abort();
      window.removeEventListener(NOTIFICATIONS_CHANGED, read);
    };
  }, []);

  return (
    <NavLink to="/notifications" className="notifications-link">
      {t('app.reminders.notifications.link', { count: unread })}
    </NavLink>
  );
}
