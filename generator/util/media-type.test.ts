import { isEventStream as runtimeIsEventStream, isJSONMediaType } from '../runtime/media-type.js';
import { isEventStream, isJson, isJsonSequence, mediaTypeEssence, responseTypeOf } from './media-type.js';

test('JSON: a json subtype or +json suffix with any parameters and case, and */*; not text or line-delimited JSON', () => {
  for (const t of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/problem+json', 'application/vnd.api+json', 'application/vnd.github.v3.raw+json', 'text/json', '*/*']) {
    expect([t, isJson(t)]).toEqual([t, true]);
  }
  for (const t of ['application/jsonl', 'application/x-ndjson', 'application/xml', 'text/plain', 'application/*', 'application/octet-stream', 'multipart/form-data']) {
    expect([t, isJson(t)]).toEqual([t, false]);
  }
  // a sequence of JSON values is a stream, not one JSON value
  for (const t of ['application/json-seq', 'application/geo+json-seq', 'application/json-lines', 'application/x-json-lines']) expect([t, isJson(t)]).toEqual([t, false]);
});

test('event streams: text/event-stream in any case and with parameters, nothing else', () => {
  expect(isEventStream('text/event-stream')).toBe(true);
  expect(isEventStream('Text/Event-Stream; charset=utf-8')).toBe(true);
  expect(isEventStream('text/event-streams')).toBe(false);
  expect(isEventStream('application/json')).toBe(false);
  expect(isEventStream('*/*')).toBe(false);
});

test("the generator's JSON and event-stream rules are the runtime's, which reads responses' content types", () => {
  const types = ['application/json', 'text/json', 'application/problem+json; charset=utf-8', 'application/jsonl', 'application/json-seq', 'application/json-lines', 'text/event-stream', 'Text/Event-Stream;charset=utf-8', 'text/event-streams', 'text/plain', 'application/xml'];
  for (const t of types) {
    expect([t, isJson(t)]).toEqual([t, isJSONMediaType(t)]);
    expect([t, isEventStream(t)]).toEqual([t, runtimeIsEventStream(t)]);
  }
});

test('JSON sequences: JSON Lines, NDJSON and JSON text sequences; not one JSON value', () => {
  for (const t of ['application/jsonl', 'application/x-jsonl', 'application/jsonlines', 'application/x-ndjson', 'application/ndjson', 'application/json-seq', 'application/geo+json-seq', 'Application/X-NDJSON; charset=utf-8']) {
    expect([t, isJsonSequence(t)]).toEqual([t, true]);
  }
  for (const t of ['application/json', 'application/geo+json', 'text/event-stream', 'text/jsonl', 'application/json-seqs', '*/*']) {
    expect([t, isJsonSequence(t)]).toEqual([t, false]);
  }
});

test('how a response body is read: JSON parsed, text/* as text, anything else binary, no content none', () => {
  expect(responseTypeOf(undefined)).toBe('none');
  expect(responseTypeOf('application/json')).toBe('json');
  expect(responseTypeOf('*/*')).toBe('json');
  expect(responseTypeOf('text/plain')).toBe('text');
  expect(responseTypeOf('text/event-stream')).toBe('text');
  expect(responseTypeOf('image/png')).toBe('binary');
  expect(responseTypeOf('application/x-ndjson')).toBe('binary');
  expect(mediaTypeEssence(' Text/HTML ; charset=utf-8')).toBe('text/html');
});
