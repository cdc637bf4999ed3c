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
import type { Extensions } from './extensions.js';
import type { FORMATS } from './streaming.js';

export interface IRSchemaMeta {
  /** The schema's `x-` members, as the document has them (absent when it has none). */
  extensions?: Extensions;
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
  /**
   * JSON Schema `contentMediaType`: the media type of a string's content, e.g. `application/json` for an SSE
   * event's `data` (OpenAPI 3.2); with `contentSchema`, the schema of the decoded content.
   */
  contentMediaType?: string;
  contentSchema?: IRSchema;
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
  /**
   * OpenAPI 3.2 `defaultMapping`: the component identifier a payload is when the property is absent or holds a
   * value `mapping` does not name. It is one of the union's variants.
   */
  defaultMapping?: string;
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

/** `querystring` (OpenAPI 3.2): one parameter that is the whole query string, serialized by its `mediaType`. */
export type ParameterLocation = 'path' | 'query' | 'querystring' | 'header' | 'cookie';
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
  /** The media type of the parameter's `content`, where it is given by one (always for `querystring`). */
  mediaType?: string;
  description?: string;
  deprecated?: boolean;
  extensions?: Extensions;
}

export interface IRContent {
  /** Media type, e.g. `application/json`, `text/event-stream`. */
  mediaType: string;
  schema: IRSchema;
  /**
   * OpenAPI 3.2's `itemSchema`: the type of each item of a sequential media type (an event stream, JSON Lines, a
   * JSON text sequence), where `schema` types the stream as a whole. Absent when the media type object has none.
   */
  itemSchema?: IRSchema;
  /** The media type object's `x-` members (e.g. `x-speakeasy-sse-sentinel`). */
  extensions?: Extensions;
  /**
   * A positional `multipart` type's part content types (OpenAPI 3.2 `prefixEncoding[i].contentType`, and
   * `itemEncoding.contentType` for the rest), where the media type object gives any.
   */
  partTypes?: { prefix?: (string | undefined)[]; items?: string };
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
  /** The response's `summary` (3.2): a short text, used where it has no `description`. */
  summary?: string;
  description?: string;
  /** By content type, in document order. */
  contents: IRContent[];
  /** The names of the headers it declares (`Link`, `X-Total-Count`), as written; absent when none. */
  headers?: string[];
}

/**
 * The formats a response can stream in, one per family of sequential media types: `sse` (`text/event-stream`),
 * `jsonl` (JSON Lines/NDJSON) and `json-seq` (JSON text sequences). They are the keys of `FORMATS` in
 * `ir/streaming.ts`, where a format registers its media types; each has a runtime module of its name (`generator/runtime/sse.ts`).
 */
export type StreamFormat = keyof typeof FORMATS;

/**
 * A success response that streams. Invariants the builder guarantees: `mediaType` is one of `format`'s media types
 * and is among the success response's contents; `item` comes from that content by the item rule of
 * `ir/streaming.ts` (`streamItem`; for `sse`, the type of each event's JSON `data`); when `selector.by` is
 * `response-content-type` the response also offers other content, when it is `accept` it offers another
 * sequential media type besides `mediaType`, and when it is `always` it offers none.
 */
export interface IRStreaming {
  format: StreamFormat;
  mediaType: string;
  /** The type of one item of the stream. */
  item: IRSchema;
  /**
   * How a request selects the stream: a body property and the value that asks for it (a boolean `stream`: `true`;
   * or `stream_format: 'sse'`, the format's name), the `accept` header (the response offers several sequential
   * media types: the request asks for `mediaType`), the response's content type (the operation may answer either
   * way), or always.
   */
  selector: { by: 'body-property'; property: string; value: true | string } | { by: 'accept' } | { by: 'response-content-type' } | { by: 'always' };
  /**
   * Set when the items are whole server-sent events (an OpenAPI 3.2 `itemSchema` of `{ event, data, id, retry }`,
   * see `ir/sse-events.ts`): `item` is then the events' type, and `jsonData` the events whose data is decoded as
   * JSON (`true`: every event).
   */
  events?: { jsonData: true | string[] };
  /**
   * The item the stream is known to end with, e.g. `[DONE]` (see `ir/stream-terminator.ts` for how it becomes
   * known): a body that ends without it is an incomplete answer. The runtime ends every SSE stream at
   * `data: [DONE]` whether or not this is set.
   */
  terminator?: string;
  /** Why `terminator` is known: the extension that names it, or `description` when the spec's prose does. */
  terminatorSource?: string;
}

/** Property names from the body's root; `[]` is the body itself (a top-level JSON array). */
export type IRFieldPath = string[];

