/**
 * Which failures a request retries, and how long it waits before each retry: the built-in rule (408, 409, 429
 * and 5xx, connection errors and timeouts, 0.5 s · 2^attempt capped at 8 s), which the send loop follows unless
 * the operation's request spec names a policy from the spec (`RequestSpec.retry`, `retryPolicy` in
 * `retry-policy.ts`, imported only by the operations that have one). Either way an `x-should-retry: true|false`
 * response header decides for its response, and `retry-after-ms` / `retry-after` (up to 60 s) is waited instead
 * of the backoff.
 */

/** Exponential backoff: `initialMs · exponent^attempt`, at most `maxMs`, minus up to 25 % jitter. */
export interface RetryBackoff {
  initialMs: number;
  maxMs: number;
  exponent: number;
  /** No retry is started that would begin more than this long after the first attempt. */
  maxElapsedMs?: number | undefined;
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

/**
 * The rule one request follows, from `maxRetries` (the request's or the client's option, when either is given)
 * and the default count: what `RequestSpec.retry` is, and what `builtInRetryRule` gives.
 */
export type RetryRuleFor = (maxRetries: number | undefined, defaultMaxRetries: number) => RetryRule;

export const DEFAULT_BACKOFF: RetryBackoff = { initialMs: 500, maxMs: 8000, exponent: 2 };
const MAX_RETRY_AFTER_MS = 60_000;

/** The built-in rule: 408, 409, 429 and 5xx, connection errors and timeouts, the default backoff. */
export const builtInRetryRule: RetryRuleFor = (maxRetries, defaultMaxRetries) => ({
  maxRetries: maxRetries ?? defaultMaxRetries,
  connectionErrors: true,
  retries: (response) => shouldRetry(response),
  wait: (attempt, _startedAt, response) =>
    response ? retryDelay(response, attempt) : backoffDelay(attempt),
});

/** `x-should-retry`, else whether `retried(status)` (absent: 408, 409, 429, 5xx). */
export function shouldRetry(
  response: Response,
  retried: (status: number) => boolean = (s) => s === 408 || s === 409 || s === 429 || s >= 500,
): boolean {
  const override = response.headers.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  return retried(response.status);
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
