// The IR contract's general members (ir/types.ts): streaming as a format with a selector, pagination as a union,
// security per operation, and `x-` extensions carried on operations, parameters, media types and schemas.
import { buildIR } from './build.js';
import type { OpenAPIDocument } from '../load/load-spec.js';

const ok = (schema: object, extra: object = {}) => ({ '200': { description: 'ok', content: { 'application/json': { schema }, ...extra } } });
const doc = {
  openapi: '3.1.0',
  info: { title: 'T', version: '1' },
  security: [{ key: [] }],
  components: {
    securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' }, basic: { type: 'http', scheme: 'basic' } },
    schemas: {
      Item: { type: 'object', required: ['id'], properties: { id: { type: 'string' } }, 'x-sdkforge-note': 'item' },
      List: { type: 'object', required: ['data', 'has_more'], properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Item' } }, has_more: { type: 'boolean' } } },
    },
  },
  paths: {
    '/items': {
      get: {
        operationId: 'list',
        'x-speakeasy-group': 'items',
        parameters: [{ name: 'after', in: 'query', schema: { type: 'string' }, 'x-fern-parameter-name': 'cursor' }],
        responses: ok({ $ref: '#/components/schemas/List' }),
      },
      post: {
        operationId: 'events',
        security: [{}, { key: [], basic: [] }],
        requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { stream_format: { enum: ['sse', 'json'] } } } } } },
        responses: ok({ type: 'object' }, { 'text/event-stream': { schema: { $ref: '#/components/schemas/Item' }, 'x-speakeasy-sse-sentinel': 'END' } }),
      },
    },
    '/open': { get: { operationId: 'open', security: [], responses: { '200': { description: 'ok', content: { 'text/event-stream': { schema: { type: 'object' } } } } } } },
  },
} as unknown as OpenAPIDocument;

const { ir } = buildIR(doc);
const op = (id: string) => ir.operations.find((o) => o.operationId === id)!;

test('security is per operation: alternatives of scheme names, the document default applying where the operation has none', () => {
  expect(op('list').security).toEqual([['key']]);
  expect(op('events').security).toEqual([[], ['key', 'basic']]);
  expect(op('open').security).toEqual([]);
});

test('streaming is a format with an item type, a selector and a terminator', () => {
  expect(op('events').streaming).toEqual({
    format: 'sse',
    mediaType: 'text/event-stream',
    item: { kind: 'ref', name: 'Item' },
    selector: { by: 'body-property', property: 'stream_format', value: 'sse' },
    terminator: 'END',
    terminatorSource: 'x-speakeasy-sse-sentinel',
  });
  expect(op('open').streaming).toMatchObject({ selector: { by: 'always' } });
  expect(op('open').streaming?.terminator).toBeUndefined();
});

test('pagination is a member of a union tagged by scheme', () => {
  expect(op('list').pagination).toEqual({
    kind: 'cursor',
    cursorParam: 'after',
    cursorField: 'id',
    hasMore: ['has_more'],
    item: { kind: 'ref', name: 'Item' },
    items: ['data'],
    reason: "query `after`, boolean `has_more` and the items' `id`",
    source: 'detected',
  });
});

test('x- extensions reach operations, parameters, media types and schemas', () => {
  expect(op('list').extensions).toEqual({ 'x-speakeasy-group': 'items' });
  expect(op('list').parameters.query[0]!.extensions).toEqual({ 'x-fern-parameter-name': 'cursor' });
  expect(op('events').responses[0]!.contents[1]!.extensions).toEqual({ 'x-speakeasy-sse-sentinel': 'END' });
  expect(ir.schemas.find((s) => s.name === 'Item')!.schema.extensions).toEqual({ 'x-sdkforge-note': 'item' });
  expect(op('open').extensions).toBeUndefined();
});
