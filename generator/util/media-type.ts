/**
 * Media types, as the generator reads them from a spec's `content` keys: which content is JSON, which is an event
 * stream, which is a sequence of JSON values, and so how a response body is read. The JSON and event-stream rules
 * are the runtime's own (`generator/runtime/media-type.ts`), so that the generator and the generated client agree
 * on every content type; the generator adds only what a spec can say and a response cannot.
 *
 * JSON is a `json` subtype or a `+json` structured suffix (`application/json`, `text/json`,
 * `application/problem+json`, `application/vnd.api+json`), with or without parameters, in any case; and, in a
 * spec, `*\/*`, which specs write for "whatever the server sends", in practice JSON. A sequence of JSON values
 * (JSON Lines/NDJSON: `application/jsonl`, `application/x-ndjson`, …; JSON text sequences:
 * `application/json-seq`, `application/geo+json-seq`) is not JSON: it is read as a stream.
 */
import type { ResponseType } from '../runtime/core.js';
import {
  isEventStream as isEventStreamType,
  isJSONLines as isJSONLinesType,
  isJSONMediaType,
  isJSONSeq as isJSONSeqType,
} from '../runtime/media-type.js';

/** `Text/Event-Stream; charset=utf-8` → `text/event-stream`: the type and subtype, lowercased, without parameters. */
export function mediaTypeEssence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

/** Whether content of this media type is one JSON value (see the module header for the exact rule). */
export function isJson(mediaType: string): boolean {
  return isJSONMediaType(mediaType) || mediaType === '*/*';
}

/** Server-sent events (`text/event-stream`, any case, any parameters): the runtime's rule. */
export const isEventStream: (mediaType: string) => boolean = isEventStreamType;

/** JSON Lines / NDJSON under any of its names (`application/jsonl`, `application/x-ndjson`, …): the runtime's rule. */
export const isJSONLines: (mediaType: string) => boolean = isJSONLinesType;

/** JSON text sequences (RFC 7464: `application/json-seq`, `+json-seq` types): the runtime's rule. */
export const isJSONSeq: (mediaType: string) => boolean = isJSONSeqType;

/** A sequence of JSON values rather than one: JSON Lines/NDJSON or JSON text sequences. */
export function isJsonSequence(mediaType: string): boolean {
  return isJSONLines(mediaType) || isJSONSeq(mediaType);
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

/** A `multipart` type whose parts are positional (`multipart/mixed`, `multipart/related`, …), not named fields. */
export function isPositionalMultipart(mediaType: string): boolean {
  return /^multipart\//i.test(mediaType) && !/^multipart\/form-data\b/i.test(mediaType);
}
