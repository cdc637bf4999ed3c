// Every pagination scheme against a real local server: three pages in order, the requests the server received,
// the scheme's end signals, and a server that misbehaves (repeating a cursor, a next URL or a Link, or ignoring
// the offset) without the iteration looping. Each handler answers 500 after MAX_REQUESTS requests, so a pager
// that loops fails its test instead of hanging it.
import type http from 'node:http';
import { json, startServer, type RecordedRequest, type TestServer } from '../../test/helpers/server.js';
import { apiKeyPlacement } from './api-key.js';
import { ClientCore } from './core.js';
import { CursorPage, type CursorParams } from './cursor-page.js';
import { SDKError } from './errors.js';
import { LinkHeaderPage, type LinkHeaderParams } from './link-header-page.js';
import { NextUrlPage, type NextUrlParams } from './next-url-page.js';
import { OffsetPage, type OffsetParams } from './offset-page.js';
import { PageNumberPage, type PageNumberParams } from './page-number-page.js';
import { Page, requestPage, valueAtPath, type PageClass, type PagePromise } from './pagination.js';
import { SinglePage, type SingleParams } from './single-page.js';
import { TokenPage, type TokenParams } from './token-page.js';

let server: TestServer;
let other: TestServer;
beforeAll(async () => {
  [server, other] = await Promise.all([startServer(), startServer()]);
});
afterAll(() => Promise.all([server.close(), other.close()]));
beforeEach(() => {
  server.requests.length = 0;
  other.requests.length = 0;
});

const MAX_REQUESTS = 12;

/** Serves with `handler` until MAX_REQUESTS requests, then fails every request (with maxRetries 0, the call fails). */
function serve(handler: (req: RecordedRequest, res: http.ServerResponse) => void): void {
  server.handle((req, res) => (server.requests.length > MAX_REQUESTS ? json(res, 500, { error: 'loops' }) : handler(req, res)));
}

/** How the test credential `sk-test` is sent (scheme `key`, the `apiKey` option's). */
type Sent = { kind: 'bearer' } | { kind: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string };

const client = (sent: Sent = { kind: 'bearer' }, baseURL = server.url) =>
  new ClientCore(
    { apiKey: 'sk-test', baseURL, maxRetries: 0 },
    { baseURL: 'http://unused', envPrefix: 'SDKFORGE_TEST', auth: { key: { ...(sent.kind === 'apiKey' ? { ...sent, placement: apiKeyPlacement } : sent), option: 'key', env: 'SDKFORGE_TEST_KEY', apiKey: true } } },
  );

interface Item {
  id?: string;
  n: number;
}

const ITEMS: Item[] = [1, 2, 3, 4, 5].map((n) => ({ id: `i${n}`, n }));

function list<P extends object>(page: PageClass, params: P, query: Record<string, unknown> = {}, path = '/things', core = client()) {
  return requestPage<Item, unknown>(core, { method: 'GET', path, query, security: [['key']] }, page, params);
}

async function collect(pages: PagePromise<Item, unknown> | Page<Item, unknown>): Promise<number[]> {
  const seen: number[] = [];
  for await (const item of pages) seen.push(item.n);
  return seen;
}

/** The pages' items, fetched one by one with hasNextPage() and getNextPage(). */
async function byHand(first: Page<Item, unknown>): Promise<number[][]> {
  const pages = [first.data.map((i) => i.n)];
  for (let page = first; page.hasNextPage() && pages.length <= MAX_REQUESTS; ) {
    page = await page.getNextPage();
    pages.push(page.data.map((i) => i.n));
  }
  return pages;
}

/** The request targets the server received, e.g. `/things?limit=2&after=i2`. */
const targets = (s: TestServer = server) => s.requests.map((r) => r.url);

const pageOf = (start: number, size = 2) => ITEMS.slice(start, start + size);

describe('valueAtPath', () => {
  test('walks plain-object properties; [] is the value itself; anything missing is undefined', () => {
    const body = { a: { b: [1], c: null }, list: [{ x: 1 }] };
    expect(valueAtPath(body, ['a', 'b'])).toEqual([1]);
    expect(valueAtPath(body, [])).toBe(body);
    expect(valueAtPath(body, ['a', 'c'])).toBeNull();
    expect(valueAtPath(body, ['a', 'c', 'd'])).toBeUndefined();
    expect(valueAtPath(body, ['list', '0'])).toBeUndefined();
    expect(valueAtPath(body, ['toString'])).toBeUndefined();
    expect(valueAtPath('text', ['length'])).toBeUndefined();
  });
});

