import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorBody, mockApi } from '../test/fetch-mock.ts';
import { ReportExcel } from './ReportExcel.tsx';

const REPORT = '/api/participants/DL/action-plans/AP-2021-2022/rounds/2022-H2/reports/POL';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

afterEach(() => {
  vi.unstubAllGlobals();
});

function show(canUpload = true) {
  const onUploaded = vi.fn();
  render(
    <ReportExcel participant="DL" plan="AP-2021-2022" round="2022-H2" institution="POL" canUpload={canUpload} onUploaded={onUploaded} />,
  );
  return onUploaded;
}

function choose(name = 'filled.xlsx') {
  const file = new File(['PK'], name, { type: XLSX });
  fireEvent.change(screen.getByLabelText('Filled Excel template (.xlsx)'), { target: { files: [file] } });
  fireEvent.click(screen.getByRole('button', { name: 'Upload the filled template' }));
}

describe('ReportExcel', () => {
  it('links to the template in the reader’s language, without an upload for those who cannot fill the report in', () => {
    mockApi({});
    show(false);
    expect(screen.getByRole('link', { name: 'Download the Excel template' }).getAttribute('href')).toBe(
      `${REPORT}/template.xlsx?language=en`,
    );
    expect(screen.queryByLabelText('Filled Excel template (.xlsx)')).toBeNull();
  });

  it('asks for a file before sending anything', () => {
    const requests = mockApi({});
    show();
    fireEvent.click(screen.getByRole('button', { name: 'Upload the filled template' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose the filled Excel file first.');
    expect(screen.getByLabelText('Filled Excel template (.xlsx)')).toBe(document.activeElement);
    expect(requests).toEqual([]);
  });

  it('sends the file as a workbook and says it was saved, with the values to confirm later', async () => {
    const requests = mockApi({
      [`POST ${REPORT}/template`]: {
        status: 200,
        body: {
          unchanged: false,
          version: 3,
          status: 'draft',
          flags: [{ path: 'Indicators!G7', message: '45 is far from the last round’s value (3). Is that right?' }],
        },
      },
    });
    const onUploaded = show();
    choose();
    expect(await screen.findByText('Saved from the Excel file.')).toBeTruthy();
    expect(screen.getByText('Indicators!G7')).toBeTruthy();
    expect(onUploaded).toHaveBeenCalledTimes(1);
    expect(requests[0]?.headers['Content-Type']).toBe(XLSX);
  });

  it('says when the same file was already applied', async () => {
    mockApi({ [`POST ${REPORT}/template`]: { status: 200, body: { unchanged: true, version: 3, status: 'draft', flags: [] } } });
    const onUploaded = show();
    choose();
    expect(await screen.findByText('This file was already applied; nothing changed.')).toBeTruthy();
    expect(onUploaded).not.toHaveBeenCalled();
  });

  it('lists every problem by sheet, row and column in a table, and brings the reader to it', async () => {
    mockApi({
      [`POST ${REPORT}/template`]: {
        status: 400,
        body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid.', [
          { path: 'Activities!I5', message: 'Expected a number, such as 1234.50 or 1.234,50.' },
          { path: 'Indicators!G12', message: 'The parts by sex add up to 7, but the total is 10.' },
        ]),
      },
    });
    const onUploaded = show();
    choose();
    const table = await screen.findByRole('table', { name: 'Problems of the uploaded file, by sheet, row and column' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) =>
        within(row)
          .getAllByRole(row.querySelector('th') ? 'columnheader' : 'cell')
          .map((cell) => cell.textContent),
      );
    expect(rows).toEqual([
      ['Sheet', 'Row', 'Column', 'Problem'],
      ['Activities', '5', 'I', 'Expected a number, such as 1234.50 or 1.234,50.'],
      ['Indicators', '12', 'G', 'The parts by sex add up to 7, but the total is 10.'],
    ]);
    const summary = screen.getByRole('alert');
    // The summary takes the focus once it is drawn (an effect after the render).
    await waitFor(() => expect(summary).toBe(document.activeElement));
    expect(summary.textContent).toContain('The file has 2 problems. Nothing was saved.');
    expect(onUploaded).not.toHaveBeenCalled();
  });

  it('shows a refusal of the whole file with its message', async () => {
    mockApi({
      [`POST ${REPORT}/template`]: {
        status: 409,
        body: errorBody('TEMPLATE_OUTDATED', 'This template is an old version: the report has changed since it was downloaded.'),
      },
    });
    show();
    choose();
    expect((await screen.findByRole('alert')).textContent).toContain('This template is an old version');
    expect(screen.queryByRole('table')).toBeNull();
  });
});
