/**
 * Builds the IR from a loaded, bundled document: names every component schema, normalizes schemas, and turns
 * each path item's operations into `IROperation`s (parameters by location, bodies and responses by content type,
 * streaming detection).
 */
import type { Diagnostic } from '../diagnostics.js';
import { escapePointerToken } from '../util/json-pointer.js';
import { isEventStream, isJson, isPositionalMultipart } from '../util/media-type.js';
import type { OpenAPIDocument } from '../load/load-spec.js';
import { camelCase, NameAllocator, pascalCase } from './names.js';
import { SchemaBuilder } from './build-schema.js';
import { keepRequestBody } from './request-body-methods.js';
import { FIXED_METHODS, isMethodToken, namesFixedMethod } from './methods.js';
import { buildTags } from './tags.js';
import { placeAll } from './resources.js';
import { spdxLicense } from './license.js';
import { extensionsOf } from './extensions.js';
import { detectPagination } from './pagination.js';
import { retriesResolver } from './retries.js';
import { idempotencyResolver } from './idempotency.js';
import { detectStreaming, isStreamContent, isSuccess } from './streaming.js';
import { buildWebhooks, webhookVerification, type WebhookSignature } from './webhooks.js';
import type {
  IRContent,
  IRDocument,
  IRNamedSchema,
  IROperation,
  IRPagination,
  IRParameter,
  IRProperty,
  IRResponse,
  IRSchema,
  IREnvironment,
  IRSecurityScheme,
  IRStreaming,
  ParameterLocation,
  ParameterStyle,
} from './types.js';

type Raw = Record<string, unknown>;

export interface BuildOptions {
  /**
   * Names the package exports besides the schema types (runtime classes, the client) and globals the emitted
   * code uses: a schema with such a name gets a numeric suffix instead.
   */
  reservedTypeNames?: Iterable<string>;
  /** Names no operation may take (the client's members, names the operations module imports): suffixed instead. */
  reservedOperationNames?: Iterable<string>;
  /**
   * Names no member of a resource namespace may take (the resource classes' own members); and, with
   * `reservedOperationNames` and the flat operation names, no top-level resource (see `ir/resources.ts`).
   */
  reservedResourceMembers?: Iterable<string>;
  /** Where the document was loaded from: a relative server URL is resolved against it when it is a URL. */
  source?: string;
  /** The generate option `webhookSignature`: how webhooks are verified, over the spec's `x-sdkforge-webhooks`. */
  webhookSignature?: WebhookSignature | undefined;
}

export interface BuildResult {
  ir: IRDocument;
  warnings: Diagnostic[];
}

export function buildIR(document: OpenAPIDocument, options: BuildOptions = {}): BuildResult {
  const warnings: Diagnostic[] = [];
  const warn = (d: Diagnostic) => warnings.push(d);

  const rawSchemas = ((document.components as Raw | undefined)?.schemas ?? {}) as Raw;
  const typeNames = new NameAllocator(options.reservedTypeNames);
  const componentNames = new Map<string, string>();
  for (const key of Object.keys(rawSchemas)) {
    componentNames.set(`#/components/schemas/${escapePointerToken(key)}`, typeNames.allocate(pascalCase(key)));
  }
  const schemas = new SchemaBuilder(document, componentNames, warn);

  const named: IRNamedSchema[] = Object.keys(rawSchemas).map((key) => {
    const pointer = `#/components/schemas/${escapePointerToken(key)}`;
    return { originalName: key, name: componentNames.get(pointer)!, pointer, schema: schemas.build(rawSchemas[key], pointer) };
  });

  const namedByName = new Map(named.map((n) => [n.name, n.schema]));
  const unplaced = buildOperations(document, schemas, namedByName, warn, options.reservedOperationNames);
  const tags = buildTags(document.tags, warn);
  // `client.webhooks` is the webhooks' namespace where the spec has them, and may be a resource's otherwise
  const hasWebhooks = !!document.webhooks && typeof document.webhooks === 'object' && Object.keys(document.webhooks).length > 0;
  const topLevel = [...(options.reservedOperationNames ?? [])].filter((n) => n !== 'webhooks');
  const places = placeAll(unplaced, { tags, reservedTopLevel: hasWebhooks ? [...topLevel, 'webhooks'] : topLevel, reservedMembers: options.reservedResourceMembers ?? [] });
  const operations: IROperation[] = unplaced.map((op, i) => ({ ...op, place: places[i]! }));
  const info = (document.info ?? {}) as Raw;
  const servers = (document.servers ?? []) as Raw[];
  const ir: IRDocument = {
    title: typeof info.title === 'string' ? info.title : 'API',
    version: typeof info.version === 'string' ? info.version : '0.0.0',
    ...(typeof info.description === 'string' ? { description: info.description } : {}),
    ...optional('license', spdxLicense(info.license)),
    ...(typeof servers[0]?.url === 'string' ? { baseURL: serverURL(servers[0], options.source) } : {}),
    ...optional('environments', buildEnvironments(servers, options.source, warn)),
    ...optional('tags', tags),
    schemas: named,
    operations,
    security: buildSecuritySchemes(document),
  };
  const main = mainScheme(ir.security, securityRequirements(Array.isArray(document.security) ? (document.security as unknown[]) : []));
  if (main) ir.mainScheme = main;
  const webhooks = buildWebhooks(document as Raw, schemas, namedByName);
  if (webhooks) {
    ir.webhooks = webhooks;
    ir.webhookVerification = webhookVerification(document as Raw, options.webhookSignature, warn);
  }
  return { ir, warnings };
}

