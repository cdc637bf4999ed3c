// Cookie parameters as a real server receives them: percent-encoded values, unset ones left out, and the cookies
// of API keys sent as cookies kept beside them (a credential replacing a parameter of its name).
import { json, startServer, type TestServer } from '../../test/helpers/server.js';
import { apiKeyPlacement } from './api-key.js';
import { cookieParams } from './cookies.js';
import { ClientCore } from './core.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, {}));
});
afterAll(() => server.close());

const cookieKey = (name: string, option: string) => ({ kind: 'apiKey' as const, in: 'cookie' as const, name, placement: apiKeyPlacement, option, env: `COOKIETEST_${option.toUpperCase()}` });
const client = (options: Record<string, unknown> = {}) =>
  new ClientCore(
    { baseURL: server.url, maxRetries: 0, ...options },
    { baseURL: '', envPrefix: 'COOKIETEST', auth: { session: cookieKey('session', 'session'), device: cookieKey('device', 'device') } },
  );
const cookie = () => server.requests.at(-1)!.headers.cookie;

test('cookie parameters go in the cookie header, percent-encoded; undefined and null ones are not sent', async () => {
  await client().request({ method: 'GET', path: '/c', cookies: cookieParams({ session: 'a b', none: undefined, empty: null, theme: 'dark;x' }) });
  expect(cookie()).toBe('session=a%20b; theme=dark%3Bx');
  await client().request({ method: 'GET', path: '/c', cookies: cookieParams({ none: undefined }) });
  expect(cookie()).toBeUndefined();
});

test('two API keys sent as cookies share the header, after the parameters; a key replaces a parameter of its name', async () => {
  const both = client({ session: 's 1', device: 'd=2' });
  await both.request({ method: 'GET', path: '/c', security: [['session', 'device']] });
  expect(cookie()).toBe('session=s%201; device=d%3D2');
  await both.request({ method: 'GET', path: '/c', security: [['session', 'device']], cookies: cookieParams({ theme: 'dark', device: 'param' }) });
  expect(cookie()).toBe('theme=dark; session=s%201; device=d%3D2');
});

test('a cookie header in the request options wins over parameters and credentials', async () => {
  await client({ session: 's' }).request({ method: 'GET', path: '/c', security: [['session']], cookies: cookieParams({ theme: 'dark' }) }, { headers: { cookie: 'mine=1' } });
  expect(cookie()).toBe('mine=1');
});
