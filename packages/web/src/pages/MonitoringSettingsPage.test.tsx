import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi, sessionFor } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { MonitoringSettingsPage } from './MonitoringSettingsPage.tsx';

const SETTINGS = '/api/participants/DL/monitoring-settings';

afterEach(() => {
  vi.unstubAllGlobals();
});

async function showSettings(put: Parameters<typeof mockApi>[0][string] = { status: 200, body: {} }) {
  const requests = mockApi({
    'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
    [`GET ${SETTINGS}`]: { status: 200, body: { deadlineWorkingDays: 5, holidays: [{ day: '2025-01-01', name: 'New Year' }] } },
    [`PUT ${SETTINGS}`]: put,
  });
  await renderSignedIn(<MonitoringSettingsPage />);
  await screen.findByLabelText('Deadline in working days');
  return requests;
}

describe('the monitoring settings', () => {
  it('shows the deadline rule with its example and the holidays', async () => {
    await showSettings();
    expect((screen.getByLabelText('Deadline in working days') as HTMLInputElement).value).toBe('5');
    expect(screen.getByText(/5 = the fifth working day after the period ends/)).toBeDefined();
    expect((screen.getByLabelText('Date of holiday 1') as HTMLInputElement).value).toBe('2025-01-01');
    expect((screen.getByLabelText('Name of holiday 1') as HTMLInputElement).value).toBe('New Year');
  });

  it('adds and removes holidays and saves the whole list', async () => {
    const requests = await showSettings();
    fireEvent.change(screen.getByLabelText('Deadline in working days'), { target: { value: '8' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a holiday' }));
    fireEvent.change(screen.getByLabelText('Date of holiday 2'), { target: { value: '2025-05-01' } });
    fireEvent.change(screen.getByLabelText('Name of holiday 2'), { target: { value: ' Labour Day ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove holiday 1' }));
    expect(screen.queryByDisplayValue('New Year')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('The monitoring settings have been saved.')).toBeDefined();
    expect(requests.find((r) => r.method === 'PUT')?.body).toEqual({
      deadlineWorkingDays: 8,
      holidays: [{ day: '2025-05-01', name: 'Labour Day' }],
      remindersAutomatic: false,
      reminderDaysBefore: 5,
    });
  });

  it('switches the daily reminders on, from the days chosen', async () => {
    const requests = await showSettings();
    const automatic = screen.getByLabelText('Send reminders automatically every day') as HTMLInputElement;
    expect(automatic.checked).toBe(false);
    fireEvent.click(automatic);
    fireEvent.change(screen.getByLabelText('Start reminding this many days before the deadline'), { target: { value: '61' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText('Enter a whole number of days from 0 to 60.')).toBeDefined();
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
    fireEvent.change(screen.getByLabelText('Start reminding this many days before the deadline'), { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('The monitoring settings have been saved.')).toBeDefined();
    expect(requests.find((r) => r.method === 'PUT')?.body).toMatchObject({ remindersAutomatic: true, reminderDaysBefore: 7 });
  });

  it('checks the fields before saving, and shows the server’s field problems', async () => {
    const requests = await showSettings({
      status: 400,
      body: errorBody('VALIDATION_FAILED', 'Some fields need attention.', [
        { path: 'holidays[0].day', message: 'This day is listed twice.' },
      ]),
    });
    fireEvent.change(screen.getByLabelText('Deadline in working days'), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a holiday' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText('Give a whole number of working days from 1 to 30.')).toBeDefined();
    expect(screen.getByText('Give the holiday’s date.')).toBeDefined();
    expect(screen.getByText('Give the holiday’s name.')).toBeDefined();
    expect(requests.some((r) => r.method === 'PUT')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Remove holiday 2' }));
    fireEvent.change(screen.getByLabelText('Deadline in working days'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('This day is listed twice.')).toBeDefined();
    await waitFor(() => expect(screen.getByLabelText('Date of holiday 1').getAttribute('aria-invalid')).toBe('true'));
  });
});
