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

/** One role the user holds in one Participant; a local coordinator's names the action plan they coordinate. */
export type SessionMembership = { participant: ParticipantRef; role: Role; institution: InstitutionRef | null; plan?: string | null };

/** What `GET /api/session` and `POST /api/session` return. */
export type SessionData = {
  user: SessionUser;
  memberships: SessionMembership[];
  abilities: Record<string, Action[]>;
  /** What the user may do only within one action plan, per Participant and plan code (a local coordinator). */
  planAbilities?: Record<string, Record<string, Action[]>>;
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
  /** Whether the account has two-step sign-in on (absent from older answers). */
  secondFactor?: boolean;
  roles: { role: Role; institution: InstitutionRef | null; plan?: string | null }[];
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

/** Where a strategy or an action plan is in its life, as the plan package names it. */
export type DocumentStatus = 'draft' | 'consultation' | 'adopted' | 'expired' | 'superseded';

/** An action plan as `GET /api/participants/{code}/strategies` lists it under its strategy. */
export type ActionPlanItem = { id: string; title: string; start: string; end: string; status: DocumentStatus };

/** One strategy of `GET /api/participants/{code}/strategies`, with its action plans. */
export type StrategyItem = {
  id: string;
  title: string;
  periodStart: number;
  periodEnd: number;
  status: DocumentStatus;
  actionPlans: ActionPlanItem[];
};

/** What `POST /api/plan-packages` answers after an import. */
export type ImportedPackage = { participant: string; strategy: string; actionPlans: string[] };

/** How much a review finding matters. */
export type FindingSeverity = 'error' | 'warning' | 'info';

/** `GET …/action-plans/{plan}/review`: the findings of the plan review, messages in the reader's language. */
export type PlanReview = {
  plan: string;
  findings: { rule: string; severity: FindingSeverity; subject: string | null; message: string }[];
  summary: { error: number; warning: number; info: number; byRule: Record<string, number> };
};

/** `GET …/action-plans/{plan}/finance`: amounts are decimal numbers in `currency`, shares between 0 and 1. */
export type PlanFinance = {
  plan: string;
  currency: string;
  total: number;
  byYear: Record<string, number>;
  byArea: Record<string, number>;
  bySource: Record<string, number>;
  byStatus: Record<string, number>;
  stateShare: number | null;
  fundingGap: number;
  ngoShare: number | null;
  unfundedActivities: string[];
};

/** Counts of activities per status (not_started, ongoing, completed, delayed, cancelled). */
export type ActivityStatusCounts = Record<string, number>;

/** `GET …/action-plans/{plan}/progress?asOf=`: activities, indicators and budget as of a date. */
export type PlanProgress = {
  plan: string;
  asOf: string;
  activities: {
    total: number;
    byStatus: ActivityStatusCounts;
    implementationRate: number | null;
    byArea: Record<string, ActivityStatusCounts>;
    items: { id: string; status: string }[];
  };
  indicators: {
    id: string;
    baseline: number | null;
    target: number | null;
    actual: number | null;
    progress: number | null;
    expected: number | null;
    status: string;
  }[];
  budget: { plannedToDate: number; spent: number; execution: number | null };
};

/** A problem with one named field, its message already in the reader's language. */
export type ApiIssue = { path: string; message: string };

/** A failed call: the server's error code and message, or a client-side one (`NETWORK`, `UNEXPECTED`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ApiIssue[];
  /** With `EDIT_CONFLICT`: the element as it is stored now, saved by someone else meanwhile. */
  readonly current: unknown;

  constructor(status: number, code: string, message: string, issues: ApiIssue[] = [], current: unknown = undefined) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.current = current;
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
    return new ApiError(status, error.code, error.message, issues, error.current);
  }
  // A proxy or gateway answered instead of Ariadne (no error body in Ariadne's shape).
  return new ApiError(status, 'UNEXPECTED', i18n.t('app.errors.unexpected'));
}

/**
 * Sends one request whose body, if any, is already JSON text: most calls serialise a value, but a
 * plan package is sent as the file's own text, so that megabytes are not parsed and written again.
 * A file of another kind (an Excel workbook) is sent as its bytes, in its own content type.
 */
async function send<T>(
  method: string,
  path: string,
  json: string | undefined,
  options: RequestOptions,
  file?: { body: Blob; type: string },
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  if (file !== undefined) headers['Content-Type'] = file.type;
  if (method !== 'GET' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: file?.body ?? json,
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

function request<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
  return send<T>(method, path, body === undefined ? undefined : JSON.stringify(body), options);
}

/** The JSON client for Ariadne's API: same-origin cookies, the reader's language, and the CSRF token on writes. */
export const api = {
  /** Reads a resource. */
  get: <T>(path: string, options: RequestOptions = {}) => request<T>('GET', path, undefined, options),
  /** Creates something from JSON text as it is, such as the contents of a file the user chose. */
  postJsonText: <T>(path: string, json: string, options: RequestOptions = {}) => send<T>('POST', path, json, options),
  /** Sends a file as its bytes, in the given content type (an Excel workbook). */
  postFile: <T>(path: string, file: Blob, type: string, options: RequestOptions = {}) =>
    send<T>('POST', path, undefined, options, { body: file, type }),
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
