import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App.tsx';
import { errorBody, mockApi, sessionFor, type RecordedRequest } from '../test/fetch-mock.ts';
import { MAX_PACKAGE_BYTES } from './ImportPlanPage.tsx';

const EDITOR = sessionFor([{ role: 'editor' }]);
const PACKAGE = { format: 'ariadne.plan-package', version: 1, participant: { code: 'DL' }, strategy: { id: 'NS-2021-2024' } };
const PACKAGE_TEXT = JSON.stringify(PACKAGE, null, 2);
const IMPORTED = { participant: 'DL', strategy: 'NS-2021-2024', actionPlans: ['AP-2021-2022', 'AP-2023-2024'] };

async function openImport() {
  render(
    <MemoryRouter initialEntries={['/plans/import']}>
      <App />
    </MemoryRouter>,
  );
  return screen.findByLabelText('Plan package file (.json)');
}

function choose(input: HTMLElement, text: string, name = 'demoland.plan.json'): File {
  const file = new File([text], name, { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
  return file;
}

function posts(requests: RecordedRequest[]) {
  return requests.filter((r) => r.method === 'POST');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('importing a plan package', () => {
  it('sends the file as it is and shows the summary with links', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: EDITOR },
      'POST /api/plan-packages?replace=false': { status: 201, body: IMPORTED },
    });
    const input = await openImport();
    expect(screen.getByText(/A plan package is one JSON file/)).toBeDefined();
    expect((screen.getByLabelText('Replace the strategy if it already exists') as HTMLInputElement).checked).toBe(false);
    choose(input, PACKAGE_TEXT);
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    const status = screen.getByRole('status');
    await within(status).findByRole('heading', { name: 'The plan package has been imported' });
    expect(within(status).getByText('Demoland (DL)')).toBeDefined();
    expect(within(status).getByRole('link', { name: 'NS-2021-2024' }).getAttribute('href')).toBe('/plans');
    expect(within(status).getByRole('link', { name: 'AP-2021-2022' }).getAttribute('href')).toBe('/plans/AP-2021-2022');
    expect(within(status).getByRole('link', { name: 'AP-2023-2024' }).getAttribute('href')).toBe('/plans/AP-2023-2024');

    const [post] = posts(requests);
    expect(post?.headers['Content-Type']).toBe('application/json');
    expect(post?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    expect(post?.body).toEqual(PACKAGE);
  });

  it('lists every problem the server found with its path, and the count', async () => {
    const issues = [
      { path: '$.actionPlans[0].activities[3].lead', message: 'No institution with this id is listed in the package.' },
      { path: '$.strategy.periodEnd', message: 'This field is required.' },
    ];
    mockApi({
      'GET /api/session': { status: 200, body: EDITOR },
      'POST /api/plan-packages?replace=false': {
        status: 400,
        body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid. Please check the marked fields.', issues),
      },
    });
    const input = await openImport();
    choose(input, PACKAGE_TEXT);
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Some of the information is not valid. Please check the marked fields.')).toBeDefined();
    expect(within(alert).getByRole('heading', { name: '2 problems found' })).toBeDefined();
    const list = within(alert).getByRole('region', { name: '2 problems found' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const path = within(items[0] as HTMLElement).getByText('$.actionPlans[0].activities[3].lead');
    expect(path.tagName).toBe('CODE');
    expect(within(items[0] as HTMLElement).getByText('No institution with this id is listed in the package.')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Replace the existing strategy' })).toBeNull();
  });

  it('lists the first 200 of many problems', async () => {
    const issues = Array.from({ length: 450 }, (_, index) => ({ path: `$.actionPlans[0].activities[${index}].lead`, message: 'Unknown.' }));
    mockApi({
      'GET /api/session': { status: 200, body: EDITOR },
      'POST /api/plan-packages?replace=false': { status: 400, body: errorBody('VALIDATION_FAILED', 'Not valid.', issues) },
    });
    const input = await openImport();
    choose(input, PACKAGE_TEXT);
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    const list = await screen.findByRole('region', { name: '450 problems found' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(200);
    expect(screen.getByText('The first 200 are listed here.')).toBeDefined();
  });

  it('offers to replace a strategy that exists, and resubmits with replace=true after confirmation', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: EDITOR },
      'POST /api/plan-packages?replace=false': {
        status: 409,
        body: errorBody('ALREADY_EXISTS', 'This already exists.', [
          { path: '$.strategy.id', message: 'DL already has a strategy NS-2021-2024.' },
        ]),
      },
      'POST /api/plan-packages?replace=true': { status: 201, body: IMPORTED },
    });
    const input = await openImport();
    choose(input, PACKAGE_TEXT);
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));

    const offer = await screen.findByRole('button', { name: 'Replace the existing strategy' });
    expect(screen.getByText('The strategy NS-2021-2024 already exists. You can replace it with the strategy in this file.')).toBeDefined();
    expect(posts(requests)).toHaveLength(1);
    fireEvent.click(offer);
    const confirm = screen.getByRole('group', { name: /^Replace the strategy NS-2021-2024\?/ });
    const yes = within(confirm).getByRole('button', { name: 'Yes, replace it' });
    await waitFor(() => expect(document.activeElement).toBe(yes));
    fireEvent.click(yes);

    await screen.findByRole('heading', { name: 'The plan package has been imported' });
    expect(posts(requests).map((r) => r.path)).toEqual(['/api/plan-packages?replace=false', '/api/plan-packages?replace=true']);
    expect(posts(requests)[1]?.body).toEqual(PACKAGE);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sends replace=true at once when the box is ticked', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: EDITOR },
      'POST /api/plan-packages?replace=true': { status: 201, body: IMPORTED },
    });
    const input = await openImport();
    choose(input, PACKAGE_TEXT);
    fireEvent.click(screen.getByLabelText('Replace the strategy if it already exists'));
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    await screen.findByRole('heading', { name: 'The plan package has been imported' });
    expect(posts(requests).map((r) => r.path)).toEqual(['/api/plan-packages?replace=true']);
  });

  it('refuses a missing, empty, oversized or non-JSON file before sending anything', async () => {
    const requests = mockApi({ 'GET /api/session': { status: 200, body: EDITOR } });
    const input = await openImport();
    const submit = screen.getByRole('button', { name: 'Import' });
    const error = () => document.getElementById('package-file-error')?.textContent;

    fireEvent.click(submit);
    await waitFor(() => expect(error()).toBe('Please choose a plan package file.'));
    expect(input.getAttribute('aria-invalid')).toBe('true');

    choose(input, '');
    fireEvent.click(submit);
    await waitFor(() => expect(error()).toBe('The file is empty.'));

    const large = new File(['{}'], 'huge.plan.json', { type: 'application/json' });
    Object.defineProperty(large, 'size', { value: MAX_PACKAGE_BYTES + 1 });
    fireEvent.change(input, { target: { files: [large] } });
    fireEvent.click(submit);
    await waitFor(() => expect(error()).toBe('The file is larger than 20 MB.'));

    choose(input, 'format,version\nariadne,1', 'plan.csv');
    fireEvent.click(submit);
    await waitFor(() =>
      expect(error()).toBe(
        'The file “plan.csv” is not a JSON file, so it cannot be a plan package. Please choose the .json file of the plan package.',
      ),
    );
    expect(posts(requests)).toHaveLength(0);
  });
});
