import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PlannedReminder, ReminderPreview, ReminderSummary } from '../remindersApi.ts';
import { errorBody, mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { RemindersPanel } from './RemindersPanel.tsx';

const PREVIEW = '/api/participants/DL/reminders/preview?plan=AP-2021-2022&round=2022-H2&dueWithinDays=5&overdue=true';

const POL: PlannedReminder = {
  kind: 'due',
  actionPlan: 'AP-2021-2022',
  actionPlanTitle: 'Action plan 2021–2022',
  round: '2022-H2',
  periodStart: '2022-07-01',
  periodEnd: '2022-12-31',
  deadline: '2023-01-09',
  days: 3,
  institution: 'POL',
  name: 'Police Directorate',
  recipients: [{ name: 'Jovan Petrović', email: 'focal.point@demoland.example' }],
};
const SLI: PlannedReminder = { ...POL, kind: 'overdue', days: 12, institution: 'SLI', name: 'Labour Inspectorate', recipients: [] };

const SUMMARY: ReminderSummary = {
  today: '2023-01-06',
  automatic: false,
  emailConfigured: false,
  reminded: [POL],
  noOneToRemind: [SLI],
  alreadyRemindedToday: 0,
  emailsSent: 0,
  emailsFailed: [],
  notificationsCreated: 1,
  copyList: [
    {
      institution: 'POL',
      name: 'Police Directorate',
      round: '2022-H2',
      addresses: ['focal.point@demoland.example'],
      subject: 'Reminder: the report for round 2022-H2 is due on 9 January 2023',
      text: 'Hello,\n\nThe report of Police Directorate for round 2022-H2 is due in 3 days.',
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
});

async function showPanel(routes: Parameters<typeof mockApi>[0] = {}) {
  const requests = mockApi({ 'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) }, ...routes });
  await renderSignedIn(<RemindersPanel planId="AP-2021-2022" roundId="2022-H2" />);
  return requests;
}

describe('the reminders panel', () => {
  it('previews who would be reminded, with the reports that have no one to remind', async () => {
    const preview: ReminderPreview = { emailConfigured: false, reports: [SLI, POL] };
    await showPanel({ [`GET ${PREVIEW}`]: { status: 200, body: preview } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const table = await screen.findByRole('table', { name: 'Who would be reminded' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual([
      'InstitutionSituationRecipients',
      'Labour Inspectorate12 days late (9 January 2023)No one to remind: the institution has no focal point',
      'Police Directoratedue in 3 days (9 January 2023)Jovan Petrović <focal.point@demoland.example>',
    ]);
    expect(screen.getByText('2 reports to remind, 1 recipient.')).toBeDefined();
  });

  it('sends with the choices made, and shows what was done with the list to copy', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const requests = await showPanel({ 'POST /api/participants/DL/reminders': { status: 200, body: SUMMARY } });
    fireEvent.change(screen.getByLabelText('Reports due within (days)'), { target: { value: '10' } });
    fireEvent.click(screen.getByLabelText('Include overdue reports'));
    fireEvent.click(screen.getByRole('button', { name: 'Send reminders' }));
    expect(await screen.findByText('1 notification created in Ariadne.')).toBeDefined();
    expect(requests.find((r) => r.method === 'POST')?.body).toEqual({
      plan: 'AP-2021-2022',
      round: '2022-H2',
      dueWithinDays: 10,
      overdue: false,
    });
    expect(screen.getByText('No e-mail sent.')).toBeDefined();
    expect(screen.getByText('1 report has no one to remind.')).toBeDefined();
    expect(screen.getByText('This server does not send e-mail: copy the list below into your own e-mail.')).toBeDefined();
    const copy = screen.getByLabelText('Addresses and text to copy') as HTMLTextAreaElement;
    expect(copy.readOnly).toBe(true);
    expect(copy.value).toContain('To: focal.point@demoland.example');
    expect(copy.value).toContain('Subject: Reminder: the report for round 2022-H2 is due on 9 January 2023');
    expect(copy.value).toContain('is due in 3 days.');
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText('Copied.')).toBeDefined();
    expect(writeText).toHaveBeenCalledWith(copy.value);
  });

  it('checks the days before asking, and shows the server’s refusal', async () => {
    const requests = await showPanel({
      'POST /api/participants/DL/reminders': { status: 403, body: errorBody('FORBIDDEN', 'You do not have permission to do this.') },
    });
    fireEvent.change(screen.getByLabelText('Reports due within (days)'), { target: { value: '61' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reminders' }));
    expect(screen.getByText('Enter a whole number of days from 0 to 60.')).toBeDefined();
    expect(requests.some((r) => r.method === 'POST')).toBe(false);
    fireEvent.change(screen.getByLabelText('Reports due within (days)'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send reminders' }));
    expect(await screen.findByText('You do not have permission to do this.')).toBeDefined();
  });
});
