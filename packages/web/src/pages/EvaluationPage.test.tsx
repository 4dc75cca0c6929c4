import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EVALUATION_CRITERIA, type Criteria } from '@ariadne/domain';
import { STRATEGY_API } from '../test/editing.ts';
import { errorBody, mockApi, sessionFor, type RecordedRequest } from '../test/fetch-mock.ts';
import { renderSignedIn } from '../test/signed-in.tsx';
import { EvaluationPage, type EvaluationDetail } from './EvaluationPage.tsx';

const PATH = `${STRATEGY_API}/evaluations/7`;

function criteria(): Criteria {
  return Object.fromEntries(
    EVALUATION_CRITERIA.map((criterion) => [criterion, { questions: [`What about ${criterion}?`], rating: null, justification: '' }]),
  ) as Criteria;
}

function detail(overrides: Partial<EvaluationDetail> = {}): EvaluationDetail {
  return {
    id: 7,
    kind: 'evaluation',
    authorName: 'Mira Kovač',
    authorRole: 'coordinator',
    editable: true,
    version: 3,
    updatedAt: '2025-03-01T10:00:00.000Z',
    content: {
      type: 'final',
      title: 'Final evaluation of the strategy',
      year: 2025,
      periodStart: '2021-01-01',
      periodEnd: '2024-12-31',
      evaluatorKind: 'independent',
      evaluatorName: null,
      terms: {
        purpose: 'To assess what the strategy achieved.',
        scope: 'All goals.',
        methods: ['document_review', 'interviews'],
        methodsNote: '',
        timeline: 'Within 2025.',
        deliverables: 'A report.',
        independence: 'No part in the strategy.',
      },
      criteria: criteria(),
      text: '',
      findings: '',
      conclusions: '',
    },
    recommendations: [
      {
        link: 31,
        code: 'REC-09',
        source: 'evaluation',
        year: 2025,
        text: 'Fund the shelters.',
        response: 'agree',
        action: 'Budget line in 2025.',
        responsible: 'MLSP',
        dueDate: '2025-01-31',
        actionStatus: 'in_progress',
        state: 'in_progress',
        overdue: true,
        version: 2,
      },
    ],
    institutions: [{ id: 'MLSP', name: 'Ministry of Labour and Social Policy' }],
    strategy: { id: 'NS-2021-2024', title: 'National Strategy 2021–2024' },
    ...overrides,
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

async function openPage() {
  await renderSignedIn(<EvaluationPage />, {
    path: '/strategies/NS-2021-2024/evaluations/7',
    route: '/strategies/:strategyId/evaluations/:evaluationId',
  });
  await screen.findByRole('heading', { level: 1, name: 'Final evaluation of the strategy' });
}

describe('an evaluation', () => {
  it('saves the edited terms of reference, ratings on the stated scale and findings', async () => {
    const requests: RecordedRequest[] = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: { status: 200, body: detail() },
      [`PUT ${PATH}`]: { status: 200, body: { version: 4 } },
    });
    await openPage();
    expect(
      screen.getAllByRole('table', { name: 'Each criterion is rated on a scale of 1 to 4, and each rating is justified:' }),
    ).toHaveLength(1);
    fireEvent.change(screen.getByLabelText('Purpose'), { target: { value: 'To learn for the next strategy.' } });
    fireEvent.click(screen.getByLabelText('Focus groups'));
    fireEvent.change(screen.getByLabelText('Questions on Relevance'), { target: { value: 'First question?\n\nSecond question?' } });
    fireEvent.change(screen.getByLabelText('Rating of Relevance'), { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('Justification of the rating of Relevance'), { target: { value: 'Fully aligned.' } });
    fireEvent.change(screen.getByLabelText('Findings'), { target: { value: 'Shelters were opened.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeDefined();
    const put = requests.find((request) => request.method === 'PUT')?.body as { version: number; content: EvaluationDetail['content'] };
    expect(put.version).toBe(3);
    expect(put.content.terms.purpose).toBe('To learn for the next strategy.');
    expect(put.content.terms.methods).toEqual(['document_review', 'interviews', 'focus_groups']);
    expect(put.content.criteria.relevance).toEqual({
      questions: ['First question?', 'Second question?'],
      rating: 4,
      justification: 'Fully aligned.',
    });
    expect(put.content.findings).toBe('Shelters were opened.');
  });

  it('shows a rapporteur’s record read-only to the coordinator, who still answers its recommendations', async () => {
    const requests: RecordedRequest[] = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'coordinator' }]) },
      [`GET ${PATH}`]: {
        status: 200,
        body: detail({ kind: 'independent_report', authorRole: 'rapporteur', authorName: 'Amra Hadžić', editable: false }),
      },
      [`PUT ${PATH}/recommendations/31/response`]: {
        status: 400,
        body: errorBody('VALIDATION_FAILED', 'Some fields need attention.', [{ path: 'responsible', message: 'Unknown institution.' }]),
      },
    });
    await openPage();
    expect(screen.getByText('Written by the rapporteur Amra Hadžić: only they can change it.')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add to the register' })).toBeNull();

    const item = screen.getByRole('article', { name: 'REC-09 Fund the shelters.' });
    expect(within(item).getByText('In progress', { selector: '.badge' })).toBeDefined();
    expect(within(item).getByText('Overdue', { selector: '.badge' })).toBeDefined();
    expect(within(item).getByText('Ministry of Labour and Social Policy', { selector: 'dd' })).toBeDefined();
    const form = within(item).getByRole('form', { name: 'Management response to REC-09' });
    fireEvent.change(within(form).getByLabelText('Status of the action'), { target: { value: 'done' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the response' }));
    expect(await within(form).findByText('Unknown institution.', { selector: '.field-error' })).toBeDefined();
    expect(requests.find((request) => request.method === 'PUT')?.body).toEqual({
      version: 2,
      response: 'agree',
      action: 'Budget line in 2025.',
      responsible: 'MLSP',
      dueDate: '2025-01-31',
      actionStatus: 'done',
    });
  });

  it('adds a recommendation to the register and reads the record again', async () => {
    let reads = 0;
    const requests: RecordedRequest[] = mockApi({
      'GET /api/session': { status: 200, body: sessionFor([{ role: 'rapporteur' }]) },
      [`GET ${PATH}`]: () => {
        reads += 1;
        return { status: 200, body: detail({ authorRole: 'rapporteur', recommendations: [] }) };
      },
      [`POST ${PATH}/recommendations`]: { status: 201, body: { code: 'REC-10', revision: 5 } },
    });
    await openPage();
    expect(screen.getByText('No recommendation yet.')).toBeDefined();
    // A rapporteur does not answer recommendations: that is the office's management response.
    expect(screen.queryByText('Record the management response')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add to the register' }));
    expect(screen.getByText('Required.', { exact: false })).toBeDefined();
    fireEvent.change(screen.getByLabelText('Recommendation'), { target: { value: 'Train labour inspectors.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add to the register' }));
    await waitFor(() => expect(reads).toBe(2));
    expect(requests.filter((request) => request.method === 'POST').map((request) => request.body)).toEqual([
      { text: 'Train labour inspectors.' },
    ]);
  });
});
