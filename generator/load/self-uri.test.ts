import path from 'node:path';
import { baseUri } from './self-uri.js';

const here = path.resolve('/specs/api/openapi.yaml');

test('without $self the base is where the document was read from', () => {
  expect(baseUri(undefined, here)).toBe(here);
  expect(baseUri(42, here)).toBe(here);
  expect(baseUri('', 'https://example.com/a/openapi.yaml')).toBe('https://example.com/a/openapi.yaml');
});

test('an absolute $self is the base', () => {
  expect(baseUri('https://api.example.com/v1/openapi', here)).toBe('https://api.example.com/v1/openapi');
  expect(baseUri('file:///other/dir/openapi.yaml', here)).toBe(path.resolve('/other/dir/openapi.yaml'));
});

test('a relative $self is resolved against the retrieval URI', () => {
  expect(baseUri('../shared/openapi.yaml', here)).toBe(path.resolve('/specs/shared/openapi.yaml'));
  expect(baseUri('v2/openapi', 'https://example.com/a/openapi.yaml')).toBe('https://example.com/a/v2/openapi');
});

test('a $self with a fragment or another scheme is ignored', () => {
  expect(baseUri('https://example.com/openapi#x', here)).toBe(here);
  expect(baseUri('urn:example:api', here)).toBe(here);
});
