import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmail, signInAs, startTestServer, type Client, type TestServer } from '../testing.ts';

const STRATEGY = '/api/participants/DL/strategies/NS-2021-2024';
const BASE = `${STRATEGY}/consultations`;

let server: TestServer;
let coordinator: Client;
let observer: Client;
let focalPoint: Client;
let socialFocalPoint: Client;
let donor: Client;
let observerId: number;

type Comment = {
  id: number;
  parentId: number | null;
  element: string | null;
  part: string | null;
  text: string;
  author: string;
  institution: string | null;
  mine: boolean;
  decision: string | null;
  reason: string | null;
  changeElement: string | null;
  changeVersion: number | null;
};
type Detail = {
  id: number;
  document: string;
  state: string;
  publishedAt: string | null;
  publicPath: string;
  counts: Record<string, number>;
  invitees: { name: string; institution: string | null; userId: number | null }[];
  targets: { code: string; part: string | null }[];
  comments: Comment[];
  me: { invited: boolean; canComment: boolean };
};
type ErrorBody = { error: { code: string; issues?: { path: string; message: string }[] } };
const POLICE = 'General Police Directorate, Unit for Combating Trafficking in Human Beings and Migrant Smuggling';

function inFuture(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function documentStatus(document: string): Promise<string> {
  const response = await coordinator.request('GET', BASE);
  const documents = (response.json() as { documents: { document: string; status: string }[] }).documents;
  return documents.find((candidate) => candidate.document === document)?.status ?? '';
}

async function auditCount(action: string): Promise<number> {
  const rows = await server.database.db.selectFrom('audit_entries').select('id').where('action', '=', action).execute();
  return rows.length;
}

async function open(document: string, closesOn = inFuture(30)): Promise<Detail> {
  const response = await coordinator.request('POST', BASE, {
    document,
    title: `Consultation on ${document}`,
    closesOn,
    users: [observerId],
    institutions: ['POL'],
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Detail;
}

beforeAll(async () => {
  server = await startTestServer();
  coordinator = await signInAs(server.app, demoEmail('coordinator'));
  observer = await signInAs(server.app, demoEmail('observer'));
  focalPoint = await signInAs(server.app, 'focal.point@demoland.example');
  socialFocalPoint = await signInAs(server.app, 'social.focal.point@demoland.example');
  donor = await signInAs(server.app, demoEmail('donor'));
  const list = (await coordinator.request('GET', BASE)).json() as { candidates: { users: { id: number; name: string }[] } };
  observerId = list.candidates.users.find((user) => user.name === 'Elena Stojanovska')?.id ?? 0;
});
afterAll(async () => server?.close());

describe('a consultation from opening to the published log', () => {
  let consultation: Detail;

  it('opens on a draft action plan, putting it in consultation, with an audit entry', async () => {
    expect(await documentStatus('AP-2023-2024')).toBe('draft');
    const before = await auditCount('consultation.opened');
    consultation = await open('AP-2023-2024');
    expect(consultation.state).toBe('open');
    expect(consultation.invitees.map((invitee) => [invitee.institution, invitee.userId])).toEqual([
      ['POL', null],
      [null, observerId],
    ]);
    expect(consultation.targets.some((target) => target.part === 'costs')).toBe(true);
    expect(await documentStatus('AP-2023-2024')).toBe('consultation');
    expect(await auditCount('consultation.opened')).toBe(before + 1);
    expect(await auditCount('plan.status.changed')).toBeGreaterThan(0);
  });

  it('refuses a second open consultation on the same document and one on an adopted document', async () => {
    const again = await coordinator.request('POST', BASE, {
      document: 'AP-2023-2024',
      title: 'Again',
      closesOn: inFuture(5),
      users: [observerId],
    });
    expect((again.json() as ErrorBody).error.code).toBe('TRANSITION_NOT_ALLOWED');
    const adopted = await coordinator.request('POST', BASE, {
      document: 'AP-2021-2022',
      title: 'Late',
      closesOn: inFuture(5),
      users: [observerId],
    });
    expect(adopted.statusCode).toBe(409);
    expect((adopted.json() as ErrorBody).error.issues?.[0]?.message).toContain('adopted');
  });

  it('refuses a closing date in the past and a consultation without invitees, naming the fields', async () => {
    const response = await coordinator.request('POST', BASE, { document: 'strategy', title: 'x', closesOn: '2020-01-01' });
    expect(response.statusCode).toBe(400);
    expect((response.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['closesOn', 'invitees']);
  });

  it('takes comments from the observer invited personally and the focal point whose institution is invited', async () => {
    const observerView = (await observer.request('GET', `${BASE}/${consultation.id}`)).json() as Detail;
    expect(observerView.me).toEqual({ invited: true, canComment: true });
    const first = await observer.request('POST', `${BASE}/${consultation.id}/comments`, {
      element: 'A1.1.4',
      text: 'Add the labour inspectorate as a partner.',
    });
    expect(first.statusCode, first.body).toBe(200);
    const costs = await focalPoint.request('POST', `${BASE}/${consultation.id}/comments`, {
      element: 'A1.1.4',
      part: 'costs',
      text: 'The 2024 budget is too high for one training.',
    });
    expect(costs.statusCode, costs.body).toBe(200);
    const view = costs.json() as Detail;
    expect(view.comments.map((comment) => [comment.author, comment.institution, comment.part, comment.mine])).toEqual([
      ['Elena Stojanovska', null, null, false],
      ['Dragan Petrović', POLICE, 'costs', true],
    ]);
    consultation = view;
  });

  it('threads a reply under the comment it answers, about the same element', async () => {
    const parent = consultation.comments[0]!;
    const response = await focalPoint.request('POST', `${BASE}/${consultation.id}/comments`, {
      parent: parent.id,
      text: 'The police agree.',
    });
    expect(response.statusCode).toBe(200);
    const reply = (response.json() as Detail).comments.find((comment) => comment.parentId === parent.id);
    expect(reply).toMatchObject({ element: 'A1.1.4', text: 'The police agree.' });
    expect((response.json() as Detail).counts.total).toBe(2);
  });

  it('refuses who is not invited, who may not comment, and an element not in the document', async () => {
    const outsider = await socialFocalPoint.request('POST', `${BASE}/${consultation.id}/comments`, { text: 'May I?' });
    expect(outsider.statusCode).toBe(403);
    expect((outsider.json() as ErrorBody).error.code).toBe('NOT_INVITED');
    const donorAnswer = await donor.request('POST', `${BASE}/${consultation.id}/comments`, { text: 'May I?' });
    expect((donorAnswer.json() as ErrorBody).error.code).toBe('FORBIDDEN');
    const wrong = await observer.request('POST', `${BASE}/${consultation.id}/comments`, { element: 'G1', text: 'Not here' });
    expect(wrong.statusCode).toBe(400);
    expect((wrong.json() as ErrorBody).error.issues?.[0]).toMatchObject({
      path: 'element',
      message: expect.stringContaining('G1') as string,
    });
  });

  it('invites another institution while open, whose focal point may then comment', async () => {
    expect((await observer.request('POST', `${BASE}/${consultation.id}/invitees`, { institutions: ['MLSP'] })).statusCode).toBe(403);
    const unknown = await coordinator.request('POST', `${BASE}/${consultation.id}/invitees`, { institutions: ['NOPE'] });
    expect((unknown.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['institutions[0]']);
    const before = await auditCount('consultation.invited');
    const invited = await coordinator.request('POST', `${BASE}/${consultation.id}/invitees`, { institutions: ['MLSP', 'POL'] });
    expect(invited.statusCode, invited.body).toBe(200);
    expect((invited.json() as Detail).invitees.map((invitee) => invitee.institution)).toEqual(['POL', 'MLSP', null]);
    expect(await auditCount('consultation.invited')).toBe(before + 1);
    const view = (await socialFocalPoint.request('GET', `${BASE}/${consultation.id}`)).json() as Detail;
    expect(view.me).toEqual({ invited: true, canComment: true });
  });

  it('resolves one comment as accepted with its change and one as not accepted with a reason', async () => {
    const [first, costs] = consultation.comments.filter((comment) => comment.parentId === null);
    const noReason = await coordinator.request('PUT', `${BASE}/${consultation.id}/comments/${costs!.id}/resolution`, {
      decision: 'not_accepted',
    });
    expect(noReason.statusCode).toBe(400);
    expect((noReason.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['reason']);
    const reply = consultation.comments.find((comment) => comment.parentId !== null);
    const onReply = await coordinator.request('PUT', `${BASE}/${consultation.id}/comments/${reply?.id ?? 0}/resolution`, {
      decision: 'accepted',
    });
    expect(onReply.statusCode).toBe(400);
    expect((onReply.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['comment']);
    const before = await auditCount('consultation.resolved');
    const accepted = await coordinator.request('PUT', `${BASE}/${consultation.id}/comments/${first!.id}/resolution`, {
      decision: 'accepted',
      reason: 'The inspectorate joins as a partner.',
      changeElement: 'A1.1.4',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const rejected = await coordinator.request('PUT', `${BASE}/${consultation.id}/comments/${costs!.id}/resolution`, {
      decision: 'not_accepted',
      reason: 'The costs follow the ministry’s unit prices.',
    });
    const view = rejected.json() as Detail;
    expect(view.counts).toEqual({ accepted: 1, partly_accepted: 0, not_accepted: 1, unresolved: 0, total: 2 });
    expect(view.comments.find((comment) => comment.id === first!.id)).toMatchObject({ decision: 'accepted', changeElement: 'A1.1.4' });
    expect(await auditCount('consultation.resolved')).toBe(before + 2);
  });

  it('shows each commenter the status of their own comments', async () => {
    const view = (await focalPoint.request('GET', `${BASE}/${consultation.id}`)).json() as Detail;
    expect(view.comments.filter((comment) => comment.mine && comment.parentId === null).map((comment) => comment.decision)).toEqual([
      'not_accepted',
    ]);
  });

  it('freezes comments once closed, without adopting the document', async () => {
    const closed = await coordinator.request('POST', `${BASE}/${consultation.id}/close`);
    expect(closed.statusCode).toBe(200);
    expect((closed.json() as Detail).state).toBe('closed');
    expect(await documentStatus('AP-2023-2024')).toBe('consultation');
    const late = await observer.request('POST', `${BASE}/${consultation.id}/comments`, { text: 'One more thing' });
    expect(late.statusCode).toBe(409);
    expect((late.json() as ErrorBody).error.code).toBe('CONSULTATION_CLOSED');
    expect(((await observer.request('GET', `${BASE}/${consultation.id}`)).json() as Detail).me.canComment).toBe(false);
  });

  it('links a resolution to the version the document was adopted in', async () => {
    const plan = await server.database.db
      .selectFrom('action_plans')
      .select('version')
      .where('code', '=', 'AP-2023-2024')
      .executeTakeFirstOrThrow();
    const adopted = await coordinator.request('POST', `${STRATEGY}/status`, {
      document: 'AP-2023-2024',
      status: 'adopted',
      adoptedOn: '2026-06-30',
      version: plan.version,
    });
    expect(adopted.statusCode, adopted.body).toBe(200);
    const first = consultation.comments.find((comment) => comment.parentId === null)!;
    const unknown = await coordinator.request('PUT', `${BASE}/${consultation.id}/comments/${first.id}/resolution`, {
      decision: 'accepted',
      changeVersion: 9,
    });
    expect((unknown.json() as ErrorBody).error.issues?.map((issue) => issue.path)).toEqual(['changeVersion']);
    const linked = await coordinator.request('PUT', `${BASE}/${consultation.id}/comments/${first.id}/resolution`, {
      decision: 'accepted',
      reason: 'The inspectorate joins as a partner.',
      changeElement: 'A1.1.4',
      changeVersion: 1,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as Detail).comments.find((comment) => comment.id === first.id)).toMatchObject({
      changeElement: 'A1.1.4',
      changeVersion: 1,
    });
  });

  it('gives the resolution log as a Word file', async () => {
    const response = await coordinator.request('GET', `${BASE}/${consultation.id}/log.docx?language=en`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    for (const expected of [
      'Consultation report',
      'Add the labour inspectorate',
      'The police agree.',
      'unit prices',
      'Not accepted',
      'A1.1.4',
    ]) {
      expect(xml).toContain(expected);
    }
  });

  it('publishes the log on the portal in every language, and the portal forgets it once withdrawn', async () => {
    const unpublished = await server.app.inject({ method: 'GET', url: consultation.publicPath });
    expect(unpublished.statusCode).toBe(404);
    expect((await observer.request('PUT', `${BASE}/${consultation.id}/publication`, { published: true })).statusCode).toBe(403);
    const before = await auditCount('consultation.published');
    const published = await coordinator.request('PUT', `${BASE}/${consultation.id}/publication`, { published: true });
    expect((published.json() as Detail).publishedAt).not.toBeNull();
    expect(await auditCount('consultation.published')).toBe(before + 1);
    const english = await server.app.inject({ method: 'GET', url: `${consultation.publicPath}?lang=en` });
    expect(english.statusCode).toBe(200);
    expect(english.body).toContain('Add the labour inspectorate as a partner.');
    expect(english.body).toContain('The costs follow the ministry’s unit prices.');
    const macedonian = await server.app.inject({ method: 'GET', url: `${consultation.publicPath}?lang=mk` });
    expect(macedonian.body).toContain('lang="mk"');
    expect(macedonian.body).toContain('Не е прифатено');
    // The Participant's portal lists it, linked in the reader's language.
    const home = await server.app.inject({ method: 'GET', url: '/public/DL?lang=en' });
    expect(home.body).toContain('Consultations: how comments were taken into account');
    expect(home.body).toContain(`href="${consultation.publicPath}?lang=en"`);
    await coordinator.request('PUT', `${BASE}/${consultation.id}/publication`, { published: false });
    expect((await server.app.inject({ method: 'GET', url: consultation.publicPath })).statusCode).toBe(404);
    // Nothing else of Demoland is published in this test: its portal is gone again.
    expect((await server.app.inject({ method: 'GET', url: '/public/DL?lang=en' })).statusCode).toBe(404);
  });
});

describe('the closing date', () => {
  it('refuses comments after the closing date even when nobody closed the consultation', async () => {
    const created = await coordinator.request('POST', `${STRATEGY}/edits`, {
      edits: [
        { op: 'create', kind: 'action_plan', data: { id: 'AP-2027', title: 'Action plan 2027', start: '2027-01-01', end: '2027-12-31' } },
      ],
    });
    expect(created.statusCode, created.body).toBe(200);
    const consultation = await open('AP-2027');
    await server.database.db.updateTable('consultations').set({ closes_on: '2020-01-01' }).where('id', '=', consultation.id).execute();
    const late = await observer.request('POST', `${BASE}/${consultation.id}/comments`, { text: 'Too late' });
    expect((late.json() as ErrorBody).error.code).toBe('CONSULTATION_CLOSED');
    const view = (await coordinator.request('GET', `${BASE}/${consultation.id}`)).json() as Detail;
    expect(view.state).toBe('closed');
  });

  it('answers a stranger to the Participant as if the consultation did not exist', async () => {
    const response = await observer.request('GET', '/api/participants/WM/strategies/NS-2021-2024/consultations/1');
    expect(response.statusCode).toBe(404);
  });
});
