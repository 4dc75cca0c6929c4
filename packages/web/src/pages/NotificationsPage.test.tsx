import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotificationsLink } from '../components/NotificationsLink.tsx';
import type { NotificationItem, NotificationList } from '../remindersApi.ts';
import { mockApi, sessionFor, type RecordedRequest } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { NotificationsPage } from './NotificationsPage.tsx';

const FOCAL_POINT = sessionFor([{ role: 'focal_point', institution: { code: 'POL', name: 'Police Directorate' } }]);

function reminder(id: number, kind: 'due' | 'overdue', readAt: string | null): NotificationItem {
  return {
    id,
    kind: 'reminder',
    participant: 'DL',
    payload: {
      kind,
      actionPlan: 'AP-2021-2022',
      actionPlanTitle: 'Action plan 2021–2022',
      round: kind === 'due' ? '2022-H2' : '2022-H1',
      institution: 'POL',
      institutionName: 'Police Directorate',
      deadline: kind === 'due' ? '2023-01-09' : '2022-07-07',
      days: 3,
    },
    createdAt: '2023-01-06T08:00:00.000Z',
    readAt,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the notifications page', () => {
  it('lists the reminders with links to the reports, and marks them read one by one or all at once', async () => {
    let list: NotificationList = {
      notifications: [reminder(3, 'due', null), reminder(2, 'overdue', null), reminder(1, 'due', '2023-01-01T00:00:00.000Z')],
      total: 3,
      unread: 2,
    };
    const read = (ids: number[]) => {
      list = {
        ...list,
        notifications: list.notifications.map((n) => (ids.includes(n.id) ? { ...n, readAt: '2023-01-06T09:00:00.000Z' } : n)),
      };
      list = { ...list, unread: list.notifications.filter((n) => n.readAt === null).length };
      return { status: 200, body: { marked: ids.length, unread: list.unread } };
    };
    const requests = mockApi({
      'GET /api/session': { status: 200, body: FOCAL_POINT },
      'GET /api/notifications?limit=20&offset=0': () => ({ status: 200, body: list }),
      'GET /api/notifications?limit=1': () => ({ status: 200, body: { ...list, notifications: list.notifications.slice(0, 1) } }),
      'POST /api/notifications/3/read': () => read([3]),
      'POST /api/notifications/read-all': () => read([2, 3]),
    });
    await renderSignedIn(
      <>
        <NotificationsLink />
        <NotificationsPage />
      </>,
    );
    expect(await screen.findByText('2 unread notifications.')).toBeDefined();
    expect(await screen.findByRole('link', { name: 'Notifications (2)' })).toBeDefined();
    expect(
      screen.getAllByText('The report of Police Directorate for round 2022-H2 of Action plan 2021–2022 is due on 9 January 2023.', {
        exact: false,
      }).length,
    ).toBe(2);
    expect(
      screen.getByText(
        'The report of Police Directorate for round 2022-H1 of Action plan 2021–2022 was due on 7 July 2022 and is overdue.',
        {
          exact: false,
        },
      ),
    ).toBeDefined();
    expect(screen.getAllByText('Unread').length).toBe(2);
    const links = screen.getAllByRole('link', { name: 'Open the report' });
    expect(links[0]?.getAttribute('href')).toBe('/plans/AP-2021-2022/rounds/2022-H2/reports/POL');

    fireEvent.click(screen.getAllByRole('button', { name: 'Mark as read' })[0]!);
    expect(await screen.findByText('1 unread notification.')).toBeDefined();
    expect(await screen.findByRole('link', { name: 'Notifications (1)' })).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByText('Everything is read.')).toBeDefined();
    await waitFor(() => expect(screen.getByRole('link', { name: 'Notifications' })).toBeDefined());
    expect(screen.queryByRole('button', { name: 'Mark as read' })).toBeNull();
    const posts = requests.filter((r: RecordedRequest) => r.method === 'POST').map((r) => r.path);
    expect(posts).toEqual(['/api/notifications/3/read', '/api/notifications/read-all']);
  });

  it('says when there is nothing, and pages through older notifications', async () => {
    mockApi({
      'GET /api/session': { status: 200, body: FOCAL_POINT },
      'GET /api/notifications?limit=20&offset=0': { status: 200, body: { notifications: [], total: 0, unread: 0 } },
    });
    await renderSignedIn(<NotificationsPage />);
    expect(await screen.findByText('You have no notifications.')).toBeDefined();
    vi.unstubAllGlobals();

    const many = Array.from({ length: 20 }, (_, i) => reminder(30 - i, 'due', '2023-01-01T00:00:00.000Z'));
    const requests = mockApi({
      'GET /api/session': { status: 200, body: FOCAL_POINT },
      'GET /api/notifications?limit=20&offset=0': { status: 200, body: { notifications: many, total: 21, unread: 0 } },
      'GET /api/notifications?limit=40&offset=0': {
        status: 200,
        body: { notifications: [...many, reminder(1, 'overdue', '2023-01-01T00:00:00.000Z')], total: 21, unread: 0 },
      },
    });
    await renderSignedIn(<NotificationsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Show older notifications' }));
    await waitFor(() => expect(screen.getAllByRole('link', { name: 'Open the report' }).length).toBe(21));
    expect(requests.map((r) => r.path)).toContain('/api/notifications?limit=40&offset=0');
  });
});
