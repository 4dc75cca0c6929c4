import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { barChart, type ChartPoint } from '@ariadne/domain';
import { Chart } from './Chart.tsx';

const definition = barChart({
  language: 'en',
  currency: 'EUR',
  name: 'Costs',
  categories: [
    { key: 'state_budget', label: 'State budget', value: 612500 },
    { key: 'donor', label: 'Donors', value: 518000 },
  ],
});

function renderChart(onOpen?: (point: ChartPoint) => void, tableShown = false) {
  return render(
    <Chart
      id="test-chart"
      title="Costs by funding source"
      summary="The largest source of funding is the state budget."
      definition={definition}
      onOpen={onOpen}
      tableShown={tableShown}
      table={
        <table>
          <caption>Figures</caption>
          <tbody>
            <tr>
              <th scope="row">State budget</th>
              <td>612,500</td>
            </tr>
          </tbody>
        </table>
      }
    />,
  );
}

describe('a chart', () => {
  it('has a heading, a summary that describes it, and its data behind “Show the data”', async () => {
    renderChart();
    const figure = screen.getByRole('figure', { name: 'Costs by funding source' });
    expect(within(figure).getByRole('heading', { level: 3, name: 'Costs by funding source' })).toBeDefined();
    const image = within(figure).getByRole('img', { name: 'Costs by funding source' });
    expect(image.getAttribute('aria-describedby')).toBe('test-chart-summary test-chart-keys');
    expect(document.getElementById('test-chart-summary')?.textContent).toBe('The largest source of funding is the state budget.');
    const details = figure.querySelector('details');
    expect(details?.querySelector('summary')?.textContent).toBe('Show the data');
    expect(details?.querySelector('table')).not.toBeNull();
    // ECharts draws the bars as SVG, with the values written beside them.
    // ECharts is loaded on demand: under load that can take a few seconds.
    await waitFor(() => expect(image.querySelector('svg')).not.toBeNull(), { timeout: 10_000 });
    expect(image.textContent).toContain('€612,500.00');
    expect(image.textContent).toContain('Donors');
  });

  it('shows its table all the time when asked to', () => {
    renderChart(undefined, true);
    const figure = screen.getByRole('figure', { name: 'Costs by funding source' });
    expect(figure.querySelector('details')).toBeNull();
    expect(within(figure).getByRole('table', { name: 'Figures' })).toBeDefined();
  });

  it('is read bar by bar with the arrow keys, and opens a bar with Enter', async () => {
    const onOpen = vi.fn();
    renderChart(onOpen);
    const image = screen.getByRole('img', { name: 'Costs by funding source' });
    // ECharts is loaded on demand: under load that can take a few seconds.
    await waitFor(() => expect(image.querySelector('svg')).not.toBeNull(), { timeout: 10_000 });
    expect(image.tabIndex).toBe(0);
    expect(screen.getByText(/press Enter to list the activities of a bar/)).toBeDefined();
    const announcement = screen.getByTestId('chart-test-chart-announcement');
    fireEvent.keyDown(image, { key: 'ArrowRight' });
    expect(announcement.textContent).toBe('State budget: €612,500.00');
    fireEvent.keyDown(image, { key: 'ArrowRight' });
    expect(announcement.textContent).toBe('Donors: €518,000.00');
    fireEvent.keyDown(image, { key: 'ArrowRight' });
    expect(announcement.textContent).toBe('Donors: €518,000.00');
    fireEvent.keyDown(image, { key: 'Home' });
    expect(announcement.textContent).toBe('State budget: €612,500.00');
    fireEvent.keyDown(image, { key: 'Enter' });
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ category: 'state_budget', value: 612500 }));
    fireEvent.keyDown(image, { key: 'Escape' });
    expect(announcement.textContent).toBe('');
  });

  it('tells how to read it without promising to open anything when nothing opens', () => {
    renderChart();
    expect(
      screen.getByText('To read the chart from the keyboard, select it and use the arrow keys to move from bar to bar.'),
    ).toBeDefined();
  });
});
