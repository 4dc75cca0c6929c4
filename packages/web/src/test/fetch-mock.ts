import { vi } from 'vitest';
import { abilitiesFor, type Role } from '@ariadne/domain';
import type { SessionData } from '../api.ts';

/** One request the application made, as the mock saw it. */
export type RecordedRequest = { method: string; path: string; headers: Record<string, string>; body: unknown };

/** What the mocked server answers. */
export type Reply = { status: number; body?: unknown };
/** Answers a request; a promise lets a test hold the answer back (a save still under way). */
type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

/**
 * Replaces `fetch` with a router of handlers keyed by "METHOD /path" (the query string is part of
 * the path). An unmatched request gets a 500 whose message names it, so that it shows on screen.
 */
export function mockApi(routes: Record<string, Reply | Handler>): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname + input.search : input.url;
    const method = init?.method ?? 'GET';
    const headers = { ...((init?.headers ?? {}) as Record<string, string>) };
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method, path, headers, body };
    requests.push(request);
    const route = routes[`${method} ${path}`];
    const reply: Reply =
      route === undefined
        ? { status: 500, body: errorBody('INTERNAL', `unmocked ${method} ${path}`) }
        : typeof route === 'function'
          ? await route(request)
          : route;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return requests;
}

/** A session as the server would send it for Ana, holding the given roles in Demoland. */
export function sessionFor(roles: { role: Role; institution?: { code: string; name: string } }[]): SessionData {
  return {
    user: { id: 1, email: 'ana@example.org', displayName: 'Ana Example', language: 'en' },
    memberships: roles.map((r) => ({
      participant: { code: 'DL', name: 'Demoland', currency: 'EUR' },
      role: r.role,
      institution: r.institution ?? null,
    })),
    abilities: abilitiesFor({
      userId: 1,
      memberships: roles.map((r) => ({ participant: 'DL', role: r.role, institution: r.institution?.code ?? null })),
    }),
    csrfToken: 'csrf-token-1',
  };
}

/** An error body in the server's shape; `current` is the stored element an edit conflict carries. */
export function errorBody(code: string, message: string, issues?: { path: string; message: string }[], current?: unknown) {
  return { error: { code, message, ...(issues ? { issues } : {}), ...(current !== undefined ? { current } : {}) } };
}

/** The participant summary the Home page reads. */
export const DEMOLAND = {
  code: 'DL',
  name: 'Demoland',
  currency: 'EUR',
  locale: null,
  institutionCount: 1234,
  userCount: 3,
};

/** Two institutions of Demoland. */
export const INSTITUTIONS = [
  { code: 'MOI', name: 'Ministry of Interior', type: 'government', level: 'national', area: null },
  { code: 'NGO1', name: 'Safe House', type: 'ngo', level: 'local', area: 'North' },
];
