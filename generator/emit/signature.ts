/**
 * The call shape of one operation, shared by the exported function and the client method: path parameters in
 * path order, then the request body, then the parameter object (query, header and cookie parameters), then the
 * per-request options. An argument is optional when nothing in it is required.
 */
import type { OptionalKind, ParameterDeclarationStructure } from './structures.js';
import { NameAllocator, pascalCase } from '../ir/names.js';
import { FORMATS } from '../ir/streaming.js';
import type { IRContent, IROperation, IRPagination, IRParameter, IRSchema, IRStreaming } from '../ir/types.js';
import type { ResponseType } from '../runtime/core.js';
import { isJson, isPositionalMultipart, responseTypeOf } from '../util/media-type.js';
import { ENCODE_BODY, ENCODE_PARTS, ENCODE_QUERYSTRING, IDEMPOTENCY_HEADER, pageClassImport, REQUEST_PAGE, streamFormatImport, type RuntimeImport } from './runtime-files.js';
import { literal, objectMembers, propertyKey, typeExpr, type TypeContext } from './type-expr.js';
import { httpMethod } from '../ir/methods.js';

export interface Argument {
  name: string;
  type: string;
  optional: boolean;
}

export interface Signature {
  args: Argument[];
  returnType: string;
}

export interface OperationShape {
  op: IROperation;
  /** Arguments after the client (function) or first (method); the trailing `options` included. */
  args: Argument[];
  /** The implementation's return type, e.g. `APIPromise<Model>`. */
  returnType: string;
  /** Overload signatures (streaming operations), shown to callers instead of the implementation's. */
  overloads: Signature[];
  /** The expression the function returns, calling the runtime through `client`. */
  call: string;
  /** The runtime values `call` names besides `client` (a page class, a stream format, `requestPage`). */
  runtimeImports: RuntimeImport[];
  /** The named parameter-object type to declare, if any. */
  paramsType?: { name: string; members: string };
  /**
   * The request body: the content it is sent as, and for a JSON body that may also go as `multipart/form-data`,
   * that alternative (the runtime sends a body holding files as multipart).
   */
  body?: { content: IRContent; argName: string; fileContent?: IRContent | undefined };
  paramsArg?: string;
  /** Each query, header and cookie parameter's key in the params object (see `paramKeys`). */
  paramKeys: Map<IRParameter, string>;
  responseType: ResponseType;
  /** Component types named in the arguments and return type. */
  signatureRefs: Set<string>;
  /** Component types named anywhere in the shape (parameter-object members too). */
  refs: Set<string>;
}

const ARG_NAMES = ['client', 'body', 'params', 'options', 'encodePath'];

