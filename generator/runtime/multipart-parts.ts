/**
 * Positional multipart request bodies (`multipart/mixed`, `multipart/related`, …; OpenAPI 3.2 `prefixEncoding` and
 * `itemEncoding`): the body is an array, each item one part, in order. A part's content type is the one its
 * position's Encoding Object gives (`prefix[i]`, else `items`), else follows from the value: bytes
 * `application/octet-stream` (a `Blob` its own type), a string `text/plain`, anything else `application/json`.
 * The result is a `Blob` whose type carries the boundary (`multipart/mixed; boundary=…`); the request sends it
 * with that type.
 */
import { isJSONMediaType } from './media-type.js';
import { scalar } from './util.js';

export interface PartTypes {
  /** The content type of the part at each leading position (`prefixEncoding[i].contentType`). */
  prefix?: readonly (string | undefined)[] | undefined;
  /** The content type of every other part (`itemEncoding.contentType`). */
  items?: string | undefined;
}

type Bytes = Blob | ArrayBuffer | ArrayBufferView;

const isBytes = (v: unknown): v is Bytes =>
  (typeof Blob !== 'undefined' && v instanceof Blob) ||
  v instanceof ArrayBuffer ||
  ArrayBuffer.isView(v);

function defaultType(value: unknown): string {
  if (typeof Blob !== 'undefined' && value instanceof Blob && value.type) return value.type;
  if (isBytes(value)) return 'application/octet-stream';
  return typeof value === 'string' ? 'text/plain' : 'application/json';
}

/** A part's payload as its content type has it: JSON text for JSON types, bytes as they are, else the text. */
function payload(value: unknown, type: string): BlobPart {
  if (isBytes(value)) return value as BlobPart;
  if (isJSONMediaType(type)) return JSON.stringify(value);
  return scalar(value);
}

/** A boundary that no text payload contains (RFC 2046: at most 70 characters). */
function boundaryFor(texts: string[]): string {
  for (;;) {
    const boundary = `sdkforge-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    if (!texts.some((t) => t.includes(boundary))) return boundary;
  }
}

/** `parts` as a `mediaType` body, each part typed by its position (`types`) or its value. */
export function encodeParts(parts: readonly unknown[], types: PartTypes, mediaType: string): Blob {
  const typed = parts.map((value, i) => {
    const type = types.prefix?.[i] ?? types.items ?? defaultType(value);
    return { type, body: payload(value, type) };
  });
  const boundary = boundaryFor(typed.flatMap((p) => (typeof p.body === 'string' ? [p.body] : [])));
  const out: BlobPart[] = [];
  for (const part of typed) {
    out.push(`--${boundary}\r\ncontent-type: ${part.type}\r\n\r\n`, part.body, '\r\n');
  }
  out.push(`--${boundary}--\r\n`);
  return new Blob(out, { type: `${mediaType}; boundary=${boundary}` });
}