/** What every member of `IRPagination` carries. */
interface IRPaginationBase {
  /** One element of the page's items. */
  item: IRSchema;
  /** Where the page's items are in the body: `['data']`, `['result']`, `['entries']`, `[]` for a top-level array. */
  items: IRFieldPath;
  /**
   * Why the operation paginates this way, in words, e.g. "query `starting_after` and boolean `has_more`" or
   * "x-speakeasy-pagination (cursor)". Shown by `generate --verbose`; not emitted into code.
   */
  reason: string;
  /** Where the scheme came from. Not emitted into code. */
  source: 'detected' | 'x-sdkforge-pagination' | 'x-speakeasy-pagination' | 'x-fern-pagination';
}

/**
 * List pagination, one member per scheme (`ir/pagination.ts` detects them, in the order of its `SCHEMES`, and
 * reads the pagination extensions; the runtime has one page class each, `<Kind>Page` in
 * `generator/runtime/<kind>-page.ts`, which emitted code passes the member's fields other than `kind`, `item`,
 * `reason` and `source`, as they are):
 * - `cursor`: the next page is asked for with `cursorParam` = the last item's `cursorField` (`starting_after`,
 *   `after`), while `hasMore` (when given) is `true`;
 * - `token`: with `cursorParam` = the token at `nextCursor` in the body (`next_cursor`, `nextPageToken`, an
 *   iterator), until it is absent, `done` is `true` or `hasMore` is not;
 * - `offset`: with `offsetParam` advanced by the items received, until a short or empty page or `total`;
 * - `page-number`: with `pageParam` counted from `start`, until a short or empty page or `totalPages`;
 * - `link-header`: the `Link` response header's `rel="next"` URL;
 * - `next-url`: the URL at `nextURL` in the body;
 * - `single`: one page, still iterable.
 */
export type IRPagination = IRPaginationBase &
  (
    | { kind: 'cursor'; cursorParam: string; cursorField: string; hasMore?: IRFieldPath }
    | { kind: 'token'; cursorParam: string; nextCursor: IRFieldPath; hasMore?: IRFieldPath; done?: IRFieldPath }
    | { kind: 'offset'; offsetParam: string; limitParam?: string; total?: IRFieldPath }
    | { kind: 'page-number'; pageParam: string; start: number; limitParam?: string; totalPages?: IRFieldPath }
    | { kind: 'link-header' }
    | { kind: 'next-url'; nextURL: IRFieldPath }
    | { kind: 'single' }
  );

/**
 * An operation's method: a fixed one lowercase (`get` … `trace`, `query`), or an `additionalOperations` key (3.2)
 * exactly as written (`COPY`, `Purge`); `httpMethod` (`ir/methods.ts`) gives what is sent.
 */
export type HttpMethod = string;

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
  /**
   * Parameters by location; path parameters in the order they appear in the path; at most one `querystring`
   * parameter (OpenAPI 3.2).
   */
  parameters: Record<ParameterLocation, IRParameter[]>;
  requestBody?: IRRequestBody;
  responses: IRResponse[];
  /** The success response's JSON or other content the function returns: 2XX, or `default` when no 2XX is declared. */
  success?: IRContent;
  streaming?: IRStreaming;
  pagination?: IRPagination;
  /**
   * The security requirements that apply (the operation's, else the document's): alternatives, any one of which
   * suffices, each the names of the `IRDocument.security` schemes it needs together. `[]`: no credentials; an
   * empty alternative (`[[], ['key']]`): anonymous calls are allowed too.
   */
  security: string[][];
  /**
   * The retry policy the spec declares (`x-sdkforge-retries`, `x-speakeasy-retries`; see `ir/retries.ts`); absent:
   * the runtime's built-in rule.
   */
  retries?: IRRetryPolicy;
  /**
   * The header idempotency keys go in (see `ir/idempotency.ts`); set only for methods that are not safe (not GET,
   * HEAD, OPTIONS, TRACE or QUERY).
   */
  idempotency?: IRIdempotency;
  /** The operation object's `x-` members. */
  extensions?: Extensions;
  /** Where the operation sits in the client's resource namespaces (see `ir/resources.ts`). */
  place: IRResourcePlace;
}

/** Where an operation sits in the client's resource namespaces: `client.chat.completions.create(…)`. */
export interface IRResourcePlace {
  /** The resource path, each a valid, non-reserved JS identifier (camelCase): `['chat', 'completions']`; never empty. */
  resource: string[];
  /** The method name within that resource, a valid JS identifier (camelCase), unique within the resource. */
  method: string;
  /** Where the names came from (first match wins, in this order). */
  source: 'x-sdkforge' | 'x-speakeasy' | 'x-fern' | 'tag-parent' | 'path';
  /** Set when collision resolution changed the place: the place it wanted, dotted (`chat.completions.list`). */
  wanted?: string;
}

/** A status range, as OpenAPI writes them. */
export type IRStatusRange = '1XX' | '2XX' | '3XX' | '4XX' | '5XX';

