// Authentication per operation, end to end: the package generated from the scalar-galaxy 3.2 corpus spec (bearer,
// basic, apiKey in header, query and cookie, oauth2, openIdConnect; a document default of eight alternatives,
// operations overriding it, `[]` on others), built, and called against a real server on 127.0.0.1 that checks each
// credential. Its client options are named after the schemes, each read from its environment variable, and a
// consumer file using them passes tsc --strict.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateAndBuild, type BuiltPackage } from './helpers/built-package.js';
import { SHARED } from './helpers/paths.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { typecheck } from './helpers/typecheck.js';

const GALAXY = path.join(SHARED, 'corpus-more/scalar-galaxy-3.2/3.2.yaml');
const ENV = ['API_KEY', 'BEARER_AUTH', 'BASIC_AUTH_USERNAME', 'BASIC_AUTH_PASSWORD', 'API_KEY_HEADER', 'API_KEY_QUERY', 'API_KEY_COOKIE', 'O_AUTH2', 'OPEN_ID_CONNECT'].map((v) => `SCALAR_GALAXY_${v}`);

let built: BuiltPackage;
let server: TestServer;
beforeAll(async () => {
  for (const name of ENV) delete process.env[name];
  built = await generateAndBuild({ spec: GALAXY }, 'sdkforge-auth-');
  server = await startServer((req, res) => (req.method === 'DELETE' ? (res.writeHead(204), res.end()) : json(res, 200, { id: 1 })));
}, 120_000);
afterAll(async () => {
  await server?.close();
  built?.remove();
});
beforeEach(() => {
  server.requests.length = 0;
});
afterEach(() => {
  for (const name of ENV) delete process.env[name];
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const client = (options: Record<string, unknown> = {}): any => new built.pkg.ScalarGalaxy({ baseURL: server.url, maxRetries: 0, ...options });
const credentials = () =>
  server.requests.map((r) => ({ authorization: r.headers.authorization, key: r.headers['x-api-key'], query: r.query.get('api_key'), cookie: r.headers.cookie }));
const none = { authorization: undefined, key: undefined, query: null, cookie: undefined };

test('one option per scheme, named after it, each with its environment variable; apiKey is the main (first bearer) scheme\'s', () => {
  expect(built.pkg.clientDefaults.auth).toEqual({
    bearerAuth: { kind: 'bearer', option: 'bearerAuth', env: 'SCALAR_GALAXY_BEARER_AUTH', apiKey: true },
    basicAuth: { kind: 'basic', credential: expect.objectContaining({ shape: '{ username, password }' }), option: 'basicAuth', env: 'SCALAR_GALAXY_BASIC_AUTH' },
    apiKeyHeader: { kind: 'apiKey', in: 'header', name: 'X-API-Key', placement: expect.objectContaining({ send: expect.any(Function) }), option: 'apiKeyHeader', env: 'SCALAR_GALAXY_API_KEY_HEADER' },
    apiKeyQuery: { kind: 'apiKey', in: 'query', name: 'api_key', placement: expect.objectContaining({ send: expect.any(Function) }), option: 'apiKeyQuery', env: 'SCALAR_GALAXY_API_KEY_QUERY' },
    apiKeyCookie: { kind: 'apiKey', in: 'cookie', name: 'api_key', placement: expect.objectContaining({ send: expect.any(Function) }), option: 'apiKeyCookie', env: 'SCALAR_GALAXY_API_KEY_COOKIE' },
    oAuth2: { kind: 'oauth2', option: 'oAuth2', env: 'SCALAR_GALAXY_O_AUTH2' },
    openIdConnect: { kind: 'openIdConnect', option: 'openIdConnect', env: 'SCALAR_GALAXY_OPEN_ID_CONNECT' },
  });
  const types = readFileSync(path.join(built.dir, 'dist/esm/defaults.d.ts'), 'utf8');
  for (const member of ['apiKey?: TokenCredential', 'bearerAuth?: TokenCredential', 'basicAuth?: BasicCredential', 'apiKeyHeader?: TokenCredential', 'apiKeyQuery?: TokenCredential', 'apiKeyCookie?: TokenCredential', 'oAuth2?: TokenCredential', 'openIdConnect?: TokenCredential']) {
    expect(types).toContain(`${member} | null | undefined;`);
  }
  const defaults = readFileSync(path.join(built.dir, 'src/defaults.ts'), 'utf8');
  expect(defaults).toContain('Defaults to the `SCALAR_GALAXY_BASIC_AUTH_USERNAME` and `SCALAR_GALAXY_BASIC_AUTH_PASSWORD` environment variables.');
  expect(defaults).toContain('Defaults to the `apiKey` option, then the `SCALAR_GALAXY_BEARER_AUTH` environment variable, then `SCALAR_GALAXY_API_KEY`.');
  expect(defaults).toMatch(/The API deprecates this scheme, `apiKeyQuery`\.\s*\*\/\s*apiKeyQuery\?/);
});

test('per-operation security in the emitted request specs: the document default, an override, none', () => {
  const operations = readFileSync(path.join(built.dir, 'src/operations.ts'), 'utf8');
  const specOf = (name: string) => operations.slice(operations.indexOf(`export function ${name}(`)).split('\nexport function')[0]!.replace(/\s+/g, ' ');
  expect(specOf('getMe')).toContain("security: [ ['basicAuth'], ['oAuth2'], ['bearerAuth'], ['apiKeyHeader'], ['apiKeyQuery'], ['apiKeyHeader', 'apiKeyQuery'], ]");
  expect(specOf('deletePlanet')).toContain(
    "security: [ ['bearerAuth'], ['basicAuth'], ['apiKeyQuery'], ['apiKeyHeader'], ['apiKeyHeader', 'apiKeyQuery'], ['apiKeyCookie'], ['oAuth2'], ['openIdConnect'], ]",
  );
  expect(specOf('getAllData')).toContain('security: []');
});

test('each scheme as the server receives it, through the document default (the first configured alternative)', async () => {
  await client({ bearerAuth: 'b-tok' }).deletePlanet(1);
  await client({ basicAuth: { username: 'zoë', password: 'mötley:crüe' } }).deletePlanet(1);
  await client({ apiKeyHeader: 'h-key' }).deletePlanet(1);
  await client({ apiKeyQuery: 'q-key' }).deletePlanet(1);
  await client({ apiKeyCookie: 'c-key' }).deletePlanet(1);
  await client({ oAuth2: 'o-tok' }).deletePlanet(1);
  await client({ openIdConnect: 'i-tok' }).deletePlanet(1);
  expect(credentials()).toEqual([
    { ...none, authorization: 'Bearer b-tok' },
    { ...none, authorization: `Basic ${Buffer.from('zoë:mötley:crüe').toString('base64')}` },
    { ...none, key: 'h-key' },
    { ...none, query: 'q-key' },
    { ...none, cookie: 'api_key=c-key' },
    { ...none, authorization: 'Bearer o-tok' },
    { ...none, authorization: 'Bearer i-tok' },
  ]);
  expect(server.requests.every((r) => r.method === 'DELETE' && r.rawPath === '/planets/1')).toBe(true);
});

test('an operation\'s own security wins over the document\'s; `[]` sends nothing; the order of the alternatives decides', async () => {
  const everything = { bearerAuth: 'b', basicAuth: { username: 'u', password: 'p' }, apiKeyHeader: 'h', apiKeyQuery: 'q', apiKeyCookie: 'c', oAuth2: 'o', openIdConnect: 'i' };
  await client(everything).deletePlanet(1); // document: bearer first
  await client(everything).getMe(); // getMe: basic first
  await client({ bearerAuth: 'b', oAuth2: 'o' }).getMe(); // then oAuth2
  await client({ apiKeyCookie: 'c' }).deletePlanet(1); // cookie is an alternative of the document's only
  await client(everything).getAllData(); // security: []
  expect(credentials()).toEqual([
    { ...none, authorization: 'Bearer b' },
    { ...none, authorization: `Basic ${Buffer.from('u:p').toString('base64')}` },
    { ...none, authorization: 'Bearer o' },
    { ...none, cookie: 'api_key=c' },
    none,
  ]);
});

test('credentials from the environment variables; a token function called once per request', async () => {
  process.env.SCALAR_GALAXY_API_KEY = 'from-api-key';
  await client().deletePlanet(1);
  process.env.SCALAR_GALAXY_BEARER_AUTH = 'from-bearer-auth';
  await client().deletePlanet(1);
  for (const name of ENV) delete process.env[name];
  process.env.SCALAR_GALAXY_BASIC_AUTH_USERNAME = 'env-user';
  process.env.SCALAR_GALAXY_BASIC_AUTH_PASSWORD = 'env-pass';
  await client().getMe();
  delete process.env.SCALAR_GALAXY_BASIC_AUTH_USERNAME;
  delete process.env.SCALAR_GALAXY_BASIC_AUTH_PASSWORD;
  process.env.SCALAR_GALAXY_API_KEY_COOKIE = 'env-cookie';
  await client().deletePlanet(1);
  let calls = 0;
  const refreshing = client({ oAuth2: async () => `fresh-${++calls}` });
  for (let i = 0; i < 3; i++) await refreshing.getMe();
  expect(calls).toBe(3);
  expect(credentials()).toEqual([
    { ...none, authorization: 'Bearer from-api-key' },
    { ...none, authorization: 'Bearer from-bearer-auth' },
    { ...none, authorization: `Basic ${Buffer.from('env-user:env-pass').toString('base64')}` },
    { ...none, cookie: 'api_key=env-cookie' },
    { ...none, authorization: 'Bearer fresh-1' },
    { ...none, authorization: 'Bearer fresh-2' },
    { ...none, authorization: 'Bearer fresh-3' },
  ]);
});

test('missing credentials: an SDKError before sending, naming the options and variables of each alternative', async () => {
  const error = await client()
    .getMe()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(built.pkg.SDKError);
  expect(String(error)).toContain(
    'GET /me requires credentials and none are configured: pass `basicAuth` in the client options, or set the SCALAR_GALAXY_BASIC_AUTH_USERNAME and SCALAR_GALAXY_BASIC_AUTH_PASSWORD environment variables; or pass `oAuth2` in the client options, or set the SCALAR_GALAXY_O_AUTH2 environment variable; or pass `bearerAuth` (or `apiKey`) in the client options, or set the SCALAR_GALAXY_BEARER_AUTH (or SCALAR_GALAXY_API_KEY) environment variable;',
  );
  expect(String(error)).toContain('or pass `apiKeyHeader` and `apiKeyQuery` in the client options, or set the SCALAR_GALAXY_API_KEY_HEADER and SCALAR_GALAXY_API_KEY_QUERY environment variables. The request was not sent.');
  expect(server.requests).toHaveLength(0);
  // an operation that needs none works without any (a list, paged by offset: its first page)
  expect((await client().getAllData()).body).toEqual({ id: 1 });
});

test('tsc --strict accepts the options as documented and refuses the wrong shapes', () => {
  const file = path.join(built.dir, 'consumer.ts');
  writeFileSync(
    file,
    `import { ScalarGalaxy, createClient, type ClientOptions } from './src/index.js';
const options: ClientOptions = {
  apiKey: 'k',
  bearerAuth: async () => 'token',
  basicAuth: { username: 'u', password: 'p' },
  apiKeyHeader: () => 'h',
  apiKeyQuery: null,
  apiKeyCookie: undefined,
  oAuth2: () => Promise.resolve('o'),
  openIdConnect: 'i',
};
new ScalarGalaxy(options);
createClient({ basicAuth: async () => ({ username: 'u', password: 'p' }) });
// @ts-expect-error basic credentials are { username, password }
new ScalarGalaxy({ basicAuth: 'u:p' });
// @ts-expect-error a token is a string or a function returning one
new ScalarGalaxy({ bearerAuth: 42 });
// @ts-expect-error a token function returns a string
new ScalarGalaxy({ oAuth2: () => 42 });
// @ts-expect-error no option for a scheme the spec does not have
new ScalarGalaxy({ digestAuth: 'x' });
`,
  );
  expect(typecheck([file])).toEqual([]);
});
