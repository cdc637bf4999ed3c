import { ts } from 'ts-morph';
import { TYPESCRIPT_VERSION } from './typescript-version.js';

test('the constant is the TypeScript that ts-morph bundles (and sdkforge build uses)', () => {
  expect(TYPESCRIPT_VERSION).toBe(ts.version);
});