/**
 * An operation's retry policy. Invariants: when `enabled` is false, `statusCodes` is empty, `connectionErrors`
 * false and there is no `backoff` or `maxRetries`.
 */
export interface IRRetryPolicy {
  enabled: boolean;
  /** The statuses retried: codes and ranges (`5XX`), in the order written. */
  statusCodes: (number | IRStatusRange)[];
  /** Whether connection errors and timeouts are retried. */
  connectionErrors: boolean;
  /** Exponential backoff; absent: the runtime's (0.5 s · 2^attempt, at most 8 s). */
  backoff?: { initialMs: number; maxMs: number; exponent: number; maxElapsedMs?: number };
  /** The retries made when neither the client nor the request options give `maxRetries`. */
  maxRetries?: number;
  /** The extension it comes from, and the JSON pointer of the object carrying it (`#` for the document root). */
  source: { extension: string; pointer: string };
}

export interface IRIdempotency {
  /** The header name, as the spec writes it. */
  header: string;
  /** What declares it: a header parameter, `x-fern-idempotent`, or `x-sdkforge-idempotency`; and its pointer. */
  source: { by: 'parameter' | 'x-fern-idempotent' | 'x-sdkforge-idempotency'; pointer: string };
}

export interface IRSecurityScheme {
  name: string;
  /**
   * `bearer` and `basic`: `http` schemes of those names; `oauth2` and `openIdConnect`: tokens sent as bearer; `other`:
   * what a client cannot send itself (`http` schemes such as digest, `mutualTLS`, an `apiKey` without a name).
   */
  kind: 'bearer' | 'basic' | 'apiKey' | 'oauth2' | 'openIdConnect' | 'other';
  /** For apiKey schemes. */
  in?: 'header' | 'query' | 'cookie';
  parameterName?: string;
  /** `deprecated: true` on the scheme (3.2). */
  deprecated?: boolean;
}

/** A tag object: 3.2 adds `summary`, `parent` (the name of the tag it is nested under) and `kind` (e.g. `nav`). */
export interface IRTag {
  name: string;
  summary?: string;
  description?: string;
  parent?: string;
  kind?: string;
}

/** A named server (3.2 `servers[].name`): a base URL a client selects by name. */
export interface IREnvironment {
  name: string;
  /** The server URL, variables set to their defaults, as `baseURL`. */
  url: string;
  /** JSON pointer of the server object. */
  pointer: string;
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
  /**
   * The named servers, in document order, the first of a repeated name only; absent when no server is named.
   * `baseURL` stays the first server's URL, named or not.
   */
  environments?: IREnvironment[];
  /** The document's tag objects, in document order; absent when it declares none. */
  tags?: IRTag[];
  schemas: IRNamedSchema[];
  operations: IROperation[];
  /** The components' security schemes, in document order. */
  security: IRSecurityScheme[];
  /**
   * The scheme whose credential the client's `apiKey` option is: the first single-secret one (`bearer`, `apiKey`,
   * `oauth2`, `openIdConnect`) the document's top-level `security` names, else the first in `security`; absent when
   * there is none.
   */
  mainScheme?: string;
  /** The webhooks the API sends (OpenAPI 3.1+ `webhooks`), in document order; absent when it declares none. */
  webhooks?: IRWebhook[];
  /** How the webhooks are verified; present exactly when `webhooks` is. */
  webhookVerification?: IRWebhookVerification;
}

/** One webhook the API sends: a `webhooks` entry's operation (one per method), computed in `ir/webhooks.ts`. */
export interface IRWebhook {
  /** Its key in `webhooks` (`batch_completed`). */
  name: string;
  /** The HTTP method it is sent with, lower case (`post`). */
  method: string;
  /** JSON pointer of the operation (`#/webhooks/batch_completed/post`). */
  pointer: string;
  /** The operation's tags, in order (a selection's tag filters apply to webhooks too). */
  tags: string[];
  /** The operation's `operationId`, when it has one. */
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  /** The event payload: the schema of the request body's JSON content; absent when it has none. */
  payload?: IRSchema;
  /**
   * The event type the payload declares, where it has a `type`-like property (`type`, `event`, `event_type`,
   * `eventType`, looked for in that order) that allows one string value (a `const` or a one-value `enum`).
   */
  eventType?: { property: string; value: string };
}

/** How `unwrap` verifies webhooks: by the Standard Webhooks scheme (the default) or not at all. */
export interface IRWebhookVerification {
  signature: 'standard-webhooks' | 'none';
  /** Seconds a webhook's timestamp may lie before or after now. */
  tolerance: number;
  /** Where `signature` came from: the built-in default, the root's `x-sdkforge-webhooks`, or the generate option. */
  source: 'default' | 'x-sdkforge-webhooks' | 'option';
}
