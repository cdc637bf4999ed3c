/**
 * Which failures a request retries, and how long it waits before each retry: the built-in rule (408, 409, 429
 * and 5xx, connection errors and timeouts, 0.5 s · 2^attempt capped at 8 s), or the operation's policy from the
 * spec (`x-sdkforge-retries`, `x-speakeasy-retries`), which emitted code passes as `RequestSpec.retry`. Either
 * way an `x-should-retry: true|false` response header decides for its response, and `retry-after-ms` /
 * `retry-after` (up to 60 s) is waited instead of the backoff.
 */

/** A range of statuses, as OpenAPI writes them. */
export type RetryStatusRange = '1XX' | '2XX' | '3XX' | '4XX' | '5XX';

/** Exponential backoff: `initialMs · exponent^attempt`, at most `maxMs`, minus up to 25 % jitter. */
export interface RetryBackoff {
  initialMs: number;
  maxMs: number;
  exponent: number;
  /** No retry is started that would begin more than this long after the first attempt. */
  maxElapsedMs?: number | undefined;
}

/** An operation's retry policy, from the spec. */
export interface RetryPolicy {
  /**
   * `false`: the spec disables retries for the operation. It is then retried only when `maxRetries` is passed
   * (client or request option), by the built-in rule.
   */
  enabled?: boolean | undefined;
  /** The statuses retried. Absent: the built-in ones (408, 409, 429, 5xx). */
  statusCodes?: readonly (number | RetryStatusRange)[] | undefined;
  /** Whether a connection error or timeout is retried. Absent: yes. */
  connectionErrors?: boolean | undefined;
  /** Absent: the built-in backoff. */
  backoff?: RetryBackoff | undefined;
  /** The retries made when neither the request nor the client options give `maxRetries`. */
  maxRetries?: number | undefined;
}

/** What the send loop asks: how often to retry, which failures, and how long to wait. */
export interface RetryRule {
  maxRetries: number;
  connectionErrors: boolean;
  retries(response: Response): boolean;
  /**
   * Milliseconds to wait before retry number `attempt + 1`, or `undefined` when the policy's `maxElapsedMs`
   * (counted from `startedAt`) would be exceeded by it.
   */
  wait(attempt: number, startedAt: number, response?: Response): number | undefined;
}

export const DEFAULT_BACKOFF: RetryBackoff = { initialMs: 500, maxMs: 8000, exponent: 2 };
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * The rule one request follows. `maxRetries` is the request's or the client's option, when either is given: it
 * wins over the policy's count (and a disabled policy then gives way to the built-in rule); else the policy's
 * count, else `defaultMaxRetries`.
 */
export function retryRule(
  policy: RetryPolicy | undefined,
  maxRetries: number | undefined,
  defaultMaxRetries: number,
): RetryRule {
  const disabled = policy?.enabled === false;
  const own = disabled ? undefined : policy;
  const backoff = own?.backoff ?? DEFAULT_BACKOFF;
  return {
    maxRetries: maxRetries ?? (disabled ? 0 : (policy?.maxRetries ?? defaultMaxRetries)),
    connectionErrors: own?.connectionErrors ?? true,
    retries: (response) => shouldRetry(response, own?.statusCodes),
    wait: (attempt, startedAt, response) => {
      const ms = response ? retryDelay(response, attempt, backoff) : backoffDelay(attempt, backoff);
      const limit = backoff.maxElapsedMs;
      return limit !== undefined && Date.now() + ms - startedAt > limit ? undefined : ms;
    },
  };
}

/** `x-should-retry`, else whether the status is one of `statusCodes` (absent: 408, 409, 429, 5xx). */
export function shouldRetry(
  response: Response,
  statusCodes?: readonly (number | RetryStatusRange)[] | undefined,
): boolean {
  const override = response.headers.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  const s = response.status;
  if (!statusCodes) return s === 408 || s === 409 || s === 429 || s >= 500;
  return statusCodes.some((code) =>
    typeof code === 'number' ? code === s : code[0] === String(s)[0] && s >= 100 && s < 600,
  );
}

/** `initialMs · exponent^attempt`, capped at `maxMs`, minus up to 25 % jitter (0.5 s · 2^attempt up to 8 s by default). */
export function backoffDelay(attempt: number, backoff: RetryBackoff = DEFAULT_BACKOFF): number {
  const base = Math.min(backoff.initialMs * backoff.exponent ** attempt, backoff.maxMs);
  return base * (1 - Math.random() * 0.25);
}

/** `retry-after-ms`, then `retry-after` (seconds or an HTTP date), when between 0 and 60 s; else backoff. */
export function retryDelay(
  response: Response,
  attempt: number,
  backoff: RetryBackoff = DEFAULT_BACKOFF,
): number {
  const ms = Number.parseFloat(response.headers.get('retry-after-ms') ?? '');
  let wait = Number.isFinite(ms) ? ms : undefined;
  const after = response.headers.get('retry-after');
  if (wait === undefined && after) {
    const seconds = Number.parseFloat(after);
    wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(after) - Date.now();
  }
  if (wait !== undefined && Number.isFinite(wait) && wait >= 0 && wait <= MAX_RETRY_AFTER_MS)
    return wait;
  return backoffDelay(attempt, backoff);
}