function buildOperations(
  document: OpenAPIDocument,
  schemas: SchemaBuilder,
  named: ReadonlyMap<string, IRSchema>,
  warn: (d: Diagnostic) => void,
  reservedOperationNames: Iterable<string> = [],
): Omit<IROperation, 'place'>[] {
  const names = new NameAllocator(reservedOperationNames);
  const out: Omit<IROperation, 'place'>[] = [];
  const paths = (document.paths ?? {}) as Raw;
  const globalSecurity = Array.isArray(document.security) ? (document.security as unknown[]) : [];
  const rootExtensions = extensionsOf(document);
  const retriesOf = retriesResolver(rootExtensions, warn);
  const idempotencyOf = idempotencyResolver(rootExtensions, warn);

  for (const path of Object.keys(paths)) {
    const itemPointer = `#/paths/${escapePointerToken(path)}`;
    const { value: item } = schemas.deref(paths[path] as Raw, itemPointer);
    if (!item || typeof item !== 'object') continue;
    for (const { method, op, pointer } of itemOperations(item, itemPointer, warn)) {
      const operationId = typeof op.operationId === 'string' && op.operationId.trim() ? op.operationId : deriveOperationId(method, path);
      const { template, fixedQuery } = splitPathKey(path);
      const parameters = buildParameters(template, [...asArray(item.parameters), ...asArray(op.parameters)], pointer, schemas, warn);
      const bodyPointer = `${pointer}/requestBody`;
      const requestBody = keepRequestBody(method, op.requestBody, bodyPointer, schemas, warn) ? buildRequestBody(op.requestBody, bodyPointer, schemas) : undefined;
      const responses = buildResponses(op.responses as Raw | undefined, `${pointer}/responses`, schemas);
      const security = Array.isArray(op.security) ? (op.security as unknown[]) : globalSecurity;
      const operation: Omit<IROperation, 'place'> = {
        operationId,
        name: names.allocate(camelCase(operationId)),
        method,
        path: template,
        ...(fixedQuery ? { fixedQuery } : {}),
        pointer,
        ...(typeof op.summary === 'string' ? { summary: op.summary.trim() } : {}),
        ...(typeof op.description === 'string' ? { description: op.description.trim() } : {}),
        ...(op.deprecated === true ? { deprecated: true } : {}),
        tags: asArray(op.tags).filter((t): t is string => typeof t === 'string'),
        parameters,
        ...(requestBody ? { requestBody } : {}),
        responses,
        security: securityRequirements(security),
        ...optional('extensions', extensionsOf(op)),
      };
      const success = pickSuccess(responses);
      if (success) operation.success = success;
      const streaming = detectStreaming(operation, named, { version: String(document.openapi ?? ''), warn });
      if (streaming) operation.streaming = streaming;
      const pagination = detectPagination(operation, named, { warn, rootExtensions });
      if (pagination) operation.pagination = pagination;
      const retries = retriesOf(operation.extensions, pointer);
      if (retries) operation.retries = retries;
      const idempotency = idempotencyOf(operation);
      if (idempotency) operation.idempotency = idempotency;
      out.push(operation);
    }
  }
  return out;
}

/**
 * A path item's operations: its fixed methods in their order, then its `additionalOperations` (3.2) in document
 * order, each keyed by its method exactly as written. An additional key that names a fixed method (3.2 forbids
 * it) or is no HTTP method token is left out with a warning.
 */
