// operationShape and requestSpecLiteral on small IR operations: the argument order (path parameters, body,
// params, options) and which are optional, the params object's keys, the RequestSpec literal the function passes
// to the runtime (path template, query with the path key's fixed query, headers, cookies, body content types,
// response type, security), the streaming overloads and the pagination call. End to end, the same shapes are
// built and called in test/client.test.ts, test/spec-features.test.ts and test/hostile.test.ts.
import { NameAllocator } from '../ir/names.js';
import type { HttpMethod, IROperation, IRParameter, IRSchema } from '../ir/types.js';
import { operationShape, requestSpecCode } from './signature.js';
import { codeText, object, prop } from './code.js';
import { nodeText } from './type-expr.js';

const requestSpecLiteral = (...args: Parameters<typeof requestSpecCode>) => codeText(requestSpecCode(...args));

const STRING: IRSchema = { kind: 'primitive', type: 'string' };
const INTEGER: IRSchema = { kind: 'primitive', type: 'integer' };
const ref = (name: string): IRSchema => ({ kind: 'ref', name });
const json = (schema: IRSchema) => ({ mediaType: 'application/json', schema });

function op(method: HttpMethod, path: string, extra: Partial<IROperation> = {}): IROperation {
  return {
    operationId: 'doIt',
    name: 'doIt',
    method,
    path,
    pointer: '#/paths/x',
    tags: [],
    place: { resource: ['things'], method: 'doIt', source: 'path' },
    parameters: { path: [], query: [], querystring: [], header: [], cookie: [] },
    responses: [],
    success: json(ref('Result')), // JSON, the default response type, unless a test says otherwise
    security: [],
    ...extra,
  };
}

function param(name: string, location: IRParameter['in'], options: Partial<IRParameter> = {}): IRParameter {
  const form = location === 'query' || location === 'cookie';
  return { name, identifier: name, in: location, required: location === 'path', style: form ? 'form' : 'simple', explode: form, schema: STRING, ...options };
}

const params = (p: Partial<IROperation['parameters']>): IROperation['parameters'] => ({ path: [], query: [], querystring: [], header: [], cookie: [], ...p });
const shapeOf = (operation: IROperation) => operationShape(operation, new NameAllocator());
const args = (operation: IROperation) => shapeOf(operation).args.map((a) => `${a.name}${a.optional ? '?' : ''}: ${nodeText(a.type)}`);
const spec = (operation: IROperation) => requestSpecLiteral(shapeOf(operation));

