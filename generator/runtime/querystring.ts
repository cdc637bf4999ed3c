/**
 * OpenAPI 3.2 `in: querystring`: one parameter that is the whole query string, serialized by the media type of its
 * `content`. `application/x-www-form-urlencoded` is sent as a form (spaces as `+`, nested objects and arrays as a
 * form request body sends them), JSON as its percent-encoded text, and any other type (`text/plain`,
 * `application/jsonpath`, …) as its percent-encoded string. An absent value sends nothing.
 */
import { toUrlEncoded } from './body.js';
import { isFormURLEncoded, isJSONMediaType } from './media-type.js';
import { scalar } from './util.js';

export function encodeQuerystring(value: unknown, mediaType: string): string {
  if (value === undefined || value === null) return '';
  if (isFormURLEncoded(mediaType)) {
    const form =
      typeof value === 'object' && !(value instanceof Date)
        ? toUrlEncoded(value as Record<string, unknown>)
        : encodeURIComponent(scalar(value));
    return form.replace(/%20/g, '+');
  }
  if (isJSONMediaType(mediaType)) return encodeURIComponent(JSON.stringify(value));
  return encodeURIComponent(scalar(value));
}
