import { json, startServer, type TestServer } from '../../test/helpers/server.js';
import { testClient } from '../../test/helpers/core-client.js';
import type { ClientCore, ClientOptions, RequestSpec } from './core.js';
import { APIConnectionError, APIConnectionTimeoutError, InternalServerError, RateLimitError } from './errors.js';
import { retryPolicy, type RetryPolicy } from './retry-policy.js';
import { backoffDelay, builtInRetryRule, retryDelay, shouldRetry } from './retry.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const make = (options: ClientOptions = {}) => testClient(server, options);

/** A small, fast backoff so that tests wait milliseconds. */
const fast = { initialMs: 5, maxMs: 20, exponent: 2 };
const get = (retry?: RetryPolicy): RequestSpec => ({ method: 'GET', path: '/r', ...(retry ? { retry: retryPolicy(retry) } : {}) });
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

/** Answers `status` the first `n` times, then 200. */
function failTimes(n: number, status: number, headers: Record<string, string> = {}) {
  let seen = 0;
  server.handle((_req, res) => (seen++ < n ? json(res, status, { error: { message: `s${status}` } }, headers) : json(res, 200, { attempt: seen })));
}

describe('a retry policy from the spec, against a local server', () => {
  test('statusCodes [503]: 503 is retried, 429 (retried by the built-in rule) is not', async () => {
    const policy: RetryPolicy = { statusCodes: [503], backoff: fast };
    failTimes(2, 503);
    await expect(make().request(get(policy))).resolves.toEqual({ attempt: 3 });
    expect(server.requests).toHaveLength(3);
    server.requests.length = 0;
    failTimes(1, 429);
    expect(await failure(make().request(get(policy)))).toBeInstanceOf(RateLimitError);
    expect(server.requests).toHaveLength(1);
    // without a policy, 429 is retried
    server.requests.length = 0;
    failTimes(1, 429, { 'retry-after-ms': '1' });
    await expect(make().request(get())).resolves.toEqual({ attempt: 2 });
  });

  test("a range ('5XX') retries every 5xx status and nothing else", async () => {
    const policy: RetryPolicy = { statusCodes: ['5XX'], backoff: fast };
    for (const status of [500, 502, 599]) {
      server.requests.length = 0;
      failTimes(1, status);
      await expect(make().request(get(policy))).resolves.toEqual({ attempt: 2 });
      expect(server.requests).toHaveLength(2);
    }
    for (const status of [408, 409, 429]) {
      server.requests.length = 0;
      failTimes(1, status);
      await failure(make().request(get(policy)));
      expect(server.requests).toHaveLength(1);
    }
  });

  test('x-should-retry still decides for its response', async () => {
    failTimes(1, 429, { 'x-should-retry': 'true' });
    await expect(make().request(get({ statusCodes: [503], backoff: fast }))).resolves.toEqual({ attempt: 2 });
    server.requests.length = 0;
    failTimes(1, 503, { 'x-should-retry': 'false' });
    expect(await failure(make().request(get({ statusCodes: [503], backoff: fast })))).toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
  });

  test('connection errors are retried or not as the policy says', async () => {
    server.handle((_req, res) => res.socket?.destroy());
    expect(await failure(make({ maxRetries: 2 }).request(get({ statusCodes: ['5XX'], connectionErrors: false, backoff: fast })))).toBeInstanceOf(APIConnectionError);
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    expect(await failure(make({ maxRetries: 2 }).request(get({ statusCodes: ['5XX'], connectionErrors: true, backoff: fast })))).toBeInstanceOf(APIConnectionError);
    expect(server.requests).toHaveLength(3);
  });

  test('a timeout is a connection error: not retried when the policy says so', async () => {
    server.handle(() => undefined); // never answers
    const err = await failure(make({ timeout: 100 }).request(get({ connectionErrors: false, backoff: fast })));
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  test('the waits follow the policy backoff (initial · exponent^attempt, capped), not the built-in 0.5 s', async () => {
    const times: number[] = [];
    let seen = 0;
    server.handle((_req, res) => {
      times.push(Date.now());
      return seen++ < 3 ? json(res, 503, {}) : json(res, 200, {});
    });
    await make({ maxRetries: 3 }).request(get({ statusCodes: [503], backoff: { initialMs: 60, maxMs: 150, exponent: 3 } }));
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // nominal 60, 150 (180 capped), 150; jitter takes up to 25 % off
    expect(gaps[0]).toBeGreaterThanOrEqual(40);
    expect(gaps[1]).toBeGreaterThanOrEqual(100);
    expect(gaps[2]).toBeGreaterThanOrEqual(100);
    // the built-in rule would wait at least 0.75 · (500 + 1000 + 2000) ms in all
    expect(times.at(-1)! - times[0]!).toBeLessThan(2000);
  });

  test('retry-after-ms is still honoured under a policy', async () => {
    failTimes(1, 503, { 'retry-after-ms': '120' });
    const started = Date.now();
    await make().request(get({ statusCodes: [503], backoff: fast }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  test('maxElapsedMs: no retry starts after it', async () => {
    server.handle((_req, res) => json(res, 503, {}));
    const started = Date.now();
    const err = await failure(make({ maxRetries: 50 }).request(get({ statusCodes: [503], backoff: { initialMs: 40, maxMs: 40, exponent: 1, maxElapsedMs: 400 } })));
    expect(err).toBeInstanceOf(InternalServerError);
    // at most 400 / 30 + 1 attempts (a wait is 30 to 40 ms), far fewer than the 51 maxRetries allows
    expect(server.requests.length).toBeGreaterThanOrEqual(2);
    expect(server.requests.length).toBeLessThanOrEqual(14);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test("the count: the request's maxRetries, then the client's, then the policy's, then 2", async () => {
    const policy: RetryPolicy = { statusCodes: [503], backoff: fast, maxRetries: 4 };
    const attempts = async (client: ClientCore, maxRetries?: number) => {
      server.requests.length = 0;
      server.handle((_req, res) => json(res, 503, {}));
      await failure(client.request(get(policy), maxRetries === undefined ? {} : { maxRetries }));
      return server.requests.length;
    };
    expect(await attempts(make())).toBe(5);
    expect(await attempts(make({ maxRetries: 1 }))).toBe(2);
    expect(await attempts(make({ maxRetries: 1 }), 0)).toBe(1);
    expect(await attempts(make(), 3)).toBe(4);
    server.requests.length = 0;
    await failure(make().request(get({ statusCodes: [503], backoff: fast })));
    expect(server.requests).toHaveLength(3);
  });

  test('a disabled policy: no retries, unless maxRetries is passed (then the built-in rule)', async () => {
    const off: RetryPolicy = { enabled: false };
    server.handle((_req, res) => json(res, 503, {}, { 'retry-after-ms': '1' }));
    await failure(make().request(get(off)));
    expect(server.requests).toHaveLength(1);
    server.requests.length = 0;
    await failure(make().request(get(off), { maxRetries: 1 }));
    expect(server.requests).toHaveLength(2);
    server.requests.length = 0;
    await failure(make({ maxRetries: 2 }).request(get(off)));
    expect(server.requests).toHaveLength(3);
  });
});

describe('the rules and their parts', () => {
  const res = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });

  test('shouldRetry: built-in statuses without a list; exact codes and ranges with one', () => {
    expect([408, 409, 429, 500, 503, 400, 404].map((s) => shouldRetry(res(s)))).toEqual([true, true, true, true, true, false, false]);
    const listed = (statusCodes: RetryPolicy['statusCodes']) => retryPolicy({ statusCodes })(undefined, 2);
    expect([503, 500, 429].map((s) => listed([503, '4XX']).retries(res(s)))).toEqual([true, false, true]);
    expect(listed([]).retries(res(400))).toBe(false);
    expect(listed([]).retries(res(400, { 'x-should-retry': 'true' }))).toBe(true);
    expect(shouldRetry(res(503, { 'x-should-retry': 'false' }))).toBe(false);
  });

  test('backoffDelay: initial · exponent^attempt capped at max, at most 25 % less', () => {
    for (let i = 0; i < 50; i++) {
      const b = { initialMs: 100, maxMs: 1000, exponent: 3 };
      const d1 = backoffDelay(1, b);
      expect(d1).toBeGreaterThanOrEqual(225);
      expect(d1).toBeLessThanOrEqual(300);
      const d5 = backoffDelay(5, b);
      expect(d5).toBeGreaterThanOrEqual(750);
      expect(d5).toBeLessThanOrEqual(1000);
    }
  });

  test('retryDelay prefers retry-after within 60 s, else the given backoff', () => {
    const b = { initialMs: 10, maxMs: 10, exponent: 1 };
    expect(retryDelay(res(503, { 'retry-after-ms': '1500' }), 0, b)).toBe(1500);
    expect(retryDelay(res(503, { 'retry-after': '120' }), 0, b)).toBeLessThanOrEqual(10);
  });

  test('wait is undefined once maxElapsedMs would be passed', () => {
    const rule = retryPolicy({ backoff: { initialMs: 100, maxMs: 100, exponent: 1, maxElapsedMs: 1000 } })(undefined, 2);
    expect(rule.wait(0, Date.now())).toBeGreaterThan(0);
    expect(rule.wait(0, Date.now() - 950)).toBeUndefined();
    expect(builtInRetryRule(undefined, 2).wait(0, Date.now() - 10 ** 9)).toBeGreaterThan(0);
  });

  test('the count and what is retried', () => {
    expect(builtInRetryRule(undefined, 2)).toMatchObject({ maxRetries: 2, connectionErrors: true });
    expect(retryPolicy({ maxRetries: 5, connectionErrors: false })(undefined, 2)).toMatchObject({ maxRetries: 5, connectionErrors: false });
    expect(retryPolicy({ maxRetries: 5 })(1, 2).maxRetries).toBe(1);
    expect(retryPolicy({ enabled: false })(undefined, 2).maxRetries).toBe(0);
    const reenabled = retryPolicy({ enabled: false, statusCodes: [] })(3, 2);
    expect(reenabled).toMatchObject({ maxRetries: 3, connectionErrors: true });
    expect(reenabled.retries(res(429))).toBe(true);
  });
});
