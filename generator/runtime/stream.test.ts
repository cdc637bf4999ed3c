import type http from 'node:http';
import { collect, failure } from '../../test/helpers/iterate.js';
import { startServer, type TestServer } from '../../test/helpers/server.js';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from './errors.js';
import { LineDecoder } from './line-decoder.js';
import type { StreamOpenOptions } from './core.js';
import { SSEDecoder, sseFormat, type ServerSentEvent } from './sse.js';
import { typedEvents } from './sse-events.js';
import { Stream } from './stream.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Script {
  /** What to write; each string or buffer is one `res.write`. */
  writes: (string | Buffer)[];
  /** After the writes: end the response (default), destroy the socket, or leave it open. */
  then?: 'end' | 'destroy' | 'stall';
  /** Wait for one event-loop turn between writes so that the client reads them separately. */
  paced?: boolean;
  /** Track whether the socket itself stays open after the response (see `socketOpen`). */
  watchSocket?: boolean;
}

/** Serves `script` for the next request; `closed` resolves when the connection closes before the response ended. */
function serve(script: Script): { closed: Promise<void>; socketOpen: () => boolean } {
  let onClose!: () => void;
  const closed = new Promise<void>((resolve) => (onClose = resolve));
  let socketOpen = false;
  server.handle(async (_req, res: http.ServerResponse) => {
    if (script.watchSocket) {
      socketOpen = true;
      res.socket?.once('close', () => (socketOpen = false));
    }
    res.on('close', () => {
      if (!res.writableFinished) onClose();
    });
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    for (const piece of script.writes) {
      if (res.destroyed) return;
      res.write(piece);
      if (script.paced) await tick();
    }
    const then = script.then ?? 'end';
    if (then === 'end') res.end();
    else if (then === 'destroy') res.socket?.destroy();
  });
  return { closed, socketOpen: () => socketOpen };
}

/** `bytes` cut after every byte that satisfies `cut`. */
function splitAfter(bytes: Buffer, cut: (byte: number) => boolean): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  bytes.forEach((b, i) => {
    if (cut(b)) {
      out.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  });
  out.push(bytes.subarray(start));
  return out;
}

/** The bytes of `text`, one write per byte. */
const bytewise = (text: string): Buffer[] => [...Buffer.from(text, 'utf8')].map((b) => Buffer.from([b]));

