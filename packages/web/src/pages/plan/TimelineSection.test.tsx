import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { StrategyOutline } from '../../editing/api.ts';
import { nationalOutline, outline } from '../../test/editing.ts';
import { TimelineSection, scaleFor } from './TimelineSection.tsx';

function withUndated(): StrategyOutline {
  const view = outline();
  const plan = view.actionPlans[0] as StrategyOutline['actionPlans'][number];
  plan.activities.push({ id: 'A2.1.2', objective: 'O2.1', title: 'Publish a guide', version: 1, total: 0, indicatorCount: 0 });
  plan.activities.push({
    id: 'A2.1.3',
    objective: 'O2.1',
    title: 'Start a hotline',
    start: '2024-07-01',
    version: 1,
    total: 0,
    indicatorCount: 0,
  });
  return view;
}

function rowOf(code: string): HTMLElement {
  return screen.getByRole('rowheader', { name: new RegExp(`^${code.replace(/\./g, '\\.')} `) }).closest('tr') as HTMLElement;
}

describe('the timeline', () => {
  it('draws each activity as a bar across the plan’s period, with its dates in words', () => {
    render(<TimelineSection outline={withUndated()} planId="AP-2023-2024" today="2023-07-01" />);
    const table = screen.getByRole('table', { name: 'Timeline of Action Plan 2023-2024' });
    // Two years: quarters on the axis.
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Activity', 'Dates', 'Bar from start to endQ1 2023Q2 2023Q3 2023Q4 2023Q1 2024Q2 2024Q3 2024Q4 2024Today']);
    const row = rowOf('A1.1.1');
    expect(within(row).getByText('1 Jan 2023 – 30 Jun 2024')).toBeDefined();
    const bar = row.querySelector<HTMLElement>('.timeline-bar');
    expect(bar?.style.left).toBe('0%');
    // 18 months of 24: 547 of 731 days (2024 is a leap year).
    expect(Number.parseFloat(bar?.style.width ?? '')).toBeCloseTo((547 / 731) * 100, 1);

    // Without dates: no bar, said in words, and listed below.
    const undated = rowOf('A2.1.2');
    expect(undated.querySelector('.timeline-bar')).toBeNull();
    expect(within(undated).getByText('No dates given')).toBeDefined();
    expect(screen.getByText('1 activity has no dates yet; they are listed without a bar.')).toBeDefined();
    expect(within(screen.getByRole('list', { name: 'Activities without dates' })).getByText('Publish a guide')).toBeDefined();

    // A start alone: a bar open to the end of the plan.
    const open = rowOf('A2.1.3');
    expect(within(open).getByText('From 1 Jul 2024')).toBeDefined();
    expect(open.querySelector('.timeline-bar-open-end')).not.toBeNull();

    // Today's line, in the period.
    expect(screen.getByText('The vertical line marks today, 1 Jul 2023.')).toBeDefined();
    expect(row.querySelector('.timeline-today')).not.toBeNull();
  });

  it('folds goals and objectives, by keyboard as well (they are buttons)', () => {
    render(<TimelineSection outline={outline()} planId="AP-2023-2024" today="2030-01-01" />);
    expect(screen.getByText('Today (1 Jan 2030) is outside the period of the plan.')).toBeDefined();
    const goal = screen.getByRole('button', { name: /^G1 An effective national response \(Coordination, 2 activities\)$/ });
    expect(goal.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(goal);
    expect(goal.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('rowheader', { name: /^A1\.1\.1 / })).toBeNull();
    expect(screen.queryByRole('button', { name: /O1\.1 Strengthen coordination/ })).toBeNull();
    // The other goal stays open.
    expect(screen.getByRole('rowheader', { name: /^A2\.1\.1 / })).toBeDefined();

    fireEvent.click(goal);
    const objective = screen.getByRole('button', { name: /O1\.1 Strengthen coordination \(2 activities\)/ });
    fireEvent.click(objective);
    expect(screen.queryByRole('rowheader', { name: /^A1\.1\.2 / })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(screen.getByRole('rowheader', { name: /^A1\.1\.2 / })).toBeDefined();
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(document.querySelectorAll('tr.timeline-activity')).toHaveLength(0);
  });

  it('picks months, quarters or years for the axis by the length of the period', () => {
    const day = (value: string) => Date.parse(`${value}T00:00:00Z`);
    expect(scaleFor(day('2025-01-01'), day('2026-01-01'))).toBe('month');
    expect(scaleFor(day('2023-01-01'), day('2025-01-01'))).toBe('quarter');
    expect(scaleFor(day('2021-01-01'), day('2027-01-01'))).toBe('year');
  });

  it('draws 500 activities quickly', () => {
    const view = nationalOutline();
    const started = performance.now();
    act(() => {
      render(<TimelineSection outline={view} planId="AP-2023-2024" today="2023-07-01" />);
    });
    const drawn = performance.now() - started;
    expect(document.querySelectorAll('tr.timeline-activity')).toHaveLength(500);
    const folding = performance.now();
    fireEvent.click(screen.getByRole('button', { name: /^G1 / }));
    const folded = performance.now() - folding;
    console.info(`timeline: 500 activities drawn in ${drawn.toFixed(0)} ms, a goal folded in ${folded.toFixed(0)} ms (jsdom)`);
    // jsdom is many times slower than a browser; this guards against an accidental quadratic.
    expect(drawn).toBeLessThan(4000);
    expect(folded).toBeLessThan(1500);
  });
});
