/**
 * The runtime's rules for media types, in one place: which content types are JSON (a `json` subtype or a
 * `+json` structured suffix: `application/json`, `text/json`, `application/problem+json`, with or without
 * parameters), an event stream, or one of the two form encodings. Each takes a `content-type` value as sent
 * or received, in any case.
 */

/** `application/json`, `text/json`, `application/vnd.api+json; charset=utf-8`, … */
export function isJSONMediaType(type: string): boolean {
  return /[/+]json\b/i.test(type);
}

/** `text/event-stream` (server-sent events). */
export function isEventStream(type: string): boolean {
  return /^text\/event-stream/i.test(type);
}

/** `multipart/form-data`. */
export function isMultipartFormData(type: string): boolean {
  return /^multipart\/form-data/i.test(type);
}

/** `application/x-www-form-urlencoded`. */
export function isFormURLEncoded(type: string): boolean {
  return /^application\/x-www-form-urlencoded/i.test(type);
}
