// JSON Lines/NDJSON (`jsonlFormat`) and JSON text sequences (`jsonSeqFormat`, RFC 7464) over a real connection,
// with the guarantees SSE has: 1-byte writes, CRLF, split UTF-8, a stall, a drop mid-value, a malformed value,
// break and abort cancelling the request, tee() and toReadableStream().
import type http from 'node:http';
import { collect, failure } from '../../test/helpers/iterate.js';
import { startServer, type TestServer } from '../../test/helpers/server.js';
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError, SDKError } from './errors.js';
import { jsonSeqFormat } from './json-seq.js';
import { jsonlFormat } from './jsonl.js';
import { Stream } from './stream.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Serves `writes` (one `res.write` each, paced) with `type`, then ends, destroys the socket, or stalls. */
function serve(type: string, writes: (string | Buffer)[], then: 'end' | 'destroy' | 'stall' = 'end'): Promise<void> {
  let onClose!: () => void;
  const closed = new Promise<void>((resolve) => (onClose = resolve));
  server.handle(async (_req, res: http.ServerResponse) => {
    res.on('close', () => {
      if (!res.writableFinished) onClose();
    });
    res.writeHead(200, { 'content-type': type });
    res.flushHeaders();
    for (const piece of writes) {
      if (res.destroyed) return;
      res.write(piece);
      await tick();
    }
    if (then === 'end') res.end();
    else if (then === 'destroy') res.socket?.destroy();
  });
  return closed;
}


const bytewise = (text: string): Buffer[] => [...Buffer.from(text, 'utf8')].map((b) => Buffer.from([b]));
const ITEMS = [{ text: 'héllo 🎉' }, { text: '世界 — 東京' }, { n: 3, nested: { list: [1, 2, 3] } }, 'a string', 42];
const RS = '\x1e';

interface Case {
  name: string;
  format: typeof jsonlFormat | typeof jsonSeqFormat;
  type: string;
  /** The body of `values`, with `eol` as the line end. */
  body: (values: unknown[], eol?: string) => string;
  /** A body whose second value is malformed, and whose text the error quotes. */
  malformed: string;
}

const CASES: Case[] = [
  {
    name: 'JSON Lines (application/x-ndjson)',
    format: jsonlFormat,
    type: 'application/x-ndjson',
    body: (values, eol = '\n') => values.map((v) => `${JSON.stringify(v)}${eol}`).join(`${eol}`), // blank lines between
    malformed: '{"n":1}\n{oops}\n{"n":2}\n',
  },
  {
    name: 'JSON text sequences (application/geo+json-seq)',
    format: jsonSeqFormat,
    type: 'application/geo+json-seq',
    body: (values, eol = '\n') => values.map((v) => `${RS}${JSON.stringify(v)}${eol}`).join(''),
    malformed: `${RS}{"n":1}\n${RS}{oops}\n${RS}{"n":2}\n`,
  },
];

async function open<T = unknown>(c: Case, idleTimeoutMs?: number): Promise<Stream<T>> {
  const controller = new AbortController();
  const response = await fetch(server.url, { signal: controller.signal });
  expect(c.format.accepts(response.headers.get('content-type')!)).toBe(true);
  return c.format.open<T>(response, controller, { idleTimeoutMs });
}

describe.each(CASES)('$name', (c) => {
  test('1-byte writes with CRLF and split UTF-8 give the values, in order', async () => {
    serve(c.type, bytewise(c.body(ITEMS, '\r\n')));
    expect(await collect(await open(c))).toEqual(ITEMS);
    serve(c.type, [c.body(ITEMS)]);
    expect(await collect(await open(c))).toEqual(ITEMS);
  });

  test('a last value without its line end is delivered', async () => {
    serve(c.type, [c.body(ITEMS.slice(0, 2)) + c.body([{ last: true }]).trimEnd()]);
    expect(await collect(await open(c))).toEqual([...ITEMS.slice(0, 2), { last: true }]);
  });

  test('a body that ends in the middle of a value is an APIConnectionError', async () => {
    serve(c.type, [c.body(ITEMS.slice(0, 1)) + c.body([{ cut: 'short' }]).slice(0, -6)]);
    const { error, items } = await failure(await open(c));
    expect(items).toEqual(ITEMS.slice(0, 1));
    expect(error).toBeInstanceOf(APIConnectionError);
    // a dropped connection mid-value too
    serve(c.type, [c.body(ITEMS.slice(0, 1)), c.body([{ cut: 'short' }]).slice(0, -6)], 'destroy');
    const dropped = await failure(await open(c));
    expect(dropped.items).toEqual(ITEMS.slice(0, 1));
    expect(dropped.error).toBeInstanceOf(APIConnectionError);
  });

  test('a malformed value throws an error that quotes it', async () => {
    serve(c.type, [c.malformed]);
    const { error, items } = await failure(await open(c));
    expect(items).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(SDKError);
    expect((error as Error).message).toContain('{oops}');
  });

  test('a stall longer than the idle timeout throws APIConnectionTimeoutError and aborts the request', async () => {
    const closed = serve(c.type, [c.body(ITEMS.slice(0, 1))], 'stall');
    const stream = await open(c, 200);
    const { error, items } = await failure(stream);
    expect(items).toEqual(ITEMS.slice(0, 1));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(stream.controller.signal.aborted).toBe(true);
    await closed;
  });

  test('break closes the connection; abort() throws APIUserAbortError', async () => {
    let closed = serve(c.type, [c.body(ITEMS)], 'stall');
    for await (const item of await open(c)) {
      expect(item).toEqual(ITEMS[0]);
      break;
    }
    await closed;
    closed = serve(c.type, [c.body(ITEMS)], 'stall');
    const stream = await open(c);
    const seen: unknown[] = [];
    const error = await (async () => {
      try {
        for await (const item of stream) {
          seen.push(item);
          if (seen.length === 2) stream.controller.abort();
        }
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(APIUserAbortError);
    await closed;
  });

  test('tee() gives two streams; toReadableStream() relays as NDJSON that fromReadableStream() reads back', async () => {
    serve(c.type, bytewise(c.body(ITEMS)));
    const [left, right] = (await open(c)).tee();
    const [a, b] = await Promise.all([collect(left), new Response(right.toReadableStream()).text()]);
    expect(a).toEqual(ITEMS);
    expect(await collect(Stream.fromReadableStream(new Response(b).body!))).toEqual(ITEMS);
  });
});

test('JSON text sequences: a truncated value followed by more is skipped (RFC 7464 §2.3), a bare number needs its LF (§2.4)', async () => {
  serve('application/json-seq', [`${RS}{"n":1}\n${RS}{"trunc${RS}{"n":2}\n${RS}12${RS}13\n`]);
  expect(await collect(await open(CASES[1]!))).toEqual([{ n: 1 }, { n: 2 }, 13]);
});
