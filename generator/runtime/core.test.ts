import { TEST_DEFAULTS, testClient } from '../../test/helpers/core-client.js';
import { json, startServer, type TestServer } from '../../test/helpers/server.js';
import { ClientCore, encodePath, retryDelay, type ClientOptions } from './core.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  SDKError,
} from './errors.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const make = (options: ClientOptions = {}) => testClient(server, { maxRetries: 0, ...options });

describe('ClientCore', () => {
  test('an object result carries the x-request-id as a non-enumerable _request_id; withResponse() gives request_id and requestID', async () => {
    server.handle((req, res) => (req.rawPath === '/list' ? json(res, 200, [1, 2], { 'x-request-id': 'req_list' }) : json(res, 200, { ok: true, nested: { a: 1 } }, { 'x-request-id': 'req_123' })));
    const client = make();
    const result = await client.request<{ ok: boolean; nested: { a: number } }>({ method: 'GET', path: '/thing' });
    const id: string | null | undefined = result._request_id;
    expect(id).toBe('req_123');
    expect(Object.keys(result)).toEqual(['ok', 'nested']);
    expect(JSON.stringify(result)).toBe('{"ok":true,"nested":{"a":1}}');
    expect({ ...result }).toEqual({ ok: true, nested: { a: 1 } });
    expect(Object.getOwnPropertyNames(result.nested)).toEqual(['a']);
    const { data, request_id, requestID } = await client.request<{ ok: boolean }>({ method: 'GET', path: '/thing' }).withResponse();
    expect([data._request_id, request_id, requestID]).toEqual(['req_123', 'req_123', 'req_123']);
    // arrays are returned as they are (their type has no _request_id either)
    const list = await client.request<number[]>({ method: 'GET', path: '/list' });
    expect(Object.getOwnPropertyNames(list)).toEqual(['0', '1', 'length']);
    // a response without the header: null
    server.handle((_req, res) => json(res, 200, { ok: true }));
    expect((await client.request<{ ok: boolean }>({ method: 'GET', path: '/thing' }))._request_id).toBeNull();
  });

  test('sends method, path, query, JSON body, bearer auth and headers; returns the parsed body', async () => {
    server.handle((_req, res) => json(res, 200, { ok: true }));
    const client = make({ defaultHeaders: { 'x-default': 'd', 'x-removed': 'r' } });
    const result = await client.request(
      { method: 'POST', path: encodePath`/things/${'a/b c'}`, query: { limit: 2 }, body: { x: 1 }, security: [['key']] },
      { headers: { 'x-request': 'q', 'x-removed': null } },
    );
    expect(result).toEqual({ ok: true });
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.rawPath).toBe('/things/a%2Fb%20c');
    expect(req.query.get('limit')).toBe('2');
    expect(req.json).toEqual({ x: 1 });
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe('Bearer sk-test');
    expect(req.headers['x-default']).toBe('d');
    expect(req.headers['x-request']).toBe('q');
    expect(req.headers['x-removed']).toBeUndefined();
  });

  test('API key and base URL come from the environment', async () => {
    process.env.SDKFORGE_TEST_API_KEY = 'sk-env';
    process.env.SDKFORGE_TEST_BASE_URL = server.url + '/';
    try {
      server.handle((_req, res) => json(res, 200, []));
      const client = new ClientCore({ maxRetries: 0 }, TEST_DEFAULTS);
      expect(client.baseURL).toBe(server.url);
      await client.request({ method: 'GET', path: '/x', security: [['key']] });
      expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-env');
    } finally {
      delete process.env.SDKFORGE_TEST_API_KEY;
      delete process.env.SDKFORGE_TEST_BASE_URL;
    }
  });

  test('non-2xx responses throw the APIError subclass with status, headers, error, code, param, type, requestID', async () => {
    server.handle((_req, res) =>
      json(res, 404, { error: { message: 'No such model', type: 'invalid_request_error', param: 'model', code: 'model_not_found' } }, { 'x-request-id': 'req_123' }),
    );
    const err = await make().request({ method: 'GET', path: '/models/nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
    expect(err).toBeInstanceOf(APIError);
    const e = err as APIError;
    expect(e.status).toBe(404);
    expect(e.message).toBe('404 No such model');
    expect(e.code).toBe('model_not_found');
    expect(e.param).toBe('model');
    expect(e.type).toBe('invalid_request_error');
    expect(e.requestID).toBe('req_123');
    expect(e.headers?.get('x-request-id')).toBe('req_123');
    expect(e.error).toEqual({ message: 'No such model', type: 'invalid_request_error', param: 'model', code: 'model_not_found' });
  });

  test('status classes: 401, 429, 500 and a non-JSON body', async () => {
    for (const [status, Class] of [
      [401, AuthenticationError],
      [429, RateLimitError],
      [503, InternalServerError],
    ] as const) {
      server.handle((_req, res) => json(res, status, { error: { message: 'x' } }));
      await expect(make().request({ method: 'GET', path: '/' })).rejects.toBeInstanceOf(Class);
    }
    server.handle((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('bad gateway');
    });
    const err = (await make().request({ method: 'GET', path: '/' }).catch((e: unknown) => e)) as APIError;
    expect(err.status).toBe(502);
    expect(err.error).toBe('bad gateway');
  });

  test('retries 429 and 5xx honouring retry-after-ms, then succeeds', async () => {
    let n = 0;
    server.handle((_req, res) => {
      n++;
      if (n === 1) return json(res, 429, { error: { message: 'slow down' } }, { 'retry-after-ms': '10' });
      if (n === 2) return json(res, 500, { error: { message: 'oops' } }, { 'retry-after': '0' });
      json(res, 200, { done: n });
    });
    const started = Date.now();
    await expect(make({ maxRetries: 2 }).request({ method: 'GET', path: '/' })).resolves.toEqual({ done: 3 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests).toHaveLength(3);
  });

  test('x-should-retry overrides the status rule; 400 is not retried', async () => {
    server.handle((_req, res) => json(res, 500, { error: { message: 'no' } }, { 'x-should-retry': 'false' }));
    await expect(make({ maxRetries: 3 }).request({ method: 'GET', path: '/' })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    let n = 0;
    server.handle((_req, res) => (n++ === 0 ? json(res, 400, {}, { 'x-should-retry': 'true', 'retry-after-ms': '1' }) : json(res, 200, { n })));
    await expect(make({ maxRetries: 1 }).request({ method: 'GET', path: '/' })).resolves.toEqual({ n: 2 });
    server.requests.length = 0;
    server.handle((_req, res) => json(res, 400, { error: { message: 'bad' } }));
    await expect(make({ maxRetries: 3 }).request({ method: 'GET', path: '/' })).rejects.toThrow('400 bad');
    expect(server.requests).toHaveLength(1);
  });

  test('a dropped connection is retried, then reported as APIConnectionError', async () => {
    server.handle((req, res) => {
      res.socket?.destroy();
    });
    const err = await make({ maxRetries: 1 }).request({ method: 'GET', path: '/' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(server.requests).toHaveLength(2);
  });

  test('a stalled response times out with APIConnectionTimeoutError', async () => {
    server.handle(() => undefined); // never answers
    const started = Date.now();
    const err = await make({ timeout: 150 }).request({ method: 'GET', path: '/' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('aborting the signal throws APIUserAbortError, also during a retry wait', async () => {
    server.handle(() => undefined);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(make().request({ method: 'GET', path: '/' }, { signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);

    server.handle((_req, res) => json(res, 503, {}, { 'retry-after': '30' }));
    const c2 = new AbortController();
    setTimeout(() => c2.abort(), 100);
    const started = Date.now();
    await expect(make({ maxRetries: 2 }).request({ method: 'GET', path: '/' }, { signal: c2.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('retryDelay', () => {
  const res = (headers: Record<string, string>) => new Response(null, { status: 429, headers });
  test('retry-after-ms, retry-after seconds and HTTP date, capped at 60 s', () => {
    expect(retryDelay(res({ 'retry-after-ms': '1500' }), 0)).toBe(1500);
    expect(retryDelay(res({ 'retry-after': '2' }), 0)).toBe(2000);
    const date = new Date(Date.now() + 5000).toUTCString();
    const d = retryDelay(res({ 'retry-after': date }), 0);
    expect(d).toBeGreaterThan(3000);
    expect(d).toBeLessThanOrEqual(5000);
    // out of range: exponential backoff instead (0.5 s · 2^n, up to 25 % jitter)
    const b = retryDelay(res({ 'retry-after': '120' }), 1);
    expect(b).toBeGreaterThan(750 - 1);
    expect(b).toBeLessThanOrEqual(1000);
    expect(retryDelay(res({}), 10)).toBeLessThanOrEqual(8000);
  });
});

describe('hostile input at run time', () => {
  test('path parameters stay inside their segment: `/`, `?`, `#` and `../` are encoded', async () => {
    server.handle((_req, res) => json(res, 200, {}));
    const client = make();
    const cases: [string, string][] = [
      ['../admin', '/things/..%2Fadmin/x'],
      ['..%2F', '/things/..%252F/x'],
      ['...', '/things/.../x'],
      ['a/../b?c#d', '/things/a%2F..%2Fb%3Fc%23d/x'],
      ['%2E%2E', '/things/%252E%252E/x'],
    ];
    for (const [id, expected] of cases) {
      expect(encodePath`/things/${id}/x`).toBe(expected);
      server.requests.length = 0;
      await client.request({ method: 'GET', path: encodePath`/things/${id}/x` });
      expect(server.requests[0]!.rawPath).toBe(expected);
    }
  });

  test('a path parameter that is exactly `.` or `..` is encoded as %2E / %2E%2E, and refused before sending', async () => {
    expect(encodePath`/things/${'.'}/x`).toBe('/things/%2E/x');
    expect(encodePath`/things/${'..'}/x`).toBe('/things/%2E%2E/x');
    expect(encodePath`/things/${'..'}`).toBe('/things/%2E%2E');
    // the URL parser fetch uses resolves %2E%2E like `..`: sending it would reach another path
    expect(new URL(`http://h${encodePath`/things/${'..'}/x`}`).pathname).toBe('/x');
    server.handle((_req, res) => json(res, 200, {}));
    for (const id of ['.', '..']) {
      for (const path of [encodePath`/things/${id}/x`, encodePath`/things/${id}`]) {
        const err = await make()
          .request({ method: 'DELETE', path })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(err).toBeInstanceOf(SDKError);
        expect((err as Error).message).toContain('another path');
      }
    }
    expect(server.requests).toHaveLength(0);
  });

  test('header values with CR or LF are rejected before anything is sent, naming the header', async () => {
    server.handle((_req, res) => json(res, 200, {}));
    const attempts: [string, () => Promise<unknown>][] = [
      ['x-param', () => make().request({ method: 'GET', path: '/h', headers: { 'x-param': 'a\r\nx-injected: 1' } })],
      ['x-default', () => make({ defaultHeaders: { 'x-default': 'a\nx-injected: 1' } }).request({ method: 'GET', path: '/h' })],
      ['x-request', () => make().request({ method: 'GET', path: '/h' }, { headers: { 'x-request': 'trailing\r' } })],
      ['x-request', () => make().request({ method: 'GET', path: '/h' }, { headers: { 'x-request': '\nleading' } })],
      ['authorization', () => make({ apiKey: 'sk\r\nx-injected: 1' }).request({ method: 'GET', path: '/h', security: [['key']] })],
    ];
    for (const [name, attempt] of attempts) {
      const err = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SDKError);
      expect(err).not.toBeInstanceOf(APIError);
      expect((err as Error).message).toContain(`"${name}"`);
      expect((err as Error).message).toMatch(/CR or LF/);
    }
    expect(server.requests).toHaveLength(0);
    // ordinary values still go through
    await make().request({ method: 'GET', path: '/h', headers: { 'x-param': 'a: b\tc' } }, { headers: { 'x-request': 'ok' } });
    expect(server.requests[0]!.headers['x-param']).toBe('a: b\tc');
    expect(server.requests[0]!.headers['x-request']).toBe('ok');
  });
});
