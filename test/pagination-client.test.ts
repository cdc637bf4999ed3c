// The page API of a generated client, every scheme: beside test/pagination-schemes.test.ts (the requests each
// scheme makes), this one walks the pages by hand (`data`, `hasNextPage()`, `getNextPage()`, `iterPages()`),
// declares a scheme with `x-sdkforge-pagination`, makes the server repeat its cursor, token, `Link` and next URL
// (iteration ends, it never loops), and compiles a strict consumer that iterates each list with typed items.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { emitAndBuild, type EmittedPackage } from './helpers/built-package.js';
import { json, startServer, type RecordedRequest, type TestServer } from './helpers/server.js';
import { typecheck } from './helpers/typecheck.js';

const item = { type: 'object', required: ['id'], properties: { id: { type: 'string' } } };
const list = (extra: Record<string, unknown>, itemsKey = 'data') => ({
  type: 'object',
  required: [itemsKey],
  properties: { [itemsKey]: { type: 'array', items: { $ref: '#/components/schemas/Item' } }, ...extra },
});
const query = (...names: string[]) => names.map((name) => ({ name, in: 'query', schema: name === 'limit' || name === 'offset' || name === 'page' || name === 'per_page' ? { type: 'integer' } : { type: 'string' } }));
const ok = (schema: unknown, headers?: Record<string, unknown>) => ({
  '200': { description: 'A page', ...(headers ? { headers } : {}), content: { 'application/json': { schema } } },
});

const DOCUMENT = {
  openapi: '3.1.0',
  info: { title: 'Pager', version: '1.0.0' },
  servers: [{ url: 'http://127.0.0.1:1' }],
  components: { schemas: { Item: item } },
  paths: {
    '/cursor': { get: { operationId: 'listByCursor', parameters: query('limit', 'starting_after'), responses: ok(list({ has_more: { type: 'boolean' } })) } },
    '/token': {
      get: {
        operationId: 'listByToken',
        parameters: query('limit', 'cursor'),
        responses: ok(list({ response_metadata: { type: 'object', properties: { next_cursor: { type: 'string' } } } }, 'channels')),
      },
    },
    '/offset': { get: { operationId: 'listByOffset', parameters: query('offset', 'limit'), responses: ok(list({ total_count: { type: 'integer' } }, 'entries')) } },
    '/pages': {
      get: {
        operationId: 'listByPage',
        parameters: query('page', 'per_page'),
        responses: ok(list({ result_info: { type: 'object', properties: { page: { type: 'integer' }, per_page: { type: 'integer' }, total_pages: { type: 'integer' } } } }, 'result')),
      },
    },
    '/linked': {
      get: {
        operationId: 'listByLink',
        parameters: query('per_page', 'page'),
        responses: ok({ type: 'array', items: { $ref: '#/components/schemas/Item' } }, { Link: { schema: { type: 'string' } } }),
      },
    },
    '/next': {
      get: {
        operationId: 'listByNextURL',
        parameters: query('per_page', 'page'),
        responses: ok(list({ links: { type: 'object', properties: { pages: { type: 'object', properties: { next: { type: 'string', format: 'uri' } } } } } }, 'droplets')),
      },
    },
    '/declared': {
      get: {
        operationId: 'listDeclared',
        'x-sdkforge-pagination': { kind: 'token', cursorParam: 'from', nextCursor: ['more', 'token'] },
        parameters: query('from'),
        responses: ok(list({ more: { type: 'object', properties: { token: { type: 'string' } } } }, 'values')),
      },
    },
  },
};

const ids = (page: number) => (page < 3 ? [`${page * 2 - 1}`, `${page * 2}`] : ['5']).map((id) => ({ id }));
const ALL = ['1', '2', '3', '4', '5'];

/** Answers each list in its scheme: pages 1, 2, 3 (two, two and one item); `repeat` makes every next link point back at page 2. */
function pager(base: () => string, repeat = false): (req: RecordedRequest, res: http.ServerResponse) => void {
  return (req, res) => {
    const q = req.query;
    const numbered = (value: string | null, first = 1) => (value ? Number(value) - first + 1 : 1);
    const next = (page: number) => (repeat ? 2 : page + 1);
    switch (req.rawPath) {
      case '/cursor': {
        const page = { '': 1, '2': 2, '4': 3 }[q.get('starting_after') ?? ''] ?? 3;
        const data = repeat && page > 1 ? ids(2) : ids(page);
        return json(res, 200, { data, has_more: repeat || page < 3 });
      }
      case '/token': {
        const page = numbered(q.get('cursor')?.replace('c', '') ?? null);
        return json(res, 200, { channels: ids(page), response_metadata: { next_cursor: page < 3 || repeat ? `c${next(page)}` : '' } });
      }
      case '/offset': {
        const page = Number(q.get('offset') ?? 0) / 2 + 1;
        return json(res, 200, { entries: ids(page), total_count: 5 });
      }
      case '/pages': {
        const page = numbered(q.get('page'));
        return json(res, 200, { result: ids(page), result_info: { page, per_page: 2, total_pages: 3 } });
      }
      case '/linked': {
        const page = numbered(q.get('page'));
        const links = [`<${base()}/linked?per_page=2&page=1>; rel="first"`];
        if (page < 3 || repeat) links.push(`<${base()}/linked?per_page=2&page=${next(page)}>; rel="next"`);
        res.setHeader('link', links.join(', '));
        return json(res, 200, ids(page));
      }
      case '/next': {
        const page = numbered(q.get('page'));
        return json(res, 200, { droplets: ids(page), links: { pages: page < 3 || repeat ? { next: `${base()}/next?page=${next(page)}&per_page=2` } : {} } });
      }
      case '/declared': {
        const page = numbered(q.get('from')?.replace('t', '') ?? null);
        return json(res, 200, { values: ids(page), more: page < 3 || repeat ? { token: `t${next(page)}` } : {} });
      }
    }
    return json(res, 404, { error: 'no such list' });
  };
}

