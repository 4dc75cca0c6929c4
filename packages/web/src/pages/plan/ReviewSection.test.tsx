import { fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REVIEW } from '../../test/plans.ts';
import { elementSubject, ReviewSection } from './ReviewSection.tsx';

function renderReview() {
  render(
    <MemoryRouter initialEntries={['/plans/AP-2021-2022']}>
      <Routes>
        <Route path="/plans/:planId" element={<ReviewSection result={{ status: 'ready', data: REVIEW }} onRetry={() => undefined} />} />
      </Routes>
    </MemoryRouter>,
  );
  return screen.getByRole('region', { name: 'Plan review' });
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('elementSubject', () => {
  it('names the element a finding is about, when the editor can open it', () => {
    expect(elementSubject({ rule: 'R05', subject: 'A1.2.3' })).toBe('activity');
    expect(elementSubject({ rule: 'R10', subject: 'O1.3-I1' })).toBe('indicator');
    expect(elementSubject({ rule: 'R28', subject: 'REC-05' })).toBe('recommendation');
    expect(elementSubject({ rule: 'R18', subject: 'RSK-6' })).toBe('risk');
    // Areas, principles and evaluation types are not elements of their own; some findings have no subject.
    expect(elementSubject({ rule: 'R15', subject: 'sustainability' })).toBeNull();
    expect(elementSubject({ rule: 'R03', subject: 'partnership' })).toBeNull();
    expect(elementSubject({ rule: 'R23', subject: null })).toBeNull();
    expect(elementSubject({ rule: 'R99', subject: 'X' })).toBeNull();
  });
});

describe('the review panel', () => {
  it('links each finding about an element to the element, to fix it', () => {
    const review = renderReview();
    const links = within(review).getAllByRole('link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Open activity A1.2.3 to fix it', '/plans/AP-2021-2022/elements/A1.2.3'],
      ['Open activity A1.2.2 to fix it', '/plans/AP-2021-2022/elements/A1.2.2'],
      ['Open activity A4.1.1 to fix it', '/plans/AP-2021-2022/elements/A4.1.1'],
      ['Open indicator O1.3-I1 to fix it', '/plans/AP-2021-2022/elements/O1.3-I1'],
    ]);
    // The links are for the screen: the printed report leaves them out.
    expect(links.every((link) => link.closest('.print-hide') !== null)).toBe(true);
  });

  it('prints a report with every explanation opened, and closes them again after', () => {
    const review = renderReview();
    const explanations = [...review.querySelectorAll('details.why')] as HTMLDetailsElement[];
    explanations[0]!.open = true;
    const openWhilePrinting: boolean[] = [];
    vi.stubGlobal(
      'print',
      vi.fn(() => {
        openWhilePrinting.push(...explanations.map((details) => details.open));
      }),
    );
    fireEvent.click(within(review).getByRole('button', { name: 'Print' }));
    expect(openWhilePrinting.every(Boolean)).toBe(true);
    expect(document.documentElement.dataset.print).toBe('review');
    window.dispatchEvent(new Event('afterprint'));
    expect(explanations.map((details) => details.open)).toEqual(explanations.map((_, index) => index === 0));
    expect(document.documentElement.dataset.print).toBeUndefined();
    expect(review.querySelector('.print-only')?.textContent).toMatch(/^Plan review of DL\/AP-2021-2022, printed on \d{1,2} \w+ \d{4}$/);
  });
});
