/**
 * A runtime `ClientCore` for the runtime's own tests, talking to a local test server: one bearer scheme `key`
 * (the `apiKey` option's), sent as `Bearer sk-test` where a request spec names it.
 */
import { ClientCore, type ClientDefaults, type ClientOptions } from '../../generator/runtime/core.js';
import type { TestServer } from './server.js';

export const TEST_DEFAULTS: ClientDefaults = {
  baseURL: 'http://unused',
  envPrefix: 'SDKFORGE_TEST',
  auth: { key: { kind: 'bearer', option: 'key', env: 'SDKFORGE_TEST_KEY', apiKey: true } },
};

/** A client of `server` with the test key, `options` over it. */
export const testClient = (server: TestServer, options: ClientOptions = {}): ClientCore =>
  new ClientCore({ apiKey: 'sk-test', baseURL: server.url, ...options }, TEST_DEFAULTS);
