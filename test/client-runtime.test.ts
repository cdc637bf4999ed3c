// The generated OpenAI client's runtime behaviour through its public methods, against a real local server:
// streaming overloads, pagination, retries, timeouts, abort, and access to the raw response.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  BadRequestError,
  OpenAI,
  Page,
  Stream,
  accumulateChatCompletion,
  type CreateChatCompletionResponse,
  type CreateChatCompletionStreamResponse,
} from '../generated/src/index.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { chatChunk, sseEvent, writeSSE } from './helpers/sse.js';

let server: TestServer;
let client: OpenAI;
beforeAll(async () => {
  server = await startServer();
  client = new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const chunk = chatChunk;
/** A stream of `events` (data payloads), ended by `[DONE]` unless `done` is false. */
const sse = (res: import('node:http').ServerResponse, events: unknown[], done = true) => writeSSE(res, events.map((e) => sseEvent(e)), done);

describe('streaming', () => {
  test('stream: true returns a typed Stream of chunks; the request carries stream: true', async () => {
    server.handle((_req, res) => sse(res, [chunk('Hel'), chunk('lo'), chunk('', 'stop')]));
    const stream = await client.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    expect(stream).toBeInstanceOf(Stream);
    const parts: string[] = [];
    for await (const c of stream) {
      const typed: CreateChatCompletionStreamResponse = c;
      parts.push(typed.choices[0]?.delta.content ?? '');
    }
    expect(parts.join('')).toBe('Hello');
    expect(server.requests[0]!.json).toMatchObject({ stream: true });
  });

  test('stream absent returns the parsed JSON completion', async () => {
    const completion = { id: 'c', object: 'chat.completion', created: 1, model: 'm', choices: [] };
    server.handle((_req, res) => json(res, 200, completion));
    const result: CreateChatCompletionResponse = await client.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    expect(result).toEqual(completion);
  });

  test('createCompletion streams too, and accumulateChatCompletion folds a chat stream', async () => {
    server.handle((_req, res) => sse(res, [{ id: 'cmpl', object: 'text_completion', created: 1, model: 'm', choices: [{ index: 0, text: 'a', finish_reason: null, logprobs: null }] }]));
    const texts: string[] = [];
    for await (const c of await client.createCompletion({ model: 'gpt-3.5-turbo-instruct', prompt: 'x', stream: true })) texts.push(c.choices[0]!.text);
    expect(texts).toEqual(['a']);

    server.handle((_req, res) => sse(res, [chunk('Hel'), chunk('lo'), chunk('', 'stop')]));
    const final = await accumulateChatCompletion(await client.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }));
    expect(final.choices[0]!.message.content).toBe('Hello');
    expect(final.choices[0]!.finish_reason).toBe('stop');
  });

  test('a stream that ends without [DONE] is an error, not a truncated answer', async () => {
    server.handle((_req, res) => sse(res, [chunk('partial')], false));
    const stream = await client.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const c of stream) seen.push(c.choices[0]!.delta.content ?? '');
    })().then(() => undefined, (err: unknown) => err);
    expect(seen).toEqual(['partial']);
    // a connection error naming the missing terminator (not an abort, a timeout or an error event, which are APIErrors too)
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIUserAbortError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/\[DONE\]/);
  });


  test('stream: true answered with JSON (a proxy that ignores streaming) names both content types', async () => {
    server.handle((_req, res) => json(res, 200, { id: 'chatcmpl-1', object: 'chat.completion', choices: [] }));
    const error = await client
      .createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true })
      .then(() => undefined, (err: unknown) => err);
    expect(error).toBeInstanceOf(APIError);
    expect((error as Error).message).toMatch(/application\/json/);
    expect((error as Error).message).toMatch(/text\/event-stream/);
    expect((error as Error).message).not.toMatch(/terminator/);
  });
  test('a stalled stream fails after the idle window', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(sseEvent(chunk('a')));
    });
    const stream = await client.createChatCompletion({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], stream: true }, { idleTimeout: 200 });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const c of stream) seen.push(c.choices[0]!.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['a']);
    expect(err).toBeInstanceOf(APIConnectionTimeoutError);
  });
});

