/**
 * An operation's retry policy from the spec (`x-sdkforge-retries`, `x-speakeasy-retries`): the statuses it
 * retries, whether connection errors are, its backoff and count. Emitted code passes `retryPolicy({ … })` as
 * `RequestSpec.retry` for the operations that have one, so a package whose spec declares none ships none of this
 * (`retry.ts` holds the built-in rule).
 */
import {
  backoffDelay,
  builtInRetryRule,
  DEFAULT_BACKOFF,
  retryDelay,
  shouldRetry,
  type RetryBackoff,
  type RetryRuleFor,
} from './retry.js';

/** A range of statuses, as OpenAPI writes them. */
export type RetryStatusRange = '1XX' | '2XX' | '3XX' | '4XX' | '5XX';

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

/**
 * The rule a request of an operation with `policy` follows. `maxRetries` is the request's or the client's option,
 * when either is given: it wins over the policy's count (and a disabled policy then gives way to the built-in
 * rule); else the policy's count, else `defaultMaxRetries`.
 */
export function retryPolicy(policy: RetryPolicy): RetryRuleFor {
  if (policy.enabled === false)
    return (maxRetries, defaultMaxRetries) => builtInRetryRule(maxRetries ?? 0, defaultMaxRetries);
  const backoff = policy.backoff ?? DEFAULT_BACKOFF;
  const codes = policy.statusCodes;
  return (maxRetries, defaultMaxRetries) => ({
    maxRetries: maxRetries ?? policy.maxRetries ?? defaultMaxRetries,
    connectionErrors: policy.connectionErrors ?? true,
    retries: (response) => shouldRetry(response, codes && ((status) => isListed(status, codes))),
    wait: (attempt, startedAt, response) => {
      const ms = response ? retryDelay(response, attempt, backoff) : backoffDelay(attempt, backoff);
      const limit = backoff.maxElapsedMs;
      return limit !== undefined && Date.now() + ms - startedAt > limit ? undefined : ms;
    },
  });
}

/** Whether `status` is one of `codes`: exact, or in a range (`4XX`). */
function isListed(status: number, codes: readonly (number | RetryStatusRange)[]): boolean {
  return codes.some((code) =>
    typeof code === 'number'
      ? code === status
      : code[0] === String(status)[0] && status >= 100 && status < 600,
  );
}
