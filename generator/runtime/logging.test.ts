// Logging against a local server: each level's lines, retry decisions at debug, <PREFIX>_LOG, and credentials
// (bearer, a header API key, a query API key, cookies) never appearing in any logged line.
import { TEST_DEFAULTS, testClient } from '../../test/helpers/core-client.js';
import { json, startServer, type TestServer } from '../../test/helpers/server.js';
import { apiKeyPlacement } from './api-key.js';
import { ClientCore, type ClientDefaults, type ClientOptions } from './core.js';
import type { Logger } from './logging.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** A logger that keeps every line it is given, by level, with its details serialized. */
function recorder(): Logger & { lines: [string, string][]; text(): string } {
  const lines: [string, string][] = [];
  const keep = (level: string) => (message: string, ...rest: unknown[]) => lines.push([level, [message, ...rest.map((r) => JSON.stringify(r))].join(' ')]);
  return { lines, error: keep('error'), warn: keep('warn'), info: keep('info'), debug: keep('debug'), text: () => lines.map((l) => l.join(' ')).join('\n') };
}

const SECRETS = ['sk-bearer-secret', 'header-key-secret', 'query-key-secret', 'cookie-key-secret'];
const SECURED: ClientDefaults = {
  ...TEST_DEFAULTS,
  auth: {
    ...TEST_DEFAULTS.auth,
    headerKey: { kind: 'apiKey', in: 'header', name: 'X-Api-Key', placement: apiKeyPlacement, option: 'headerKey', env: 'SDKFORGE_TEST_HEADER_KEY' },
    queryKey: { kind: 'apiKey', in: 'query', name: 'api_key', placement: apiKeyPlacement, option: 'queryKey', env: 'SDKFORGE_TEST_QUERY_KEY' },
    cookieKey: { kind: 'apiKey', in: 'cookie', name: 'session', placement: apiKeyPlacement, option: 'cookieKey', env: 'SDKFORGE_TEST_COOKIE_KEY' },
  },
};

test('info: one line per request with method, URL, status, duration and request id; nothing at warn', async () => {
  server.handle((_req, res) => json(res, 200, { ok: true }, { 'x-request-id': 'req_42' }));
  const logger = recorder();
  await testClient(server, { logLevel: 'info', logger }).request({ method: 'GET', path: '/things' });
  expect(logger.lines).toHaveLength(1);
  expect(logger.lines[0]![0]).toBe('info');
  expect(logger.lines[0]![1]).toMatch(new RegExp(`^\\[sdkforge\\] GET ${server.url}/things 200 in \\d+ ms, request id req_42$`));
  const quiet = recorder();
  await testClient(server, { logger: quiet }).request({ method: 'GET', path: '/things' });
  await testClient(server, { logLevel: 'off', logger: quiet }).request({ method: 'GET', path: '/things' });
  expect(quiet.lines).toEqual([]);
});

test('debug: headers and each retry decision (attempt, reason, delay); the final status at info', async () => {
  let calls = 0;
  server.handle((_req, res) => (++calls < 3 ? json(res, 429, { error: { message: 'slow down' } }, { 'retry-after-ms': '10' }) : json(res, 200, { ok: true })));
  const logger = recorder();
  await testClient(server, { logLevel: 'debug', logger, maxRetries: 2 }).request({ method: 'POST', path: '/jobs', body: { a: 1 } });
  const text = logger.text();
  expect(text).toContain(`retrying POST ${server.url}/jobs (attempt 2) in 10 ms: status 429`);
  expect(text).toContain(`retrying POST ${server.url}/jobs (attempt 3) in 10 ms: status 429`);
  expect(logger.lines.filter(([, l]) => l.includes('[sdkforge] request POST')).length).toBe(3);
  expect(text).toMatch(/response POST \S+ 429 \{"headers":\{.*"retry-after-ms":"10"/);
  expect(text).toMatch(/"content-type":"application\/json"/);
  expect(logger.lines.filter(([level]) => level === 'info').map(([, l]) => l)).toEqual([expect.stringMatching(/POST \S+\/jobs 200 in \d+ ms$/)]);
});

test('a connection failure is logged with its retries and the error', async () => {
  const logger = recorder();
  const client = new ClientCore({ baseURL: 'http://127.0.0.1:9', apiKey: 'sk-test', logLevel: 'debug', logger, maxRetries: 1 }, TEST_DEFAULTS);
  await expect(client.request({ method: 'GET', path: '/x' })).rejects.toThrow();
  expect(logger.text()).toMatch(/retrying GET http:\/\/127\.0\.0\.1:9\/x \(attempt 2\) in \d+ ms: Connection error/);
  expect(logger.text()).toMatch(/GET http:\/\/127\.0\.0\.1:9\/x failed after \d+ ms: Connection error/);
});

test('credentials are never logged: bearer, header and query API keys, cookies, set-cookie', async () => {
  server.handle((_req, res) => json(res, 200, { ok: true }, { 'set-cookie': 'session=cookie-key-secret' }));
  const logger = recorder();
  const options: ClientOptions & Record<string, unknown> = {
    apiKey: 'sk-bearer-secret',
    headerKey: 'header-key-secret',
    queryKey: 'query-key-secret',
    cookieKey: 'cookie-key-secret',
    baseURL: server.url,
    logLevel: 'debug',
    logger,
  };
  const client = new ClientCore(options, SECURED);
  await client.request({ method: 'GET', path: '/me', query: { page: 2 }, security: [['key', 'headerKey', 'queryKey', 'cookieKey']] });
  const req = server.requests.at(-1)!;
  // sent as the schemes say …
  expect(req.headers.authorization).toBe('Bearer sk-bearer-secret');
  expect(req.headers['x-api-key']).toBe('header-key-secret');
  expect(req.query.get('api_key')).toBe('query-key-secret');
  expect(req.headers.cookie).toContain('session=cookie-key-secret');
  // … and shown redacted
  const text = logger.text();
  expect(logger.lines.length).toBeGreaterThanOrEqual(3);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
  expect(text).toContain('"authorization":"***"');
  expect(text).toContain('"x-api-key":"***"');
  expect(text).toContain('"cookie":"***"');
  expect(text).toContain('"set-cookie":"***"');
  expect(text).toContain('api_key=***');
  expect(text).toContain('page=2');
});

test('<PREFIX>_LOG gives the level; an option wins over it; an unknown level is warned once and warn is used', async () => {
  server.handle((_req, res) => json(res, 200, {}));
  process.env.SDKFORGE_TEST_LOG = 'info';
  try {
    const fromEnv = recorder();
    await testClient(server, { logger: fromEnv }).request({ method: 'GET', path: '/a' });
    expect(fromEnv.lines.map(([level]) => level)).toEqual(['info']);
    const option = recorder();
    const client = testClient(server, { logger: option, logLevel: 'error' });
    await client.request({ method: 'GET', path: '/a' });
    expect(option.lines).toEqual([]);
    expect(client.logLevel).toBe('error');
    process.env.SDKFORGE_TEST_LOG = 'loud';
    const bad = recorder();
    const fallback = testClient(server, { logger: bad });
    expect(fallback.logLevel).toBe('warn');
    expect(bad.lines).toEqual([['warn', expect.stringContaining('SDKFORGE_TEST_LOG is "loud", which is not a log level')]]);
  } finally {
    delete process.env.SDKFORGE_TEST_LOG;
  }
});
