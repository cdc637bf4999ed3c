// The IR: schemas and operations normalized from 3.0 and 3.1 documents, as the emitters see them.
import { buildIR } from './build.js';
import type { IRDocument, IRSchema } from './types.js';
import { typeExpr } from '../emit/type-expr.js';

const doc31 = {
  openapi: '3.1.0',
  info: { title: 'Shapes', version: '1' },
  servers: [{ url: 'https://example.test/v2' }],
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'x-api-key' } },
    schemas: {
      Obj: { type: 'object', required: ['a'], properties: { a: { type: 'string', description: 'A.' }, b: { type: 'integer', deprecated: true } } },
      List: { type: 'array', items: { $ref: '#/components/schemas/Obj' } },
      Pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
      Cat: { type: 'object', properties: { kind: { const: 'cat' }, meow: { type: 'boolean' } } },
      Dog: { type: 'object', properties: { kind: { type: 'string', enum: ['dog'] } } },
      Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } } },
      Both: { allOf: [{ $ref: '#/components/schemas/Obj' }, { type: 'object', properties: { c: { type: 'boolean' } } }], required: ['c'] },
      Color: { type: 'string', enum: ['red', 'green', null] },
      Answer: { const: 42 },
      Maybe31: { type: ['string', 'null'] },
      MaybeUnion: { oneOf: [{ $ref: '#/components/schemas/Obj' }, { type: 'null' }] },
      Map: { type: 'object', additionalProperties: { type: 'integer' } },
      Tree: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } },
      'Foo-Bar': { type: 'string' },
      FooBar: { type: 'number' },
      Bin: { type: 'string', format: 'binary' },
    },
  },
  paths: {
    '/pets/{pet_id}/toys/{toy-id}': {
      parameters: [{ name: 'pet_id', in: 'path', required: true, schema: { type: 'string' } }],
      post: {
        operationId: 'play.with toy',
        parameters: [
          { name: 'toy-id', in: 'path', required: true, schema: { type: 'integer' } },
          { name: 'filter', in: 'query', style: 'deepObject', explode: true, schema: { type: 'object' } },
          { name: 'ids', in: 'query', style: 'pipeDelimited', schema: { type: 'array', items: { type: 'string' } } },
          { name: 'x-trace', in: 'header', required: true, schema: { type: 'string' } },
          { name: 'session', in: 'cookie', schema: { type: 'string' } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { type: 'object', properties: { stream: { type: ['boolean', 'null'] }, q: { type: 'string' } } } },
            'text/plain': { schema: { type: 'string' } },
          },
        },
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/Pet' } },
              'text/event-stream': { schema: { $ref: '#/components/schemas/Obj' }, 'x-sdkforge-stream-terminator': '[DONE]' },
            },
          },
          '404': { description: 'missing', content: { 'application/json': { schema: { type: 'object' } } } },
          default: { description: 'error' },
        },
      },
    },
    '/plain': { get: { responses: { '204': { description: 'none' } } } },
  },
};

let ir: IRDocument;
const schema = (name: string): IRSchema => ir.schemas.find((s) => s.originalName === name)!.schema;

beforeAll(() => {
  ir = buildIR(doc31 as never).ir;
});

test('object, array, tuple, map', () => {
  expect(schema('Obj')).toEqual({
    kind: 'object',
    additional: false,
    properties: [
      { name: 'a', required: true, schema: { kind: 'primitive', type: 'string', description: 'A.' } },
      { name: 'b', required: false, schema: { kind: 'primitive', type: 'integer', deprecated: true } },
    ],
  });
  expect(schema('List')).toEqual({ kind: 'array', items: { kind: 'ref', name: 'Obj' } });
  expect(schema('Pair')).toEqual({ kind: 'tuple', items: [{ kind: 'primitive', type: 'string' }, { kind: 'primitive', type: 'number' }] });
  expect(schema('Map')).toEqual({ kind: 'object', properties: [], additional: { kind: 'primitive', type: 'integer' } });
  expect(typeExpr(schema('Map'))).toBe('{ [key: string]: number }');
  expect(typeExpr(schema('Pair'))).toBe('[string, number]');
});

