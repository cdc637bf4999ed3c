// Pagination detection and declarations (ir/pagination.ts, ir/pagination-extensions.ts) on small inline specs:
// one list per scheme, each extension, extensions winning over detection, and the warnings (an operation that
// looks paginated but matches nothing; an extension that cannot be read).
import type { Diagnostic } from '../diagnostics.js';
import type { OpenAPIDocument } from '../load/load-spec.js';
import { buildIR } from './build.js';
import { describePagination, PAGINATION_KINDS } from './pagination.js';
import type { IRPagination } from './types.js';

const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const arr = (items: object = { $ref: '#/components/schemas/Item' }) => ({ type: 'array', items });
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', required, properties });
const q = (name: string, schema: object = str) => ({ name, in: 'query', schema });

interface Op {
  query?: object[];
  body: object;
  headers?: Record<string, unknown>;
  ext?: Record<string, unknown>;
  method?: string;
}

function build(ops: Record<string, Op>, root: Record<string, unknown> = {}): { pages: Record<string, IRPagination | undefined>; warnings: Diagnostic[] } {
  const paths: Record<string, unknown> = {};
  for (const [id, o] of Object.entries(ops)) {
    const response = { description: 'ok', content: { 'application/json': { schema: o.body } }, ...(o.headers ? { headers: o.headers } : {}) };
    paths[`/${id}`] = { [o.method ?? 'get']: { operationId: id, parameters: o.query ?? [], responses: { '200': response }, ...o.ext } };
  }
  const document = {
    openapi: '3.1.0',
    info: { title: 'Pages', version: '1' },
    components: { schemas: { Item: obj({ id: str, name: str }, ['id']) } },
    paths,
    ...root,
  } as unknown as OpenAPIDocument;
  const { ir, warnings } = buildIR(document);
  return { pages: Object.fromEntries(ir.operations.map((o) => [o.operationId, o.pagination])), warnings };
}

/** The member without `item` and `reason`, which the assertions below check apart. */
const shape = (p: IRPagination | undefined) => {
  if (!p) return undefined;
  const { item: _item, reason: _reason, ...rest } = p;
  return rest;
};

const ITEM = { kind: 'ref', name: 'Item' };

test('one list per scheme is detected, with its fields, items, item type and a reason', () => {
  const { pages, warnings } = build({
    stripe: { query: [q('starting_after'), q('ending_before'), q('limit', int)], body: obj({ object: str, data: arr(), has_more: bool, url: str }, ['data', 'has_more']) },
    openai: { query: [q('after'), q('limit', int)], body: obj({ data: arr(), has_more: bool, first_id: str, last_id: str }, ['data']) },
    slack: { query: [q('cursor'), q('limit', int)], body: obj({ ok: bool, channels: arr(), response_metadata: obj({ next_cursor: str }) }) },
    svix: { query: [q('iterator'), q('limit', int)], body: obj({ data: arr(), iterator: { type: ['string', 'null'] }, done: bool }, ['data']) },
    maps: { query: [q('pagetoken')], body: obj({ html_attributions: arr(str), results: arr(), next_page_token: str }) },
    box: { query: [q('offset', int), q('limit', int)], body: obj({ total_count: int, limit: int, offset: int, order: arr(obj({ by: str })), entries: arr() }) },
    cloudflare: { query: [q('page', { type: 'number', default: 1, minimum: 1 }), q('per_page', int)], body: obj({ errors: arr(obj({})), messages: arr(obj({})), result: arr(), result_info: obj({ page: int, total_pages: int }) }) },
    zero: { query: [q('page', { type: 'integer', default: 0 })], body: obj({ items: arr(), pages: obj({}), total_pages: int }) },
    github: { query: [q('per_page', int), q('page', int)], body: arr(), headers: { Link: { schema: str } } },
    twilio: { query: [q('PageSize', int), q('Page', int), q('PageToken')], body: obj({ calls: arr(), next_page_uri: { type: 'string', format: 'uri' }, page: int }) },
    digitalocean: { query: [q('page', int), q('per_page', int)], body: obj({ droplets: arr(), links: obj({ pages: { anyOf: [obj({ last: str, next: str }), obj({ first: str, prev: str }), {}] } }), meta: obj({ total: int }) }) },
    spotify: { query: [q('limit', int), q('offset', int)], body: obj({ href: str, next: { type: 'string', nullable: true, description: 'URL to the next page of items.' }, offset: int, total: int, items: arr() }) },
    data: { body: obj({ data: arr() }, ['data']) },
  });
  expect(Object.fromEntries(Object.entries(pages).map(([id, p]) => [id, shape(p)]))).toEqual({
    stripe: { kind: 'cursor', cursorParam: 'starting_after', cursorField: 'id', hasMore: ['has_more'], items: ['data'], source: 'detected' },
    openai: { kind: 'cursor', cursorParam: 'after', cursorField: 'id', hasMore: ['has_more'], items: ['data'], source: 'detected' },
    slack: { kind: 'token', cursorParam: 'cursor', nextCursor: ['response_metadata', 'next_cursor'], items: ['channels'], source: 'detected' },
    svix: { kind: 'token', cursorParam: 'iterator', nextCursor: ['iterator'], done: ['done'], items: ['data'], source: 'detected' },
    maps: { kind: 'token', cursorParam: 'pagetoken', nextCursor: ['next_page_token'], items: ['results'], source: 'detected' },
    box: { kind: 'offset', offsetParam: 'offset', limitParam: 'limit', total: ['total_count'], items: ['entries'], source: 'detected' },
    cloudflare: { kind: 'page-number', pageParam: 'page', start: 1, limitParam: 'per_page', totalPages: ['result_info', 'total_pages'], items: ['result'], source: 'detected' },
    zero: { kind: 'page-number', pageParam: 'page', start: 0, totalPages: ['total_pages'], items: ['items'], source: 'detected' },
    github: { kind: 'link-header', items: [], source: 'detected' },
    twilio: { kind: 'next-url', nextURL: ['next_page_uri'], items: ['calls'], source: 'detected' },
    digitalocean: { kind: 'next-url', nextURL: ['links', 'pages', 'next'], items: ['droplets'], source: 'detected' },
    spotify: { kind: 'next-url', nextURL: ['next'], items: ['items'], source: 'detected' },
    data: { kind: 'single', items: ['data'], source: 'detected' },
  });
  expect(pages.github!.item).toEqual(ITEM);
  expect(pages.maps!.item).toEqual(ITEM);
  expect(pages.svix!.reason).toBe('query `iterator`, token `iterator` and boolean `done`');
  expect(pages.cloudflare!.reason).toBe('numeric query `page` with page size `per_page` and page count `result_info.total_pages`');
  expect(pages.github!.reason).toBe('a declared `Link` response header');
  expect(warnings).toEqual([]);
});