describe('arguments', () => {
  test('path parameters in path order, then the body, then the params object, then options', () => {
    const operation = op('post', '/orgs/{org}/repos/{repo}', {
      parameters: params({ path: [param('org', 'path'), param('repo', 'path', { schema: INTEGER })], query: [param('dry_run', 'query')] }),
      requestBody: { required: true, contents: [json(ref('Repo'))] },
    });
    expect(args(operation)).toEqual(['org: string', 'repo: number', 'body: Repo', 'params?: DoItParams', 'options?: RequestOptions']);
    const shape = shapeOf(operation);
    expect(shape.paramsType?.name).toBe('DoItParams');
    expect(shape.signatureRefs).toEqual(new Set(['Repo', 'Result'])); // the arguments' and the return type's
  });

  test('an argument is optional when nothing in it is required, and a required one makes those before it required', () => {
    const optionalBody = { required: false, contents: [json(ref('Patch'))] };
    expect(args(op('patch', '/x', { requestBody: optionalBody }))).toEqual(['body?: Patch', 'options?: RequestOptions']);
    // a required query parameter: params is required, so the optional body before it is too
    const required = op('patch', '/x', { requestBody: optionalBody, parameters: params({ query: [param('q', 'query', { required: true })] }) });
    expect(args(required)).toEqual(['body: Patch', 'params: DoItParams', 'options?: RequestOptions']);
    expect(args(op('get', '/x'))).toEqual(['options?: RequestOptions']);
  });

  test('argument names avoid the names the function body uses', () => {
    const operation = op('get', '/{client}/{options}/{body}', { parameters: params({ path: ['client', 'options', 'body'].map((n) => param(n, 'path')) }) });
    expect(shapeOf(operation).args.map((a) => a.name)).toEqual(['client2', 'options2', 'body2', 'options']);
    expect(spec(operation)).toContain('path: encodePath`/${client2}/${options2}/${body2}`');
  });

  test("params keys: the wire name, or `<in>.<name>` when an earlier location has that name; the spec reads each by its key", () => {
    const operation = op('get', '/items', {
      parameters: params({
        query: [param('id', 'query'), param('limit', 'query')],
        header: [param('id', 'header'), param('x-trace', 'header')],
        cookie: [param('id', 'cookie')],
      }),
    });
    const shape = shapeOf(operation);
    expect([...shape.paramKeys.values()]).toEqual(['id', 'limit', 'header.id', 'x-trace', 'cookie.id']);
    expect(nodeText(shape.paramsType!.node).split('\n').slice(1, -1)).toEqual(['id?: string;', 'limit?: string;', '"header.id"?: string;', '"x-trace"?: string;', '"cookie.id"?: string;']);
    expect(requestSpecLiteral(shape)).toBe(
      '{ method: "GET", path: "/items", query: { id: params?.["id"], limit: params?.["limit"] }, headers: { id: params?.["header.id"], "x-trace": params?.["x-trace"] }, cookies: cookieParams({ id: params?.["cookie.id"] }), security: [] }',
    );
  });
});

