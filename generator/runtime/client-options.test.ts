// withOptions, defaultQuery and fetchOptions, against a local server.
import { TEST_DEFAULTS, testClient } from '../../test/helpers/core-client.js';
import { json, startServer, type TestServer } from '../../test/helpers/server.js';
import { ClientCore, type Fetch } from './core.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_req, res) => json(res, 200, { ok: true }));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** The real fetch, recording each init it is given. */
function recordingFetch(): Fetch & { inits: RequestInit[] } {
  const inits: RequestInit[] = [];
  const f = ((input: string, init: RequestInit) => {
    inits.push(init);
    return globalThis.fetch(input, init);
  }) as Fetch & { inits: RequestInit[] };
  f.inits = inits;
  return f;
}

test('defaultQuery is sent with every request; the request\'s own parameters win; undefined values are dropped', async () => {
  const client = testClient(server, { defaultQuery: { 'api-version': '2024-10-01', region: 'eu', unset: undefined } });
  await client.request({ method: 'GET', path: '/a' });
  await client.request({ method: 'GET', path: '/b', query: { region: 'us', limit: 2 } });
  expect(server.requests.map((r) => Object.fromEntries(r.query))).toEqual([
    { 'api-version': '2024-10-01', region: 'eu' },
    { 'api-version': '2024-10-01', region: 'us', limit: '2' },
  ]);
});

test('fetchOptions go to fetch, the request\'s merged over the client\'s; method, headers, body and signal stay the client\'s', async () => {
  const fetch = recordingFetch();
  const client = testClient(server, { fetch, fetchOptions: { cache: 'no-store', keepalive: true, redirect: 'follow', method: 'DELETE' } as never });
  await client.request({ method: 'POST', path: '/c', body: { a: 1 } }, { fetchOptions: { redirect: 'manual' } });
  const init = fetch.inits[0]!;
  expect([init.cache, init.keepalive, init.redirect, init.method]).toEqual(['no-store', true, 'manual', 'POST']);
  expect(init.signal).toBeInstanceOf(AbortSignal);
  expect(server.requests[0]!.method).toBe('POST');
  expect(server.requests[0]!.json).toEqual({ a: 1 });
  // redirect: 'manual' has its effect: the redirect comes back as a response instead of being followed
  server.handle((req, res) => (req.rawPath === '/moved' ? (res.writeHead(302, { location: '/elsewhere' }), res.end()) : json(res, 200, {})));
  await expect(testClient(server, { maxRetries: 0, fetchOptions: { redirect: 'error' } }).request({ method: 'GET', path: '/moved' })).rejects.toThrow();
  server.handle((_req, res) => json(res, 200, { ok: true }));
});

test('withOptions: a client of the same class with the options merged, the original unchanged, nothing mutable shared', async () => {
  class Custom extends ClientCore {
    hello() {
      return 'custom';
    }
  }
  const original = new Custom({ apiKey: 'sk-one', baseURL: server.url, defaultHeaders: { 'x-a': '1' }, defaultQuery: { q: '1' }, timeout: 1000 }, TEST_DEFAULTS);
  const derived = original.withOptions({ apiKey: 'sk-two', defaultHeaders: { 'x-b': '2' }, defaultQuery: { r: '2' }, maxRetries: 0 });
  expect(derived).toBeInstanceOf(Custom);
  expect(derived.hello()).toBe('custom');
  expect([derived.apiKey, derived.timeout, derived.maxRetries]).toEqual(['sk-two', 1000, 0]);
  expect([original.apiKey, original.maxRetries]).toEqual(['sk-one', 2]);
  expect(derived.defaultHeaders).toEqual({ 'x-a': '1', 'x-b': '2' });
  expect(original.defaultHeaders).toEqual({ 'x-a': '1' });
  (derived.defaultHeaders as Record<string, string>)['x-c'] = '3';
  (derived.defaultQuery as Record<string, string>).s = '3';
  expect(original.defaultHeaders).toEqual({ 'x-a': '1' });
  expect(original.defaultQuery).toEqual({ q: '1' });
  await derived.request({ method: 'GET', path: '/d', security: [['key']] });
  await original.request({ method: 'GET', path: '/d', security: [['key']] });
  const [fromDerived, fromOriginal] = server.requests;
  expect([fromDerived!.headers.authorization, fromDerived!.headers['x-a'], fromDerived!.headers['x-b'], fromDerived!.headers['x-c']]).toEqual(['Bearer sk-two', '1', '2', '3']);
  expect(Object.fromEntries(fromDerived!.query)).toEqual({ q: '1', r: '2', s: '3' });
  expect([fromOriginal!.headers.authorization, fromOriginal!.headers['x-b']]).toEqual(['Bearer sk-one', undefined]);
  expect(Object.fromEntries(fromOriginal!.query)).toEqual({ q: '1' });
});