async function open<T = unknown>(options: StreamOpenOptions = {}): Promise<Stream<T>> {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/stream`, { signal: controller.signal });
  return sseFormat.open<T>(response, controller, options);
}

/** Bytes to events: the line decoder under the SSE field rules, as the SSE item source composes them. */
function eventDecoder(onEvent: (event: ServerSentEvent) => void): { push(chunk: Uint8Array): void; end(): void } {
  const fields = new SSEDecoder(onEvent);
  const lines = new LineDecoder(fields);
  return {
    push: (chunk) => lines.push(chunk),
    end: () => {
      lines.end();
      fields.end();
    },
  };
}

async function fetchEvents(): Promise<ServerSentEvent[]> {
  const response = await fetch(`${server.url}/events`);
  const out: ServerSentEvent[] = [];
  const decoder = eventDecoder((event) => out.push(event));
  const reader = response.body!.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) decoder.push(r.value);
  decoder.end();
  return out;
}


// Emoji (4 bytes), CJK (3 bytes), accented (2 bytes), so 1-byte writes split characters mid-way.
const ITEMS = [{ text: 'héllo 🎉' }, { text: '世界 — 東京' }, { n: 3, nested: { list: [1, 2, 3] } }];
const LF_BODY = `${ITEMS.map((item) => `data: ${JSON.stringify(item)}\n\n`).join('')}data: [DONE]\n\n`;

describe('SSE decoding over a real connection', () => {
  test('1-byte chunks, CRLF, CR-only and whole-body delivery give identical events', async () => {
    const variants: Script[] = [
      { writes: [LF_BODY] },
      { writes: bytewise(LF_BODY), paced: true },
      { writes: bytewise(LF_BODY.replace(/\n/g, '\r\n')), paced: true },
      { writes: bytewise(LF_BODY.replace(/\n/g, '\r')), paced: true },
      // CR and LF in separate writes, and each emoji split across two writes.
      { writes: splitAfter(Buffer.from(LF_BODY.replace(/\n/g, '\r\n')), (b) => b === 0x0d || b >= 0xe0), paced: true },
    ];
    const expected = [...ITEMS.map((item) => ({ data: JSON.stringify(item) })), { data: '[DONE]' }];
    for (const script of variants) {
      serve(script);
      const events = await fetchEvents();
      expect(events).toEqual(expected);
    }
    for (const script of variants) {
      serve(script);
      expect(await collect(await open({ terminator: '[DONE]' }))).toEqual(ITEMS);
    }
  });

  test('the decoder gives the same events for every way of splitting the bytes in two or three', () => {
    const text = '\ufeff: comment\r\nevent: tick\r\nid: 1\r\ndata: 東京 🎉\r\ndata:second\r\r\ndata: é\n\n';
    const bytes = Buffer.from(text, 'utf8');
    const decode = (chunks: Uint8Array[]) => {
      const events: ServerSentEvent[] = [];
      const decoder = eventDecoder((e) => events.push(e));
      for (const chunk of chunks) decoder.push(chunk);
      decoder.end();
      return events;
    };
    const expected = [
      { event: 'tick', id: '1', data: '東京 🎉\nsecond' },
      { id: '1', data: 'é' },
    ];
    expect(decode([bytes])).toEqual(expected);
    for (let i = 0; i <= bytes.length; i++) {
      for (let j = i; j <= bytes.length; j += 3) {
        expect(decode([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)])).toEqual(expected);
      }
    }
    // Large chunks take the other scanning path.
    const big = Buffer.from(`${'data: x\n\n'.repeat(100)}data: ${'é'.repeat(300)}\n\n`);
    const events = decode([big.subarray(0, 700), big.subarray(700)]);
    expect(events).toHaveLength(101);
    expect(events[100]!.data).toBe('é'.repeat(300));
  });

  test('comments, keep-alives, unknown fields and empty data are skipped', async () => {
    serve({
      writes: [': connected\n\n', 'data: {"n":1}\n\n', ':\n', ': ping\n\n', 'data:\n\n', 'datax: 9\nfoo: bar\n\n', 'data: {"n":2}\n\n'],
      paced: true,
    });
    expect(await collect(await open())).toEqual([{ n: 1 }, { n: 2 }]);
  });

  test('multi-line data is joined with \\n', async () => {
    serve({ writes: ['data: {"a":\ndata: 1,\ndata:"b": "x\\ny"}\n\n', 'data: line1\ndata:\ndata:  two spaces\n\n'] });
    const events = await fetchEvents();
    expect(events).toEqual([{ data: '{"a":\n1,\n"b": "x\\ny"}' }, { data: 'line1\n\n two spaces' }]);
    serve({ writes: ['data: {"a":\ndata: 1}\n\n'] });
    expect(await collect(await open())).toEqual([{ a: 1 }]);
  });

  test('event, id and retry fields', async () => {
    serve({
      writes: ['event: update\nid: 7\nretry: 1500\ndata: one\n\n', 'data: two\n\n', 'id\nretry: soon\nevent:\ndata: three\n\n', 'id: a\0b\nid:8\ndata:four\n\n'],
    });
    expect(await fetchEvents()).toEqual([
      { event: 'update', id: '7', retry: 1500, data: 'one' },
      { id: '7', data: 'two' }, // the last event ID persists, as in EventSource
      { data: 'three' }, // `id` with no value resets it; an invalid retry is ignored
      { id: '8', data: 'four' }, // an id containing NUL is ignored
    ]);
  });

  test('a final event without the trailing blank line is delivered', async () => {
    serve({ writes: ['data: {"n":1}\n\n', 'data: {"n":2}'] });
    expect(await collect(await open())).toEqual([{ n: 1 }, { n: 2 }]);
    serve({ writes: ['data: {"n":1}\n\ndata: [DONE]'] });
    expect(await collect(await open({ terminator: '[DONE]' }))).toEqual([{ n: 1 }]);
  });
});

describe('sseFormat.open', () => {
  test('typed events (OpenAPI 3.2): whole events, data decoded as JSON for the events named, in 1-byte writes with CRLF', async () => {
    // the 3.2 text's example stream, with the JSON event's name as its schema spells it
    const text = 'event: addString\r\ndata: This data is formatted\r\ndata: across two lines\r\nretry: 5\r\n\r\nevent: addInt64\r\ndata: 1234.5678\r\nunknownField: this is ignored\r\n\r\n: This is a comment\r\nevent: addJson\r\nid: 7\r\ndata: {"foo": 42, "s": "é"}\r\n\r\n';
    serve({ writes: bytewise(text) });
    expect(await collect(await open({ events: typedEvents(['addJson']) }))).toEqual([
      { event: 'addString', data: 'This data is formatted\nacross two lines', retry: 5 },
      { event: 'addInt64', data: '1234.5678' },
      { event: 'addJson', data: { foo: 42, s: 'é' }, id: '7' },
    ]);
    // an error event with JSON data is an item; one with text data, or bad JSON data, fails as before
    serve({ writes: ['event: error\ndata: {"code":1}\n\n'] });
    expect(await collect(await open({ events: typedEvents(true) }))).toEqual([{ event: 'error', data: { code: 1 } }]);
    serve({ writes: ['event: error\ndata: overloaded\n\n'] });
    expect((await failure(await open({ events: typedEvents(['x']) }))).error).toBeInstanceOf(APIError);
    serve({ writes: ['event: x\ndata: {"foo"\n\n'] });
    expect(String((await failure(await open({ events: typedEvents(['x']) }))).error)).toMatch(/server-sent event x as JSON: "\{\\"foo\\""/);
  });

  test('ends at the terminator and ignores what follows', async () => {
    serve({ writes: ['data: {"n":1}\n\n', 'data: [DONE]\n\n', 'data: {"n":2}\n\n'] });
    expect(await collect(await open({ terminator: '[DONE]' }))).toEqual([{ n: 1 }]);
  });

  test('a connection dropped before the terminator throws APIConnectionError with the cause', async () => {
    serve({ writes: ['data: {"n":1}\n\n', 'data: {"n":2}\n\n', 'data: {"n":'], then: 'destroy', paced: true });
    const { error, items } = await failure(await open({ terminator: '[DONE]' }));
    expect(items).toEqual([{ n: 1 }, { n: 2 }]);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  test('a body that ends cleanly without the declared terminator throws APIConnectionError', async () => {
    serve({ writes: ['data: {"n":1}\n\n'] });
    const { error, items } = await failure(await open({ terminator: '[DONE]' }));
    expect(items).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/\[DONE\]/);
    // Without a terminator declared, the end of the body is the end of the stream.
    serve({ writes: ['data: {"n":1}\n\n'] });
    expect(await collect(await open())).toEqual([{ n: 1 }]);
  });

  test('data: [DONE] ends every stream, with no terminator declared (published specs state it only in prose)', async () => {
    serve({ writes: ['data: {"n":1}\n\n', 'data: [DONE]\n\n', 'data: {"n":2}\n\n'] });
    expect(await collect(await open())).toEqual([{ n: 1 }]);
    // another declared terminator ends the stream too, and is the one required
    serve({ writes: ['data: {"n":1}\n\ndata: END\n\n'] });
    expect(await collect(await open({ terminator: 'END' }))).toEqual([{ n: 1 }]);
    serve({ writes: ['data: {"n":1}\n\ndata: [DONE]\n\n'] });
    expect(await collect(await open({ terminator: 'END' }))).toEqual([{ n: 1 }]);
  });

  test('a stall longer than the idle timeout throws APIConnectionTimeoutError and aborts the request', async () => {
    const { closed } = serve({ writes: ['data: {"n":1}\n\n'], then: 'stall' });
    const stream = await open({ terminator: '[DONE]', idleTimeoutMs: 200 });
    const started = Date.now();
    const { error, items } = await failure(stream);
    expect(items).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(900);
    expect(stream.controller.signal.aborted).toBe(true);
    await closed;
  });

  test('onClose runs once when the iteration is over', async () => {
    let calls = 0;
    serve({ writes: ['data: {"n":1}\n\ndata: {"n":2}\n\n'], then: 'stall' });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/stream`, { signal: controller.signal });
    const stream = sseFormat.open(response, controller, { terminator: '[DONE]', onClose: () => calls++ });
    for await (const _ of stream) break;
    expect(calls).toBe(1);
  });

  test('the idle timeout does not fire while data keeps coming', async () => {
    const writes = Array.from({ length: 6 }, (_, i) => `data: {"n":${i}}\n\n`);
    server.handle(async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const w of writes) {
        res.write(w);
        await sleep(60);
      }
      res.end('data: [DONE]\n\n');
    });
    expect(await collect(await open({ terminator: '[DONE]', idleTimeoutMs: 150 }))).toHaveLength(6);
  });

  test('an error event throws APIError carrying the error object', async () => {
    serve({ writes: ['data: {"n":1}\n\n', 'event: error\ndata: {"error":{"message":"Overloaded","type":"server_error","code":"overloaded"}}\n\n', 'data: {"n":2}\n\n'], then: 'stall' });
    const { error, items } = await failure(await open({ terminator: '[DONE]' }));
    expect(items).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(APIConnectionError);
    expect((error as APIError).error).toEqual({ message: 'Overloaded', type: 'server_error', code: 'overloaded' });
    expect((error as APIError).message).toBe('Overloaded');
    expect((error as APIError).code).toBe('overloaded');
    expect((error as APIError).status).toBeUndefined();
  });

  test('a payload with a top-level error object throws APIError', async () => {
    serve({ writes: ['data: {"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}\n\n'], then: 'stall' });
    const { error } = await failure(await open({ terminator: '[DONE]' }));
    expect(error).toBeInstanceOf(APIError);
    expect(error).not.toBeInstanceOf(APIConnectionError);
    expect((error as APIError).error).toEqual({ message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' });
    expect((error as APIError).message).toBe('Rate limit reached');
    expect((error as APIError).headers?.get('content-type')).toBe('text/event-stream');
  });

  test('malformed JSON throws an error quoting the event data, truncated', async () => {
    serve({ writes: ['data: {"n":1}\n\n', 'data: {"n": oops}\n\n'], then: 'stall' });
    const { error, items } = await failure(await open());
    expect(items).toEqual([{ n: 1 }]);
    expect((error as Error).message).toContain('"{\\"n\\": oops}"');
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);

    serve({ writes: [`data: {"text": "${'x'.repeat(5000)}"\n\n`], then: 'stall' });
    const long = await failure(await open());
    expect((long.error as Error).message).toContain('{\\"text\\": \\"xxx');
    expect((long.error as Error).message.length).toBeLessThan(400);
  });

  test('breaking out of for-await closes the connection', async () => {
    const { closed } = serve({ writes: ['data: {"n":1}\n\n', 'data: {"n":2}\n\n'], then: 'stall' });
    const stream = await open({ terminator: '[DONE]' });
    const seen: unknown[] = [];
    for await (const item of stream) {
      seen.push(item);
      break;
    }
    expect(seen).toEqual([{ n: 1 }]);
    expect(stream.controller.signal.aborted).toBe(true);
    await closed;
  });

  test('controller.abort() mid-stream closes the connection and throws APIUserAbortError', async () => {
    const { closed } = serve({ writes: ['data: {"n":1}\n\n'], then: 'stall' });
    const stream = await open({ terminator: '[DONE]' });
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { n: 1 } });
    const pending = iterator.next(); // waiting for bytes that never come
    setTimeout(() => stream.controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    await closed;
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  test('controller.abort() from inside the loop ends it with APIUserAbortError', async () => {
    const { closed } = serve({ writes: ['data: {"n":1}\n\ndata: {"n":2}\n\n'], then: 'stall' });
    const stream = await open({ terminator: '[DONE]' });
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const item of stream) {
          seen.push(item);
          stream.controller.abort();
        }
      })(),
    ).rejects.toBeInstanceOf(APIUserAbortError);
    expect(seen).toEqual([{ n: 1 }]);
    await closed;
  });

  test('tee() gives two independent streams over the same items', async () => {
    serve({ writes: [LF_BODY], paced: true });
    const [left, right] = (await open({ terminator: '[DONE]' })).tee();
    const leftIterator = left[Symbol.asyncIterator]();
    expect((await leftIterator.next()).value).toEqual(ITEMS[0]);
    expect(await collect(right)).toEqual(ITEMS); // the right one catches up from the buffer
    const rest: unknown[] = [];
    for (let r = await leftIterator.next(); !r.done; r = await leftIterator.next()) rest.push(r.value);
    expect(rest).toEqual(ITEMS.slice(1));
  });

  test('toReadableStream() and fromReadableStream() round-trip, as NDJSON', async () => {
    serve({ writes: bytewise(LF_BODY), paced: true });
    const source = await open({ terminator: '[DONE]' });
    const [forText, forRelay] = source.tee();
    const text = await new Response(forText.toReadableStream()).text();
    expect(text).toBe(ITEMS.map((item) => `${JSON.stringify(item)}\n`).join(''));
    // As a browser would: the relayed bytes arrive as a response body.
    const relayed = Stream.fromReadableStream<(typeof ITEMS)[number]>(new Response(forRelay.toReadableStream()).body!);
    expect(await collect(relayed)).toEqual(ITEMS);
  });

  test('fromReadableStream() reads lines split anywhere, and aborting cancels the source', async () => {
    const encoded = Buffer.from('{"a":"東京"}\n\n{"b":[1,2]}\r\n{"c":null}');
    const chunks = [...encoded].map((b) => new Uint8Array([b]));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    expect(await collect(Stream.fromReadableStream(body))).toEqual([{ a: '東京' }, { b: [1, 2] }, { c: null }]);

    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"n":1}\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    const stream = Stream.fromReadableStream(endless, controller);
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ n: 1 });
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(cancelled).toBe(true);
  });

  test('a stream can be iterated only once', async () => {
    serve({ writes: ['data: {"n":1}\n\n'] });
    const stream = await open();
    expect(await collect(stream)).toEqual([{ n: 1 }]);
    await expect(collect(stream)).rejects.toThrow(/already been iterated/);
    expect(() => stream.tee()).toThrow(/already been iterated/);
  });

  test('next() calls made without waiting are answered in order; return() waits for a pending read', async () => {
    let calls = 0;
    const { closed } = serve({ writes: ['data: {"n":1}\n\ndata: {"n":2}\n\n', 'data: {"n":3}\n\n'], then: 'stall', paced: true });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/stream`, { signal: controller.signal });
    const stream = sseFormat.open(response, controller, { terminator: '[DONE]', onClose: () => calls++ });
    const iterator = stream[Symbol.asyncIterator]();
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
    expect(results).toEqual([1, 2, 3].map((n) => ({ done: false, value: { n } })));
    const pending = iterator.next(); // waiting for bytes that never come
    const returned = iterator.return!();
    controller.abort(); // ends the pending read, after which the return() runs
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(await returned).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(calls).toBe(1);
    await closed;
  });

  test('return() and throw() on the iterator end the iteration and close the connection', async () => {
    let calls = 0;
    const { closed } = serve({ writes: ['data: {"n":1}\n\ndata: {"n":2}\n\n'], then: 'stall' });
    const stream = await open({ terminator: '[DONE]', onClose: () => calls++ });
    const iterator = stream[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: { n: 1 } });
    const reason = new Error('stop');
    await expect(iterator.throw!(reason)).rejects.toBe(reason);
    expect(stream.controller.signal.aborted).toBe(true);
    expect(calls).toBe(1);
    await closed;
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(await iterator.return!('x')).toEqual({ done: true, value: 'x' });
    expect(calls).toBe(1);

    // Before the first next(), as with an async generator, nothing has started: nothing to close.
    serve({ writes: ['data: {"n":1}\n\n'] });
    const unread = await open({ onClose: () => calls++ });
    const early = unread[Symbol.asyncIterator]();
    expect(await early.return!()).toEqual({ done: true, value: undefined });
    expect(await early.next()).toEqual({ done: true, value: undefined });
    expect(calls).toBe(1);
    unread.controller.abort();
  });

  test('a response without a body throws APIConnectionError', async () => {
    const stream = sseFormat.open(new Response(null), new AbortController());
    const iterator = stream[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBeInstanceOf(APIConnectionError);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  test('a stream read to its terminator leaves the connection open for reuse', async () => {
    const served = serve({ writes: ['data: {"n":1}\n\n', 'data: [DONE]\n\n'], paced: true, watchSocket: true });
    expect(await collect(await open({ terminator: '[DONE]' }))).toEqual([{ n: 1 }]);
    await sleep(50);
    expect(served.socketOpen()).toBe(true);
  });
});
