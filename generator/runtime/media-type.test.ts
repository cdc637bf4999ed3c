import { isEventStream, isFormURLEncoded, isJSONMediaType, isMultipartFormData } from './media-type.js';

test('JSON: a json subtype or a +json suffix, with parameters, in any case', () => {
  for (const type of ['application/json', 'application/json; charset=utf-8', 'TEXT/JSON', 'application/problem+json', 'application/vnd.api+json;v=2'])
    expect([type, isJSONMediaType(type)]).toEqual([type, true]);
  // Sequences of JSON values, JSON5 and types that only mention json are not a JSON body.
  for (const type of ['application/x-ndjson', 'application/jsonl', 'application/json5', 'text/plain', 'application/octet-stream', '*/*', ''])
    expect([type, isJSONMediaType(type)]).toEqual([type, false]);
});

test('event streams and the form encodings', () => {
  expect(isEventStream('text/event-stream; charset=utf-8')).toBe(true);
  expect(isEventStream('Text/Event-Stream')).toBe(true);
  expect(isEventStream('application/json')).toBe(false);
  expect(isEventStream('text/event-streams')).toBe(false);
  expect(isMultipartFormData('multipart/form-data; boundary=x')).toBe(true);
  expect(isMultipartFormData('multipart/mixed')).toBe(false);
  expect(isFormURLEncoded('Application/X-WWW-Form-Urlencoded')).toBe(true);
  expect(isFormURLEncoded('application/json')).toBe(false);
});