test('conservative: no scheme without the fields it reads; a list that looks paginated gets a verbose-only warning', () => {
  const { pages, warnings } = build({
    // `offset` without a page size or a total (Google autocomplete: a position in the input text)
    autocomplete: { query: [q('offset', int)], body: obj({ predictions: arr(), status: str }) },
    // a cursor parameter, a top-level array and no declared Link header
    deliveries: { query: [q('cursor'), q('per_page', int)], body: arr() },
    // `next` that is not said to be a URL, and a cursor in the body of a POST
    vague: { body: obj({ results: arr(), next: str }) },
    post: { method: 'post', query: [q('cursor')], body: obj({ data: arr(), next_cursor: str }, ['data']) },
    // `has_more` of the wrong type; items without `id` and no `last_id`
    wrongType: { query: [q('after')], body: obj({ data: arr(), has_more: str }, ['data']) },
    noId: { query: [q('after')], body: obj({ data: arr(str), has_more: bool }, ['data']) },
    // several arrays, none named like a list
    ambiguous: { query: [q('page', int), q('per_page', int)], body: obj({ users: arr(), groups: arr() }) },
  });
  expect(pages).toEqual({ autocomplete: undefined, deliveries: undefined, vague: undefined, post: undefined, wrongType: undefined, noId: expect.objectContaining({ kind: 'single' }), ambiguous: undefined });
  expect(warnings.map((w) => [w.code, w.pointer, w.verbose])).toEqual([
    ['pagination-unrecognized', '#/paths/~1autocomplete/get', true],
    ['pagination-unrecognized', '#/paths/~1deliveries/get', true],
    ['pagination-unrecognized', '#/paths/~1wrongType/get', true],
    ['pagination-unrecognized', '#/paths/~1noId/get', true],
  ]);
  expect(warnings[0]!.message).toContain('`offset`');
  expect(warnings[0]!.message).toContain('is a plain call');
  expect(warnings[3]!.message).toContain('returns a single page');
});

