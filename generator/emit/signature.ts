/**
 * The call shape of one operation, shared by the exported function and the client method: path parameters in
 * path order, then the request body, then the parameter object (query, header and cookie parameters), then the
 * per-request options. An argument is optional when nothing in it is required.
 */
import { NameAllocator, pascalCase } from '../ir/names.js';
import { FORMATS } from '../ir/streaming.js';
import type { IRContent, IROperation, IRPagination, IRParameter, IRSchema, IRStreaming } from '../ir/types.js';
import type { ResponseType } from '../runtime/core.js';
import { isJson, isPositionalMultipart, responseTypeOf } from '../util/media-type.js';
import { COOKIE_PARAMS, ENCODE_BODY, ENCODE_PARTS, ENCODE_QUERYSTRING, IDEMPOTENCY_HEADER, pageClassImport, PARAM_STYLES, REQUEST_PAGE, RETRY_POLICY, streamFormatImport, TYPED_EVENTS, type RuntimeImport } from './runtime-files.js';
import { generic, keyword, literal, objectNode, reference, typeNode, union, type TypeContext, type TypeNode } from './type-expr.js';
import { array, call, name, object, plainCode, prop, str, type Code, type CodeProperty } from './code.js';
import { httpMethod } from '../ir/methods.js';

/** An argument after the client, as the signature printers take it (`LaidParameter` in `code-layout.ts`). */
export interface Argument {
  name: string;
  type: TypeNode;
  optional: boolean;
}

export interface Signature {
  args: Argument[];
  returnNode: TypeNode;
}

const argument = (name: string, type: TypeNode, optional: boolean): Argument => ({ name, type, optional });

export interface OperationShape {
  op: IROperation;
  /** Arguments after the client (function) or first (method); the trailing `options` included. */
  args: Argument[];
  /** The implementation's return type, e.g. `APIPromise<Model>`. */
  returnNode: TypeNode;
  /** Overload signatures (streaming operations), shown to callers instead of the implementation's. */
  overloads: Signature[];
  /** The expression the function returns, calling the runtime through `client`. */
  callCode: Code;
  /** The runtime values `call` names besides `client` (a page class, a stream format, `requestPage`). */
  runtimeImports: RuntimeImport[];
  /** The named parameter-object type to declare, if any: its name and its object type. */
  paramsType?: { name: string; node: Extract<TypeNode, { kind: 'object' }> };
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
  const args: Argument[] = op.parameters.path.map((p) => argument(ids.allocate(p.identifier), typeNode(p.schema, ctx), false));

  const shape: Partial<OperationShape> = {};
  const content = op.requestBody && pickRequestContent(op.requestBody.contents);
  if (op.requestBody && content) {
    const fileContent = isJson(content.mediaType) ? op.requestBody.contents.find((c) => /^multipart\/form-data\b/i.test(c.mediaType)) : undefined;
    const schema: IRSchema = fileContent ? { kind: 'union', variants: [content.schema, fileContent.schema] } : content.schema;
    args.push(argument('body', typeNode(schema, ctx), !op.requestBody.required));
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
    shape.paramsType = { name, node: objectNode(object, memberCtx) };
    args.push(argument('params', reference(name), !others.some((p) => p.required)));
    shape.paramsArg = 'params';
  }
  // a required argument cannot follow an optional one
  for (let i = args.length - 2; i >= 0; i--) if (!args[i + 1]!.optional) args[i]!.optional = false;
  args.push(argument('options', reference('RequestOptions'), true));

  const success = op.success;
  const responseType = responseTypeOf(success?.mediaType);
  const result = success && responseType !== 'none' ? typeNode(success.schema, out) : keyword('void');
  const returnNode = generic('APIPromise', [result]);
  const built: OperationShape = { op, args, returnNode, overloads: [], callCode: name(''), runtimeImports: [], paramKeys: keys, responseType, signatureRefs, refs, ...shape };
  const spec = requestSpecCode(built);

  if (op.pagination) {
    const item = typeNode(op.pagination.item, out);
    const page = pageClassImport(op.pagination.kind);
    built.returnNode = generic('PagePromise', [item, result]);
    built.callCode = call(REQUEST_PAGE.name, [name('client'), spec, name(page.name), paginationParams(op.pagination), name('options')], [item, result]);
    built.runtimeImports = [REQUEST_PAGE, page];
  } else if (op.streaming) {
    Object.assign(built, streamingShape(built, op.streaming, typeNode(op.streaming.item, out), result));
  } else {
    built.callCode = call('client.request', [spec, name('options')], [result]);
  }
  if (op.parameters.querystring.length) built.runtimeImports = [...built.runtimeImports, ENCODE_QUERYSTRING];
  if (shape.body && isPositionalMultipart(shape.body.content.mediaType)) built.runtimeImports = [...built.runtimeImports, ENCODE_PARTS];
  if (shape.body && encodesOtherThanJSON(shape.body)) built.runtimeImports = [...built.runtimeImports, ENCODE_BODY];
  if (op.idempotency) built.runtimeImports = [...built.runtimeImports, IDEMPOTENCY_HEADER];
  if (op.retries) built.runtimeImports = [...built.runtimeImports, RETRY_POLICY];
  if (op.parameters.query.some(styledQueryParameter)) built.runtimeImports = [...built.runtimeImports, PARAM_STYLES];
  if (op.parameters.cookie.length) built.runtimeImports = [...built.runtimeImports, COOKIE_PARAMS];
  return built;
}

