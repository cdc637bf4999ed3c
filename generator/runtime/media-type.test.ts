import { isEventStream, isFormURLEncoded, isJSONLines, isJSONMediaType, isJSONSeq, isMultipartFormData } from './media-type.js';

test('JSON: a json subtype or a +json suffix, with parameters, in any case', () => {
  for (const type of ['application/json', 'application/json; charset=utf-8', 'TEXT/JSON', 'application/problem+json', 'application/vnd.api+json;v=2'])
    expect([type, isJSONMediaType(type)]).toEqual([type, true]);
  // Sequences of JSON values, JSON5 and types that only mention json are not a JSON body.
  for (const type of ['application/x-ndjson', 'application/jsonl', 'application/json-lines', 'application/json-seq', 'application/geo+json-seq', 'application/json5', 'text/plain', 'application/octet-stream', '*/*', ''])
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

test('JSON Lines under each of its names; JSON text sequences and their +json-seq types', () => {
  for (const type of ['application/jsonl', 'application/x-jsonl', 'application/jsonlines', 'application/x-jsonlines', 'application/json-lines', 'application/x-json-lines', 'application/ndjson', 'Application/X-NDJSON; charset=utf-8'])
    expect([type, isJSONLines(type), isJSONSeq(type)]).toEqual([type, true, false]);
  for (const type of ['application/json-seq', 'application/geo+json-seq', 'application/vnd.x+json-seq; charset=utf-8', 'APPLICATION/JSON-SEQ'])
    expect([type, isJSONSeq(type), isJSONLines(type)]).toEqual([type, true, false]);
  for (const type of ['application/json', 'text/jsonl', 'application/json-seqs', 'application/jsonll', 'application/geo+json', 'text/event-stream', ''])
    expect([type, isJSONLines(type), isJSONSeq(type)]).toEqual([type, false, false]);
});
