import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ElementDetail, StrategyOutline } from '../../editing/api.ts';
import { STRATEGY_API, editResult, outline } from '../../test/editing.ts';
import { errorBody, mockApi } from '../../test/fetch-mock.ts';
import { RiskHeatMap } from './RiskHeatMap.tsx';
import { RisksSection } from './RisksSection.tsx';

const RISKS: StrategyOutline['risks'] = [
  { id: 'RSK-1', category: 'political', likelihood: 3, impact: 4, description: 'Elections delay the plan.', version: 2 },
  { id: 'RSK-2', category: 'financial', likelihood: 3, impact: 4, description: 'Funds are cut.', version: 1 },
  { id: 'RSK-3', category: 'crisis', likelihood: 5, impact: 5, description: 'A pandemic closes shelters.', version: 1 },
];

function riskDetail(risk: StrategyOutline['risks'][number]): ElementDetail<'risk'> {
  const { version, ...data } = risk;
  return {
    kind: 'risk',
    code: risk.id,
    version,
    position: 0,
    data: { ...data, mitigation: `Mitigation of ${risk.id}`, owner: 'MOI' },
    editable: true,
    references: [],
  };
}

function withRisks(): StrategyOutline {
  return { ...outline(), risks: RISKS };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the risk heat map', () => {
  it('is a 5×5 table with likelihood in rows and impact in columns, each cell with its rating, count and codes', () => {
    render(<RiskHeatMap risks={RISKS} />);
    const table = screen.getByRole('table', { name: 'Risks by likelihood and impact' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(6);
    const columns = within(rows[0] as HTMLElement).getAllByRole('columnheader');
    expect(columns.map((cell) => cell.textContent)).toEqual([
      'Impact 1Negligible',
      'Impact 2Minor',
      'Impact 3Moderate',
      'Impact 4Major',
      'Impact 5Severe',
    ]);
    // Most likely first.
    const possible = within(table).getByRole('rowheader', { name: 'Likelihood 3 Possible' }).closest('tr') as HTMLElement;
    const cells = within(possible).getAllByRole('cell');
    expect(cells[3]?.textContent).toBe('High2 risksRSK-1, RSK-2');
    expect(cells[0]?.textContent).toBe('Low' + 'No risks');
    const certain = within(table).getByRole('rowheader', { name: 'Likelihood 5 Almost certain' }).closest('tr') as HTMLElement;
    expect(within(certain).getAllByRole('cell')[4]?.textContent).toBe('Very high1 riskRSK-3');
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent?.slice(0, 12)),
    ).toEqual(['Likelihood 5', 'Likelihood 4', 'Likelihood 3', 'Likelihood 2', 'Likelihood 1']);
    expect(screen.getByRole('list', { name: 'Rating bands' }).textContent).toContain('Very high: likelihood × impact 20–25');
  });
});

describe('the risk register', () => {
  it('lists the risks with mitigation and owner, adds one, and deletes one after asking', async () => {
    const requests = mockApi({
      ...Object.fromEntries(RISKS.map((risk) => [`GET ${STRATEGY_API}/elements/${risk.id}`, { status: 200, body: riskDetail(risk) }])),
      [`POST ${STRATEGY_API}/edits`]: editResult('RSK-4', 'risk', 1),
    });
    const onChanged = vi.fn();
    render(<RisksSection participant="DL" strategyId="NS-2021-2024" outline={withRisks()} editable onChanged={onChanged} />);
    const table = screen.getByRole('table', { name: '3 risks of the strategy' });
    await within(table).findAllByText('Mitigation of RSK-1');
    const row = within(table).getByRole('rowheader', { name: 'RSK-1' }).closest('tr') as HTMLElement;
    expect(within(row).getByText('Political')).toBeDefined();
    expect(within(row).getByText('3 – Possible')).toBeDefined();
    expect(within(row).getByText('4 – Major')).toBeDefined();
    expect(within(row).getByText('Ministry of Interior')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Add a risk' }));
    const form = screen.getByRole('region', { name: 'New risk' });
    fireEvent.change(within(form).getByLabelText('Code'), { target: { value: 'RSK-4' } });
    fireEvent.change(within(form).getByLabelText('Category'), { target: { value: 'legal' } });
    fireEvent.change(within(form).getByLabelText('Description'), { target: { value: 'The law on shelters is late.' } });
    fireEvent.change(within(form).getByLabelText('Likelihood'), { target: { value: '2' } });
    fireEvent.change(within(form).getByLabelText('Impact'), { target: { value: '5' } });
    expect(within(form).getByText('Rating: High.')).toBeDefined();
    fireEvent.change(within(form).getByRole('combobox', { name: 'Owner' }), { target: { value: 'safe' } });
    fireEvent.click(within(within(form).getByRole('listbox', { name: 'Owner' })).getByRole('option', { name: /Safe House/ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Save the risk' }));
    await screen.findByText('The risk RSK-4 has been added.');
    const posts = requests.filter((request) => request.method === 'POST');
    expect(posts.at(-1)?.body).toEqual({
      edits: [
        {
          op: 'create',
          kind: 'risk',
          data: { id: 'RSK-4', description: 'The law on shelters is late.', category: 'legal', likelihood: 2, impact: 5, owner: 'NGO1' },
        },
      ],
    });
    expect(onChanged).toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Delete RSK-2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, delete' }));
    await screen.findByText('The risk RSK-2 has been deleted.');
    expect(requests.filter((request) => request.method === 'POST').at(-1)?.body).toEqual({
      edits: [{ op: 'delete', kind: 'risk', code: 'RSK-2', version: 1 }],
    });
  });

  it('changes a risk over the version it was read at and shows the field the server refuses', async () => {
    const requests = mockApi({
      ...Object.fromEntries(RISKS.map((risk) => [`GET ${STRATEGY_API}/elements/${risk.id}`, { status: 200, body: riskDetail(risk) }])),
      [`POST ${STRATEGY_API}/edits`]: {
        status: 400,
        body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid.', [
          { path: 'edits[0].data.description', message: 'This field is required.' },
        ]),
      },
    });
    render(<RisksSection participant="DL" strategyId="NS-2021-2024" outline={withRisks()} editable onChanged={() => undefined} />);
    const edit = await screen.findByRole('button', { name: 'Edit RSK-1' });
    await waitFor(() => expect((edit as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(edit);
    const form = screen.getByRole('region', { name: 'Risk RSK-1' });
    expect((within(form).getByLabelText('Mitigation') as HTMLTextAreaElement).value).toBe('Mitigation of RSK-1');
    fireEvent.change(within(form).getByLabelText('Description'), { target: { value: ' ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the risk' }));
    const description = within(form).getByLabelText('Description');
    await waitFor(() => expect(description.getAttribute('aria-invalid')).toBe('true'));
    expect(requests.filter((request) => request.method === 'POST').at(-1)?.body).toMatchObject({
      edits: [{ op: 'update', kind: 'risk', code: 'RSK-1', version: 2 }],
    });
  });

  it('offers no changes when the strategy is frozen', async () => {
    mockApi(Object.fromEntries(RISKS.map((risk) => [`GET ${STRATEGY_API}/elements/${risk.id}`, { status: 200, body: riskDetail(risk) }])));
    render(<RisksSection participant="DL" strategyId="NS-2021-2024" outline={withRisks()} editable={false} onChanged={() => undefined} />);
    await screen.findAllByText('Mitigation of RSK-3');
    expect(screen.queryByRole('button', { name: 'Add a risk' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit RSK-1' })).toBeNull();
  });
});