describe('pagination', () => {
  const item = (id: string) => ({ id, object: 'chat.completion', created: 1, model: 'm', choices: [] });
  const pages: Record<string, { data: unknown[]; has_more: boolean }> = {
    '': { data: [item('a'), item('b')], has_more: true },
    b: { data: [item('c'), item('d')], has_more: true },
    d: { data: [item('e')], has_more: false },
  };
  beforeEach(() => {
    server.handle((req, res) => {
      const page = pages[req.query.get('after') ?? '']!;
      json(res, 200, { object: 'list', first_id: '', last_id: '', ...page });
    });
  });

  test('for await over the promise walks every item across 3 pages, sending after = last id', async () => {
    const ids: string[] = [];
    for await (const c of client.listChatCompletions({ limit: 2, model: 'gpt-4o' })) ids.push(c.id);
    expect(ids).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(server.requests.map((r) => r.query.get('after'))).toEqual([null, 'b', 'd']);
    expect(server.requests.every((r) => r.query.get('limit') === '2' && r.query.get('model') === 'gpt-4o')).toBe(true);
  });

  test('a page has data, hasNextPage(), getNextPage() and iterPages()', async () => {
    const first = await client.listChatCompletions({ limit: 2 });
    expect(first).toBeInstanceOf(Page);
    expect(first.data.map((c) => c.id)).toEqual(['a', 'b']);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.data.map((c) => c.id)).toEqual(['c', 'd']);
    const sizes: number[] = [];
    for await (const p of first.iterPages()) sizes.push(p.data.length);
    expect(sizes).toEqual([2, 2, 1]);
  });

  test('listModels returns a single page that is also iterable', async () => {
    server.handle((_req, res) => json(res, 200, { object: 'list', data: [{ id: 'm1', object: 'model', created: 1, owned_by: 'o' }] }));
    const page = await client.listModels();
    expect(page.data[0]!.id).toBe('m1');
    expect(page.hasNextPage()).toBe(false);
    const ids: string[] = [];
    for await (const m of client.listModels()) ids.push(m.id);
    expect(ids).toEqual(['m1']);
  });
});

describe('retries, timeouts, abort', () => {
  test('429 with retry-after: 1 is retried after at least 1 s', async () => {
    let n = 0;
    server.handle((_req, res) => (n++ === 0 ? json(res, 429, { error: { message: 'slow' } }, { 'retry-after': '1' }) : json(res, 200, { id: 'm', object: 'model', created: 1, owned_by: 'o' })));
    const started = Date.now();
    await client.retrieveModel('m', { maxRetries: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(server.requests).toHaveLength(2);
  });

  test('503 twice then 200 succeeds; 400 is not retried', async () => {
    let n = 0;
    server.handle((_req, res) => (n++ < 2 ? json(res, 503, {}, { 'retry-after-ms': '5' }) : json(res, 200, { id: 'm', object: 'model', created: 1, owned_by: 'o' })));
    await expect(client.retrieveModel('m', { maxRetries: 2 })).resolves.toMatchObject({ id: 'm' });
    expect(server.requests).toHaveLength(3);
    server.requests.length = 0;
    server.handle((_req, res) => json(res, 400, { error: { message: 'bad', param: 'model' } }));
    await expect(client.retrieveModel('m', { maxRetries: 2 })).rejects.toBeInstanceOf(BadRequestError);
    expect(server.requests).toHaveLength(1);
  });

  test('a slow server times out; abort during the backoff wait is immediate', async () => {
    server.handle(() => undefined);
    await expect(client.retrieveModel('m', { timeout: 100 })).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    server.handle((_req, res) => json(res, 500, {}, { 'retry-after': '20' }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(client.retrieveModel('m', { maxRetries: 1, signal: controller.signal })).rejects.toBeInstanceOf(APIUserAbortError);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('raw responses', () => {
  test('.withResponse() and .asResponse()', async () => {
    server.handle((_req, res) => json(res, 200, { id: 'm', object: 'model', created: 1, owned_by: 'o' }, { 'x-request-id': 'req_9' }));
    const { data, response, requestID } = await client.retrieveModel('m').withResponse();
    expect(data.id).toBe('m');
    expect(response.status).toBe(200);
    expect(requestID).toBe('req_9');
    const raw = await client.retrieveModel('m').asResponse();
    expect(raw).toBeInstanceOf(Response);
    expect(await raw.json()).toMatchObject({ id: 'm' });
  });
});