/**
 * Whether an operation's body may go as other than JSON (its content type, or a file beside JSON), so that its
 * request spec carries `encode` and the package ships the other encodings.
 */
function encodesOtherThanJSON(body: NonNullable<OperationShape['body']>): boolean {
  return !isJson(body.content.mediaType) || body.fileContent !== undefined;
}

/** A query parameter sent in another style than `form`, exploded: `RequestSpec.queryStyles` names its writer. */
const styledQueryParameter = (q: IRParameter): boolean => q.style !== 'form' || !q.explode;

/** The parameters the params object holds: the querystring, query, header and cookie ones, in that order. */
export function paramsObjectParameters(op: IROperation): IRParameter[] {
  const { querystring, query, header, cookie } = op.parameters;
  return [...querystring, ...query, ...header, ...cookie];
}

/** Overloads and call for an operation that can answer with server-sent events. */
function streamingShape(shape: OperationShape, streaming: IRStreaming, event: TypeNode, result: TypeNode): Partial<OperationShape> {
  const stream = generic('Stream', [event]);
  const either = union([stream, result]);
  const format = streamFormatImport(streaming.format);
  const runtimeImports = [format, ...(streaming.events ? [TYPED_EVENTS] : [])];
  const terminator: CodeProperty[] = [
    prop('format', name(format.name)),
    // the spec's own media type is asked for where it is not the format's default (`application/x-ndjson`)
    ...(streaming.mediaType === FORMATS[streaming.format].mediaType ? [] : [prop('mediaType', str(streaming.mediaType))]),
    ...(streaming.terminator === undefined ? [] : [prop('terminator', str(streaming.terminator))]),
    ...(streaming.events ? [prop('events', call(TYPED_EVENTS.name, [streaming.events.jsonData === true ? name('true') : array(streaming.events.jsonData.map(str))]))] : []),
  ];
  const flag = streaming.selector.by === 'body-property' ? streaming.selector : undefined;
  const bodyIndex = shape.body ? shape.args.findIndex((a) => a.name === shape.body!.argName) : -1;
  if (!flag || bodyIndex < 0) {
    // nothing in the body selects it: always a stream (asked for by `accept` where several are offered), or the
    // response's content type decides
    const detect = streaming.selector.by === 'response-content-type' || streaming.selector.by === 'body-property';
    const type = detect ? either : stream;
    const spec = requestSpecCode(shape, [prop('stream', object([...terminator, ...(detect ? [prop('detect', name('true'))] : [])]))]);
    return { returnNode: generic('APIPromise', [type]), callCode: call('client.request', [spec, name('options')], [type]), runtimeImports };
  }
  const body = shape.args[bodyIndex]!;
  const withBody = (node: TypeNode, optional: boolean) => shape.args.map((a, i) => (i === bodyIndex ? argument(a.name, node, optional) : a));
  const on: TypeNode = flag.value === true ? { kind: 'literal', text: 'true' } : { kind: 'literal', text: literal(flag.value) };
  const off: TypeNode = flag.value === true ? union([{ kind: 'literal', text: 'false' }, keyword('null')]) : generic('Exclude', [{ kind: 'indexed', object: body.type, index: literal(flag.property) }, on]);
  const member = (optional: boolean, type: TypeNode): TypeNode => ({ kind: 'object', members: [{ kind: 'property', name: flag.property, optional, type, doc: '' }], broken: false });
  const test: Code = { kind: 'binary', left: { kind: 'optional-member', object: shape.body!.argName, key: flag.property }, operator: '===', right: flag.value === true ? name('true') : str(flag.value) };
  const spec = requestSpecCode(shape, [prop('stream', { kind: 'conditional', test, consequent: object(terminator), alternate: name('undefined') })]);
  return {
    overloads: [
      { args: withBody({ kind: 'intersection', types: [body.type, member(false, on)] }, false), returnNode: generic('APIPromise', [stream]) },
      { args: withBody({ kind: 'intersection', types: [body.type, member(true, off)] }, body.optional), returnNode: generic('APIPromise', [result]) },
      { args: shape.args, returnNode: generic('APIPromise', [either]) },
    ],
    returnNode: generic('APIPromise', [either]),
    callCode: call('client.request', [spec, name('options')], [either]),
    runtimeImports,
  };
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


/** Escapes literal path text for a template literal. */
function templateText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** The `RequestSpec` object literal the function passes to `client.request`. */
export function requestSpecCode(shape: OperationShape, extra: CodeProperty[] = []): Code {
  const { op } = shape;
  const pathArgs = shape.args.slice(0, op.parameters.path.length);
  let i = 0;
  const pathParts = op.path.split(/\{[^}]+\}/);
  const path = pathParts.map((part, k) => templateText(part) + (k < pathParts.length - 1 ? `\${${pathArgs[i++]!.name}}` : '')).join('');
  const fields: CodeProperty[] = [prop('method', str(httpMethod(op.method))), prop('path', op.parameters.path.length ? { kind: 'template', text: `encodePath\`${path}\`` } : str(op.path))];

  const p = shape.paramsArg;
  const { querystring, query, header, cookie } = op.parameters;
  /** `{ wire: params?.['key'], … }`: one location's parameters, read from the params object by their keys. */
  const pick = (params: IRParameter[]) => object(params.map((x) => prop(x.name, { kind: 'optional-member', object: p!, key: shape.paramKeys.get(x)! })));
  const fixed = op.fixedQuery ? Object.entries(op.fixedQuery).map(([k, v]) => prop(k, Array.isArray(v) ? array(v.map(str)) : str(v))) : [];
  for (const q of p ? querystring : []) {
    fields.push(prop('querystring', call(ENCODE_QUERYSTRING.name, [{ kind: 'optional-member', object: p!, key: shape.paramKeys.get(q)! }, str(q.mediaType ?? 'application/x-www-form-urlencoded')])));
  }
  if (p && query.length > 0) {
    const onlyQuery = querystring.length === 0 && header.length === 0 && cookie.length === 0;
    const own = onlyQuery ? name(p) : pick(query);
    // the path key's own query first: a parameter of the same name is sent instead
    fields.push(prop('query', fixed.length ? object([...fixed, { spread: own }]) : own));
    const styles = query.filter(styledQueryParameter);
    if (styles.length > 0) {
      fields.push(prop('queryStyles', call(PARAM_STYLES.name, [object(styles.map((q) => prop(q.name, object([prop('style', str(q.style)), prop('explode', name(String(q.explode)))]))))])));
    }
  } else if (fixed.length) {
    fields.push(prop('query', object(fixed)));
  }
  if (p && header.length > 0) {
    fields.push(prop('headers', pick(header)));
  }
  if (shape.body) {
    const { content, argName } = shape.body;
    if (isPositionalMultipart(content.mediaType)) {
      const types = content.partTypes ? plainCode(content.partTypes) : object([]);
      fields.push(prop('body', { kind: 'binary', left: name(argName), operator: '&&', right: call(ENCODE_PARTS.name, [name(argName), types, str(content.mediaType)]) }));
    } else fields.push(prop('body', name(argName)));
    if (!isJson(content.mediaType)) fields.push(prop('contentType', str(content.mediaType)));
    if (shape.body.fileContent) fields.push(prop('fileContentType', str(shape.body.fileContent.mediaType)));
    if (encodesOtherThanJSON(shape.body)) fields.push(prop('encode', name(ENCODE_BODY.name)));
  }
  if (p && cookie.length > 0) {
    fields.push(prop('cookies', call(COOKIE_PARAMS.name, [pick(cookie)])));
  }
  if (shape.responseType !== 'json') {
    fields.push(prop('responseType', str(shape.responseType)));
    if (op.success) fields.push(prop('accept', str(op.success.mediaType)));
  }
  fields.push(prop('security', securityCode(op)), ...retryFields(op), ...extra);
  return object(fields);
}