describe('CursorPage', () => {
  const CURSOR: CursorParams = { items: ['data'], cursorParam: 'starting_after', cursorField: 'id', hasMore: ['has_more'] };
  /** Lists ITEMS two at a time, the page chosen by the `starting_after` cursor (an item id). */
  const cursorList = (extra: object = {}) =>
    serve((req, res) => {
      const after = req.query.get('starting_after');
      const start = after === null ? 0 : ITEMS.findIndex((i) => i.id === after) + 1;
      json(res, 200, { data: pageOf(start), has_more: start + 2 < ITEMS.length, ...extra });
    });

  test('three pages: the cursor is the last id, the first query is kept, until has_more is false', async () => {
    cursorList();
    const first = await list(CursorPage, CURSOR, { limit: 2, order: 'asc' });
    expect(first).toBeInstanceOf(CursorPage);
    expect(first).toBeInstanceOf(Page);
    expect(first.items).toBe(first.data);
    expect(first.nextPageInfo()).toEqual({ query: { limit: 2, order: 'asc', starting_after: 'i2' } });
    expect(await collect(first)).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual([
      '/things?limit=2&order=asc',
      '/things?limit=2&order=asc&starting_after=i2',
      '/things?limit=2&order=asc&starting_after=i4',
    ]);
    expect(await byHand(first)).toEqual([[1, 2], [3, 4], [5]]);
    // iterPages from the first page again (a page may be asked for its next page more than once)
    const pages: Page<Item, unknown>[] = [];
    for await (const page of first.iterPages()) pages.push(page);
    expect(pages.map((p) => p.data.length)).toEqual([2, 2, 1]);
    expect(pages.at(-1)!.hasNextPage()).toBe(false);
    expect(pages.at(-1)!.nextPageInfo()).toBeUndefined();
    await expect(pages.at(-1)!.getNextPage()).rejects.toThrow('No next page: check hasNextPage() first.');
    const second = await first.getNextPage();
    expect(second.data.map((i) => i.n)).toEqual([3, 4]);
  });

  test('the parameters packages generated before `items` existed pass ({ cursorParam }) mean data, id and has_more', async () => {
    cursorList();
    expect(await collect(list(CursorPage, { cursorParam: 'starting_after' }))).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => r.query.get('starting_after'))).toEqual([null, 'i2', 'i4']);
  });

  test('another cursor field and items path; without hasMore the list ends on an empty page', async () => {
    serve((req, res) => {
      const after = Number(req.query.get('after') ?? 0);
      json(res, 200, { results: ITEMS.slice(after, after + 2).map(({ n }) => ({ n, seq: n })) });
    });
    expect(await collect(list(CursorPage, { items: ['results'], cursorParam: 'after', cursorField: 'seq' }))).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things', '/things?after=2', '/things?after=4', '/things?after=5']);
  });

  test('items without an id page by the body `last_id`; no cursor, an empty page or has_more not true ends the list', async () => {
    serve((req, res) => {
      const start = Number(req.query.get('starting_after') ?? 0);
      json(res, 200, { data: pageOf(start).map(({ n }) => ({ n })), has_more: start + 2 < ITEMS.length, last_id: String(start + 2) });
    });
    expect(await collect(list(CursorPage, CURSOR))).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => r.query.get('starting_after'))).toEqual([null, '2', '4']);

    serve((_req, res) => json(res, 200, { data: [{ n: 1 }], has_more: true }));
    expect((await list(CursorPage, CURSOR)).hasNextPage()).toBe(false);
    serve((_req, res) => json(res, 200, { data: [], has_more: true, last_id: 'x' }));
    expect((await list(CursorPage, CURSOR)).hasNextPage()).toBe(false);
    serve((_req, res) => json(res, 200, { data: [{ id: 'a', n: 1 }], has_more: 'yes' }));
    expect((await list(CursorPage, CURSOR)).hasNextPage()).toBe(false);
  });

  test('a server that repeats a page (the same cursor again) does not loop', async () => {
    serve((_req, res) => json(res, 200, { data: pageOf(0), has_more: true }));
    expect(await collect(list(CursorPage, CURSOR, { limit: 2 }))).toEqual([1, 2, 1, 2]);
    expect(targets()).toEqual(['/things?limit=2', '/things?limit=2&starting_after=i2']);
  });

  test('a cursor that leads back to the first page ends the list', async () => {
    serve((req, res) => json(res, 200, req.query.get('after') === null ? { data: [{ id: 'x', n: 1 }], has_more: true } : { data: [{ n: 2 }], has_more: true, last_id: 'x' }));
    const page = list(CursorPage, { cursorParam: 'after' }, { after: 'x' });
    expect(await collect(page)).toEqual([2]);
    expect(targets()).toEqual(['/things?after=x']);
  });
});