test('union with discriminator (explicit mapping and derived), intersection with sibling required', () => {
  expect(schema('Pet')).toEqual({
    kind: 'union',
    variants: [
      { kind: 'ref', name: 'Cat' },
      { kind: 'ref', name: 'Dog' },
    ],
    discriminator: { property: 'kind', mapping: { cat: 'Cat', Dog: 'Dog' } },
  });
  const both = schema('Both');
  expect(both.kind).toBe('intersection');
  expect(typeExpr(both)).toBe('Obj & {\nc?: boolean;\n} & {\nc: boolean;\n}');
});

test('enum, const, and both nullable forms', () => {
  expect(schema('Color')).toEqual({ kind: 'enum', values: ['red', 'green'], nullable: true });
  expect(typeExpr(schema('Color'))).toBe('"red" | "green" | null');
  expect(schema('Answer')).toEqual({ kind: 'const', value: 42 });
  expect(schema('Maybe31')).toEqual({ kind: 'primitive', type: 'string', nullable: true });
  expect(schema('MaybeUnion')).toEqual({ kind: 'ref', name: 'Obj', nullable: true });
  const v30 = buildIR({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: {},
    components: { schemas: { N: { type: 'string', nullable: true }, R: { allOf: [{ $ref: '#/components/schemas/N' }], nullable: true } } },
  } as never).ir;
  expect(v30.schemas[0]!.schema).toEqual({ kind: 'primitive', type: 'string', nullable: true });
  expect(v30.schemas[1]!.schema).toEqual({ kind: 'ref', name: 'N', nullable: true });
});

test('recursive reference by name; binary; colliding names resolved in document order', () => {
  expect(schema('Tree')).toEqual({
    kind: 'object',
    additional: false,
    properties: [{ name: 'children', required: false, schema: { kind: 'array', items: { kind: 'ref', name: 'Tree' } } }],
  });
  expect(schema('Bin')).toEqual({ kind: 'binary', format: 'binary' });
  expect(ir.schemas.filter((s) => s.originalName.startsWith('Foo')).map((s) => s.name)).toEqual(['FooBar', 'FooBar2']);
});

test('operations: id, method, path, parameters by location and style, bodies and responses by content type, streaming', () => {
  const op = ir.operations[0]!;
  expect(op).toMatchObject({ operationId: 'play.with toy', name: 'playWithToy', method: 'post', path: '/pets/{pet_id}/toys/{toy-id}', security: [] });
  expect(op.parameters.path.map((p) => [p.name, p.identifier])).toEqual([
    ['pet_id', 'petId'],
    ['toy-id', 'toyId'],
  ]);
  expect(op.parameters.query.map((p) => [p.name, p.style, p.explode])).toEqual([
    ['filter', 'deepObject', true],
    ['ids', 'pipeDelimited', false],
  ]);
  expect(op.parameters.header.map((p) => [p.name, p.required])).toEqual([['x-trace', true]]);
  expect(op.parameters.cookie.map((p) => p.name)).toEqual(['session']);
  expect(op.requestBody?.required).toBe(true);
  expect(op.requestBody?.contents.map((c) => c.mediaType)).toEqual(['application/json', 'text/plain']);
  expect(op.responses.map((r) => [r.status, r.contents.map((c) => c.mediaType)])).toEqual([
    ['200', ['application/json', 'text/event-stream']],
    ['404', ['application/json']],
    ['default', []],
  ]);
  expect(op.success).toEqual({ mediaType: 'application/json', schema: { kind: 'ref', name: 'Pet' } });
  expect(op.streaming).toEqual({
    format: 'sse',
    mediaType: 'text/event-stream',
    item: { kind: 'ref', name: 'Obj' },
    selector: { by: 'body-property', property: 'stream', value: true },
    terminator: '[DONE]',
    terminatorSource: 'x-sdkforge-stream-terminator',
  });
  // the media type's extensions reach the IR (the terminator above is read from them)
  expect(op.responses[0]!.contents[1]!.extensions).toEqual({ 'x-sdkforge-stream-terminator': '[DONE]' });

  const plain = ir.operations[1]!;
  expect(plain.name).toBe('getPlain');
  expect(plain.streaming).toBeUndefined();
  expect(plain.success).toBeUndefined();
});

