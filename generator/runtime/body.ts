/**
 * Request body encoding by content type: JSON; `multipart/form-data` (files from `Blob`/`File`, arrays as
 * repeated fields, objects as JSON); `application/x-www-form-urlencoded` with nested objects and arrays in the
 * bracket style (`a[b][0]=v`, as Stripe-like APIs expect); binary and text bodies passed through.
 */
import { isFormURLEncoded, isJSONMediaType, isMultipartFormData } from './media-type.js';
import type { EncodedBody, RequestSpec } from './core.js';
import { scalar } from './util.js';

export type BinaryBody = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array>;

const isBinary = (v: unknown): v is BinaryBody =>
  (typeof Blob !== 'undefined' && v instanceof Blob) ||
  v instanceof ArrayBuffer ||
  ArrayBuffer.isView(v) ||
  (typeof ReadableStream !== 'undefined' && v instanceof ReadableStream);

/** Whether a body object has a file (a `Blob`/`File` or bytes) among its fields or in an array field. */
export function holdsFile(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || isBinary(body)) return false;
  const file = (v: unknown) =>
    isBinary(v) && !(typeof ReadableStream !== 'undefined' && v instanceof ReadableStream);
  return Object.values(body).some((v) => (Array.isArray(v) ? v.some(file) : file(v)));
}

export function toFormData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  const append = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (typeof Blob !== 'undefined' && value instanceof Blob) {
      const fileName = (value as Blob & { name?: unknown }).name;
      form.append(name, value, typeof fileName === 'string' && fileName ? fileName : 'blob');
    } else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      form.append(name, new Blob([value as ArrayBuffer]), 'blob');
    } else {
      form.append(name, scalar(value));
    }
  };
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) for (const item of value) append(name, item);
    else append(name, value);
  }
  return form;
}

/** `a=1&b[c]=2&d[0]=x`: nested objects and arrays with brackets; `undefined` and `null` left out. */
export function toUrlEncoded(body: Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (key: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((item, i) => walk(`${key}[${i}]`, item));
    else if (typeof value === 'object' && !(value instanceof Date)) {
      for (const [k, v] of Object.entries(value)) walk(`${key}[${k}]`, v);
    } else out.push(`${encodeURIComponent(key)}=${encodeURIComponent(scalar(value))}`);
  };
  for (const [k, v] of Object.entries(body)) walk(k, v);
  return out.join('&');
}

/**
 * `RequestSpec.encode` for an operation whose body may be other than JSON: `body` as `fileContentType` when it
 * holds a file (see `holdsFile`), else as `contentType` (JSON when absent).
 */
export function encodeRequestBody(
  body: unknown,
  types: Pick<RequestSpec, 'contentType' | 'fileContentType'>,
): EncodedBody {
  const type = types.fileContentType && holdsFile(body) ? types.fileContentType : types.contentType;
  return encodeBody(body, type ?? 'application/json');
}

/** The fetch body for `body` sent as `contentType`, and the content-type header to send (none for FormData). */
export function encodeBody(body: unknown, contentType: string): EncodedBody {
  if (isMultipartFormData(contentType)) {
    return {
      body: body instanceof FormData ? body : toFormData(body as Record<string, unknown>),
      contentType: undefined,
    };
  }
  if (isFormURLEncoded(contentType)) {
    return {
      body: body instanceof URLSearchParams ? body : toUrlEncoded(body as Record<string, unknown>),
      contentType,
    };
  }
  // `*/*` accepts any body: it is sent as JSON.
  if (isJSONMediaType(contentType) || contentType === '*/*')
    return { body: JSON.stringify(body), contentType };
  // a Blob that carries the content type's parameters (a multipart boundary) is sent with its own type
  if (
    typeof Blob !== 'undefined' &&
    body instanceof Blob &&
    body.type.toLowerCase().startsWith(`${contentType.toLowerCase()};`)
  )
    return { body, contentType: body.type };
  if (
    typeof body === 'string' ||
    isBinary(body) ||
    body instanceof FormData ||
    body instanceof URLSearchParams
  ) {
    return { body: body as BodyInit, contentType };
  }
  return { body: scalar(body), contentType };
}
