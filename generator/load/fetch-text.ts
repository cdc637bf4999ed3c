/**
 * Reading a spec or a `$ref`d file over http(s) within a bounded time. The bound covers connecting, the response
 * headers and the whole body; a failure says why in words a user acts on (no answer, connection refused, host not
 * found, an HTTP status).
 */

/** Milliseconds a spec URL or a remote `$ref` may take before loading fails (`--fetch-timeout`). */
export const DEFAULT_FETCH_TIMEOUT = 30_000;

/** A URL that could not be read; `reason` is a phrase such as `connection refused`. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url}: ${reason}`);
  }
}

/** `500 ms`, `30 s`, `1.5 s`. */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** The body of `url`; `abort` cancels the request early (when loading has failed elsewhere). */
export async function fetchBytes(url: string, timeoutMs: number = DEFAULT_FETCH_TIMEOUT, abort?: AbortSignal): Promise<Buffer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = abort ? AbortSignal.any([timeout, abort]) : timeout;
  try {
    const res = await fetch(url, { signal, redirect: 'follow' });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new FetchError(url, `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    }
    return Buffer.from(await res.arrayBuffer());
  } catch (err) {
    if (err instanceof FetchError) throw err;
    throw new FetchError(url, abort?.aborted ? 'cancelled' : fetchFailure(err, timeout.aborted, timeoutMs));
  }
}

export async function fetchText(url: string, timeoutMs: number = DEFAULT_FETCH_TIMEOUT, abort?: AbortSignal): Promise<string> {
  return (await fetchBytes(url, timeoutMs, abort)).toString('utf8');
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found (DNS lookup failed)',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_SOCKET: 'the connection was closed before the response ended',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate cannot be verified',
};

function fetchFailure(err: unknown, timedOut: boolean, timeoutMs: number): string {
  if (timedOut) return `no answer within ${formatDuration(timeoutMs)}`;
  // undici reports `TypeError: fetch failed` with the system error as its cause (sometimes an AggregateError)
  let cause = (err as { cause?: unknown }).cause ?? err;
  const aggregated = (cause as { errors?: unknown[] }).errors;
  if (Array.isArray(aggregated) && aggregated.length > 0) cause = aggregated[0];
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string' && REASONS[code]) return REASONS[code]!;
  const message = (cause as Error).message ?? String(cause);
  return typeof code === 'string' ? `${message} (${code})` : message;
}

/**
 * Whether `url` names this machine or a private network (loopback, RFC 1918, link-local, unique-local IPv6): a
 * spec fetched from a public host may not make sdkforge fetch such addresses.
 */
export function isInternalUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return true;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '0.0.0.0' || host === '::' || host === '::1') return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host)?.slice(1).map(Number);
  if (v4) {
    const [a, b] = v4 as [number, number];
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  return /^(fc|fd|fe8|fe9|fea|feb)/.test(host) || host.startsWith('::ffff:');
}