describe('the RequestSpec literal', () => {
  test('a positional multipart body (3.2 prefixEncoding/itemEncoding): its parts encoded by position', () => {
    const content = { mediaType: 'multipart/related', schema: { kind: 'array', items: STRING } as const, partTypes: { prefix: ['text/html'], items: 'image/png' } };
    const shape = shapeOf(op('post', '/pages', { requestBody: { required: true, contents: [content] } }));
    expect(shape.runtimeImports).toEqual([{ file: 'multipart-parts.ts', name: 'encodeParts' }, { file: 'body.ts', name: 'encodeRequestBody' }]);
    expect(requestSpecLiteral(shape)).toBe(
      '{ method: "POST", path: "/pages", body: body && encodeParts(body, { prefix: ["text/html"], items: "image/png" }, "multipart/related"), contentType: "multipart/related", encode: encodeRequestBody, security: [] }',
    );
  });

  test('an OpenAPI 3.2 querystring parameter: a params member serialized by its media type, before the query', () => {
    const filter = { ...param('filter', 'querystring'), mediaType: 'application/json' };
    const shape = shapeOf(op('get', '/search', { parameters: params({ querystring: [filter], query: [param('limit', 'query')] }) }));
    expect([...shape.paramKeys.values()]).toEqual(['filter', 'limit']);
    expect(shape.runtimeImports).toEqual([{ file: 'querystring.ts', name: 'encodeQuerystring' }]);
    expect(requestSpecLiteral(shape)).toBe(
      '{ method: "GET", path: "/search", querystring: encodeQuerystring(params?.["filter"], "application/json"), query: { limit: params?.["limit"] }, security: [] }',
    );
  });

  test('only query parameters: the params object is the query as it is', () => {
    expect(spec(op('get', '/items', { parameters: params({ query: [param('limit', 'query')] }) }))).toBe('{ method: "GET", path: "/items", query: params, security: [] }');
  });

  test("the path key's fixed query (?beta=true) is sent with every call, before the operation's own query", () => {
    const fixedQuery = { beta: 'true' };
    expect(spec(op('get', '/responses/{id}', { fixedQuery, parameters: params({ path: [param('id', 'path')] }) }))).toBe(
      '{ method: "GET", path: encodePath`/responses/${id}`, query: { beta: "true" }, security: [] }',
    );
    expect(spec(op('get', '/responses', { fixedQuery, parameters: params({ query: [param('limit', 'query')] }) }))).toBe(
      '{ method: "GET", path: "/responses", query: { beta: "true", ...params }, security: [] }',
    );
    const withHeader = op('get', '/responses', { fixedQuery: { beta: 'true', tag: ['a', 'b'] }, parameters: params({ query: [param('limit', 'query')], header: [param('x-h', 'header')] }) });
    expect(spec(withHeader)).toBe(
      '{ method: "GET", path: "/responses", query: { beta: "true", tag: ["a", "b"], ...{ limit: params?.["limit"] } }, headers: { "x-h": params?.["x-h"] }, security: [] }',
    );
  });

  test('query styles other than form+explode are passed along', () => {
    const operation = op('get', '/x', { parameters: params({ query: [param('ids', 'query', { explode: false }), param('deep', 'query', { style: 'deepObject', explode: true }), param('plain', 'query')] }) });
    expect(spec(operation)).toBe(
      '{ method: "GET", path: "/x", query: params, queryStyles: paramStyles({ ids: { style: "form", explode: false }, deep: { style: "deepObject", explode: true } }), security: [] }',
    );
  });

  test('path text is escaped for the template literal', () => {
    const operation = op('get', '/a`b\\c/{id}', { parameters: params({ path: [param('id', 'path')] }) });
    expect(spec(operation)).toContain('path: encodePath`/a\\`b\\\\c/${id}`');
  });

  test('body content types: JSON needs none; another type is named; a JSON body that may go as multipart names that too', () => {
    const body = (...mediaTypes: string[]) => op('post', '/up', { requestBody: { required: true, contents: mediaTypes.map((mediaType) => ({ mediaType, schema: ref('Upload') })) } });
    expect(spec(body('application/json'))).toBe('{ method: "POST", path: "/up", body, security: [] }');
    expect(spec(body('application/x-www-form-urlencoded'))).toBe('{ method: "POST", path: "/up", body, contentType: "application/x-www-form-urlencoded", encode: encodeRequestBody, security: [] }');
    // JSON is preferred; with a multipart alternative the argument takes either and the spec names both
    const both = body('multipart/form-data', 'application/json');
    expect(spec(both)).toBe('{ method: "POST", path: "/up", body, fileContentType: "multipart/form-data", encode: encodeRequestBody, security: [] }');
    expect(args(both)[0]).toBe('body: Upload | Upload');
  });

  test('response type and accept: JSON is the default; text and binary say so; no content is none', () => {
    const answering = (mediaType?: string) => op('get', '/r', { success: mediaType ? { mediaType, schema: mediaType === 'application/octet-stream' ? { kind: 'binary' } : STRING } : undefined });
    expect(spec(answering('application/json'))).toBe('{ method: "GET", path: "/r", security: [] }');
    expect(spec(answering('text/plain'))).toBe('{ method: "GET", path: "/r", responseType: "text", accept: "text/plain", security: [] }');
    expect(spec(answering('application/octet-stream'))).toBe('{ method: "GET", path: "/r", responseType: "binary", accept: "application/octet-stream", security: [] }');
    expect(spec(answering())).toBe('{ method: "GET", path: "/r", responseType: "none", security: [] }');
    expect(nodeText(shapeOf(answering()).returnNode)).toBe('APIPromise<void>');
    expect(nodeText(shapeOf(answering('application/octet-stream')).returnNode)).toBe('APIPromise<Blob>');
  });

  test('security: the requirement alternatives, each the scheme names sent together', () => {
    expect(spec(op('get', '/s', { security: [['key']] }))).toMatch(/security: \[\["key"\]\] \}$/);
    expect(spec(op('get', '/s', { security: [['key', 'basic']] }))).toMatch(/security: \[\["key", "basic"\]\] \}$/);
    expect(spec(op('get', '/s', { security: [] }))).toMatch(/security: \[\] \}$/);
    expect(spec(op('get', '/s', { security: [[], ['key']] }))).toMatch(/security: \[\[\], \["key"\]\] \}$/);
    expect(spec(op('get', '/s', { security: [[]] }))).toMatch(/security: \[\[\]\] \}$/);
  });

  test('extra fields come last', () => {
    expect(requestSpecLiteral(shapeOf(op('get', '/e')), [prop('stream', object([]))])).toBe('{ method: "GET", path: "/e", security: [], stream: {} }');
  });
});

