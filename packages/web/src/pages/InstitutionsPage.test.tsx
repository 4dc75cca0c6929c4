import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INSTITUTIONS, errorBody, mockApi, sessionFor, type RecordedRequest } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { InstitutionsPage } from './InstitutionsPage.tsx';

const COORDINATOR = sessionFor([{ role: 'coordinator' }]);
const OBSERVER = sessionFor([{ role: 'observer' }]);
const LIST = 'GET /api/participants/DL/institutions';
const REGISTER = [
  { ...INSTITUTIONS[0], version: 3 },
  { ...INSTITUTIONS[1], version: 1 },
  { code: 'MUN-N', name: 'Municipality of North', type: 'local_government', level: 'local', area: 'North', version: 1 },
];

function writes(requests: RecordedRequest[]): { method: string; path: string; body: unknown }[] {
  return requests.filter((request) => request.method !== 'GET').map(({ method, path, body }) => ({ method, path, body }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the institutions register', () => {
  it('searches by name, code or area, and filters by type and level', async () => {
    mockApi({ 'GET /api/session': { status: 200, body: OBSERVER }, [LIST]: { status: 200, body: { items: REGISTER } } });
    await renderSignedIn(<InstitutionsPage />);
    await screen.findByText('3 institutions');
    // Safe House by its area, the municipality by its name.
    fireEvent.change(screen.getByLabelText('Search by name or code'), { target: { value: 'north' } });
    expect(screen.getByText('Showing 2 of 3 institutions')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Search by name or code'), { target: { value: 'mun-n' } });
    expect(screen.getByText('Showing 1 of 3 institutions')).toBeDefined();
    fireEvent.change(screen.getByLabelText('Search by name or code'), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Level' }), { target: { value: 'local' } });
    expect(screen.getByText('Showing 2 of 3 institutions')).toBeDefined();
    // Reading only: no form.
    expect(screen.queryByRole('button', { name: 'Add an institution' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit MOI' })).toBeNull();
  });

  it('adds an institution, asking for the area only below the national level', async () => {
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      [LIST]: { status: 200, body: { items: REGISTER } },
      'POST /api/participants/DL/institutions': { status: 201, body: {} },
    });
    await renderSignedIn(<InstitutionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add an institution' }));
    const form = screen.getByRole('region', { name: 'New institution' });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(form).getByLabelText('Code').getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(writes(requests)).toEqual([]);

    expect(within(form).queryByLabelText('Area')).toBeNull();
    fireEvent.change(within(form).getByLabelText('Code'), { target: { value: 'CSW-S' } });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Centre for Social Work South' } });
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'social_services' } });
    fireEvent.change(within(form).getByLabelText('Level'), { target: { value: 'local' } });
    fireEvent.change(within(form).getByLabelText('Area'), { target: { value: 'South' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('CSW-S has been added to the register.');
    expect(writes(requests)).toEqual([
      {
        method: 'POST',
        path: '/api/participants/DL/institutions',
        body: { id: 'CSW-S', name: 'Centre for Social Work South', type: 'social_services', level: 'local', area: 'South' },
      },
    ]);
  });

  it('changes an institution with the version it was listed at, and shows a refused field', async () => {
    let attempt = 0;
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      [LIST]: { status: 200, body: { items: REGISTER } },
      'PUT /api/participants/DL/institutions/MOI': () =>
        ++attempt === 1
          ? {
              status: 400,
              body: errorBody('VALIDATION_FAILED', 'Some of the information is not valid.', [{ path: 'name', message: 'Too long.' }]),
            }
          : { status: 200, body: {} },
    });
    await renderSignedIn(<InstitutionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit MOI' }));
    const form = screen.getByRole('region', { name: 'Change Ministry of Interior' });
    expect(within(form).queryByLabelText('Code')).toBeNull();
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Ministry of the Interior' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByText('Too long.')).toBeDefined();
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByText('The changes to MOI have been saved.');
    expect(writes(requests).at(-1)).toEqual({
      method: 'PUT',
      path: '/api/participants/DL/institutions/MOI',
      body: { id: 'MOI', name: 'Ministry of the Interior', type: 'government', level: 'national', version: 3 },
    });
  });

  it('shows both versions when someone else changed the institution meanwhile, and saves mine over theirs', async () => {
    let attempt = 0;
    const requests = mockApi({
      'GET /api/session': { status: 200, body: COORDINATOR },
      [LIST]: { status: 200, body: { items: REGISTER } },
      'PUT /api/participants/DL/institutions/MOI': () =>
        ++attempt === 1
          ? {
              status: 409,
              body: errorBody('EDIT_CONFLICT', 'Someone else has changed this in the meantime.', undefined, {
                code: 'MOI',
                kind: 'institution',
                version: 4,
                data: { id: 'MOI', name: 'Ministry of Internal Affairs', type: 'government', level: 'national' },
              }),
            }
          : { status: 200, body: {} },
    });
    await renderSignedIn(<InstitutionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit MOI' }));
    const form = screen.getByRole('region', { name: 'Change Ministry of Interior' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Ministry of the Interior' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const panel = await screen.findByRole('region', { name: 'Someone else saved this element in the meantime' });
    const name = within(panel).getByRole('rowheader', { name: /^Name/ }).closest('tr') as HTMLElement;
    expect(
      within(name)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Ministry of the Interior', 'Ministry of Internal Affairs']);
    fireEvent.click(within(panel).getByRole('button', { name: 'Keep my version' }));
    await screen.findByText('The changes to MOI have been saved.');
    expect(writes(requests).map((write) => (write.body as { version: number }).version)).toEqual([3, 4]);
  });
});
