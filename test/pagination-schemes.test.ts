// Pagination end to end: a spec with one list per scheme, shaped as the real APIs shape them (Stripe, Slack, Svix,
// Box, Cloudflare, GitHub, Twilio) or declared with x-speakeasy-pagination / x-fern-pagination, detected, emitted,
// built and iterated against a local server that pages three times: every item in order, and the requests the
// server received. A server that repeats its token ends the iteration instead of looping.
import type { ServerResponse } from 'node:http';
import { emitAndBuild, type EmittedPackage } from './helpers/built-package.js';
import { json, startServer, type RecordedRequest, type TestServer } from './helpers/server.js';

const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const items = { type: 'array', items: { $ref: '#/components/schemas/Item' } };
const obj = (properties: object) => ({ type: 'object', properties });
const q = (name: string, schema: object = str) => ({ name, in: 'query', schema });
const list = (operationId: string, parameters: object[], body: object, extra: object = {}, headers?: object) => ({
  get: { operationId, parameters, responses: { '200': { description: 'ok', ...(headers ? { headers } : {}), content: { 'application/json': { schema: body } } } }, ...extra },
});

const spec = {
  openapi: '3.1.0',
  info: { title: 'Pages', version: '1' },
  servers: [{ url: 'https://pages.test/v1' }],
  components: { schemas: { Item: { type: 'object', required: ['id'], properties: { id: str } } } },
  paths: {
    '/stripe': list('listStripe', [q('starting_after'), q('limit', int)], { type: 'object', required: ['data'], properties: { data: items, has_more: bool } }),
    '/slack': list('listSlack', [q('cursor'), q('limit', int)], obj({ ok: bool, channels: items, response_metadata: obj({ next_cursor: str }) })),
    '/svix': list('listSvix', [q('iterator'), q('limit', int)], obj({ data: items, iterator: str, done: bool })),
    '/box': list('listBox', [q('offset', int), q('limit', int)], obj({ entries: items, total_count: int, order: { type: 'array', items: str } })),
    '/cloudflare': list('listCloudflare', [q('page', int), q('per_page', int)], obj({ result: items, errors: { type: 'array', items: str }, result_info: obj({ page: int, total_pages: int }) })),
    '/github': list('listGithub', [q('page', int), q('per_page', int)], items, {}, { Link: { schema: str } }),
    '/twilio': list('listTwilio', [q('Page', int), q('PageToken')], obj({ calls: items, next_page_uri: { type: 'string', format: 'uri' } })),
    '/speakeasy': list('listSpeakeasy', [q('skip', int), q('take', int)], obj({ data: obj({ rows: items }) }), {
      'x-speakeasy-pagination': { type: 'offsetLimit', inputs: [{ name: 'skip', in: 'parameters', type: 'offset' }, { name: 'take', in: 'parameters', type: 'limit' }], outputs: { results: '$.data.rows' } },
    }),
    '/fern': list('listFern', [q('after_token')], obj({ results: items, next: str }), { 'x-fern-pagination': { cursor: '$request.after_token', next_cursor: '$response.next', results: '$response.results' } }),
    '/repeat': list('listRepeat', [q('cursor')], obj({ data: items, next_cursor: str })),
  },
};

const PAGES = [['a', 'b'], ['c', 'd'], ['e', 'f']].map((ids) => ids.map((id) => ({ id })));
const ALL = PAGES.flat().map((i) => i.id);