describe('TokenPage', () => {
  const tokens = ['', 'c2', 'c4'];
  test('Slack style: the token at response_metadata.next_cursor, items at members, until it is empty', async () => {
    serve((req, res) => {
      const start = tokens.indexOf(req.query.get('cursor') ?? '');
      json(res, 200, { ok: true, members: pageOf(start * 2), response_metadata: { next_cursor: tokens[start + 1] ?? '' } });
    });
    const params: TokenParams = { items: ['members'], cursorParam: 'cursor', nextCursor: ['response_metadata', 'next_cursor'] };
    const first = await list(TokenPage, params, { limit: 2 });
    expect(first.nextPageInfo()).toEqual({ query: { limit: 2, cursor: 'c2' } });
    expect(await collect(first)).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?limit=2', '/things?limit=2&cursor=c2', '/things?limit=2&cursor=c4']);
    expect(await byHand(first)).toEqual([[1, 2], [3, 4], [5]]);
    const sizes: number[] = [];
    for await (const page of first.iterPages()) sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
  });

  test('Svix style: an iterator with done; `done: true` ends the list even with an iterator', async () => {
    serve((req, res) => {
      const start = tokens.indexOf(req.query.get('iterator') ?? '');
      json(res, 200, { data: pageOf(start * 2), iterator: tokens[start + 1] ?? 'still-there', done: start === 2 });
    });
    const params: TokenParams = { items: ['data'], cursorParam: 'iterator', nextCursor: ['iterator'], done: ['done'] };
    expect(await collect(list(TokenPage, params))).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things', '/things?iterator=c2', '/things?iterator=c4']);
  });

  test('hasMore not true, a null or absent token end the list; a numeric token is sent', async () => {
    const params: TokenParams = { items: ['data'], cursorParam: 'cursor', nextCursor: ['next'], hasMore: ['more'] };
    serve((_req, res) => json(res, 200, { data: [{ n: 1 }], next: 'c', more: false }));
    expect((await list(TokenPage, params)).hasNextPage()).toBe(false);
    serve((_req, res) => json(res, 200, { data: [{ n: 1 }], next: null, more: true }));
    expect((await list(TokenPage, params)).hasNextPage()).toBe(false);
    serve((_req, res) => json(res, 200, { data: [{ n: 1 }], more: true }));
    expect((await list(TokenPage, params)).hasNextPage()).toBe(false);
    serve((_req, res) => json(res, 200, { data: [{ n: 1 }], next: 7, more: true }));
    expect((await list(TokenPage, params)).nextPageInfo()).toEqual({ query: { cursor: 7 } });
  });

  test('a server that repeats its token does not loop', async () => {
    serve((req, res) => json(res, 200, { data: [{ n: req.query.get('cursor') === null ? 1 : 2 }], next: 'same' }));
    expect(await collect(list(TokenPage, { items: ['data'], cursorParam: 'cursor', nextCursor: ['next'] }))).toEqual([1, 2]);
    expect(targets()).toEqual(['/things', '/things?cursor=same']);
  });

  test('tokens cycling back to an earlier page end the list', async () => {
    const next: Record<string, string> = { '': 'a', a: 'b', b: 'a' };
    serve((req, res) => json(res, 200, { data: [{ n: server.requests.length }], next: next[req.query.get('cursor') ?? ''] }));
    expect(await collect(list(TokenPage, { items: ['data'], cursorParam: 'cursor', nextCursor: ['next'] }))).toEqual([1, 2, 3]);
    expect(targets()).toEqual(['/things', '/things?cursor=a', '/things?cursor=b']);
  });
});