/**
 * `retry` (`retryPolicy(…)` of the operation's policy, as `RetryPolicy` in `runtime/retry-policy.ts` takes it) and
 * `idempotency`, for an operation whose spec declares them; nothing otherwise.
 */
function retryFields(op: IROperation): CodeProperty[] {
  const fields: CodeProperty[] = [];
  const r = op.retries;
  if (r) {
    const policy = r.enabled ? { statusCodes: r.statusCodes, connectionErrors: r.connectionErrors, backoff: r.backoff, maxRetries: r.maxRetries } : { enabled: false };
    fields.push(prop('retry', call(RETRY_POLICY.name, [plainCode(policy)])));
  }
  if (op.idempotency) fields.push(prop('idempotency', call(IDEMPOTENCY_HEADER.name, [str(op.idempotency.header)])));
  return fields;
}

/**
 * `RequestSpec.security` for an operation: its requirement alternatives, each the scheme names sent together
 * (`[]`: none; an empty alternative: anonymous calls allowed).
 */
function securityCode(op: IROperation): Code {
  return array(op.security.map((names) => array(names.map(str))));
}

/**
 * The parameters a scheme's page class is built with: the member's fields other than `kind`, `item`, `reason` and
 * `source`, as an object literal of plain values (`{ items: ['data'], cursorParam: 'after', … }`), whatever the
 * scheme.
 */
export function paginationParams(pagination: IRPagination): Code {
  const { kind: _kind, item: _item, reason: _reason, source: _source, ...params } = pagination;
  return plainCode(params);
}