function itemOperations(item: Raw, itemPointer: string, warn: (d: Diagnostic) => void): { method: string; op: Raw; pointer: string }[] {
  const out: { method: string; op: Raw; pointer: string }[] = [];
  for (const method of FIXED_METHODS) {
    const op = item[method];
    if (op && typeof op === 'object') out.push({ method, op: op as Raw, pointer: `${itemPointer}/${method}` });
  }
  const additional = item.additionalOperations;
  if (!additional || typeof additional !== 'object' || Array.isArray(additional)) return out;
  for (const [key, op] of Object.entries(additional as Raw)) {
    if (!op || typeof op !== 'object') continue;
    const pointer = `${itemPointer}/additionalOperations/${escapePointerToken(key)}`;
    if (namesFixedMethod(key) || !isMethodToken(key)) {
      warn({
        severity: 'warning',
        code: 'additional-operation-method',
        message: namesFixedMethod(key)
          ? `additionalOperations key "${key}" names the fixed method ${key.toLowerCase()}: the operation is left out.`
          : `additionalOperations key "${key}" is not an HTTP method name: the operation is left out.`,
        hint: namesFixedMethod(key) ? `Declare it under the path item's \`${key.toLowerCase()}\` key.` : 'Use a method name made of letters, digits and !#$%&\'*+-.^_`|~ only.',
        pointer,
      });
      continue;
    }
    out.push({ method: key, op: op as Raw, pointer });
  }
  return out;
}

/**
 * The named servers (3.2 `servers[].name`), URLs resolved as `baseURL` is; a repeated name keeps its first server,
 * with a warning. Nothing when no server is named.
 */
function buildEnvironments(servers: Raw[], source: string | undefined, warn: (d: Diagnostic) => void): IREnvironment[] | undefined {
  const out: IREnvironment[] = [];
  servers.forEach((server, i) => {
    if (!server || typeof server.name !== 'string' || typeof server.url !== 'string') return;
    const name = server.name;
    if (out.some((e) => e.name === name)) {
      warn({
        severity: 'warning',
        code: 'server-name-repeated',
        message: `Server name "${name}" is used by an earlier server: the \`environment: '${name}'\` option selects the first.`,
        hint: 'Give each server a distinct name.',
        pointer: `#/servers/${i}/name`,
      });
      return;
    }
    out.push({ name, url: serverURL(server, source), pointer: `#/servers/${i}` });
  });
  return out.length ? out : undefined;
}

/**
 * An operation's security requirements: the alternatives (any one suffices), each the names of the schemes it
 * needs together; an empty alternative allows anonymous calls. Malformed entries are left out.
 */
function securityRequirements(raw: unknown[]): string[][] {
  return raw.filter((req): req is Raw => !!req && typeof req === 'object' && !Array.isArray(req)).map((req) => Object.keys(req));
}

/** `{ [key]: value }`, or nothing when `value` is undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * A path key that carries a query (`/responses/{id}?beta=true`: the OpenAI spec has several beside the same path
 * without it) → the path template and that fixed query, which every call sends besides its query parameters.
 */
export function splitPathKey(key: string): { template: string; fixedQuery?: Record<string, string | string[]> } {
  const at = key.indexOf('?');
  if (at < 0) return { template: key };
  const fixedQuery: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(key.slice(at + 1))) {
    const seen = fixedQuery[name];
    fixedQuery[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return { template: key.slice(0, at), ...(Object.keys(fixedQuery).length ? { fixedQuery } : {}) };
}

/** The path key as the spec writes it: the path template and its fixed query (the inverse of `splitPathKey`). */
export function pathKey(op: Pick<IROperation, 'path' | 'fixedQuery'>): string {
  if (!op.fixedQuery) return op.path;
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(op.fixedQuery)) for (const v of Array.isArray(value) ? value : [value]) query.append(name, v);
  return `${op.path}?${query}`;
}

/** `GET /chat/completions/{completion_id}` → `getChatCompletionsCompletionId` (`COPY /items` → `copyItems`). */
export function deriveOperationId(method: string, path: string): string {
  const segments = path.split('/').filter(Boolean).map((s) => s.replace(/[{}]/g, ''));
  return camelCase([method.toLowerCase(), ...segments].join(' '));
}

const DEFAULT_STYLE: Record<ParameterLocation, ParameterStyle> = { path: 'simple', query: 'form', querystring: 'form', header: 'simple', cookie: 'form' };