test('document facts: base URL and security schemes', () => {
  expect(ir.baseURL).toBe('https://example.test/v2');
  expect(ir.security).toEqual([{ name: 'key', kind: 'apiKey', in: 'header', parameterName: 'x-api-key' }]);
});

test('security schemes: each kind; the main scheme is the first single-secret one the document requires, else in components', () => {
  const schemes = {
    basic: { type: 'http', scheme: 'Basic' },
    digest: { type: 'http', scheme: 'digest' },
    tls: { type: 'mutualTLS' },
    nameless: { type: 'apiKey', in: 'header' },
    elsewhere: { type: 'apiKey', in: 'body', name: 'k' },
    cookie: { type: 'apiKey', in: 'cookie', name: 'sid' },
    jwt: { type: 'http', scheme: 'bearer' },
    oauth: { type: 'oauth2', flows: {} },
    oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id.test' },
  };
  const build = (security?: object[]) => buildIR({ openapi: '3.1.0', info: { title: 'S', version: '1' }, paths: {}, components: { securitySchemes: schemes }, ...(security ? { security } : {}) } as never).ir;
  const ir = build();
  expect(ir.security).toEqual([
    { name: 'basic', kind: 'basic' },
    { name: 'digest', kind: 'other' },
    { name: 'tls', kind: 'other' },
    { name: 'nameless', kind: 'other' },
    { name: 'elsewhere', kind: 'other' },
    { name: 'cookie', kind: 'apiKey', in: 'cookie', parameterName: 'sid' },
    { name: 'jwt', kind: 'bearer' },
    { name: 'oauth', kind: 'oauth2' },
    { name: 'oidc', kind: 'openIdConnect' },
  ]);
  expect(ir.mainScheme).toBe('cookie');
  expect(build([{ basic: [] }, { digest: [], oidc: [] }, { jwt: [] }]).mainScheme).toBe('oidc');
  expect(build([{ basic: [] }]).mainScheme).toBe('cookie');
  const onlyBasic = buildIR({ openapi: '3.1.0', info: { title: 'S', version: '1' }, paths: {}, components: { securitySchemes: { basic: schemes.basic } } } as never).ir;
  expect(onlyBasic.mainScheme).toBeUndefined();
});

