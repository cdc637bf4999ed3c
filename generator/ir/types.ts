/**
 * The intermediate representation (IR): what the emitters read. It is built once from the loaded document by
 * `buildIR` and never refers back to the raw OpenAPI objects, so emitters see one normalized model whatever the
 * source version (3.0 `nullable`, 3.1 `type: [X, "null"]`, ...).
 *
 * Identity: every component schema becomes an `IRNamedSchema` with a unique TypeScript identifier; every
 * `$ref` to a component becomes an `{ kind: 'ref' }` node naming it, so recursive schemas are plain cycles by
 * name and each `$ref` is resolved exactly once.
 */

/** Facts every schema node can carry besides its shape. */
export interface IRSchemaMeta {
  /** `null` is also allowed (3.0 `nullable: true`, 3.1 `type: [X, 'null']`, or a `{type: 'null'}` variant). */
  nullable?: boolean;
  description?: string;
  deprecated?: boolean;
  /** Sent by the server only: omitted from request types. */
  readOnly?: boolean;
  /** Sent by the client only: omitted from response types. */
  writeOnly?: boolean;
  default?: unknown;
  format?: string;
}

export type IRPrimitiveType = 'string' | 'number' | 'integer' | 'boolean' | 'null';

export type IRSchema = IRSchemaMeta &
  (
    | { kind: 'unknown' }
    | { kind: 'never' }
    | { kind: 'primitive'; type: IRPrimitiveType }
    /** A binary payload (`format: binary`): `Blob | Uint8Array` in requests, `Blob` in responses. */
    | { kind: 'binary' }
    /** A reference to a named component schema, by its TypeScript identifier. */
    | { kind: 'ref'; name: string }
    | { kind: 'enum'; values: (string | number | boolean | null)[] }
    | { kind: 'const'; value: string | number | boolean | null }
    | { kind: 'array'; items: IRSchema }
    /** `prefixItems` (3.1) or an `items` array: fixed positions, then optional `rest`. */
    | { kind: 'tuple'; items: IRSchema[]; rest?: IRSchema }
    | {
        kind: 'object';
        properties: IRProperty[];
        /** `additionalProperties`: `false` for none declared, `true`/schema for a map part. */
        additional: IRSchema | boolean;
      }
    /** `oneOf`/`anyOf`, or a `type` array of several types. */
    | { kind: 'union'; variants: IRSchema[]; discriminator?: IRDiscriminator }
    /** `allOf`, or a schema with both own properties and `allOf`. */
    | { kind: 'intersection'; parts: IRSchema[] }
  );

export interface IRProperty {
  /** The property name exactly as on the wire. */
  name: string;
  required: boolean;
  schema: IRSchema;
}

export interface IRDiscriminator {
  /** The property whose value selects the variant. */
  property: string;
  /** Wire value → component identifier, from `mapping` or derived from the variants. */
  mapping: Record<string, string>;
}

