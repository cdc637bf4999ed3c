/**
 * The error classes a generated client throws. Names and fields follow the official `openai` package so its
 * users find what they know: `APIError` with `status`, `headers`, `error`, `code`, `param`, `type`, `requestID`,
 * one subclass per well-known status, and the connection, timeout and user-abort errors.
 */
import { castToError, isRecord } from './util.js';

export class SDKError extends Error {
  override name = 'SDKError';
}

export class APIError extends SDKError {
  override name = 'APIError';
  /** HTTP status; undefined for errors that did not come from a response (connection, stream `error` events). */
  readonly status: number | undefined;
  readonly headers: Headers | undefined;
  /** The body's `error` object, or the whole parsed body when it has none. */
  readonly error: unknown;
  readonly code: string | null | undefined;
  readonly param: string | null | undefined;
  readonly type: string | undefined;
  /** The `x-request-id` response header. */
  readonly requestID: string | null | undefined;

  constructor(
    status: number | undefined,
    error: unknown,
    message: string | undefined,
    headers: Headers | undefined,
  ) {
    super(APIError.makeMessage(status, error, message));
    this.status = status;
    this.headers = headers;
    this.requestID = headers?.get('x-request-id');
    this.error = error;
    const data = isRecord(error) ? error : {};
    this.code =
      typeof data.code === 'string' || data.code === null
        ? data.code
        : data.code === undefined
          ? undefined
          : String(data.code);
    this.param = typeof data.param === 'string' || data.param === null ? data.param : undefined;
    this.type = typeof data.type === 'string' ? data.type : undefined;
  }

  private static makeMessage(
    status: number | undefined,
    error: unknown,
    message: string | undefined,
  ): string {
    const detail = isRecord(error)
      ? typeof error.message === 'string'
        ? error.message
        : JSON.stringify(error)
      : error !== undefined && error !== ''
        ? String(error)
        : message;
    if (status && detail) return `${status} ${detail}`;
    if (status) return `${status} status code (no body)`;
    return detail || message || '(no status code or body)';
  }

  /** Builds the subclass that matches `status`, from a parsed response body. */
  static generate(
    status: number | undefined,
    body: unknown,
    message: string | undefined,
    headers: Headers | undefined,
  ): APIError {
    const error = isRecord(body) && 'error' in body ? body.error : body;
    if (!status || !headers) return new APIConnectionError({ message, cause: castToError(body) });
    const Class = STATUS_ERRORS[status] ?? (status >= 500 ? InternalServerError : APIError);
    return new Class(status, error, message, headers);
  }
}

export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
export class ConflictError extends APIError {
  override name = 'ConflictError';
}
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
}
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

const STATUS_ERRORS: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

export class APIUserAbortError extends APIError {
  override name = 'APIUserAbortError';
  constructor({ message }: { message?: string } = {}) {
    super(undefined, undefined, message || 'Request was aborted.', undefined);
  }
}

export class APIConnectionError extends APIError {
  override name = 'APIConnectionError';
  constructor({ message, cause }: { message?: string | undefined; cause?: Error | undefined }) {
    super(undefined, undefined, message || 'Connection error.', undefined);
    if (cause) (this as { cause?: unknown }).cause = cause;
  }
}

export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
  constructor({ message }: { message?: string } = {}) {
    super({ message: message ?? 'Request timed out.' });
  }
}
