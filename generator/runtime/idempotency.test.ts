import { json, startServer, type TestServer } from '../../test/helpers/server.js';
import { testClient } from '../../test/helpers/core-client.js';
import type { ClientOptions, RequestSpec } from './core.js';
import { SDKError } from './errors.js';
import { idempotencyHeader, idempotencyKey } from './idempotency.js';
import { retryPolicy } from './retry-policy.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const make = (options: ClientOptions = {}) => testClient(server, options);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const keyed = (method: string, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  method,
  path: '/charges',
  body: ['GET', 'HEAD', 'OPTIONS'].includes(method) ? undefined : { amount: 1 },
  idempotency: idempotencyHeader('Idempotency-Key'),
  retry: retryPolicy({ statusCodes: [503], backoff: { initialMs: 2, maxMs: 5, exponent: 2 } }),
  ...extra,
});
const sent = () => server.requests.map((r) => r.headers['idempotency-key']);

describe('idempotency keys, against a local server', () => {
  test('a POST carries a key, the same on each of its retries', async () => {
    let n = 0;
    server.handle((_req, res) => (n++ < 2 ? json(res, 503, {}) : json(res, 200, {})));
    await make().request(keyed('POST'));
    const keys = sent();
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(UUID);
    expect(new Set(keys).size).toBe(1);
  });

  test('two requests carry two keys', async () => {
    server.handle((_req, res) => json(res, 200, {}));
    const client = make();
    await client.request(keyed('POST'));
    await client.request(keyed('DELETE'));
    const [a, b] = sent();
    expect(a).toMatch(UUID);
    expect(b).toMatch(UUID);
    expect(a).not.toBe(b);
  });

  test('no key on GET, HEAD, OPTIONS, or where the spec declares no header', async () => {
    server.handle((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    for (const method of ['GET', 'HEAD', 'OPTIONS']) await make().request(keyed(method, { responseType: 'none' }));
    await make().request(keyed('POST', { idempotency: undefined, responseType: 'none' }));
    expect(sent()).toEqual([undefined, undefined, undefined, undefined]);
  });

  test('the idempotencyKey option sets it, on every retry and over a header already set', async () => {
    let n = 0;
    server.handle((_req, res) => (n++ < 1 ? json(res, 503, {}) : json(res, 200, {})));
    await make().request(keyed('POST', { headers: { 'Idempotency-Key': 'from-param' } }), { idempotencyKey: 'mine' });
    expect(sent()).toEqual(['mine', 'mine']);
  });

  test('a value given as the header parameter, a default or a request header is sent as it is; null sends none', async () => {
    server.handle((_req, res) => json(res, 200, {}));
    await make().request(keyed('POST', { headers: { 'Idempotency-Key': 'param' } }));
    await make({ defaultHeaders: { 'idempotency-key': 'default' } }).request(keyed('POST'));
    await make().request(keyed('POST'), { headers: { 'IDEMPOTENCY-KEY': 'request' } });
    await make().request(keyed('POST'), { headers: { 'idempotency-key': null } });
    expect(sent()).toEqual(['param', 'default', 'request', undefined]);
  });

  test('a key with a line break is refused before sending', async () => {
    const err = await make()
      .request(keyed('POST'), { idempotencyKey: 'a\r\nx-injected: 1' })
      .then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(SDKError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('idempotencyKey', () => {
  test('crypto.randomUUID where there is one', () => {
    expect(idempotencyKey({ randomUUID: () => 'uuid' })).toBe('uuid');
    expect(idempotencyKey()).toMatch(UUID);
  });

  test('a version 4 UUID from getRandomValues, or from Math.random, where randomUUID is missing', () => {
    const fromBytes = idempotencyKey({ getRandomValues: (a) => a.fill(0xff) });
    expect(fromBytes).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    const keys = new Set(Array.from({ length: 100 }, () => idempotencyKey({})));
    expect(keys.size).toBe(100);
    for (const k of keys) expect(k).toMatch(UUID);
  });
});