export function operationShape(op: IROperation, typeNames: NameAllocator, writable: ReadonlyMap<string, string> = new Map()): OperationShape {
  const signatureRefs = new Set<string>();
  const refs = new Set<string>();
  const refer = (n: string) => (signatureRefs.add(n), refs.add(n));
  const ctx: TypeContext = { refer, mode: 'request', writable };
  const out: TypeContext = { refer, mode: 'response' };
  const memberCtx: TypeContext = { refer: (n) => refs.add(n), mode: 'request', writable };
  const ids = new NameAllocator(ARG_NAMES);
  const args: Argument[] = op.parameters.path.map((p) => ({
    name: ids.allocate(p.identifier),
    type: typeExpr(p.schema, ctx),
    optional: false,
  }));

  const shape: Partial<OperationShape> = {};
  const content = op.requestBody && pickRequestContent(op.requestBody.contents);
  if (op.requestBody && content) {
    const fileContent = isJson(content.mediaType) ? op.requestBody.contents.find((c) => /^multipart\/form-data\b/i.test(c.mediaType)) : undefined;
    const schema: IRSchema = fileContent ? { kind: 'union', variants: [content.schema, fileContent.schema] } : content.schema;
    args.push({ name: 'body', type: typeExpr(schema, ctx), optional: !op.requestBody.required });
    shape.body = { content, argName: 'body', fileContent };
  }

  const others = paramsObjectParameters(op);
  const keys = paramKeys(others);
  if (others.length > 0) {
    const name = typeNames.allocate(`${pascalCase(op.name)}Params`);
    const object: IRSchema = {
      kind: 'object',
      properties: others.map((p) => ({ name: keys.get(p)!, required: p.required, schema: withParamDoc(p) })),
      additional: false,
    };
    shape.paramsType = { name, members: objectMembers(object, memberCtx) };
    args.push({ name: 'params', type: name, optional: !others.some((p) => p.required) });
    shape.paramsArg = 'params';
  }
  // a required argument cannot follow an optional one
  for (let i = args.length - 2; i >= 0; i--) if (!args[i + 1]!.optional) args[i]!.optional = false;
  args.push({ name: 'options', type: 'RequestOptions', optional: true });

  const success = op.success;
  const responseType = responseTypeOf(success?.mediaType);
  const result = success && responseType !== 'none' ? typeExpr(success.schema, out) : 'void';
  const built: OperationShape = { op, args, returnType: `APIPromise<${result}>`, overloads: [], call: '', runtimeImports: [], paramKeys: keys, responseType, signatureRefs, refs, ...shape };
  const spec = requestSpecLiteral(built);

  if (op.pagination) {
    const item = typeExpr(op.pagination.item, out);
    const page = pageClassImport(op.pagination.kind);
    built.returnType = `PagePromise<${item}, ${result}>`;
    built.call = `${REQUEST_PAGE.name}<${item}, ${result}>(client, ${spec}, ${page.name}, ${paginationParams(op.pagination)}, options)`;
    built.runtimeImports = [REQUEST_PAGE, page];
  } else if (op.streaming) {
    Object.assign(built, streamingShape(built, op.streaming, typeExpr(op.streaming.item, out), result));
  } else {
    built.call = `client.request<${result}>(${spec}, options)`;
  }
  if (op.parameters.querystring.length) built.runtimeImports = [...built.runtimeImports, ENCODE_QUERYSTRING];
  if (shape.body && isPositionalMultipart(shape.body.content.mediaType)) built.runtimeImports = [...built.runtimeImports, ENCODE_PARTS];
  if (shape.body && encodesOtherThanJSON(shape.body)) built.runtimeImports = [...built.runtimeImports, ENCODE_BODY];
  if (op.idempotency) built.runtimeImports = [...built.runtimeImports, IDEMPOTENCY_HEADER];
  return built;
}

/**
 * Whether an operation's body may go as other than JSON (its content type, or a file beside JSON), so that its
 * request spec carries `encode` and the package ships the other encodings.
 */
function encodesOtherThanJSON(body: NonNullable<OperationShape['body']>): boolean {
  return !isJson(body.content.mediaType) || body.fileContent !== undefined;
}

/** The parameters the params object holds: the querystring, query, header and cookie ones, in that order. */
export function paramsObjectParameters(op: IROperation): IRParameter[] {
  const { querystring, query, header, cookie } = op.parameters;
  return [...querystring, ...query, ...header, ...cookie];
}

/** Overloads and call for an operation that can answer with server-sent events. */
function streamingShape(shape: OperationShape, streaming: IRStreaming, event: string, result: string): Partial<OperationShape> {
  const streamed = `APIPromise<Stream<${event}>>`;
  const either = `APIPromise<Stream<${event}> | ${result}>`;
  const format = streamFormatImport(streaming.format);
  const runtimeImports = [format];
  const terminator = [
    `format: ${format.name}`,
    // the spec's own media type is asked for where it is not the format's default (`application/x-ndjson`)
    ...(streaming.mediaType === FORMATS[streaming.format].mediaType ? [] : [`mediaType: ${literal(streaming.mediaType)}`]),
    ...(streaming.terminator === undefined ? [] : [`terminator: ${literal(streaming.terminator)}`]),
    ...(streaming.events ? [`events: { jsonData: ${streaming.events.jsonData === true ? 'true' : `[${streaming.events.jsonData.map(literal).join(', ')}]`} }`] : []),
  ];
  const flag = streaming.selector.by === 'body-property' ? streaming.selector : undefined;
  const bodyIndex = shape.body ? shape.args.findIndex((a) => a.name === shape.body!.argName) : -1;
  if (!flag || bodyIndex < 0) {
    // nothing in the body selects it: always a stream (asked for by `accept` where several are offered), or the
    // response's content type decides
    const either = streaming.selector.by === 'response-content-type' || streaming.selector.by === 'body-property';
    const fields = [...terminator, ...(either ? ['detect: true'] : [])];
    const type = either ? `Stream<${event}> | ${result}` : `Stream<${event}>`;
    return { returnType: `APIPromise<${type}>`, call: `client.request<${type}>(${requestSpecLiteral(shape, [`stream: { ${fields.join(', ')} }`])}, options)`, runtimeImports };
  }
  const body = shape.args[bodyIndex]!;
  const withBody = (type: string, optional: boolean) => shape.args.map((a, i) => (i === bodyIndex ? { ...a, type, optional } : a));
  const key = propertyKey(flag.property);
  const on = flag.value === true ? 'true' : literal(flag.value);
  const off = flag.value === true ? 'false | null' : `Exclude<${parenthesize(body.type)}[${literal(flag.property)}], ${on}>`;
  const test = `${shape.body!.argName}?.[${literal(flag.property)}] === ${on}`;
  return {
    overloads: [
      { args: withBody(`${parenthesize(body.type)} & { ${key}: ${on} }`, false), returnType: streamed },
      { args: withBody(`${parenthesize(body.type)} & { ${key}?: ${off} }`, body.optional), returnType: `APIPromise<${result}>` },
      { args: shape.args, returnType: either },
    ],
    returnType: either,
    call: `client.request<Stream<${event}> | ${result}>(${requestSpecLiteral(shape, [`stream: ${test} ? { ${terminator.join(', ')} } : undefined`])}, options)`,
    runtimeImports,
  };
}

