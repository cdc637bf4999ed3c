import { json, startServer, type TestServer } from '../../test/helpers/server.js';
import { apiKeyPlacement } from './api-key.js';
import type { AuthSchemes } from './auth.js';
import { basicCredential } from './basic-auth.js';
import { cookieParams } from './cookies.js';
import { ClientCore, type RequestSpec } from './core.js';
import { SDKError } from './errors.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { ok: true }));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle((_req, res) => json(res, 200, { ok: true }));
});

const schemes: AuthSchemes = {
  bearerAuth: { kind: 'bearer', option: 'bearerAuth', env: 'AUTHTEST_BEARER_AUTH', apiKey: true },
  basicAuth: { kind: 'basic', credential: basicCredential, option: 'basicAuth', env: 'AUTHTEST_BASIC_AUTH' },
  headerKey: { kind: 'apiKey', in: 'header', name: 'X-API-Key', placement: apiKeyPlacement, option: 'headerKey', env: 'AUTHTEST_HEADER_KEY' },
  queryKey: { kind: 'apiKey', in: 'query', name: 'api_key', placement: apiKeyPlacement, option: 'queryKey', env: 'AUTHTEST_QUERY_KEY' },
  cookieKey: { kind: 'apiKey', in: 'cookie', name: 'session', placement: apiKeyPlacement, option: 'cookieKey', env: 'AUTHTEST_COOKIE_KEY' },
  oauth: { kind: 'oauth2', option: 'oauth', env: 'AUTHTEST_OAUTH' },
  oidc: { kind: 'openIdConnect', option: 'oidc', env: 'AUTHTEST_OIDC' },
};

const ENV = ['AUTHTEST_API_KEY', ...Object.values(schemes).flatMap((s) => (s.kind === 'basic' ? [`${s.env}_USERNAME`, `${s.env}_PASSWORD`] : [s.env]))];
afterEach(() => {
  for (const name of ENV) delete process.env[name];
});

const make = (options: Record<string, unknown> = {}) => new ClientCore({ baseURL: server.url, maxRetries: 0, ...options }, { baseURL: '', envPrefix: 'AUTHTEST', auth: schemes });
const get = (security: string[][], extra: Partial<RequestSpec> = {}): RequestSpec => ({ method: 'GET', path: '/r', security, ...extra });
const last = () => server.requests.at(-1)!;
const rejection = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

