/**
 * Request bodies on GET, HEAD and DELETE. Some specs declare one with nothing in it on every such operation
 * (Stripe's, as an empty form-urlencoded object). Taken as declared it would be the method's first argument, so
 * the query a user passes would be sent as a GET body, which fetch refuses ("Connection error."). A body with
 * nothing to send is dropped with a warning, and the method takes its parameters as other GETs do. A GET or HEAD
 * body with members is kept (servers that read one exist), with a warning that the platform's fetch cannot send
 * it: such calls need a client `fetch` that can.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { SchemaBuilder } from './build-schema.js';
import { httpMethod } from './methods.js';
import type { HttpMethod } from './types.js';

type Raw = Record<string, unknown>;

const BODYLESS: ReadonlySet<HttpMethod> = new Set(['get', 'head', 'delete']);
const FETCH_REFUSES: ReadonlySet<HttpMethod> = new Set(['get', 'head']);

/** Keys that describe a schema without letting it hold anything. */
const DESCRIPTIVE = new Set(['type', 'title', 'description', 'nullable', 'deprecated', 'readOnly', 'writeOnly', 'example', 'examples', 'externalDocs', 'xml', 'required', 'properties', 'additionalProperties', 'allOf', '$schema', '$id']);

/**
 * Whether the request body `raw` (at `pointer`) of a `method` operation is kept; a dropped one, or a kept one
 * fetch cannot send, is reported to `warn`.
 */
export function keepRequestBody(method: HttpMethod, raw: unknown, pointer: string, schemas: SchemaBuilder, warn: (d: Diagnostic) => void): boolean {
  if (!raw || !BODYLESS.has(method)) return true;
  const { value: body } = schemas.deref(raw as Raw, pointer);
  if (!body || typeof body !== 'object') return true;
  const contents = body.content && typeof body.content === 'object' ? Object.values(body.content as Raw) : [];
  const verb = httpMethod(method);
  if (contents.every((media) => isEmpty((media as Raw | undefined)?.schema, schemas, 0))) {
    warn({
      severity: 'warning',
      code: 'request-body-dropped',
      message: `The ${verb} request body has no properties: it is dropped, and the method takes only its parameters.`,
      hint: `Remove the requestBody from the ${verb} operation.`,
      pointer,
    });
    return false;
  }
  if (FETCH_REFUSES.has(method)) {
    warn({
      severity: 'warning',
      code: 'request-body-get',
      message: `The ${verb} operation declares a request body, which is kept as the method's first argument; fetch cannot send a body with ${verb}, so calls fail unless the client is given a \`fetch\` that can.`,
      hint: `Send these fields as query parameters, or use POST (or QUERY) for an operation that needs a body.`,
      pointer,
    });
  }
  return true;
}

/** A schema that lets a body hold nothing: absent, `{}`, or an object with no properties (through `$ref` and `allOf`). */
function isEmpty(schema: unknown, schemas: SchemaBuilder, depth: number): boolean {
  if (schema === undefined || schema === null) return true;
  if (typeof schema !== 'object' || Array.isArray(schema) || depth > 8) return false;
  let s = schema as Raw;
  if (typeof s.$ref === 'string') {
    const target = s.$ref.startsWith('#') ? schemas.resolvePointer(s.$ref) : undefined;
    if (!target || typeof target !== 'object') return false;
    s = target as Raw;
  }
  for (const key of Object.keys(s)) if (!DESCRIPTIVE.has(key) && !key.startsWith('x-')) return false;
  if (s.type !== undefined && s.type !== 'object') return false;
  if (s.properties && typeof s.properties === 'object' && Object.keys(s.properties).length > 0) return false;
  if (s.additionalProperties !== undefined && s.additionalProperties !== false) return false;
  if (s.allOf !== undefined && !(Array.isArray(s.allOf) && s.allOf.every((part) => isEmpty(part, schemas, depth + 1)))) return false;
  return true;
}
