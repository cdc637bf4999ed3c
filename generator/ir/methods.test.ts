// HTTP methods: the fixed ones go out uppercase, an additionalOperations key exactly as written.
import { FIXED_METHODS, httpMethod, isFixedMethod, isMethodToken, namesFixedMethod } from './methods.js';

test('fixed methods, 3.2 query included, are sent uppercase', () => {
  expect(FIXED_METHODS).toContain('query');
  expect(httpMethod('get')).toBe('GET');
  expect(httpMethod('query')).toBe('QUERY');
  expect(isFixedMethod('trace')).toBe(true);
});

test('an additional method is sent with the case its key has', () => {
  expect(httpMethod('COPY')).toBe('COPY');
  expect(httpMethod('Purge')).toBe('Purge');
  expect(isFixedMethod('Purge')).toBe(false);
  expect(isFixedMethod('GET')).toBe(false);
});

test('additional keys that name a fixed method, in any case, or are no token, are recognized', () => {
  expect(namesFixedMethod('POST')).toBe(true);
  expect(namesFixedMethod('Query')).toBe(true);
  expect(namesFixedMethod('LINK')).toBe(false);
  expect(isMethodToken('M-SEARCH')).toBe(true);
  expect(isMethodToken('BAD METHOD')).toBe(false);
  expect(isMethodToken('')).toBe(false);
});