let emitted: EmittedPackage;
let server: TestServer;

beforeAll(async () => {
  emitted = await emitAndBuild(DOCUMENT, 'sdkforge-pagination-');
  server = await startServer();
}, 120_000);
afterAll(async () => {
  await server?.close();
  emitted?.remove();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const client = (): any => new emitted.pkg.Pager({ baseURL: server.url, maxRetries: 0 });
const seen = () => server.requests.map((r) => r.url);

const CASES: { operation: string; kind: string; params?: Record<string, unknown>; requests: string[] }[] = [
  { operation: 'listByCursor', kind: 'cursor', params: { limit: 2 }, requests: ['/cursor?limit=2', '/cursor?limit=2&starting_after=2', '/cursor?limit=2&starting_after=4'] },
  { operation: 'listByToken', kind: 'token', params: { limit: 2 }, requests: ['/token?limit=2', '/token?limit=2&cursor=c2', '/token?limit=2&cursor=c3'] },
  { operation: 'listByOffset', kind: 'offset', params: { limit: 2 }, requests: ['/offset?limit=2', '/offset?limit=2&offset=2', '/offset?limit=2&offset=4'] },
  { operation: 'listByPage', kind: 'page-number', params: { per_page: 2 }, requests: ['/pages?per_page=2', '/pages?per_page=2&page=2', '/pages?per_page=2&page=3'] },
  { operation: 'listByLink', kind: 'link-header', params: { per_page: 2 }, requests: ['/linked?per_page=2', '/linked?per_page=2&page=2', '/linked?per_page=2&page=3'] },
  { operation: 'listByNextURL', kind: 'next-url', params: { per_page: 2 }, requests: ['/next?per_page=2', '/next?page=2&per_page=2', '/next?page=3&per_page=2'] },
  { operation: 'listDeclared', kind: 'token', requests: ['/declared', '/declared?from=t2', '/declared?from=t3'] },
];

describe('each pagination scheme, detected and iterated against a real server', () => {
  it.each(CASES)('$operation pages by $kind', async ({ operation, kind, params, requests }) => {
    const op = emitted.ir.operations.find((o) => o.name === operation)!;
    expect(op.pagination?.kind).toBe(kind);
    expect(op.pagination?.reason).toEqual(expect.any(String));
    server.handle(pager(() => server.url));
    server.requests.length = 0;

    const got: string[] = [];
    for await (const entry of client()[operation](params)) got.push(entry.id);
    expect(got).toEqual(ALL);
    expect(seen()).toEqual(requests);

    server.requests.length = 0;
    const first = await client()[operation](params);
    expect(first.data.map((e: { id: string }) => e.id)).toEqual(['1', '2']);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.data.map((e: { id: string }) => e.id)).toEqual(['3', '4']);
    let pages = 0;
    for await (const page of first.iterPages()) pages += page.data.length > 0 ? 1 : 0;
    expect(pages).toBe(3);
  });

  it.each(CASES.filter((c) => ['cursor', 'token', 'link-header', 'next-url'].includes(c.kind)))(
    '$operation stops when the server repeats its cursor or next link',
    async ({ operation, params }) => {
      server.handle(pager(() => server.url, true));
      server.requests.length = 0;
      const got: string[] = [];
      for await (const entry of client()[operation](params)) {
        got.push(entry.id);
        if (got.length > 50) break;
      }
      expect(server.requests.length).toBeLessThanOrEqual(3);
      expect(got.length).toBeLessThanOrEqual(6);
      expect(got.slice(0, 2)).toEqual(['1', '2']);
    },
  );
});

describe('the generated list methods, as a strict consumer compiles them', () => {
  it('types every item, whatever the scheme', () => {
    const file = path.join(emitted.dir, 'consumer.ts');
    writeFileSync(
      file,
      [
        `import { Pager, type Item } from './src/index.js';`,
        `const client = new Pager({ baseURL: 'http://127.0.0.1:1' });`,
        `export async function all(): Promise<string[]> {`,
        `  const out: string[] = [];`,
        ...CASES.map((c) => `  for await (const item of client.${c.operation}()) out.push(item.id);`),
        `  const page = await client.listByOffset({ limit: 2 });`,
        `  const items: Item[] = page.data;`,
        `  if (page.hasNextPage()) out.push(...(await page.getNextPage()).data.map((i) => i.id));`,
        `  return [...out, ...items.map((i) => i.id)];`,
        `}`,
        `// @ts-expect-error items are Item, not numbers`,
        `export const wrong = async () => { for await (const n of client.listByLink()) { const x: number = n; void x; } };`,
      ].join('\n'),
    );
    expect(typecheck([file])).toEqual([]);
  });
});