function parenthesize(type: string): string {
  return /^[\w.]+$/.test(type) ? type : `(${type})`;
}

/**
 * The key of each query, header and cookie parameter in the params object: its name on the wire, unless an
 * earlier location has a parameter of that name; then `<in>.<name>` (`header.id` beside a query `id`).
 */
function paramKeys(params: IRParameter[]): Map<IRParameter, string> {
  const keys = new Map<IRParameter, string>();
  const taken = new Set<string>();
  for (const p of params) {
    let key = taken.has(p.name) ? `${p.in}.${p.name}` : p.name;
    for (let n = 2; taken.has(key); n++) key = `${p.in}.${p.name}${n}`;
    taken.add(key);
    keys.set(p, key);
  }
  return keys;
}

function withParamDoc(p: IRParameter): IRSchema {
  return { ...p.schema, description: p.description ?? p.schema.description, deprecated: p.deprecated || p.schema.deprecated };
}

export function pickRequestContent(contents: IRContent[]): IRContent | undefined {
  return contents.find((c) => isJson(c.mediaType)) ?? contents[0];
}

export function parameterStructures(args: Argument[]): OptionalKind<ParameterDeclarationStructure>[] {
  return args.map((a) => ({ name: a.name, type: a.type, hasQuestionToken: a.optional }));
}

