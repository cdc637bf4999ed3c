/**
 * Media types, as the generator reads them from a spec's `content` keys: the one place that says which content
 * is JSON, which is an event stream, which is a sequence of JSON values, and so how a response body is read.
 * (The generated runtime reads the `content-type` of actual responses with rules of its own, in
 * `generator/runtime/`.)
 *
 * The JSON rule is the one the generator has always used, kept as it is so that generated packages do not change:
 * `application/json` and every `application/<anything>+json` (`application/problem+json`,
 * `application/vnd.api+json`), each optionally with parameters (`; charset=utf-8`), compared case-insensitively,
 * and `*\/*`, which specs write for "whatever the server sends", in practice JSON. Because the rule ends at a word
 * boundary, a JSON text sequence (`application/json-seq`, `application/geo+json-seq`) also counts as JSON, while
 * the line-delimited forms (`application/jsonl`, `application/x-ndjson`) do not: code that treats a sequence
 * differently asks `isJsonSequence` first.
 */
import type { ResponseType } from '../runtime/core.js';

/** `Text/Event-Stream; charset=utf-8` → `text/event-stream`: the type and subtype, lowercased, without parameters. */
export function mediaTypeEssence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

/** Whether content of this media type is one JSON value (see the module header for the exact rule). */
export function isJson(mediaType: string): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(mediaType) || mediaType === '*/*';
}

/** Server-sent events (`text/event-stream`, any case, any parameters). */
export function isEventStream(mediaType: string): boolean {
  return mediaTypeEssence(mediaType) === 'text/event-stream';
}

/** The line-delimited JSON names in use (JSON Lines, NDJSON), with and without the `x-` of unregistered types. */
const JSON_LINES = new Set(['jsonl', 'jsonlines', 'json-lines', 'ndjson', 'x-jsonl', 'x-jsonlines', 'x-ndjson']);

/**
 * A sequence of JSON values rather than one: line-delimited JSON (`application/jsonl`, `application/x-ndjson`,
 * …) and JSON text sequences (RFC 7464: `application/json-seq`, and structured `+json-seq` types such as RFC
 * 8142's `application/geo+json-seq`).
 */
export function isJsonSequence(mediaType: string): boolean {
  const essence = mediaTypeEssence(mediaType);
  if (!essence.startsWith('application/')) return false;
  const subtype = essence.slice('application/'.length);
  return JSON_LINES.has(subtype) || /^([\w.+-]+\+)?json-seq$/.test(subtype);
}

/**
 * How the runtime reads a response body of this media type: `json` (parsed), `text` (`text/…`, as a string),
 * `binary` (anything else, as a `Blob`), or `none` when the response has no content.
 */
export function responseTypeOf(mediaType: string | undefined): ResponseType {
  if (mediaType === undefined) return 'none';
  if (isJson(mediaType)) return 'json';
  if (mediaType.startsWith('text/')) return 'text';
  return 'binary';
}
