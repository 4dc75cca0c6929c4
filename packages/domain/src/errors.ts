/**
 * One error taxonomy for the whole of Ariadne: a stable code, the HTTP status it maps to,
 * and parameters for the message people read. The message itself is looked up in the
 * reader's language at the edge (`errors.<CODE>` in the catalogues); `detail` is for the
 * log only and never reaches a response.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  WEAK_PASSWORD: 400,
  INVALID_CREDENTIALS: 401,
  SECOND_FACTOR_REQUIRED: 401,
  SECOND_FACTOR_INVALID: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  /** An element changed since the editor read it: the answer carries the stored element (`current`). */
  EDIT_CONFLICT: 409,
  /** An element cannot be deleted while something refers to it (the issues name what). */
  ELEMENT_IN_USE: 409,
  /** An adopted, expired or superseded document changes only through an open amendment. */
  DOCUMENT_FROZEN: 409,
  /** A change of status or an amendment that the document's life cycle does not allow now. */
  TRANSITION_NOT_ALLOWED: 409,
  /** Monitoring rounds are opened only for an adopted action plan. */
  DOCUMENT_NOT_ADOPTED: 409,
  /** Only a submitted report can be accepted or returned. */
  REPORT_NOT_SUBMITTED: 409,
  /** A report changed since it was read (another window, an upload): the version sent is stale. */
  REPORT_CHANGED: 409,
  /** A submitted or accepted report is read-only to its institution until it is returned. */
  REPORT_LOCKED: 409,
  /** A report is submitted only once its unusual values (flags, in `issues`) are confirmed. */
  REPORT_UNCONFIRMED: 409,
  /** An Excel reporting template uploaded for a report it was not made for. */
  TEMPLATE_OTHER_REPORT: 409,
  /** An Excel reporting template made for an earlier version of the report. */
  TEMPLATE_OUTDATED: 409,
  /** Commenting on a consultation needs an invitation (of the person or of their institution). */
  NOT_INVITED: 403,
  /** A consultation closed by the coordinator or past its closing date takes no more comments. */
  CONSULTATION_CLOSED: 409,
  /** A rapporteur's evaluation or independent report is changed by its author alone; a coordinator's, by coordinators. */
  EVALUATION_AUTHOR_ONLY: 403,
  PAYLOAD_TOO_LARGE: 413,
  /** An `Idempotency-Key` sent again with a different request (another body, route or address). */
  IDEMPOTENCY_KEY_REUSED: 422,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  /** The database cannot be reached (restarting, down, connections cut): nothing was changed, try again. */
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A problem with one field of the input, named by its path (`email`, `$.actionPlans[0].lead`, `row 12, column C`). */
export type FieldIssue = {
  path: string;
  /** A catalogue key under `issues.` with its parameters, so the issue can be shown in any language. */
  key: string;
  params?: Record<string, string | number>;
};

/** The stored version of an element that an edit conflicted with, so that both can be shown. */
export type ConflictingElement = { code: string; kind: string; version: number; data: unknown };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly issues: FieldIssue[];
  readonly detail: string | undefined;
  /** With EDIT_CONFLICT: the element as it is stored now. */
  readonly current: ConflictingElement | undefined;

  constructor(
    code: ErrorCode,
    options: {
      params?: Record<string, string | number>;
      issues?: FieldIssue[];
      detail?: string;
      cause?: unknown;
      current?: ConflictingElement;
    } = {},
  ) {
    super(options.detail ?? code, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.params = options.params ?? {};
    this.issues = options.issues ?? [];
    this.detail = options.detail;
    this.current = options.current;
  }
}

/** Tells whether a value is one of Ariadne's own errors. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