test('pagination: cursor lists, single pages, and bodies whose has_more / last_id / data types are not a page', () => {
  const list = (extra: Record<string, unknown>, required = ['data'], items: object = { type: 'string' }) => ({
    type: 'object',
    required,
    properties: { data: { type: 'array', items }, ...extra },
  });
  const op = (schema: object, params: object[] = [{ name: 'after', in: 'query', schema: { type: 'string' } }]) => ({
    get: { parameters: params, responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } },
  });
  const { ir } = buildIR({
    openapi: '3.1.0',
    info: { title: 'Pages', version: '1' },
    components: { schemas: { Flag: { type: 'boolean' } } },
    paths: {
      '/cursor': op(list({ has_more: { type: 'boolean' }, last_id: { type: ['string', 'null'] } })),
      '/cursor-ref': op(list({ has_more: { $ref: '#/components/schemas/Flag' } }, ['data'], { $ref: '#/components/schemas/Flag' }), [{ name: 'after', in: 'query', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer' } }]),
      '/single': op(list({}), []),
      '/no-cursor-param': op(list({ has_more: { type: 'boolean' } }), []),
      '/has-more-string': op(list({ has_more: { type: ['string', 'null'] } })),
      '/last-id-number': op(list({ has_more: { type: 'boolean' }, last_id: { type: 'integer' } })),
      '/data-nullable': op({ type: 'object', required: ['data'], properties: { data: { type: ['array', 'null'], items: { type: 'string' } } } }),
      '/data-optional': op(list({}, [])),
    },
  });
  const item = { kind: 'primitive', type: 'string' };
  const cursor = { kind: 'cursor', cursorParam: 'after', cursorField: 'id', hasMore: ['has_more'], items: ['data'], source: 'detected' };
  const single = { kind: 'single', items: ['data'], reason: 'a `data` array', source: 'detected' };
  expect(Object.fromEntries(ir.operations.map((o) => [o.path, o.pagination ?? 'none']))).toEqual({
    // strings have no `id`: the body's `last_id` is the cursor
    '/cursor': { ...cursor, item, reason: "query `after`, boolean `has_more` and the items' `id` (or `last_id`)" },
    // booleans have no `id` and there is no `last_id`: not a cursor
    '/cursor-ref': { ...single, item: { kind: 'ref', name: 'Flag' } },
    '/single': { ...single, item },
    '/no-cursor-param': { ...single, item },
    '/has-more-string': 'none',
    '/last-id-number': 'none',
    '/data-nullable': 'none',
    '/data-optional': 'none',
  });
});

test('the base URL is the first server, with its variables set to their defaults', () => {
  const servers = [{ url: 'https://{region}.api.example.com/{version}/{unknown}', variables: { region: { default: 'eu', enum: ['eu', 'us'] }, version: { default: 'v2' } } }];
  const { ir } = buildIR({ openapi: '3.1.0', info: { title: 'Vars', version: '1' }, servers, paths: {} });
  expect(ir.baseURL).toBe('https://eu.api.example.com/v2/{unknown}');
});

test('the success response: the 2XX one; the default one only when no 2XX is declared', () => {
  const body = (type: string) => ({ content: { 'application/json': { schema: { type } } } });
  const { ir } = buildIR({
    openapi: '3.1.0',
    info: { title: 'Responses', version: '1' },
    paths: {
      '/only-default': { get: { responses: { default: { description: 'd', ...body('string') } } } },
      '/ok-and-default': { get: { responses: { '200': { description: 'ok', ...body('integer') }, default: { description: 'err', ...body('string') } } } },
      '/no-content-and-default': { delete: { responses: { '204': { description: 'none' }, default: { description: 'err', ...body('string') } } } },
    },
  });
  expect(ir.operations.map((o) => [o.path, o.success?.schema ?? 'none'])).toEqual([
    ['/only-default', { kind: 'primitive', type: 'string' }],
    ['/ok-and-default', { kind: 'primitive', type: 'integer' }],
    ['/no-content-and-default', 'none'],
  ]);
});

test('an OpenAPI 3.2 querystring parameter: typed by its content schema, with its media type; conflicts are warned', () => {
  const form = { type: 'object', properties: { foo: { type: 'string' }, bar: { type: 'boolean' } } };
  const { ir, warnings } = buildIR({
    openapi: '3.2.0',
    info: { title: 'Q', version: '1' },
    paths: {
      '/search': {
        get: {
          operationId: 'search',
          parameters: [{ name: 'filter', in: 'querystring', required: true, content: { 'application/x-www-form-urlencoded': { schema: form } } }],
          responses: { '200': { description: 'ok' } },
        },
      },
      '/both': {
        get: {
          operationId: 'both',
          parameters: [
            { name: 'q', in: 'querystring', content: { 'application/json': { schema: { type: 'object' } } } },
            { name: 'again', in: 'querystring', content: { 'text/plain': { schema: { type: 'string' } } } },
            { name: 'limit', in: 'query', schema: { type: 'integer' } },
            { name: 'bare', in: 'querystring', schema: { type: 'string' } },
          ],
          responses: { '200': { description: 'ok' } },
        },
      },
    },
  } as never);
  const [search, both] = ir.operations;
  expect(search!.parameters.querystring).toEqual([
    expect.objectContaining({ name: 'filter', in: 'querystring', required: true, mediaType: 'application/x-www-form-urlencoded' }),
  ]);
  expect(typeExpr(search!.parameters.querystring[0]!.schema, { refer: () => {}, mode: 'request' })).toBe('{\nfoo?: string;\nbar?: boolean;\n}');
  expect(both!.parameters.querystring.map((p) => p.name)).toEqual(['q']);
  expect(both!.parameters.query.map((p) => p.name)).toEqual(['limit']);
  expect(warnings.map((w) => [w.code, w.pointer])).toEqual([
    ['querystring-without-content', '#/paths/~1both/get/parameters/3'],
    ['querystring-conflict', '#/paths/~1both/get'],
  ]);
});

const ref = (name: string): IRSchema => ({ kind: 'ref', name });

test('OpenAPI 3.2 discriminator.defaultMapping: the default gets no implicit value, and joins the union when only the discriminator names it', () => {
  const pet = (value: string) => ({ type: 'object', required: ['petType'], properties: { petType: { const: value } } });
  const { ir } = buildIR({
    openapi: '3.2.0',
    info: { title: 'D', version: '1' },
    paths: {},
    components: {
      schemas: {
        Listed: {
          oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }, { $ref: '#/components/schemas/OtherPet' }],
          discriminator: { propertyName: 'petType', defaultMapping: 'OtherPet' },
        },
        Unlisted: {
          oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
          discriminator: { propertyName: 'petType', mapping: { kitty: '#/components/schemas/Cat' }, defaultMapping: '#/components/schemas/OtherPet' },
        },
        Cat: pet('Cat'),
        Dog: pet('Dog'),
        OtherPet: { type: 'object', properties: { petType: { not: { enum: ['Cat', 'Dog'] } } } },
      },
    },
  } as never);
  const schema = (name: string) => ir.schemas.find((s) => s.name === name)!.schema;
  expect(schema('Listed')).toEqual({
    kind: 'union',
    variants: [ref('Cat'), ref('Dog'), ref('OtherPet')],
    discriminator: { property: 'petType', mapping: { Cat: 'Cat', Dog: 'Dog' }, defaultMapping: 'OtherPet' },
  });
  expect(schema('Unlisted')).toEqual({
    kind: 'union',
    variants: [ref('Cat'), ref('Dog'), ref('OtherPet')],
    discriminator: { property: 'petType', mapping: { kitty: 'Cat', Dog: 'Dog' }, defaultMapping: 'OtherPet' },
  });
});