/** A JSON-compatible value as a JS expression (`undefined` array holes as `undefined`). */
function jsLiteralOf(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(jsLiteralOf).join(', ')}]`;
  if (value && typeof value === 'object') return `{ ${Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${jsLiteralOf(v)}`).join(', ')} }`;
  return literal(value as string);
}

/** Escapes literal path text for a template literal. */
function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** The `RequestSpec` object literal the function passes to `client.request`. */
export function requestSpecLiteral(shape: OperationShape, extra: string[] = []): string {
  const { op } = shape;
  const pathArgs = shape.args.slice(0, op.parameters.path.length);
  let i = 0;
  const pathParts = op.path.split(/\{[^}]+\}/);
  const path = pathParts.map((part, k) => templateText(part) + (k < pathParts.length - 1 ? `\${${pathArgs[i++]!.name}}` : '')).join('');
  const fields: string[] = [`method: ${literal(httpMethod(op.method))}`, `path: ${op.parameters.path.length ? `encodePath\`${path}\`` : literal(op.path)}`];

  const p = shape.paramsArg;
  const { querystring, query, header, cookie } = op.parameters;
  /** `{ wire: params?.['key'], … }`: one location's parameters, read from the params object by their keys. */
  const pick = (params: IRParameter[]) => `{ ${params.map((x) => `${propertyKey(x.name)}: ${p}?.[${literal(shape.paramKeys.get(x)!)}]`).join(', ')} }`;
  const fixed = op.fixedQuery ? Object.entries(op.fixedQuery).map(([k, v]) => `${propertyKey(k)}: ${Array.isArray(v) ? `[${v.map(literal).join(', ')}]` : literal(v)}`) : [];
  for (const q of p ? querystring : []) {
    fields.push(`querystring: ${ENCODE_QUERYSTRING.name}(${p}?.[${literal(shape.paramKeys.get(q)!)}], ${literal(q.mediaType ?? 'application/x-www-form-urlencoded')})`);
  }
  if (p && query.length > 0) {
    const onlyQuery = querystring.length === 0 && header.length === 0 && cookie.length === 0;
    const own = onlyQuery ? p : pick(query);
    // the path key's own query first: a parameter of the same name is sent instead
    fields.push(`query: ${fixed.length ? `{ ${fixed.join(', ')}, ...${own} }` : own}`);
    const styles = query.filter((q) => q.style !== 'form' || !q.explode);
    if (styles.length > 0) {
      fields.push(`queryStyles: { ${styles.map((q) => `${propertyKey(q.name)}: { style: ${literal(q.style)}, explode: ${q.explode} }`).join(', ')} }`);
    }
  } else if (fixed.length) {
    fields.push(`query: { ${fixed.join(', ')} }`);
  }
  if (p && header.length > 0) {
    fields.push(`headers: ${pick(header)}`);
  }
  if (shape.body) {
    const { content } = shape.body;
    if (isPositionalMultipart(content.mediaType)) {
      const types = content.partTypes ? jsLiteralOf(content.partTypes) : '{}';
      fields.push(`body: ${shape.body.argName} && ${ENCODE_PARTS.name}(${shape.body.argName}, ${types}, ${literal(content.mediaType)})`);
    } else fields.push(shape.body.argName === 'body' ? 'body' : `body: ${shape.body.argName}`);
    if (!isJson(shape.body.content.mediaType)) fields.push(`contentType: ${literal(shape.body.content.mediaType)}`);
    if (shape.body.fileContent) fields.push(`fileContentType: ${literal(shape.body.fileContent.mediaType)}`);
    if (encodesOtherThanJSON(shape.body)) fields.push(`encode: ${ENCODE_BODY.name}`);
  }
  if (p && cookie.length > 0) {
    fields.push(`cookies: ${pick(cookie)}`);
  }
  if (shape.responseType !== 'json') {
    fields.push(`responseType: ${literal(shape.responseType)}`);
    if (op.success) fields.push(`accept: ${literal(op.success.mediaType)}`);
  }
  fields.push(`security: ${securityLiteral(op)}`, ...retryFields(op), ...extra);
  return `{ ${fields.join(', ')} }`;
}

/**
 * `retry` (the operation's policy, as `RetryPolicy` in `runtime/retry-policy.ts` takes it) and `idempotency`,
 * for an operation whose spec declares them; nothing otherwise.
 */
function retryFields(op: IROperation): string[] {
  const fields: string[] = [];
  const r = op.retries;
  if (r) {
    const policy: Plain = r.enabled ? { statusCodes: r.statusCodes, connectionErrors: r.connectionErrors, backoff: r.backoff, maxRetries: r.maxRetries } : { enabled: false };
    fields.push(`retry: ${plainLiteral(policy)}`);
  }
  if (op.idempotency) fields.push(`idempotency: ${IDEMPOTENCY_HEADER.name}(${literal(op.idempotency.header)})`);
  return fields;
}

/**
 * `RequestSpec.security` for an operation: its requirement alternatives, each the scheme names sent together
 * (`[]`: none; an empty alternative: anonymous calls allowed).
 */
function securityLiteral(op: IROperation): string {
  return `[${op.security.map((names) => `[${names.map(literal).join(', ')}]`).join(', ')}]`;
}

/**
 * The parameters a scheme's page class is built with: the member's fields other than `kind`, `item`, `reason` and
 * `source`, as an object literal of plain values (`{ items: ['data'], cursorParam: 'after', … }`), whatever the
 * scheme.
 */
export function paginationParams(pagination: IRPagination): string {
  const { kind: _kind, item: _item, reason: _reason, source: _source, ...params } = pagination;
  return plainLiteral(params);
}

type Plain = string | number | boolean | null | undefined | Plain[] | { [key: string]: Plain };

function plainLiteral(value: Plain): string {
  if (Array.isArray(value)) return `[${value.map(plainLiteral).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const fields = Object.entries(value).filter(([, v]) => v !== undefined);
    return fields.length ? `{ ${fields.map(([k, v]) => `${propertyKey(k)}: ${plainLiteral(v)}`).join(', ')} }` : '{}';
  }
  return value === undefined ? 'undefined' : literal(value);
}