describe('calls', () => {
  test('a plain operation calls client.request with its spec', () => {
    const shape = shapeOf(op('get', '/m/{id}', { parameters: params({ path: [param('id', 'path')] }), success: json(ref('Model')) }));
    expect(nodeText(shape.returnNode)).toBe('APIPromise<Model>');
    expect(shape.overloads).toEqual([]);
    expect(codeText(shape.callCode)).toBe('client.request<Model>({ method: "GET", path: encodePath`/m/${id}`, security: [] }, options)');
  });

  test('pagination: PagePromise of the item type, requestPage with the scheme\'s page class and its parameters', () => {
    const cursor = shapeOf(
      op('get', '/list', {
        parameters: params({ query: [param('after', 'query')] }),
        success: json(ref('ListResponse')),
        pagination: { kind: 'cursor', cursorParam: 'after', cursorField: 'id', hasMore: ['has_more'], item: ref('Item'), items: ['data'], reason: 'query `after`', source: 'detected' },
        security: [['key']],
      }),
    );
    expect(nodeText(cursor.returnNode)).toBe('PagePromise<Item, ListResponse>');
    expect(codeText(cursor.callCode)).toBe('requestPage<Item, ListResponse>(client, { method: "GET", path: "/list", query: params, security: [["key"]] }, CursorPage, { cursorParam: "after", cursorField: "id", hasMore: ["has_more"], items: ["data"] }, options)');
    expect(cursor.runtimeImports).toEqual([{ file: 'pagination.ts', name: 'requestPage' }, { file: 'cursor-page.ts', name: 'CursorPage' }]);
    const single = shapeOf(op('get', '/all', { success: json(ref('AllResponse')), pagination: { kind: 'single', item: STRING, items: [], reason: 'a `data` array', source: 'x-sdkforge-pagination' } }));
    expect(nodeText(single.returnNode)).toBe('PagePromise<string, AllResponse>');
    expect(codeText(single.callCode)).toBe('requestPage<string, AllResponse>(client, { method: "GET", path: "/all", security: [] }, SinglePage, { items: [] }, options)');
    // each scheme's fields, optional ones only when set; never kind, item, reason or source
    const token = shapeOf(
      op('get', '/t', {
        success: json(ref('T')),
        pagination: { kind: 'token', cursorParam: 'cursor', nextCursor: ['response_metadata', 'next_cursor'], done: ['done'], item: STRING, items: ['channels'], reason: 'r', source: 'detected' },
      }),
    );
    expect(codeText(token.callCode)).toContain('TokenPage, { cursorParam: "cursor", nextCursor: ["response_metadata", "next_cursor"], done: ["done"], items: ["channels"] }, options)');
    const pages = shapeOf(op('get', '/p', { success: json(ref('P')), pagination: { kind: 'page-number', pageParam: 'page', start: 0, item: STRING, items: ['result'], reason: 'r', source: 'detected' } }));
    expect(codeText(pages.callCode)).toContain('PageNumberPage, { pageParam: "page", start: 0, items: ["result"] }, options)');
    expect(pages.runtimeImports).toContainEqual({ file: 'page-number-page.ts', name: 'PageNumberPage' });
    const next = shapeOf(op('get', '/n', { success: json(ref('N')), pagination: { kind: 'next-url', nextURL: ['next'], item: STRING, items: ['results'], reason: 'r', source: 'x-fern-pagination' } }));
    expect(next.runtimeImports).toContainEqual({ file: 'next-url-page.ts', name: 'NextUrlPage' });
  });

  test('streaming selected by a body flag: three overloads (stream: true, not, either) and a spec that streams when the flag is set', () => {
    const shape = shapeOf(
      op('post', '/chat', {
        requestBody: { required: true, contents: [json(ref('ChatRequest'))] },
        success: json(ref('Chat')),
        streaming: { format: 'sse', mediaType: 'text/event-stream', selector: { by: 'body-property', property: 'stream', value: true }, item: ref('Chunk'), terminator: '[DONE]' },
      }),
    );
    const overloads = shape.overloads.map((o) => [o.args.map((a) => `${a.name}${a.optional ? '?' : ''}: ${nodeText(a.type)}`), nodeText(o.returnNode)]);
    expect(overloads).toEqual([
      [['body: ChatRequest & { stream: true }', 'options?: RequestOptions'], 'APIPromise<Stream<Chunk>>'],
      [['body: ChatRequest & { stream?: false | null }', 'options?: RequestOptions'], 'APIPromise<Chat>'],
      [['body: ChatRequest', 'options?: RequestOptions'], 'APIPromise<Stream<Chunk> | Chat>'],
    ]);
    expect(nodeText(shape.returnNode)).toBe('APIPromise<Stream<Chunk> | Chat>');
    expect(codeText(shape.callCode)).toBe(
      'client.request<Stream<Chunk> | Chat>({ method: "POST", path: "/chat", body, security: [], stream: body?.["stream"] === true ? { format: sseFormat, terminator: "[DONE]" } : undefined }, options)',
    );
  });

  test("a flag with the value 'sse' and an optional body: the non-streaming overload excludes that value", () => {
    const shape = shapeOf(
      op('post', '/speech', {
        requestBody: { required: false, contents: [json(ref('SpeechRequest'))] },
        success: { mediaType: 'audio/mpeg', schema: { kind: 'binary' } },
        streaming: { format: 'sse', mediaType: 'text/event-stream', selector: { by: 'body-property', property: 'stream_format', value: 'sse' }, item: ref('SpeechEvent') },
      }),
    );
    expect(shape.overloads.map((o) => nodeText(o.args[0]!.type))).toEqual([
      'SpeechRequest & { stream_format: "sse" }',
      'SpeechRequest & { stream_format?: Exclude<SpeechRequest["stream_format"], "sse"> }',
      'SpeechRequest',
    ]);
    expect(shape.overloads.map((o) => o.args[0]!.optional)).toEqual([false, true, true]);
    expect(codeText(shape.callCode)).toMatch(/stream: body\?\.\["stream_format"\] === "sse" \? \{ format: sseFormat \} : undefined \}, options\)$/); // no terminator known
  });

  test('streaming with nothing in the request to select it: always a stream, or detected from the content type', () => {
    const always = shapeOf(op('get', '/events', { success: undefined, streaming: { format: 'sse', mediaType: 'text/event-stream', selector: { by: 'always' }, item: ref('Event'), terminator: '[DONE]' } }));
    expect(always.overloads).toEqual([]);
    expect(nodeText(always.returnNode)).toBe('APIPromise<Stream<Event>>');
    expect(codeText(always.callCode)).toBe('client.request<Stream<Event>>({ method: "GET", path: "/events", responseType: "none", security: [], stream: { format: sseFormat, terminator: "[DONE]" } }, options)');
    expect(always.runtimeImports).toEqual([{ file: 'sse.ts', name: 'sseFormat' }]);
    const detected = shapeOf(op('get', '/events', { success: json(ref('Snapshot')), streaming: { format: 'sse', mediaType: 'text/event-stream', selector: { by: 'response-content-type' }, item: ref('Event') } }));
    expect(nodeText(detected.returnNode)).toBe('APIPromise<Stream<Event> | Snapshot>');
    expect(codeText(detected.callCode)).toBe('client.request<Stream<Event> | Snapshot>({ method: "GET", path: "/events", security: [], stream: { format: sseFormat, detect: true } }, options)');
  });
});