function buildParameters(
  path: string,
  raw: unknown[],
  pointer: string,
  schemas: SchemaBuilder,
  warn: (d: Diagnostic) => void,
): Record<ParameterLocation, IRParameter[]> {
  const byKey = new Map<string, IRParameter>();
  raw.forEach((entry, i) => {
    const { value: p } = schemas.deref(entry as Raw, `${pointer}/parameters/${i}`);
    if (!p || typeof p.name !== 'string' || typeof p.in !== 'string') return;
    const location = p.in as ParameterLocation;
    if (!(location in DEFAULT_STYLE)) return;
    const style = (typeof p.style === 'string' ? p.style : DEFAULT_STYLE[location]) as ParameterStyle;
    const content = firstContent(p.content);
    if (location === 'querystring' && !content) {
      warn({ severity: 'warning', code: 'querystring-without-content', message: `The querystring parameter '${p.name}' has no \`content\`, which gives its media type; it is left out. Add a \`content\` with one media type (e.g. application/x-www-form-urlencoded).`, pointer: `${pointer}/parameters/${i}` });
      return;
    }
    const param: IRParameter = {
      name: p.name,
      identifier: camelCase(p.name),
      in: location,
      required: location === 'path' ? true : p.required === true,
      style,
      explode: typeof p.explode === 'boolean' ? p.explode : style === 'form',
      schema: p.schema !== undefined || !content ? schemas.build(p.schema, `${pointer}/parameters/${i}/schema`) : schemas.build(content.media?.schema, `${pointer}/parameters/${i}/content/${escapePointerToken(content.mediaType)}/schema`),
      ...(content && p.schema === undefined ? { mediaType: content.mediaType } : {}),
      ...(typeof p.description === 'string' ? { description: p.description.trim() } : {}),
      ...(p.deprecated === true ? { deprecated: true } : {}),
      ...optional('extensions', extensionsOf(p)),
    };
    byKey.set(`${location}:${p.name}`, param); // operation-level parameters override path-level ones
  });
  const result: Record<ParameterLocation, IRParameter[]> = { path: [], query: [], querystring: [], header: [], cookie: [] };
  for (const p of byKey.values()) if (p.in !== 'path') result[p.in].push(p);
  if (result.querystring.length > 1 || (result.querystring.length && result.query.length)) {
    const [kept, ...dropped] = result.querystring;
    const problems = [
      ...(dropped.length ? [`the other querystring parameters (${dropped.map((d) => `'${d.name}'`).join(', ')}) are left out`] : []),
      ...(result.query.length ? [`the query parameters (${result.query.map((q) => `'${q.name}'`).join(', ')}) are appended after it`] : []),
    ];
    warn({
      severity: 'warning',
      code: 'querystring-conflict',
      message: `The querystring parameter '${kept!.name}' is the whole query string: ${problems.join('; ')}. OpenAPI 3.2 allows one querystring parameter and no query parameters beside it.`,
      pointer,
    });
    result.querystring = [kept!];
  }
  // path parameters in path order; a template variable with no declaration is a string
  const ids = new NameAllocator();
  for (const match of path.matchAll(/\{([^}]+)\}/g)) {
    const name = match[1]!;
    let param = byKey.get(`path:${name}`);
    if (!param) {
      warn({
        severity: 'warning',
        code: 'path-param-undeclared',
        message: `Path parameter {${name}} is not declared; typed as string.`,
        pointer,
      });
      param = { name, identifier: camelCase(name), in: 'path', required: true, style: 'simple', explode: false, schema: { kind: 'primitive', type: 'string' } };
    }
    result.path.push({ ...param, identifier: ids.allocate(param.identifier) });
  }
  return result;
}

/** A parameter's `content`: its (first and only) media type and media type object. */
function firstContent(content: unknown): { mediaType: string; media: Raw | undefined } | undefined {
  if (!content || typeof content !== 'object') return undefined;
  const first = Object.entries(content as Raw)[0];
  return first ? { mediaType: first[0], media: first[1] as Raw | undefined } : undefined;
}

function buildContents(content: unknown, pointer: string, schemas: SchemaBuilder): IRContent[] {
  if (!content || typeof content !== 'object') return [];
  return Object.entries(content as Raw).map(([mediaType, media]) => {
    const at = `${pointer}/content/${escapePointerToken(mediaType)}`;
    const itemSchema = (media as Raw | undefined)?.itemSchema;
    return {
      mediaType,
      schema: schemas.build((media as Raw | undefined)?.schema, `${at}/schema`),
      ...(itemSchema !== undefined ? { itemSchema: schemas.build(itemSchema, `${at}/itemSchema`) } : {}),
      ...optional('extensions', extensionsOf(media)),
      ...optional('partTypes', partTypes(mediaType, media as Raw | undefined)),
    };
  });
}

