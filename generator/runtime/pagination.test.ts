import { json, startServer, type TestServer } from '../../test/helpers/server.js';
import { ClientCore } from './core.js';
import { CursorPage, type CursorParams } from './cursor-page.js';
import { Page, requestPage, type ListBody, type PageClass } from './pagination.js';
import { SinglePage } from './single-page.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const client = () =>
  new ClientCore({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 }, { baseURL: 'http://unused', envPrefix: 'SDKFORGE_TEST', auth: {} });

interface Item {
  id?: string;
  n: number;
}

/** Lists `items` two at a time, the page chosen by the `starting_after` cursor (an item id). */
function serveCursorList(items: Item[], extra: (page: Item[], more: boolean) => object = () => ({})): void {
  server.handle((req, res) => {
    const after = req.query.get('starting_after');
    const start = after === null ? 0 : items.findIndex((i) => i.id === after) + 1;
    const page = items.slice(start, start + 2);
    const more = start + 2 < items.length;
    json(res, 200, { data: page, has_more: more, ...extra(page, more) });
  });
}

type Paging = [PageClass, object];

const list = ([page, params]: Paging, query: Record<string, unknown> = { limit: 2 }) =>
  requestPage<Item, ListBody<Item>>(client(), { method: 'GET', path: '/things', query }, page, params);

const CURSOR: Paging = [CursorPage, { cursorParam: 'starting_after' } satisfies CursorParams];
const SINGLE: Paging = [SinglePage, {}];
const ITEMS: Item[] = [1, 2, 3, 4, 5].map((n) => ({ id: `i${n}`, n }));

describe('CursorPage', () => {
  test('follows the cursor param with the last id, keeping the first query, until has_more is false', async () => {
    serveCursorList(ITEMS);
    const first = await list(CURSOR, { limit: 2, order: 'asc' });
    expect(first).toBeInstanceOf(CursorPage);
    expect(first).toBeInstanceOf(Page);
    expect(first.nextPageQuery()).toEqual({ limit: 2, order: 'asc', starting_after: 'i2' });
    const seen: number[] = [];
    for await (const item of first) seen.push(item.n);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => r.query.get('starting_after'))).toEqual([null, 'i2', 'i4']);
    expect(server.requests.every((r) => r.query.get('limit') === '2' && r.query.get('order') === 'asc')).toBe(true);
    const pages: Page<Item>[] = [];
    for await (const page of first.iterPages()) pages.push(page);
    expect(pages.map((p) => p.data.length)).toEqual([2, 2, 1]);
    expect(pages.at(-1)!.hasNextPage()).toBe(false);
    expect(pages.at(-1)!.nextPageQuery()).toBeUndefined();
    await expect(pages.at(-1)!.getNextPage()).rejects.toThrow('No next page: check hasNextPage() first.');
  });

  test('the promise iterates every item across pages', async () => {
    server.handle((req, res) => {
      const after = req.query.get('after');
      json(res, 200, after === null ? { data: [{ id: 'a', n: 1 }], has_more: true } : { data: [{ id: 'b', n: 2 }], has_more: false });
    });
    const seen: number[] = [];
    for await (const item of list([CursorPage, { cursorParam: 'after' }])) seen.push(item.n);
    expect(seen).toEqual([1, 2]);
    expect(server.requests.map((r) => r.query.get('after'))).toEqual([null, 'a']);
  });

  test('items without an id page by the body `last_id`; no cursor or an empty page ends the list', async () => {
    const anonymous = ITEMS.map(({ n }) => ({ n, id: undefined }));
    server.handle((req, res) => {
      const start = Number(req.query.get('starting_after') ?? 0);
      const page = anonymous.slice(start, start + 2);
      json(res, 200, { data: page, has_more: start + 2 < anonymous.length, last_id: String(start + 2) });
    });
    const seen: number[] = [];
    for await (const item of list(CURSOR)) seen.push(item.n);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => r.query.get('starting_after'))).toEqual([null, '2', '4']);

    // has_more without any cursor (no id, no last_id), and has_more on an empty page: the last page.
    server.handle((_req, res) => json(res, 200, { data: [{ n: 1 }], has_more: true }));
    expect((await list(CURSOR)).hasNextPage()).toBe(false);
    server.handle((_req, res) => json(res, 200, { data: [], has_more: true, last_id: 'x' }));
    expect((await list(CURSOR)).hasNextPage()).toBe(false);
    // has_more that is not `true` ends the list too.
    server.handle((_req, res) => json(res, 200, { data: [{ id: 'a', n: 1 }], has_more: 'yes' }));
    expect((await list(CURSOR)).hasNextPage()).toBe(false);
  });
});

test('a page promise gives its response too: withResponse() the first page with its response, asResponse() the raw one', async () => {
  serveCursorList(ITEMS);
  const { data, response, requestID } = await list(CURSOR).withResponse();
  expect(data).toBeInstanceOf(CursorPage);
  expect(data.data.map((i) => i.n)).toEqual([1, 2]);
  expect(response.status).toBe(200);
  expect(requestID).toBeNull();
  const raw = await list(CURSOR).asResponse();
  expect(await raw.json()).toEqual({ data: ITEMS.slice(0, 2), has_more: true });
});

describe('SinglePage', () => {
  test('has no next page whatever the body says, and iterates its items with one request', async () => {
    serveCursorList(ITEMS, () => ({ last_id: 'i2' }));
    const page = await list(SINGLE);
    expect(page).toBeInstanceOf(SinglePage);
    expect(page).toBeInstanceOf(Page);
    expect(page.body).toEqual({ data: ITEMS.slice(0, 2), has_more: true, last_id: 'i2' });
    expect(page.hasNextPage()).toBe(false);
    expect(page.nextPageQuery()).toBeUndefined();
    await expect(page.getNextPage()).rejects.toThrow('No next page');
    const seen: number[] = [];
    for await (const item of page) seen.push(item.n);
    expect(seen).toEqual([1, 2]);
    expect(server.requests).toHaveLength(1);
  });

  test('a body without a data array is a page without items', async () => {
    server.handle((_req, res) => json(res, 200, { object: 'list' }));
    const page = await list(SINGLE);
    expect(page.data).toEqual([]);
    const seen: unknown[] = [];
    for await (const item of list(SINGLE)) seen.push(item);
    expect(seen).toEqual([]);
  });
});
