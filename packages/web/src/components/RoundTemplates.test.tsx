import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi } from '../test/fetch-mock.ts';
import { RoundTemplates } from './RoundTemplates.tsx';

const JOBS = '/api/participants/DL/action-plans/AP-2021-2022/rounds/2022-H2/templates';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('RoundTemplates', () => {
  it('prepares the templates with a progress bar, then offers the zip', async () => {
    const answers = [
      { done: 1, total: 3, ready: false },
      { done: 3, total: 3, ready: true },
    ];
    const requests = mockApi({
      [`POST ${JOBS}`]: { status: 202, body: { job: 'job-1', total: 3 } },
      [`GET ${JOBS}/job-1`]: () => ({ status: 200, body: answers.shift() ?? { done: 3, total: 3, ready: true } }),
    });
    render(<RoundTemplates participant="DL" plan="AP-2021-2022" round="2022-H2" />);
    fireEvent.click(screen.getByRole('button', { name: 'Download all templates (zip)' }));

    expect(await screen.findByText('1 of 3', {}, { timeout: 6000 })).toBeTruthy();
    const bar = screen.getByLabelText('Templates prepared');
    expect(bar.tagName).toBe('PROGRESS');
    expect(bar.getAttribute('value')).toBe('1');
    expect(bar.getAttribute('max')).toBe('3');
    expect(screen.getByRole('button', { name: 'Download all templates (zip)' }).hasAttribute('disabled')).toBe(true);

    const link = await screen.findByRole('link', { name: 'Download the zip file' }, { timeout: 6000 });
    expect(link.getAttribute('href')).toBe(`${JOBS}/job-1/download`);
    // The focus moves to the link in an effect after it is drawn.
    await waitFor(() => expect(document.activeElement).toBe(link));
    expect(screen.getByText('All 3 templates are ready.')).toBeTruthy();
    expect(requests.filter((request) => request.method === 'GET')).toHaveLength(2);
  });

  it('shows why the templates could not be prepared', async () => {
    mockApi({ [`POST ${JOBS}`]: { status: 403, body: errorBody('FORBIDDEN', 'You do not have permission to do this.') } });
    render(<RoundTemplates participant="DL" plan="AP-2021-2022" round="2022-H2" />);
    fireEvent.click(screen.getByRole('button', { name: 'Download all templates (zip)' }));
    expect((await screen.findByRole('alert')).textContent).toContain('You do not have permission to do this.');
  });
});
