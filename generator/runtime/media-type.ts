/**
 * The runtime's rules for media types, in one place: which content types are JSON (a `json` subtype or a
 * `+json` structured suffix: `application/json`, `text/json`, `application/problem+json`, with or without
 * parameters), a sequence of JSON values (JSON Lines/NDJSON, JSON text sequences), an event stream, or one of
 * the two form encodings. Each takes a `content-type` value as sent or received, in any case.
 */

/**
 * JSON Lines / NDJSON, one JSON value per line, under each name in use: `application/jsonl`,
 * `application/x-ndjson`, `application/x-jsonlines`, `application/json-lines`, … (`jsonl`, `jsonlines`,
 * `json-lines`, `ndjson`, with or without `x-`), with or without parameters.
 */
export const isJSONLines = (type: string): boolean =>
  /^\s*application\/(x-)?(jsonl|jsonlines|json-lines|ndjson)\s*(;|$)/i.test(type);

/**
 * JSON text sequences (RFC 7464): `application/json-seq` and any structured `+json-seq` type such as RFC 8142's
 * `application/geo+json-seq`, with or without parameters.
 */
export const isJSONSeq = (type: string): boolean =>
  /^\s*application\/([\w.+-]+\+)?json-seq\s*(;|$)/i.test(type);

/**
 * One JSON value: `application/json`, `text/json`, `application/vnd.api+json; charset=utf-8`, … but not a
 * sequence of them (`application/json-seq`, `application/json-lines`), which a client reads as a stream.
 */
export const isJSONMediaType = (type: string): boolean =>
  /[/+]json\b/i.test(type) && !isJSONSeq(type) && !isJSONLines(type);

/** `text/event-stream` (server-sent events), with or without parameters. */
export const isEventStream = (type: string): boolean =>
  /^\s*text\/event-stream\s*(;|$)/i.test(type);

/** `multipart/form-data`. */
export const isMultipartFormData = (type: string): boolean => /^multipart\/form-data/i.test(type);

/** `application/x-www-form-urlencoded`. */
export const isFormURLEncoded = (type: string): boolean =>
  /^application\/x-www-form-urlencoded/i.test(type);
