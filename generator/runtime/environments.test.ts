// withEnvironment: the environment option → the base URL, baseURL winning, unknown names refused.
import { withEnvironment } from './environments.js';
import { SDKError } from './errors.js';

const environments = { production: 'https://api.test', 'eu-west': 'https://eu.api.test' };

test('an environment becomes the base URL; the option itself is not passed on', () => {
  expect(withEnvironment({ environment: 'eu-west', timeout: 5 }, environments)).toEqual({ baseURL: 'https://eu.api.test', timeout: 5 });
});

test('baseURL wins; a null baseURL counts as not given', () => {
  expect(withEnvironment({ environment: 'production', baseURL: 'http://127.0.0.1:1' }, environments)).toEqual({ baseURL: 'http://127.0.0.1:1' });
  expect(withEnvironment({ environment: 'production', baseURL: null }, environments)).toEqual({ baseURL: 'https://api.test' });
});

test('no environment: the options as they are', () => {
  expect(withEnvironment({ apiKey: 'k' }, environments)).toEqual({ apiKey: 'k' });
});

test('an unknown environment, even an Object.prototype member, throws naming the known ones', () => {
  expect(() => withEnvironment({ environment: 'staging' }, environments)).toThrow(SDKError);
  expect(() => withEnvironment({ environment: 'toString' }, environments)).toThrow('Unknown environment "toString": the API names "production", "eu-west".');
});
