// What published specs look like, end to end: a stream's terminator stated only in prose or in another
// generator's extension, streams that say nothing of one, path keys carrying a fixed query. The fixture is our own
// (test/fixtures/specs/published.yaml); the official OpenAI spec and the corpus are checked at the IR level.
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { generate, type GenerateResult } from '../generator/index.js';
import { generateAndBuild } from './helpers/built-package.js';
import { HAVE_SHARED, OFFICIAL_SPEC, ROOT, SHARED } from './helpers/paths.js';
import { json, startServer, type TestServer } from './helpers/server.js';

let dir: string;
let result: GenerateResult;
let server: TestServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let pkg: any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let client: any;

beforeAll(async () => {
  ({ dir, result, pkg } = await generateAndBuild({ spec: path.join(ROOT, 'test/fixtures/specs/published.yaml') }, 'sdkforge-published-'));
  server = await startServer();
  client = new pkg.Published({ apiKey: 'k', baseURL: server.url, maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
});

const events = (...lines: string[]) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.end(lines.map((l) => `data: ${l}\n\n`).join(''));
};

async function drain(stream: AsyncIterable<{ text: string }>): Promise<{ texts: string[]; error?: unknown }> {
  const texts: string[] = [];
  try {
    for await (const c of stream) texts.push(c.text);
    return { texts };
  } catch (error) {
    return { texts, error };
  }
}

describe('streams end on data: [DONE] without any extension', () => {
  test('a terminator named in prose is known: [DONE] ends the stream, a body without it is APIConnectionError', async () => {
    const op = result.ir.operations.find((o) => o.name === 'chat')!;
    expect(op.streaming).toMatchObject({ terminator: '[DONE]', terminatorSource: 'description' });
    server.handle(events('{"text":"a"}', '{"text":"b"}', '[DONE]'));
    expect(await drain(await client.chat({ prompt: 'x', stream: true }))).toEqual({ texts: ['a', 'b'] });
    server.handle(events('{"text":"a"}'));
    const cut = await drain(await client.chat({ prompt: 'x', stream: true }));
    expect(cut.texts).toEqual(['a']);
    expect(cut.error).toBeInstanceOf(pkg.APIConnectionError);
    expect(String(cut.error)).toMatch(/\[DONE\]/);
  });

  test("another generator's extension names the terminator (x-speakeasy-sse-sentinel)", async () => {
    expect(result.ir.operations.find((o) => o.name === 'sentinel')!.streaming).toMatchObject({ terminator: 'END', terminatorSource: 'x-speakeasy-sse-sentinel' });
    server.handle(events('{"text":"a"}', 'END', '{"text":"b"}'));
    expect(await drain(await client.sentinel())).toEqual({ texts: ['a'] });
    server.handle(events('{"text":"a"}'));
    expect((await drain(await client.sentinel())).error).toBeInstanceOf(pkg.APIConnectionError);
  });

  test('a stream that says nothing of a terminator still ends at [DONE], and at the end of the body', async () => {
    expect(result.ir.operations.find((o) => o.name === 'silent')!.streaming?.terminator).toBeUndefined();
    server.handle(events('{"text":"a"}', '[DONE]'));
    expect(await drain(await client.silent())).toEqual({ texts: ['a'] });
    server.handle(events('{"text":"a"}'));
    expect(await drain(await client.silent())).toEqual({ texts: ['a'] });
  });
});

describe('path keys that carry a query', () => {
  test('are distinct, correctly named operations', () => {
    const ops = result.ir.operations.map((o) => [o.name, o.method, o.path, o.fixedQuery]);
    expect(ops).toEqual(expect.arrayContaining([
      ['getItem', 'get', '/items/{item_id}', undefined],
      ['betaGetItem', 'get', '/items/{item_id}', { beta: 'true' }],
      ['postItemsBetaTrueViewAViewB', 'post', '/items', { beta: 'true', view: ['a', 'b'] }],
    ]));
  });

  test('the fixed query and the query parameters make one well-formed URL', async () => {
    server.handle((_req, res) => json(res, 200, { id: 'i' }));
    await client.betaGetItem('it 1', { include: ['a', 'b'] });
    await client.betaGetItem('it 1');
    await client.getItem('it 1', { include: ['a'] });
    await client.postItemsBetaTrueViewAViewB();
    expect(server.requests.map((r) => r.url)).toEqual([
      '/items/it%201?beta=true&include=a&include=b',
      '/items/it%201?beta=true',
      '/items/it%201?include=a',
      '/items?beta=true&view=a&view=b',
    ]);
  });
});

(HAVE_SHARED ? describe : describe.skip)('published specs as they are', () => {
  test('the official OpenAI spec: chat streams know their [DONE]; ?beta=true operations are distinct', async () => {
    const { ir } = await generate({ spec: OFFICIAL_SPEC, write: false, format: false });
    const byId = new Map(ir.operations.map((o) => [o.operationId, o]));
    expect(byId.get('createChatCompletion')!.streaming).toMatchObject({ terminator: '[DONE]', terminatorSource: 'description' });
    // the Responses API ends its streams with a typed event, not [DONE]: not known to have a terminator
    expect(byId.get('createResponse')!.streaming?.terminator).toBeUndefined();
    const beta = ir.operations.filter((o) => o.fixedQuery);
    // six path keys carry ?beta=true; one of them has two methods
    expect(new Set(beta.map((o) => o.pointer.split('/').slice(0, -1).join('/'))).size).toBe(6);
    expect(beta).toHaveLength(7);
    for (const op of beta) {
      expect(op.fixedQuery).toEqual({ beta: 'true' });
      expect(op.path).not.toContain('?');
    }
    expect(byId.get('beta_getResponse')).toMatchObject({ name: 'betaGetResponse', path: '/responses/{response_id}' });
    expect(byId.get('getResponse')).toMatchObject({ name: 'getResponse', path: '/responses/{response_id}' });
    expect(byId.get('getResponse')!.fixedQuery).toBeUndefined();
  });

  test.each(['together', 'hf-tgi'])('corpus %s: its chat streams know their [DONE]', async (name) => {
    const dirOf = path.join(SHARED, 'corpus', name);
    const file = ['openapi.yaml', 'openapi.json'].map((f) => path.join(dirOf, f)).find((f) => existsSync(f))!;
    const { ir } = await generate({ spec: file, write: false, format: false });
    const chat = ir.operations.filter((o) => o.streaming && /chat/i.test(o.path));
    expect(chat.length).toBeGreaterThan(0);
    for (const op of chat) expect(op.streaming?.terminator).toBe('[DONE]');
  });
});
