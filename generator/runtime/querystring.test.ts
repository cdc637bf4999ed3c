// OpenAPI 3.2 `in: querystring`: the serialization of the whole query string by its media type (the examples of
// the 3.2 text), and what a request built with it sends to a real server.
import { json, startServer, type TestServer } from '../../test/helpers/server.js';
import { apiKeyPlacement } from './api-key.js';
import { ClientCore } from './core.js';
import { encodeQuerystring } from './querystring.js';

describe('encodeQuerystring', () => {
  test('application/x-www-form-urlencoded: a form, spaces as + (the 3.2 example: foo=a+%2B+b&bar=true)', () => {
    expect(encodeQuerystring({ foo: 'a + b', bar: true }, 'application/x-www-form-urlencoded')).toBe('foo=a+%2B+b&bar=true');
    expect(encodeQuerystring({ tags: ['x', 'y'], page: { n: 2 }, none: undefined }, 'application/x-www-form-urlencoded')).toBe(
      'tags%5B0%5D=x&tags%5B1%5D=y&page%5Bn%5D=2',
    );
  });
  test('JSON: the whole query string is the percent-encoded JSON text (the 3.2 example)', () => {
    expect(encodeQuerystring({ numbers: [1, 2], flag: null }, 'application/json')).toBe('%7B%22numbers%22%3A%5B1%2C2%5D%2C%22flag%22%3Anull%7D');
  });
  test('any other media type: the percent-encoded string (the 3.2 JSONPath example)', () => {
    expect(encodeQuerystring('$.a.b[1:1]', 'application/jsonpath')).toBe('%24.a.b%5B1%3A1%5D');
    expect(encodeQuerystring('a=1&b=2', 'text/plain')).toBe('a%3D1%26b%3D2');
  });
  test('an absent value sends nothing', () => {
    expect(encodeQuerystring(undefined, 'application/json')).toBe('');
    expect(encodeQuerystring(null, 'application/x-www-form-urlencoded')).toBe('');
  });
});

describe('a request with a querystring', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const make = (apiKeyIn?: 'query') =>
    new ClientCore(
      { apiKey: 'k', baseURL: server.url, maxRetries: 0 },
      { baseURL: 'http://unused', envPrefix: 'SDKFORGE_TEST', auth: apiKeyIn ? { key: { kind: 'apiKey', in: apiKeyIn, name: 'key', placement: apiKeyPlacement, option: 'key', env: 'SDKFORGE_TEST_KEY', apiKey: true } } : {} },
    );

  test('is the whole query string; other query members (an API key in the query) follow it', async () => {
    server.handle((_req, res) => json(res, 200, {}));
    const querystring = encodeQuerystring({ numbers: [1, 2], flag: null }, 'application/json');
    await make().request({ method: 'GET', path: '/search', querystring });
    expect(server.requests.at(-1)!.url).toBe('/search?%7B%22numbers%22%3A%5B1%2C2%5D%2C%22flag%22%3Anull%7D');
    await make('query').request({ method: 'GET', path: '/search', querystring: encodeQuerystring({ q: 'a b' }, 'application/x-www-form-urlencoded'), security: [['key']] });
    expect(server.requests.at(-1)!.url).toBe('/search?q=a+b&key=k');
    await make().request({ method: 'GET', path: '/search', querystring: encodeQuerystring(undefined, 'application/json') });
    expect(server.requests.at(-1)!.url).toBe('/search');
  });
});