/** A positional multipart type's `prefixEncoding`/`itemEncoding` content types (OpenAPI 3.2). */
function partTypes(mediaType: string, media: Raw | undefined): IRContent['partTypes'] | undefined {
  if (!media || !isPositionalMultipart(mediaType)) return undefined;
  const type = (e: unknown): string | undefined => {
    const t = (e as Raw | undefined)?.contentType;
    return typeof t === 'string' ? t : undefined;
  };
  const prefix = Array.isArray(media.prefixEncoding) ? media.prefixEncoding.map(type) : [];
  const items = type(media.itemEncoding);
  if (!prefix.some(Boolean) && !items) return undefined;
  return { ...(prefix.some(Boolean) ? { prefix } : {}), ...(items ? { items } : {}) };
}

function buildRequestBody(raw: unknown, pointer: string, schemas: SchemaBuilder) {
  if (!raw) return undefined;
  const { value: body, pointer: at } = schemas.deref(raw as Raw, pointer);
  if (!body) return undefined;
  return {
    required: body.required === true,
    ...(typeof body.description === 'string' ? { description: body.description.trim() } : {}),
    contents: buildContents(body.content, at, schemas),
  };
}

function buildResponses(raw: Raw | undefined, pointer: string, schemas: SchemaBuilder): IRResponse[] {
  if (!raw) return [];
  return Object.keys(raw).map((status) => {
    const { value: response, pointer: at } = schemas.deref(raw[status] as Raw, `${pointer}/${escapePointerToken(status)}`);
    return {
      status,
      ...(typeof response?.summary === 'string' && response.summary.trim() ? { summary: response.summary.trim() } : {}),
      ...(typeof response?.description === 'string' ? { description: response.description.trim() } : {}),
      contents: buildContents(response?.content, at, schemas),
      ...optional('headers', headerNames(response?.headers)),
    };
  });
}

/** The header names a response declares, or undefined when it declares none. */
function headerNames(raw: unknown): string[] | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const names = Object.keys(raw);
  return names.length ? names : undefined;
}

/**
 * The content a call returns: of the first 2XX response with content (with no 2XX response at all, the `default`
 * one: specs that declare only it), its JSON content, else its first content that is not an event stream.
 */
function pickSuccess(responses: IRResponse[]): IRContent | undefined {
  const ok = responses.some((r) => isSuccess(r.status))
    ? responses.find((r) => isSuccess(r.status) && r.contents.length > 0)
    : responses.find((r) => r.status === 'default' && r.contents.length > 0);
  if (!ok) return undefined;
  return (
    ok.contents.find((c) => isJson(c.mediaType)) ??
    ok.contents.find((c) => !isStreamContent(c)) ??
    undefined
  );
}

/**
 * A server's URL with its variables set to their defaults (`https://{region}.x.com` → `https://eu.x.com`); a
 * relative one is relative to where the document is served, so resolved against `source` when that is a URL.
 */
function serverURL(server: Raw, source: string | undefined): string {
  const variables = (server.variables ?? {}) as Record<string, Raw | undefined>;
  const url = String(server.url).replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = variables[name]?.default;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && source && /^https?:\/\//i.test(source) ? new URL(url, source).href : url;
}

function buildSecuritySchemes(document: OpenAPIDocument): IRSecurityScheme[] {
  const raw = ((document.components as Raw | undefined)?.securitySchemes ?? {}) as Raw;
  return Object.entries(raw).map(([name, value]) => {
    const s = (value ?? {}) as Raw;
    const scheme = schemeKind(name, s);
    return s.deprecated === true ? { ...scheme, deprecated: true } : scheme;
  });
}

function schemeKind(name: string, s: Raw): IRSecurityScheme {
  {
    if (s.type === 'http' && typeof s.scheme === 'string' && s.scheme.toLowerCase() === 'bearer') return { name, kind: 'bearer' };
    if (s.type === 'http' && typeof s.scheme === 'string' && s.scheme.toLowerCase() === 'basic') return { name, kind: 'basic' };
    if (s.type === 'apiKey' && typeof s.name === 'string' && s.name !== '' && (s.in === 'header' || s.in === 'query' || s.in === 'cookie')) {
      return { name, kind: 'apiKey', in: s.in as 'header' | 'query' | 'cookie', parameterName: s.name };
    }
    if (s.type === 'oauth2' || s.type === 'openIdConnect') return { name, kind: s.type };
    return { name, kind: 'other' };
  }
}

/** `IRDocument.mainScheme`: the first single-secret scheme in the document's requirements' order, else in the components'. */
function mainScheme(schemes: IRSecurityScheme[], requirements: string[][]): string | undefined {
  const single = new Set(schemes.filter((s) => s.kind !== 'basic' && s.kind !== 'other').map((s) => s.name));
  return requirements.flat().find((name) => single.has(name)) ?? schemes.find((s) => single.has(s.name))?.name;
}