test('x-sdkforge-pagination: the member without item, reason and source, with defaults; false turns paging off', () => {
  const list = obj({ result: obj({ rows: arr() }), meta: obj({ next: str, more: bool }), has_more: bool, data: arr() }, ['data']);
  const { pages, warnings } = build({
    cursor: { query: [q('after')], body: list, ext: { 'x-sdkforge-pagination': { kind: 'cursor', items: 'result.rows' } } },
    token: { query: [q('t')], body: list, ext: { 'x-sdkforge-pagination': { kind: 'token', cursorParam: 't', nextCursor: 'meta.next', hasMore: ['meta', 'more'] } } },
    offset: { query: [q('skip', int), q('limit', int)], body: list, ext: { 'x-sdkforge-pagination': { kind: 'offset', offsetParam: 'skip' } } },
    pages: { query: [q('p', int)], body: list, ext: { 'x-sdkforge-pagination': { kind: 'page-number', pageParam: 'p', start: 0 } } },
    link: { body: arr(), ext: { 'x-sdkforge-pagination': { kind: 'link-header' } } },
    next: { body: obj({ data: arr(), next: str }), ext: { 'x-sdkforge-pagination': { kind: 'next-url' } } },
    off: { query: [q('after')], body: obj({ data: arr(), has_more: bool }, ['data']), ext: { 'x-sdkforge-pagination': false } },
  });
  expect(Object.fromEntries(Object.entries(pages).map(([id, p]) => [id, shape(p)]))).toEqual({
    cursor: { kind: 'cursor', cursorParam: 'after', cursorField: 'id', hasMore: ['has_more'], items: ['result', 'rows'], source: 'x-sdkforge-pagination' },
    token: { kind: 'token', cursorParam: 't', nextCursor: ['meta', 'next'], hasMore: ['meta', 'more'], items: ['data'], source: 'x-sdkforge-pagination' },
    offset: { kind: 'offset', offsetParam: 'skip', limitParam: 'limit', items: ['data'], source: 'x-sdkforge-pagination' },
    pages: { kind: 'page-number', pageParam: 'p', start: 0, items: ['data'], source: 'x-sdkforge-pagination' },
    link: { kind: 'link-header', items: [], source: 'x-sdkforge-pagination' },
    next: { kind: 'next-url', nextURL: ['next'], items: ['data'], source: 'x-sdkforge-pagination' },
    off: undefined,
  });
  expect(pages.cursor!.reason).toBe('x-sdkforge-pagination (cursor)');
  expect(warnings).toEqual([]);
});

test('x-speakeasy-pagination: offsetLimit (offset or page), cursor (from the last item or a token) and url', () => {
  const body = obj({ data: obj({ resultArray: arr() }), next: str, numPages: int, next_cursor: str });
  const inputs = (...i: [string, string][]) => i.map(([name, type]) => ({ name, in: 'parameters', type }));
  const ext = (v: object) => ({ 'x-speakeasy-pagination': v });
  const { pages, warnings } = build({
    offset: { query: [q('offset', int), q('limit', int)], body, ext: ext({ type: 'offsetLimit', inputs: inputs(['offset', 'offset'], ['limit', 'limit']), outputs: { results: '$.data.resultArray' } }) },
    page: { query: [q('page', int)], body, ext: ext({ type: 'offsetLimit', inputs: inputs(['page', 'page']), outputs: { results: '$.data.resultArray', numPages: '$.numPages' } }) },
    lastItem: { query: [q('since')], body, ext: ext({ type: 'cursor', inputs: inputs(['since', 'cursor']), outputs: { nextCursor: '$.data.resultArray[-1].id' } }) },
    token: { query: [q('cursor')], body, ext: ext({ type: 'cursor', inputs: inputs(['cursor', 'cursor']), outputs: { nextCursor: '$.next_cursor', results: "$['data']['resultArray']" } }) },
    url: { body, ext: ext({ type: 'url', outputs: { nextUrl: '$.next', results: '$.data.resultArray' } }) },
  });
  expect(Object.fromEntries(Object.entries(pages).map(([id, p]) => [id, shape(p)]))).toEqual({
    offset: { kind: 'offset', offsetParam: 'offset', limitParam: 'limit', items: ['data', 'resultArray'], source: 'x-speakeasy-pagination' },
    page: { kind: 'page-number', pageParam: 'page', start: 1, totalPages: ['numPages'], items: ['data', 'resultArray'], source: 'x-speakeasy-pagination' },
    lastItem: { kind: 'cursor', cursorParam: 'since', cursorField: 'id', items: ['data', 'resultArray'], source: 'x-speakeasy-pagination' },
    token: { kind: 'token', cursorParam: 'cursor', nextCursor: ['next_cursor'], items: ['data', 'resultArray'], source: 'x-speakeasy-pagination' },
    url: { kind: 'next-url', nextURL: ['next'], items: ['data', 'resultArray'], source: 'x-speakeasy-pagination' },
  });
  expect(pages.page!.reason).toBe('x-speakeasy-pagination (offsetLimit)');
  expect(pages.lastItem!.item).toEqual(ITEM);
  expect(warnings).toEqual([]);
});

