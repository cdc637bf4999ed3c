/**
 * The runtime's rules for media types, in one place: which content types are JSON (a `json` subtype or a
 * `+json` structured suffix: `application/json`, `text/json`, `application/problem+json`, with or without
 * parameters), an event stream, or one of the two form encodings. Each takes a `content-type` value as sent
 * or received, in any case.
 */

/** `application/json`, `text/json`, `application/vnd.api+json; charset=utf-8`, … */
export const isJSONMediaType = (type: string): boolean => /[/+]json\b/i.test(type);

/** `text/event-stream` (server-sent events), with or without parameters. */
export const isEventStream = (type: string): boolean =>
  /^\s*text\/event-stream\s*(;|$)/i.test(type);

/** `multipart/form-data`. */
export const isMultipartFormData = (type: string): boolean => /^multipart\/form-data/i.test(type);

/** `application/x-www-form-urlencoded`. */
export const isFormURLEncoded = (type: string): boolean =>
  /^application\/x-www-form-urlencoded/i.test(type);
