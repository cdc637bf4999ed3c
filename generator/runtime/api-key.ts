/**
 * API keys (`apiKey` security schemes): how a key is sent, in its header, query parameter or cookie, and how the
 * log hides it (the header shown as `***` like `authorization`, the query parameter's value in logged URLs).
 * Its own module, so that only packages with such a scheme ship it (`KeyPlacement` in `auth.ts`).
 */
import type { ApiKeyScheme, AuthParts, KeyPlacement } from './auth.js';
import { REDACTED } from './logging.js';

export const apiKeyPlacement: KeyPlacement = {
  send(parts: AuthParts, scheme: ApiKeyScheme, key: string): void {
    if (scheme.in === 'header') parts.headers.push([scheme.name, key]);
    else if (scheme.in === 'query') parts.query[scheme.name] = key;
    else {
      // several cookie keys share one header
      const pair = `${scheme.name}=${encodeURIComponent(key)}`;
      const cookie = parts.headers.find(([name]) => name === 'cookie');
      if (cookie) cookie[1] += `; ${pair}`;
      else parts.headers.push(['cookie', pair]);
    }
  },

  hidden(schemes: readonly ApiKeyScheme[]) {
    const query = new Set(schemes.filter((s) => s.in === 'query').map((s) => s.name));
    return {
      headers: schemes.filter((s) => s.in === 'header').map((s) => s.name.toLowerCase()),
      url: (url: string) => (query.size && url.includes('?') ? redactQuery(url, query) : url),
    };
  },
};

/** `url` with the value of each query parameter in `names` replaced by `***`. */
function redactQuery(url: string, names: ReadonlySet<string>): string {
  try {
    const parsed = new URL(url);
    for (const name of names) {
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, REDACTED);
    }
    return parsed.toString();
  } catch {
    return url.split('?')[0] + '?' + REDACTED;
  }
}
