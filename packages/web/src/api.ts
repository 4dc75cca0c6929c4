import type { Action, Role } from '@ariadne/domain';
import { currentLanguage, i18n } from './i18n.ts';

/** The signed-in person, as `GET /api/session` describes them. */
export type SessionUser = {
  id: number;
  email: string;
  displayName: string;
  language: string;
  /** Set while the user still signs in with a one-time password a coordinator handed out. */
  mustChangePassword?: boolean;
};

/** A Participant as the session and the switcher know it. */
export type ParticipantRef = { code: string; name: string; currency: string };

/** An institution reference carried by a focal point's role. */
export type InstitutionRef = { code: string; name: string };

/** One role the user holds in one Participant. */
export type SessionMembership = { participant: ParticipantRef; role: Role; institution: InstitutionRef | null };

/** What `GET /api/session` and `POST /api/session` return. */
export type SessionData = {
  user: SessionUser;
  memberships: SessionMembership[];
  abilities: Record<string, Action[]>;
  csrfToken: string;
};

/** `GET /api/participants/{code}`. */
export type ParticipantSummary = {
  code: string;
  name: string;
  currency: string;
  locale: string | null;
  institutionCount: number;
  userCount: number;
  /** The plan's estimated total cost in minor units, once the server reports it. */
  estimatedTotalCost?: number;
};

/** One row of `GET /api/participants/{code}/institutions`. */
export type Institution = { code: string; name: string; type: string; level: string; area: string | null };

/** One row of `GET /api/participants/{code}/users`. */
export type UserItem = {
  id: number;
  email: string;
  displayName: string;
  disabled: boolean;
  lastSignInAt: string | null;
  roles: { role: Role; institution: InstitutionRef | null }[];
};

/** One entry of the audit trail. */
export type AuditEntry = {
  id: number;
  at: string;
  actor: string | null;
  action: string;
  entity: string;
  entityId: string;
  /** The recorded state before and after, usually an object of fields; any JSON value is accepted. */
  before: unknown;
  after: unknown;
};

/** A problem with one named field, its message already in the reader's language. */
export type ApiIssue = { path: string; message: string };

/** A failed call: the server's error code and message, or a client-side one (`NETWORK`, `UNEXPECTED`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ApiIssue[];

  constructor(status: number, code: string, message: string, issues: ApiIssue[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

/** Reads a caught value as an ApiError, so every failure can be shown with a message. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'UNEXPECTED', i18n.t('app.errors.unexpected'));
}

/** Groups an error's field issues by field name, first message per field. */
export function issuesByField(error: ApiError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    // Paths may come as `email` or `$.email`; the form knows its fields by the bare name.
    const field = issue.path.replace(/^\$\.?/, '');
    if (!(field in fields)) fields[field] = issue.message;
  }
  return fields;
}

let csrfToken: string | null = null;
const unauthorizedListeners = new Set<(message: string) => void>();

/** Remembers the CSRF token of the current session, sent with every request that changes something. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Calls the listener whenever a request is refused because the session has ended; returns an unsubscribe function. */
export function onUnauthorized(listener: (message: string) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type RequestOptions = {
  /** Set for calls where 401 is an answer, not a lost session (reading or creating the session). */
  expectUnauthorized?: boolean;
  signal?: AbortSignal;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorFrom(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.code === 'string' && typeof error.message === 'string') {
    const issues = Array.isArray(error.issues)
      ? error.issues.filter(
          (issue): issue is ApiIssue => isRecord(issue) && typeof issue.path === 'string' && typeof issue.message === 'string',
        )
      : [];
    return new ApiError(status, error.code, error.message, issues);
  }
  // A proxy or gateway answered instead of Ariadne (no error body in Ariadne's shape).
  return new ApiError(status, 'UNEXPECTED', i18n.t('app.errors.unexpected'));
}

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', i18n.t('app.errors.network'));
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const error = errorFrom(response.status, parsed);
    if (response.status === 401 && !options.expectUnauthorized) {
      for (const listener of unauthorizedListeners) listener(error.message);
    }
    throw error;
  }
  if (response.status !== 204 && text !== '' && parsed === undefined) {
    throw new ApiError(response.status, 'UNEXPECTED', i18n.t('app.errors.unexpected'));
  }
  return parsed as T;
}

/** The JSON client for Ariadne's API: same-origin cookies, the reader's language, and the CSRF token on writes. */
export const api = {
  /** Reads a resource. */
  get: <T>(path: string, options: RequestOptions = {}) => request<T>('GET', path, undefined, options),
  /** Creates something. */
  post: <T>(path: string, body: unknown, options: RequestOptions = {}) => request<T>('POST', path, body, options),
  /** Changes some fields of something. */
  patch: <T>(path: string, body: unknown, options: RequestOptions = {}) => request<T>('PATCH', path, body, options),
  /** Replaces something. */
  put: <T>(path: string, body: unknown, options: RequestOptions = {}) => request<T>('PUT', path, body, options),
  /** Removes something. */
  delete: <T>(path: string, options: RequestOptions = {}) => request<T>('DELETE', path, undefined, options),
};

/** Builds a path under `/api/participants/{code}`, encoding the code. */
export function participantPath(code: string, rest = ''): string {
  return `/api/participants/${encodeURIComponent(code)}${rest}`;
}