describe('each scheme sends its credential as the server expects', () => {
  test('API keys in a header, in the query (beside query parameters) and in a cookie (beside cookie parameters, in one header)', async () => {
    const client = make({ headerKey: 'hk', queryKey: 'q k', cookieKey: 's v;1' });
    await client.request(get([['headerKey']]));
    expect(last().headers['x-api-key']).toBe('hk');
    expect(last().headers.authorization).toBeUndefined();
    await client.request(get([['queryKey']], { query: { limit: 2 } }));
    expect(last().url).toBe('/r?limit=2&api_key=q%20k');
    await client.request(get([['cookieKey']], { cookies: cookieParams({ theme: 'dark', empty: undefined }) }));
    expect(last().headers.cookie).toBe('theme=dark; session=s%20v%3B1');
    // a cookie parameter of the credential's name is replaced, not sent twice
    await client.request(get([['cookieKey']], { cookies: cookieParams({ session: 'param', theme: 'x' }) }));
    expect(last().headers.cookie).toBe('theme=x; session=s%20v%3B1');
  });

  test('bearer, OAuth 2.0 and OpenID Connect tokens as `authorization: Bearer`', async () => {
    const client = make({ bearerAuth: 'b-tok', oauth: 'o-tok', oidc: 'i-tok' });
    for (const [name, token] of [['bearerAuth', 'b-tok'], ['oauth', 'o-tok'], ['oidc', 'i-tok']]) {
      await client.request(get([[name!]]));
      expect(last().headers.authorization).toBe(`Bearer ${token}`);
    }
  });

  test('basic: base64 of the UTF-8 `username:password`, non-ASCII included', async () => {
    const username = 'jürgen';
    const password = 'pä:ss wörd 🔑';
    await make({ basicAuth: { username, password } }).request(get([['basicAuth']]));
    const header = String(last().headers.authorization);
    expect(header).toBe(`Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`);
    expect(Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8')).toBe(`${username}:${password}`);
  });

  test('a username with ":" cannot be sent: an error, nothing sent', async () => {
    const error = await rejection(make({ basicAuth: { username: 'a:b', password: 'p' } }).request(get([['basicAuth']])));
    expect(error).toBeInstanceOf(SDKError);
    expect(String(error)).toMatch(/`basicAuth`.*cannot contain ":"/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('per-operation requirements', () => {
  const all = { bearerAuth: 'b', basicAuth: { username: 'u', password: 'p' }, headerKey: 'h', queryKey: 'q', cookieKey: 'c', oauth: 'o', oidc: 'i' };
  const sent = () => ({ authorization: last().headers.authorization, key: last().headers['x-api-key'], query: last().query.get('api_key'), cookie: last().headers.cookie });

  test('several schemes in one requirement are all sent', async () => {
    await make(all).request(get([['headerKey', 'queryKey', 'cookieKey', 'bearerAuth']]));
    expect(sent()).toEqual({ authorization: 'Bearer b', key: 'h', query: 'q', cookie: 'session=c' });
  });

  test('one of several: the first alternative whose schemes all have credentials, and only it', async () => {
    await make({ headerKey: 'h', bearerAuth: 'b' }).request(get([['basicAuth'], ['headerKey', 'queryKey'], ['headerKey'], ['bearerAuth']]));
    expect(sent()).toEqual({ authorization: undefined, key: 'h', query: null, cookie: undefined });
    await make(all).request(get([['basicAuth'], ['headerKey']]));
    expect(sent()).toEqual({ authorization: 'Basic dTpw', key: undefined, query: null, cookie: undefined });
  });

  test('`[]` (and no security at all) sends no credential, whatever is configured', async () => {
    const client = make(all);
    await client.request(get([]));
    expect(sent()).toEqual({ authorization: undefined, key: undefined, query: null, cookie: undefined });
    await client.request({ method: 'GET', path: '/r' });
    expect(sent()).toEqual({ authorization: undefined, key: undefined, query: null, cookie: undefined });
  });

  test('an anonymous alternative: nothing sent and no error without credentials; the credentials when configured', async () => {
    await make().request(get([[], ['bearerAuth']]));
    expect(last().headers.authorization).toBeUndefined();
    await make({ bearerAuth: 'b' }).request(get([[], ['bearerAuth']]));
    expect(last().headers.authorization).toBe('Bearer b');
  });

  test('an alternative with a scheme the client cannot send (mutual TLS, digest): nothing sent, no error', async () => {
    await make().request(get([['bearerAuth'], ['mtls']]));
    expect(last().headers.authorization).toBeUndefined();
    // a scheme name that is an Object.prototype member is no scheme either
    await make().request(get([['constructor']]));
    expect(server.requests).toHaveLength(2);
  });

  test('the request headers win over a credential', async () => {
    await make({ bearerAuth: 'b' }).request(get([['bearerAuth']]), { headers: { authorization: 'Bearer override' } });
    expect(last().headers.authorization).toBe('Bearer override');
  });
});

describe('token functions', () => {
  test('called once per request, so each request has a fresh token; async functions too', async () => {
    let calls = 0;
    const client = make({ bearerAuth: async () => `tok-${++calls}`, headerKey: () => 'sync-key' });
    for (let i = 0; i < 3; i++) await client.request(get([['bearerAuth', 'headerKey']]));
    expect(calls).toBe(3);
    expect(server.requests.map((r) => [r.headers.authorization, r.headers['x-api-key']])).toEqual([
      ['Bearer tok-1', 'sync-key'],
      ['Bearer tok-2', 'sync-key'],
      ['Bearer tok-3', 'sync-key'],
    ]);
  });

  test('a request\'s retries reuse the token it got; a function returning basic credentials', async () => {
    let calls = 0;
    let attempts = 0;
    server.handle((_req, res) => (++attempts === 1 ? json(res, 503, { error: 'busy' }, { 'retry-after-ms': '0' }) : json(res, 200, { ok: true })));
    const client = make({ maxRetries: 1, bearerAuth: () => `tok-${++calls}`, basicAuth: async () => ({ username: 'u', password: String(calls) }) });
    await client.request(get([['bearerAuth']]));
    expect(calls).toBe(1);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);
    await client.request(get([['basicAuth']]));
    expect(last().headers.authorization).toBe(`Basic ${Buffer.from('u:1').toString('base64')}`);
  });

  test('not called for an operation that does not use its scheme; an empty token is an error, nothing sent', async () => {
    let calls = 0;
    const client = make({ bearerAuth: () => (++calls, ''), headerKey: 'h' });
    await client.request(get([['headerKey']]));
    await client.request(get([]));
    expect(calls).toBe(0);
    const error = await rejection(client.request(get([['bearerAuth']])));
    expect(error).toBeInstanceOf(SDKError);
    expect(String(error)).toMatch(/`bearerAuth` gave no token/);
    expect(server.requests).toHaveLength(2);
  });

  test('a function that throws rejects the request; nothing is sent', async () => {
    const error = await rejection(make({ oauth: () => Promise.reject(new Error('refresh failed')) }).request(get([['oauth']])));
    expect(String(error)).toMatch(/refresh failed/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('where credentials come from', () => {
  test('each scheme\'s environment variable; basic from _USERNAME and _PASSWORD', async () => {
    process.env.AUTHTEST_BEARER_AUTH = 'env-b';
    process.env.AUTHTEST_BASIC_AUTH_USERNAME = 'env-u';
    process.env.AUTHTEST_BASIC_AUTH_PASSWORD = 'env-p';
    process.env.AUTHTEST_COOKIE_KEY = 'env-c';
    const client = make();
    await client.request(get([['bearerAuth', 'cookieKey']]));
    expect([last().headers.authorization, last().headers.cookie]).toEqual(['Bearer env-b', 'session=env-c']);
    await client.request(get([['basicAuth']]));
    expect(last().headers.authorization).toBe(`Basic ${Buffer.from('env-u:env-p').toString('base64')}`);
    expect(client.apiKey).toBe('env-b');
  });

  test('the main scheme: its option, then `apiKey`, then its variable, then <PREFIX>_API_KEY; `null` reads none', async () => {
    process.env.AUTHTEST_API_KEY = 'env-api-key';
    await make().request(get([['bearerAuth']]));
    expect(last().headers.authorization).toBe('Bearer env-api-key');
    process.env.AUTHTEST_BEARER_AUTH = 'env-own';
    await make().request(get([['bearerAuth']]));
    expect(last().headers.authorization).toBe('Bearer env-own');
    await make({ apiKey: 'opt-api-key' }).request(get([['bearerAuth']]));
    expect(last().headers.authorization).toBe('Bearer opt-api-key');
    const own = make({ apiKey: 'opt-api-key', bearerAuth: 'opt-own' });
    await own.request(get([['bearerAuth']]));
    expect(last().headers.authorization).toBe('Bearer opt-own');
    expect(own.apiKey).toBe('opt-own');
    // `apiKey` is the main scheme's only: another scheme does not take it
    await rejection(make({ apiKey: 'k' }).request(get([['headerKey']])));
    expect(server.requests).toHaveLength(4);
    const none = make({ bearerAuth: null });
    expect(none.apiKey).toBeNull();
    expect(String(await rejection(none.request(get([['bearerAuth']]))))).toMatch(/requires credentials/);
    expect(server.requests).toHaveLength(4);
  });

  test('a credential of the wrong shape is refused when the client is made', () => {
    expect(() => make({ basicAuth: 'u:p' })).toThrow(/`basicAuth` must be \{ username, password \}, a function returning one, or null/);
    expect(() => make({ headerKey: 42 })).toThrow(/`headerKey` must be a string, a function returning one, or null/);
  });
});

describe('missing credentials', () => {
  test('an error before anything is sent, naming the options and variables that would satisfy the operation', async () => {
    const client = make();
    const single = await rejection(client.request(get([['bearerAuth']])));
    expect(single).toBeInstanceOf(SDKError);
    expect(String(single)).toContain(
      'GET /r requires credentials and none are configured: pass `bearerAuth` (or `apiKey`) in the client options, or set the AUTHTEST_BEARER_AUTH (or AUTHTEST_API_KEY) environment variable. The request was not sent.',
    );
    const several = await rejection(make({ headerKey: 'h' }).request(get([['basicAuth'], ['headerKey', 'queryKey']])));
    expect(String(several)).toContain(
      'GET /r requires credentials and none are configured: pass `basicAuth` in the client options, or set the AUTHTEST_BASIC_AUTH_USERNAME and AUTHTEST_BASIC_AUTH_PASSWORD environment variables; or pass `headerKey` and `queryKey` in the client options, or set the AUTHTEST_HEADER_KEY and AUTHTEST_QUERY_KEY environment variables. The request was not sent.',
    );
    expect(server.requests).toHaveLength(0);
  });
});
