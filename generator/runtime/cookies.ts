/**
 * Cookie parameters (`in: cookie`): sent in the `cookie` header, `name=value` with the value percent-encoded,
 * before the credential cookies already in it (an API key sent as a cookie, which replaces a parameter of its
 * name). Its own module, so that only the operations with cookie parameters ship it (`CookieParams` in `core.ts`).
 */
import type { CookieParams } from './core.js';

/** The cookie parameters of one call; `undefined` and `null` values are not sent. */
export function cookieParams(values: Record<string, unknown>): CookieParams {
  return {
    apply(headers: Headers): void {
      const credentials = headers.get('cookie');
      const taken = new Set(
        (credentials ?? '').split('; ').map((pair) => pair.slice(0, pair.indexOf('='))),
      );
      const pairs = Object.entries(values)
        .filter(([name, value]) => value !== undefined && value !== null && !taken.has(name))
        .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`);
      if (credentials) pairs.push(credentials);
      if (pairs.length) headers.set('cookie', pairs.join('; '));
    },
  };
}