export interface IRNamedSchema {
  /** The component's key in `#/components/schemas`. */
  originalName: string;
  /** The TypeScript identifier it is emitted as (unique, deterministic). */
  name: string;
  /** JSON pointer of the component. */
  pointer: string;
  schema: IRSchema;
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';
export type ParameterStyle = 'simple' | 'form' | 'deepObject' | 'pipeDelimited' | 'spaceDelimited' | 'label' | 'matrix';

export interface IRParameter {
  /** Name on the wire. */
  name: string;
  /** camelCase identifier (used for path parameters, which are positional arguments). */
  identifier: string;
  in: ParameterLocation;
  required: boolean;
  style: ParameterStyle;
  explode: boolean;
  schema: IRSchema;
  description?: string;
  deprecated?: boolean;
}

export interface IRContent {
  /** Media type, e.g. `application/json`, `text/event-stream`. */
  mediaType: string;
  schema: IRSchema;
}

export interface IRRequestBody {
  required: boolean;
  description?: string;
  /** By content type, in document order. */
  contents: IRContent[];
}

export interface IRResponse {
  /** `200`, `4XX`, `default`, ... */
  status: string;
  description?: string;
  /** By content type, in document order. */
  contents: IRContent[];
}

/**
 * Server-sent events: a success response offers `text/event-stream` (alone or beside other content).
 */
export interface IRStreaming {
  /**
   * The request body property that asks for events and the value that does: a boolean `stream` (`true`), or a
   * property whose values include `sse` (e.g. `stream_format: 'sse'`). Absent when nothing in the request
   * selects it: the operation then always streams, or (with `alternative`) the response's content type tells.
   */
  flag?: { property: string; value: true | 'sse' };
  /** The type of each event's JSON `data`. */
  event: IRSchema;
  /**
   * The `data:` payload the stream is known to end with, e.g. `[DONE]` (see `ir/stream-terminator.ts` for how it
   * becomes known): a body that ends without it is an incomplete answer. The runtime ends every stream at
   * `data: [DONE]` whether or not this is set.
   */
  terminator?: string;
  /** Why `terminator` is known: the extension that names it, or `description` when the spec's prose does. */
  terminatorSource?: string;
  /** The success response also offers a non-event content type (JSON, audio, ...). */
  alternative: boolean;
}

/**
 * List pagination. `cursor`: the JSON response has a `data` array and a boolean `has_more`, and the operation
 * takes the cursor query parameter (`after`); the next page is requested with `after` = the last item's id.
 * `single`: a `data` array only; one page, still iterable.
 */
export interface IRPagination {
  kind: 'cursor' | 'single';
  /** The cursor query parameter, for `cursor`. */
  cursorParam?: string;
  /** The type of one item of `data`. */
  item: IRSchema;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

export interface IROperation {
  /** The operationId as written in the spec. */
  operationId: string;
  /** The function/method identifier (unique, deterministic). */
  name: string;
  method: HttpMethod;
  /** Path template, e.g. `/chat/completions/{completion_id}`, without the query a path key may carry. */
  path: string;
  /**
   * The query written into the path key (`/responses/{response_id}?beta=true` → `{ beta: 'true' }`), sent with
   * every call in the same query string as the operation's query parameters. Operations are distinct by
   * `method`, `path` and `fixedQuery` together.
   */
  fixedQuery?: Record<string, string | string[]>;
  pointer: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  tags: string[];
  /** Parameters by location; path parameters in the order they appear in the path. */
  parameters: Record<ParameterLocation, IRParameter[]>;
  requestBody?: IRRequestBody;
  responses: IRResponse[];
  /** The success response's JSON or other content the function returns: 2XX, or `default` when no 2XX is declared. */
  success?: IRContent;
  streaming?: IRStreaming;
  pagination?: IRPagination;
  /** Whether the operation uses the API key (a non-empty security requirement applies to it). */
  secured: boolean;
  /**
   * The operation may also be called without credentials (its security requirements include an empty one, `{}`):
   * the key is sent when configured, and a call without one is not refused.
   */
  anonymous?: boolean;
}

export interface IRSecurityScheme {
  name: string;
  kind: 'bearer' | 'basic' | 'apiKey' | 'other';
  /** For apiKey schemes. */
  in?: 'header' | 'query' | 'cookie';
  parameterName?: string;
}

export interface IRDocument {
  title: string;
  version: string;
  description?: string;
  /** The SPDX licence expression of `info.license` (its `identifier`, else a `name` that is one); see `ir/license.ts`. */
  license?: string;
  /**
   * The first server URL, its variables set to their defaults (`https://{region}.x.com` → `https://eu.x.com`), if
   * any; a relative one is resolved against the document's URL when it was loaded from one.
   */
  baseURL?: string;
  schemas: IRNamedSchema[];
  operations: IROperation[];
  security: IRSecurityScheme[];
}