/** The page (0, 1, 2) a request asks for, as each API says it. */
function respond(req: RecordedRequest, res: ServerResponse, base: string): void {
  const p = req.query;
  const n = (name: string, dflt: number) => (p.has(name) ? Number(p.get(name)) : dflt);
  const route = req.rawPath.replace(/^\/v1\//, '');
  const byCursor = (cursor: string | null) => (cursor ? Number(cursor.slice(1)) : 0);
  switch (route) {
    case 'stripe': {
      const after = p.get('starting_after');
      const i = after ? PAGES.findIndex((page) => page[page.length - 1]!.id === after) + 1 : 0;
      return json(res, 200, { data: PAGES[i], has_more: i < 2 });
    }
    case 'slack': {
      const i = byCursor(p.get('cursor'));
      return json(res, 200, { ok: true, channels: PAGES[i], response_metadata: { next_cursor: i < 2 ? `c${i + 1}` : '' } });
    }
    case 'svix': {
      const i = byCursor(p.get('iterator'));
      return json(res, 200, { data: PAGES[i], iterator: `i${i + 1}`, done: i === 2 });
    }
    case 'box': {
      const offset = n('offset', 0);
      return json(res, 200, { entries: PAGES.flat().slice(offset, offset + n('limit', 2)), total_count: 6, order: [] });
    }
    case 'cloudflare': {
      const page = n('page', 1);
      return json(res, 200, { result: PAGES[page - 1] ?? [], errors: [], result_info: { page, total_pages: 3 } });
    }
    case 'github': {
      const page = n('page', 1);
      const next: Record<string, string> = page < 3 ? { Link: `<${base}/v1/github?page=${page + 1}&per_page=2>; rel="next", <${base}/v1/github?page=3&per_page=2>; rel="last"` } : {};
      return json(res, 200, PAGES[page - 1], next);
    }
    case 'twilio': {
      const page = n('Page', 0);
      return json(res, 200, { calls: PAGES[page], next_page_uri: page < 2 ? `/v1/twilio?Page=${page + 1}&PageToken=PT${page + 1}` : null });
    }
    case 'speakeasy': {
      const skip = n('skip', 0);
      return json(res, 200, { data: { rows: PAGES.flat().slice(skip, skip + n('take', 2)) } });
    }
    case 'fern': {
      const i = byCursor(p.get('after_token'));
      return json(res, 200, { results: PAGES[i], ...(i < 2 ? { next: `f${i + 1}` } : {}) });
    }
    case 'repeat':
      // the same cursor every time
      return json(res, 200, { data: PAGES[0], next_cursor: 'same' });
    default:
      return json(res, 404, { error: route });
  }
}

let built: EmittedPackage;
let server: TestServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let client: any;

beforeAll(async () => {
  built = await emitAndBuild(spec, 'sdkforge-pages-');
  server = await startServer((req, res) => respond(req, res, server.url));
  client = new built.pkg.Pages({ apiKey: null, baseURL: `${server.url}/v1`, maxRetries: 0 });
}, 120_000);
afterAll(async () => {
  await server?.close();
  built?.remove();
});
beforeEach(() => {
  server.requests.length = 0;
});

async function all(method: string, params: object = {}): Promise<{ ids: string[]; urls: string[] }> {
  const ids: string[] = [];
  for await (const item of client[method](params)) ids.push((item as { id: string }).id);
  return { ids, urls: server.requests.map((r) => r.url) };
}

test('each list is detected or declared as its scheme', () => {
  const kinds = Object.fromEntries(built.ir.operations.map((o) => [o.name, [o.pagination?.kind, o.pagination?.source]]));
  expect(kinds).toEqual({
    listStripe: ['cursor', 'detected'],
    listSlack: ['token', 'detected'],
    listSvix: ['token', 'detected'],
    listBox: ['offset', 'detected'],
    listCloudflare: ['page-number', 'detected'],
    listGithub: ['link-header', 'detected'],
    listTwilio: ['next-url', 'detected'],
    listSpeakeasy: ['offset', 'x-speakeasy-pagination'],
    listFern: ['token', 'x-fern-pagination'],
    listRepeat: ['token', 'detected'],
  });
});

test.each([
  ['listStripe', { limit: 2 }, ['/v1/stripe?limit=2', '/v1/stripe?limit=2&starting_after=b', '/v1/stripe?limit=2&starting_after=d']],
  ['listSlack', {}, ['/v1/slack', '/v1/slack?cursor=c1', '/v1/slack?cursor=c2']],
  ['listSvix', {}, ['/v1/svix', '/v1/svix?iterator=i1', '/v1/svix?iterator=i2']],
  ['listBox', { limit: 2 }, ['/v1/box?limit=2', '/v1/box?limit=2&offset=2', '/v1/box?limit=2&offset=4']],
  ['listCloudflare', { per_page: 2 }, ['/v1/cloudflare?per_page=2', '/v1/cloudflare?per_page=2&page=2', '/v1/cloudflare?per_page=2&page=3']],
  ['listGithub', { per_page: 2 }, ['/v1/github?per_page=2', '/v1/github?page=2&per_page=2', '/v1/github?page=3&per_page=2']],
  ['listTwilio', {}, ['/v1/twilio', '/v1/twilio?Page=1&PageToken=PT1', '/v1/twilio?Page=2&PageToken=PT2']],
  ['listSpeakeasy', { take: 2 }, ['/v1/speakeasy?take=2', '/v1/speakeasy?take=2&skip=2', '/v1/speakeasy?take=2&skip=4', '/v1/speakeasy?take=2&skip=6']],
  ['listFern', {}, ['/v1/fern', '/v1/fern?after_token=f1', '/v1/fern?after_token=f2']],
])('%s: every item of three pages, in order, with the requests the scheme makes', async (method, params, urls) => {
  const got = await all(method, params);
  expect(got.ids).toEqual(ALL);
  expect(got.urls).toEqual(urls);
});

test('a server that repeats its token ends the iteration: the repeated request is not sent again', async () => {
  const got = await all('listRepeat');
  expect(got.ids).toEqual(['a', 'b', 'a', 'b']);
  expect(got.urls).toEqual(['/v1/repeat', '/v1/repeat?cursor=same']);
});
