// The client's authentication options: one per sendable scheme, named after it, with its environment variable;
// collisions with core options, core variables and other schemes resolved by a numeric suffix in document order.
import type { IRDocument, IRSecurityScheme } from '../ir/types.js';
import { authLiteral, clientSchemes } from './auth.js';

const doc = (security: IRSecurityScheme[], mainScheme?: string): IRDocument => ({ title: 'T', version: '1', schemas: [], operations: [], security, ...(mainScheme ? { mainScheme } : {}) });
const names = (ir: IRDocument) => clientSchemes(ir, 'ACME').map((s) => [s.scheme.name, s.option, s.env, s.apiKey]);

test('option camelCase(scheme name), variable <PREFIX>_CONSTANT_CASE(scheme name); `other` schemes have none', () => {
  const ir = doc(
    [
      { name: 'ApiKeyAuth', kind: 'bearer' },
      { name: 'basic_auth', kind: 'basic' },
      { name: 'digest', kind: 'other' },
      { name: 'X-Session', kind: 'apiKey', in: 'cookie', parameterName: 'sid' },
    ],
    'ApiKeyAuth',
  );
  expect(names(ir)).toEqual([
    ['ApiKeyAuth', 'apiKeyAuth', 'ACME_API_KEY_AUTH', true],
    ['basic_auth', 'basicAuth', 'ACME_BASIC_AUTH', false],
    ['X-Session', 'xSession', 'ACME_X_SESSION', false],
  ]);
  expect(authLiteral(clientSchemes(ir, 'ACME'))).toBe(
    '{ ApiKeyAuth: { kind: "bearer", option: "apiKeyAuth", env: "ACME_API_KEY_AUTH", apiKey: true }, basic_auth: { kind: "basic", credential: basicCredential, option: "basicAuth", env: "ACME_BASIC_AUTH" }, "X-Session": { kind: "apiKey", in: "cookie", name: "sid", placement: apiKeyPlacement, option: "xSession", env: "ACME_X_SESSION" } }',
  );
  expect(authLiteral(clientSchemes(doc([{ name: 'tls', kind: 'other' }]), 'ACME'))).toBe('{}');
});

test('collisions: core options, Object.prototype members, core variables, basic variables and other schemes take a suffix', () => {
  const ir = doc(
    [
      { name: 'bearer', kind: 'bearer' },
      { name: 'api_key', kind: 'apiKey', in: 'query', parameterName: 'key' },
      { name: 'timeout', kind: 'bearer' },
      { name: 'constructor', kind: 'bearer' },
      { name: 'base-url', kind: 'bearer' },
      { name: 'login', kind: 'basic' },
      { name: 'login_username', kind: 'bearer' },
      { name: 'bearer-', kind: 'bearer' },
    ],
    'bearer',
  );
  expect(names(ir)).toEqual([
    ['bearer', 'bearer', 'ACME_BEARER', true],
    // `apiKey` is the main scheme's (bearer) alias, and ACME_API_KEY its variable
    ['api_key', 'apiKey2', 'ACME_API_KEY2', false],
    ['timeout', 'timeout2', 'ACME_TIMEOUT2', false],
    ['constructor', 'constructor2', 'ACME_CONSTRUCTOR2', false],
    // the option `baseUrl` is free, its variable ACME_BASE_URL is not
    ['base-url', 'baseUrl2', 'ACME_BASE_URL2', false],
    ['login', 'login', 'ACME_LOGIN', false],
    ['login_username', 'loginUsername2', 'ACME_LOGIN_USERNAME2', false],
    ['bearer-', 'bearer2', 'ACME_BEARER2', false],
  ]);
});

test('a main scheme named apiKey (or api_key) is the `apiKey` option itself, read from <PREFIX>_API_KEY', () => {
  expect(names(doc([{ name: 'api_key', kind: 'apiKey', in: 'header', parameterName: 'x-key' }], 'api_key'))).toEqual([['api_key', 'apiKey', 'ACME_API_KEY', true]]);
});