describe('OffsetPage', () => {
  /** Box style: offset and limit, `total_count`, items at `entries`. */
  const offsetList = (total: boolean) =>
    serve((req, res) => {
      const offset = Number(req.query.get('offset') ?? 0);
      const limit = Number(req.query.get('limit') ?? 2);
      json(res, 200, { entries: ITEMS.slice(offset, offset + limit), ...(total ? { total_count: ITEMS.length } : {}) });
    });

  test('three pages: the offset advances by the items received, until the total', async () => {
    offsetList(true);
    const params: OffsetParams = { items: ['entries'], offsetParam: 'offset', total: ['total_count'] };
    const first = await list(OffsetPage, params, { limit: 2 });
    expect(first.nextPageInfo()).toEqual({ query: { limit: 2, offset: 2 } });
    expect(await collect(first)).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?limit=2', '/things?limit=2&offset=2', '/things?limit=2&offset=4']);
    expect(await byHand(first)).toEqual([[1, 2], [3, 4], [5]]);
    const pages: Page<Item, unknown>[] = [];
    for await (const page of first.iterPages()) pages.push(page);
    expect(pages.map((p) => p.data.length)).toEqual([2, 2, 1]);
    expect(pages[2]!.hasNextPage()).toBe(false);
  });

  test('a short page ends the list when the limit is known; a numeric string offset is read', async () => {
    offsetList(false);
    const params: OffsetParams = { items: ['entries'], offsetParam: 'offset', limitParam: 'limit' };
    expect(await collect(list(OffsetPage, params, { limit: 2, offset: '1' }))).toEqual([2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?limit=2&offset=1', '/things?limit=2&offset=3', '/things?limit=2&offset=5']);
    server.requests.length = 0;
    expect(await collect(list(OffsetPage, params, { limit: '2' }))).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?limit=2', '/things?limit=2&offset=2', '/things?limit=2&offset=4']);
  });

  test('without a total or a limit, an empty page ends the list', async () => {
    offsetList(false);
    expect(await collect(list(OffsetPage, { items: ['entries'], offsetParam: 'offset' }, { limit: 2 }))).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?limit=2', '/things?limit=2&offset=2', '/things?limit=2&offset=4', '/things?limit=2&offset=5']);
  });

  test('a server that ignores the offset (the same full page every time) does not loop', async () => {
    serve((_req, res) => json(res, 200, { entries: pageOf(0), total_count: 100 }));
    const params: OffsetParams = { items: ['entries'], offsetParam: 'offset', limitParam: 'limit', total: ['total_count'] };
    expect(await collect(list(OffsetPage, params, { limit: 2 }))).toEqual([1, 2, 1, 2]);
    expect(targets()).toEqual(['/things?limit=2', '/things?limit=2&offset=2']);
  });
});

describe('PageNumberPage', () => {
  /** Cloudflare style: `page` and `per_page`, items at `result`, `result_info.total_pages`. */
  const pagedList = (start: number, totalPages: boolean) =>
    serve((req, res) => {
      const page = Number(req.query.get('page') ?? start) - start;
      const perPage = Number(req.query.get('per_page') ?? 2);
      const info = { page: page + start, per_page: perPage, ...(totalPages ? { total_pages: Math.ceil(ITEMS.length / perPage) } : {}) };
      json(res, 200, { success: true, result: ITEMS.slice(page * perPage, page * perPage + perPage), result_info: info });
    });

  test('three pages numbered from 1: the page advances by one, until result_info.total_pages', async () => {
    pagedList(1, true);
    const params: PageNumberParams = { items: ['result'], pageParam: 'page', start: 1, totalPages: ['result_info', 'total_pages'] };
    const first = await list(PageNumberPage, params, { per_page: 2 });
    expect(first.nextPageInfo()).toEqual({ query: { per_page: 2, page: 2 } });
    expect(await collect(first)).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?per_page=2', '/things?per_page=2&page=2', '/things?per_page=2&page=3']);
    expect(await byHand(first)).toEqual([[1, 2], [3, 4], [5]]);
    const pages: Page<Item, unknown>[] = [];
    for await (const page of first.iterPages()) pages.push(page);
    expect(pages.map((p) => p.data.length)).toEqual([2, 2, 1]);
  });

  test('pages numbered from 0 with total_pages; a page number given in the query is where it starts', async () => {
    pagedList(0, true);
    const params: PageNumberParams = { items: ['result'], pageParam: 'page', start: 0, totalPages: ['result_info', 'total_pages'] };
    expect(await collect(list(PageNumberPage, params, { per_page: 2 }))).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?per_page=2', '/things?per_page=2&page=1', '/things?per_page=2&page=2']);
    server.requests.length = 0;
    expect(await collect(list(PageNumberPage, params, { per_page: 2, page: '1' }))).toEqual([3, 4, 5]);
    expect(targets()).toEqual(['/things?per_page=2&page=1', '/things?per_page=2&page=2']);
  });

  test('a short page ends the list when the limit is known; else an empty page does', async () => {
    pagedList(1, false);
    const short: PageNumberParams = { items: ['result'], pageParam: 'page', start: 1, limitParam: 'per_page' };
    expect(await collect(list(PageNumberPage, short, { per_page: 2 }))).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?per_page=2', '/things?per_page=2&page=2', '/things?per_page=2&page=3']);
    server.requests.length = 0;
    expect(await collect(list(PageNumberPage, { items: ['result'], pageParam: 'page', start: 1 }, { per_page: 2 }))).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?per_page=2', '/things?per_page=2&page=2', '/things?per_page=2&page=3', '/things?per_page=2&page=4']);
  });

  test('a server that ignores the page number (the same full page every time) does not loop', async () => {
    serve((_req, res) => json(res, 200, { result: pageOf(0), result_info: { total_pages: 50 } }));
    const params: PageNumberParams = { items: ['result'], pageParam: 'page', start: 1, limitParam: 'per_page', totalPages: ['result_info', 'total_pages'] };
    expect(await collect(list(PageNumberPage, params, { per_page: 2 }))).toEqual([1, 2, 1, 2]);
    expect(targets()).toEqual(['/things?per_page=2', '/things?per_page=2&page=2']);
  });
});

describe('LinkHeaderPage', () => {
  const LINK: LinkHeaderParams = { items: [] };
  /** GitHub style: a top-level array, `page`/`per_page`, and `Link` with next, last, first and prev. */
  const linkList = (link: (page: number, last: number) => string | undefined) =>
    serve((req, res) => {
      const page = Number(req.query.get('page') ?? 1);
      const header = link(page, 3);
      json(res, 200, pageOf((page - 1) * 2), header === undefined ? {} : { link: header });
    });

  test('three pages by rel="next" (absolute URLs, among other links), items a top-level array', async () => {
    linkList((page, last) => {
      const at = (p: number) => `<${server.url}/things?per_page=2&page=${p}>`;
      const links = [`${at(1)}; rel="first"`, ...(page < last ? [`${at(page + 1)}; rel="next"`, `${at(last)}; rel="last"`] : []), ...(page > 1 ? [`${at(page - 1)}; rel="prev"`] : [])];
      return links.join(', ');
    });
    const first = await list(LinkHeaderPage, LINK, { per_page: 2 });
    expect(first.response.headers.get('link')).toContain('rel="next"');
    expect(first.nextPageInfo()).toEqual({ url: `${server.url}/things?per_page=2&page=2` });
    expect(await collect(first)).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?per_page=2', '/things?per_page=2&page=2', '/things?per_page=2&page=3']);
    expect(await byHand(first)).toEqual([[1, 2], [3, 4], [5]]);
    const pages: Page<Item, unknown>[] = [];
    for await (const page of first.iterPages()) pages.push(page);
    expect(pages.map((p) => p.data.length)).toEqual([2, 2, 1]);
    expect(pages[2]!.hasNextPage()).toBe(false);
  });

  test('relative targets resolve against the page URL; rel lists, unquoted and upper-case rel are read', async () => {
    const next = ['', '<things?page=2>; rel="prefetch NEXT"', '</things?page=3>; title="a, b"; Rel=next'];
    linkList((page) => next[page] || undefined);
    expect(await collect(list(LinkHeaderPage, LINK, {}))).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things', '/things?page=2', '/things?page=3']);
  });

  test('query credentials are still added to the URL-based next pages', async () => {
    linkList((page) => (page < 3 ? `</things?page=${page + 1}>; rel=next` : undefined));
    const core = client({ kind: 'apiKey', in: 'query', name: 'api_key' });
    expect(await collect(list(LinkHeaderPage, LINK, { per_page: 2 }, '/things', core))).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/things?per_page=2&api_key=sk-test', '/things?page=2&api_key=sk-test', '/things?page=3&api_key=sk-test']);
  });

  test('a server that repeats its next link does not loop, nor one whose link leads back to the first page', async () => {
    serve((req, res) => json(res, 200, [{ n: Number(req.query.get('page') ?? 1) }], { link: '</things?page=2>; rel="next"' }));
    expect(await collect(list(LinkHeaderPage, LINK))).toEqual([1, 2]);
    expect(targets()).toEqual(['/things', '/things?page=2']);
    server.requests.length = 0;
    serve((req, res) => json(res, 200, [{ n: Number(req.query.get('page') ?? 1) }], { link: `<${server.url}/things?page=1>; rel=next` }));
    expect(await collect(list(LinkHeaderPage, LINK, { page: 1 }))).toEqual([1]);
    expect(targets()).toEqual(['/things?page=1']);
  });

  test('a next link on another origin is refused with SDKError, and nothing is sent there', async () => {
    other.handle((_req, res) => json(res, 200, [{ n: 99 }]));
    serve((_req, res) => json(res, 200, [{ n: 1 }], { link: `<${other.url}/things?page=2>; rel="next"` }));
    const first = await list(LinkHeaderPage, LINK);
    expect(first.hasNextPage()).toBe(true);
    await expect(first.getNextPage()).rejects.toThrow(SDKError);
    await expect(first.getNextPage()).rejects.toThrow(/another origin than the client's base URL/);
    await expect(collect(first)).rejects.toThrow(SDKError);
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });

  test('no Link header, or none with rel=next, is the last page', async () => {
    serve((_req, res) => json(res, 200, [{ n: 1 }]));
    expect((await list(LinkHeaderPage, LINK)).hasNextPage()).toBe(false);
    serve((_req, res) => json(res, 200, [{ n: 1 }], { link: '</things?page=1>; rel="prev", </things?page=9>; rel="last"' }));
    expect((await list(LinkHeaderPage, LINK)).hasNextPage()).toBe(false);
  });
});

describe('NextUrlPage', () => {
  test('DigitalOcean style: an absolute URL at links.pages.next, three pages', async () => {
    serve((req, res) => {
      const page = Number(req.query.get('page') ?? 1);
      const next = page < 3 ? `${server.url}/v2/droplets?page=${page + 1}&per_page=2` : undefined;
      json(res, 200, { droplets: pageOf((page - 1) * 2), links: { pages: next ? { next } : {} }, meta: { total: 5 } });
    });
    const params: NextUrlParams = { items: ['droplets'], nextURL: ['links', 'pages', 'next'] };
    const first = await list(NextUrlPage, params, { per_page: 2 }, '/v2/droplets');
    expect(await collect(first)).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual(['/v2/droplets?per_page=2', '/v2/droplets?page=2&per_page=2', '/v2/droplets?page=3&per_page=2']);
    expect(await byHand(first)).toEqual([[1, 2], [3, 4], [5]]);
    const sizes: number[] = [];
    for await (const page of first.iterPages()) sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
  });

  test('Twilio style: next_page_uri an absolute path under a base URL with a path, null at the end; query credentials added', async () => {
    serve((req, res) => {
      const page = Number(req.query.get('Page') ?? 0);
      const next = page < 2 ? `/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&Page=${page + 1}` : null;
      json(res, 200, { messages: pageOf(page * 2), next_page_uri: next, page });
    });
    const core = client({ kind: 'apiKey', in: 'query', name: 'key' }, `${server.url}/2010-04-01`);
    const params: NextUrlParams = { items: ['messages'], nextURL: ['next_page_uri'] };
    expect(await collect(list(NextUrlPage, params, { PageSize: 2 }, '/Accounts/AC1/Messages.json', core))).toEqual([1, 2, 3, 4, 5]);
    expect(targets()).toEqual([
      '/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&key=sk-test',
      '/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&Page=1&key=sk-test',
      '/2010-04-01/Accounts/AC1/Messages.json?PageSize=2&Page=2&key=sk-test',
    ]);
  });

  test('a relative next URL resolves against the URL built for the page when the response has none (a custom fetch)', async () => {
    serve((req, res) => {
      const p = Number(req.query.get('p') ?? 1);
      json(res, 200, { data: [{ n: p }], next: p < 3 ? `page?p=${p + 1}` : null });
    });
    // a Response made by hand has an empty `url`
    const rewrap = async (input: string, init: RequestInit) => {
      const r = await fetch(input, init);
      return new Response(await r.arrayBuffer(), { status: r.status, headers: r.headers });
    };
    const core = new ClientCore({ apiKey: 'sk-test', baseURL: `${server.url}/v1`, maxRetries: 0, fetch: rewrap }, { baseURL: 'http://unused', envPrefix: 'SDKFORGE_TEST', auth: { key: { kind: 'bearer', option: 'key', env: 'SDKFORGE_TEST_KEY', apiKey: true } } });
    const first = await list(NextUrlPage, { items: ['data'], nextURL: ['next'] }, {}, '/things/page', core);
    expect(first.response.url).toBe('');
    expect(await collect(first)).toEqual([1, 2, 3]);
    expect(targets()).toEqual(['/v1/things/page', '/v1/things/page?p=2', '/v1/things/page?p=3']);
  });

  test('a server that repeats its next URL does not loop; an empty or non-string next URL ends the list', async () => {
    serve((req, res) => json(res, 200, { data: [{ n: Number(req.query.get('p') ?? 1) }], next: '/things?p=2' }));
    const params: NextUrlParams = { items: ['data'], nextURL: ['next'] };
    expect(await collect(list(NextUrlPage, params))).toEqual([1, 2]);
    expect(targets()).toEqual(['/things', '/things?p=2']);
    serve((_req, res) => json(res, 200, { data: [{ n: 1 }], next: '' }));
    expect((await list(NextUrlPage, params)).hasNextPage()).toBe(false);
    serve((_req, res) => json(res, 200, { data: [{ n: 1 }], next: { href: '/x' } }));
    expect((await list(NextUrlPage, params)).hasNextPage()).toBe(false);
  });

  test('a next URL on another origin is refused with SDKError, and nothing is sent there', async () => {
    other.handle((_req, res) => json(res, 200, { data: [{ n: 99 }] }));
    serve((_req, res) => json(res, 200, { data: [{ n: 1 }], next: `${other.url}/things?p=2` }));
    const first = await list(NextUrlPage, { items: ['data'], nextURL: ['next'] });
    await expect(first.getNextPage()).rejects.toThrow(SDKError);
    expect(other.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(1);
  });
});

test('a page promise gives its response too: withResponse() the first page with its response, asResponse() the raw one', async () => {
  serve((_req, res) => json(res, 200, { data: pageOf(0), has_more: true }, { 'x-request-id': 'req_1' }));
  const { data, response, requestID } = await list(CursorPage, { cursorParam: 'after' }).withResponse();
  expect(data).toBeInstanceOf(CursorPage);
  expect(data.data.map((i) => i.n)).toEqual([1, 2]);
  expect(data.response).toBe(response);
  expect(response.status).toBe(200);
  expect(requestID).toBe('req_1');
  const raw = await list(CursorPage, { cursorParam: 'after' }).asResponse();
  expect(await raw.json()).toEqual({ data: pageOf(0), has_more: true });
});

describe('SinglePage', () => {
  const SINGLE: SingleParams = {};
  test('has no next page whatever the body says, and iterates its items with one request', async () => {
    serve((_req, res) => json(res, 200, { data: pageOf(0), has_more: true, last_id: 'i2', next: '/things?p=2' }));
    const page = await list(SinglePage, SINGLE);
    expect(page).toBeInstanceOf(SinglePage);
    expect(page).toBeInstanceOf(Page);
    expect(page.body).toEqual({ data: pageOf(0), has_more: true, last_id: 'i2', next: '/things?p=2' });
    expect(page.hasNextPage()).toBe(false);
    expect(page.nextPageInfo()).toBeUndefined();
    await expect(page.getNextPage()).rejects.toThrow('No next page');
    expect(await collect(page)).toEqual([1, 2]);
    expect(server.requests).toHaveLength(1);
  });

  test('items at another path or a top-level array; a body without an array there is a page without items', async () => {
    serve((_req, res) => json(res, 200, pageOf(0)));
    expect(await collect(list(SinglePage, { items: [] }))).toEqual([1, 2]);
    serve((_req, res) => json(res, 200, { result: { entries: pageOf(2) } }));
    expect(await collect(list(SinglePage, { items: ['result', 'entries'] }))).toEqual([3, 4]);
    serve((_req, res) => json(res, 200, { object: 'list' }));
    expect((await list(SinglePage, SINGLE)).data).toEqual([]);
    expect(await collect(list(SinglePage, SINGLE))).toEqual([]);
  });
});