test('keywords beside a $ref narrow it from 3.1 on (3.0 ignores them); contentMediaType and contentSchema are kept', () => {
  const components = {
    schemas: {
      Kind: { type: 'string', enum: ['a', 'b'] },
      Item: {
        type: 'object',
        properties: {
          kind: { $ref: '#/components/schemas/Kind', const: 'a', description: 'Always a.' },
          same: { $ref: '#/components/schemas/Kind', type: 'string' },
          json: { type: 'string', contentMediaType: 'application/json', contentSchema: { $ref: '#/components/schemas/Kind' } },
        },
      },
    },
  };
  const props = (openapi: string) => {
    const { ir } = buildIR({ openapi, info: { title: 'R', version: '1' }, paths: {}, components } as never);
    const item = ir.schemas.find((s) => s.name === 'Item')!.schema;
    return item.kind === 'object' ? item.properties.map((p) => p.schema) : [];
  };
  const [kind31, same31, json31] = props('3.1.0');
  expect(kind31).toEqual({ kind: 'intersection', parts: [ref('Kind'), { kind: 'const', value: 'a' }], description: 'Always a.' });
  expect(same31).toEqual(ref('Kind'));
  expect(json31).toEqual({ kind: 'primitive', type: 'string', contentMediaType: 'application/json', contentSchema: ref('Kind') });
  expect(props('3.0.3')[0]).toEqual({ ...ref('Kind'), description: 'Always a.' });
});

test('a positional multipart body keeps its prefixEncoding/itemEncoding content types (OpenAPI 3.2)', () => {
  const { ir } = buildIR({
    openapi: '3.2.0',
    info: { title: 'M', version: '1' },
    paths: {
      '/pages': {
        post: {
          operationId: 'upload',
          requestBody: {
            content: {
              'multipart/related': {
                schema: { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'string', format: 'binary' } },
                prefixEncoding: [{ contentType: 'text/html' }],
                itemEncoding: { contentType: 'image/png, image/jpeg' },
              },
              'multipart/form-data': { schema: { type: 'object' }, encoding: { a: { contentType: 'text/plain' } } },
            },
          },
          responses: { '204': { description: 'ok' } },
        },
      },
    },
  } as never);
  const [related, form] = ir.operations[0]!.requestBody!.contents;
  expect(related!.partTypes).toEqual({ prefix: ['text/html'], items: 'image/png, image/jpeg' });
  expect(form!.partTypes).toBeUndefined();
});