test('x-fern-pagination: cursor, offset (page numbers, or an offset with step), next_uri, and true taking the root defaults', () => {
  const body = obj({ results: arr(), next: str, page: obj({ next: str }), more: bool, count: int });
  const fern = (v: unknown) => ({ 'x-fern-pagination': v });
  const { pages, warnings } = build(
    {
      cursor: { query: [q('cursor')], body, ext: fern({ cursor: '$request.cursor', next_cursor: '$response.page.next', results: '$response.results', 'has-next-page': '$response.more' }) },
      pageNumber: { query: [q('page', int)], body, ext: fern({ offset: '$request.page', results: '$response.results' }) },
      step: { query: [q('offset', int), q('limit', int)], body, ext: fern({ offset: '$request.offset', step: '$request.limit', results: '$response.results' }) },
      nextUri: { body, ext: fern({ next_uri: '$response.next', results: '$response.results' }) },
      defaults: { query: [q('cursor')], body, ext: fern(true) },
    },
    { 'x-fern-pagination': { cursor: '$request.cursor', next_cursor: '$response.next', results: '$response.results' } },
  );
  expect(Object.fromEntries(Object.entries(pages).map(([id, p]) => [id, shape(p)]))).toEqual({
    cursor: { kind: 'token', cursorParam: 'cursor', nextCursor: ['page', 'next'], hasMore: ['more'], items: ['results'], source: 'x-fern-pagination' },
    pageNumber: { kind: 'page-number', pageParam: 'page', start: 1, items: ['results'], source: 'x-fern-pagination' },
    step: { kind: 'offset', offsetParam: 'offset', limitParam: 'limit', items: ['results'], source: 'x-fern-pagination' },
    nextUri: { kind: 'next-url', nextURL: ['next'], items: ['results'], source: 'x-fern-pagination' },
    defaults: { kind: 'token', cursorParam: 'cursor', nextCursor: ['next'], items: ['results'], source: 'x-fern-pagination' },
  });
  expect(warnings).toEqual([]);
});

test('a declaration wins over detection; one that cannot be mapped is a located warning and detection is used', () => {
  const stripe = { query: [q('starting_after'), q('limit', int), q('offset', int)], body: obj({ data: arr(), has_more: bool, total: int }, ['data']) };
  const { pages, warnings } = build({
    declared: { ...stripe, ext: { 'x-speakeasy-pagination': { type: 'offsetLimit', inputs: [{ name: 'offset', in: 'parameters', type: 'offset' }], outputs: { results: '$.data' } } } },
    ours: { ...stripe, ext: { 'x-sdkforge-pagination': { kind: 'single' }, 'x-fern-pagination': { offset: '$request.offset', results: '$response.data' } } },
    bodyCursor: { ...stripe, ext: { 'x-speakeasy-pagination': { type: 'cursor', inputs: [{ name: 'since', in: 'requestBody', type: 'cursor' }], outputs: { nextCursor: '$.data[-1].id' } } } },
    noParam: { ...stripe, ext: { 'x-fern-pagination': { cursor: '$request.token', next_cursor: '$response.total', results: '$response.data' } } },
    notArray: { ...stripe, ext: { 'x-sdkforge-pagination': { kind: 'cursor', cursorParam: 'starting_after', items: 'total' } } },
  });
  expect(shape(pages.declared)).toEqual({ kind: 'offset', offsetParam: 'offset', items: ['data'], source: 'x-speakeasy-pagination' });
  expect(pages.ours).toMatchObject({ kind: 'single', source: 'x-sdkforge-pagination' });
  for (const id of ['bodyCursor', 'noParam', 'notArray']) expect(pages[id]).toMatchObject({ kind: 'cursor', cursorParam: 'starting_after', source: 'detected' });
  expect(warnings.map((w) => [w.code, w.pointer])).toEqual([
    ['pagination-extension-unmapped', '#/paths/~1bodyCursor/get/x-speakeasy-pagination'],
    ['pagination-extension-unmapped', '#/paths/~1noParam/get/x-fern-pagination'],
    ['pagination-extension-unmapped', '#/paths/~1notArray/get/x-sdkforge-pagination'],
  ]);
  expect(warnings[0]!.message).toContain('not in parameters');
  expect(warnings[1]!.message).toContain('`token` is not a query parameter');
  expect(warnings[2]!.message).toContain('`total` is not an array');
});

test('describePagination names the scheme and every field the runtime reads, so diff sees parameter changes', () => {
  const { pages } = build({
    a: { query: [q('cursor')], body: obj({ channels: arr(), response_metadata: obj({ next_cursor: str }) }) },
    b: { query: [q('page_token')], body: obj({ channels: arr(), nextPageToken: str }) },
  });
  expect(describePagination(pages.a!)).toBe('token pages of `channels` by `cursor` from `response_metadata.next_cursor`');
  expect(describePagination(pages.b!)).toBe('token pages of `channels` by `page_token` from `nextPageToken`');
  expect(PAGINATION_KINDS).toEqual(['token', 'cursor', 'next-url', 'link-header', 'offset', 'page-number', 'single']);
});
