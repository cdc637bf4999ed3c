import { isEventStream, isJson, isJsonSequence, mediaTypeEssence, responseTypeOf } from './media-type.js';

test('JSON: application/json and +json types with any parameters and case, and */*; not text or line-delimited JSON', () => {
  for (const t of ['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/problem+json', 'application/vnd.api+json', 'application/vnd.github.v3.raw+json', '*/*']) {
    expect([t, isJson(t)]).toEqual([t, true]);
  }
  for (const t of ['text/json', 'application/jsonl', 'application/x-ndjson', 'application/xml', 'text/plain', 'application/*', 'application/octet-stream', 'multipart/form-data']) {
    expect([t, isJson(t)]).toEqual([t, false]);
  }
  // the rule as the generator has always had it: a JSON text sequence matches too (isJsonSequence tells them apart)
  expect(isJson('application/json-seq')).toBe(true);
  expect(isJson('application/geo+json-seq')).toBe(true);
});

test('event streams: text/event-stream in any case and with parameters, nothing else', () => {
  expect(isEventStream('text/event-stream')).toBe(true);
  expect(isEventStream('Text/Event-Stream; charset=utf-8')).toBe(true);
  expect(isEventStream('text/event-streams')).toBe(false);
  expect(isEventStream('application/json')).toBe(false);
  expect(isEventStream('*/*')).toBe(false);
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
