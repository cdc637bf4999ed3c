import { APIConnectionError, APIError, SDKError } from './errors.js';
import { LineDecoder } from './line-decoder.js';
import { SSEDecoder, SSEItemSource, type ServerSentEvent } from './sse.js';

/** The events of `chunks` fed in order, then the end of the body; and the decoder, for its persistent state. */
function decodeChunks(chunks: Uint8Array[]): { events: ServerSentEvent[]; decoder: SSEDecoder } {
  const events: ServerSentEvent[] = [];
  const decoder = new SSEDecoder((e) => events.push(e));
  const lines = new LineDecoder(decoder);
  for (const chunk of chunks) lines.push(chunk);
  lines.end();
  decoder.end();
  return { events, decoder };
}

const decode = (text: string) => decodeChunks([Buffer.from(text, 'utf8')]);

describe('SSE field rules (WHATWG EventSource)', () => {
  test('a blank line dispatches; data lines are joined with \\n; one space after the colon is dropped', () => {
    expect(decode('data: a\ndata:b\ndata:  c\n\n').events).toEqual([{ data: 'a\nb\n c' }]);
    // `data` with no colon is an empty data line; `data:` too.
    expect(decode('data\ndata:\ndata: x\n\n').events).toEqual([{ data: '\n\nx' }]);
  });

  test('a block without data dispatches nothing, and its event type does not leak into the next event', () => {
    expect(decode('event: ping\n\ndata: x\n\n').events).toEqual([{ data: 'x' }]);
    expect(decode('\n\n\n').events).toEqual([]);
  });

  test('comments and unknown fields are ignored, including names that start like known ones', () => {
    const text = ': comment\n:\ndatax: 1\nevents: 2\nidx: 3\nretryx: 4\nfoo: 5\nDATA: 6\ndata: kept\n\n';
    expect(decode(text).events).toEqual([{ data: 'kept' }]);
  });

  test('event sets the type of its block only', () => {
    expect(decode('event: a\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n').events).toEqual([
      { event: 'a', data: '1' },
      { data: '2' },
      { data: '3' },
    ]);
  });

  test('the last event ID persists across events; an empty id resets it; an id with NUL is ignored', () => {
    const { events, decoder } = decode('id: 1\ndata: a\n\ndata: b\n\nid: x\0y\ndata: c\n\nid\ndata: d\n\nid: 9\n\n');
    expect(events).toEqual([
      { id: '1', data: 'a' },
      { id: '1', data: 'b' },
      { id: '1', data: 'c' },
      { data: 'd' },
    ]);
    // An id in a block without data still sets the last event ID.
    expect(decoder.lastEventId).toBe('9');
  });

  test('retry takes ASCII digits only; the reconnection time persists, the event carries its own block’s', () => {
    const { events, decoder } = decode('retry: 1500\ndata: a\n\ndata: b\n\nretry: 2s\ndata: c\n\nretry:\nretry: -1\ndata: d\n\n');
    expect(events).toEqual([{ retry: 1500, data: 'a' }, { data: 'b' }, { data: 'c' }, { data: 'd' }]);
    expect(decoder.reconnectionTime).toBe(1500);
  });

  test('the end of the body dispatches an unfinished event; every line end and split gives the same events', () => {
    expect(decode('data: a\n\ndata: b').events).toEqual([{ data: 'a' }, { data: 'b' }]);
    const text = 'event: e\r\ndata: 東京\r\rdata: 🎉\n\n';
    const bytes = Buffer.from(text, 'utf8');
    const expected = [{ event: 'e', data: '東京' }, { data: '🎉' }];
    for (let i = 0; i <= bytes.length; i++) expect(decodeChunks([bytes.subarray(0, i), bytes.subarray(i)]).events).toEqual(expected);
  });
});

describe('SSEItemSource', () => {
  const headers = new Headers({ 'x-request-id': 'req_1' });
  const source = (text: string, terminator?: string, end = true) => {
    const s = new SSEItemSource<unknown>(headers, terminator);
    s.push(Buffer.from(text, 'utf8'));
    if (end) s.end();
    return s;
  };
  const takeAll = (s: SSEItemSource<unknown>) => {
    const out: unknown[] = [];
    for (let r = s.take(); r !== undefined && !r.done; r = s.take()) out.push(r.value);
    return out;
  };

  test('JSON data items; keep-alives skipped; needs more bytes until the body ends', () => {
    const s = source('data: {"n":1}\n\ndata:\n\n: ping\n\ndata: [2]\n\ndata: {"n"', undefined, false);
    expect(s.take()).toEqual({ value: { n: 1 }, done: false });
    expect(s.take()).toEqual({ value: [2], done: false });
    expect(s.take()).toBeUndefined();
    expect(s.status).toBe('open');
    s.push(Buffer.from(':3}\n\n'));
    expect(s.take()).toEqual({ value: { n: 3 }, done: false });
    s.end();
    expect(s.take()).toEqual({ value: undefined, done: true });
    expect(s.status).toBe('ended');
  });

  test('[DONE] or the declared terminator ends the stream, before the end of the body', () => {
    const done = source('data: 1\n\ndata: [DONE]\n\ndata: 2\n\n', undefined, false);
    expect(takeAll(done)).toEqual([1]);
    expect(done.status).toBe('terminated');
    const end = source('data: 1\n\ndata: END\n\ndata: 2\n\n', 'END', false);
    expect(takeAll(end)).toEqual([1]);
    expect(end.status).toBe('terminated');
  });

  test('a body that ends without its declared terminator throws APIConnectionError', () => {
    const s = source('data: 1\n\n', '[DONE]');
    expect(s.take()).toEqual({ value: 1, done: false });
    expect(() => s.take()).toThrow(APIConnectionError);
    expect(s.status).toBe('ended');
  });

  test('an error event and a top-level error object throw APIError with the response headers; bad JSON SDKError', () => {
    const event = source('event: error\ndata: {"error":{"message":"Overloaded","code":"overloaded"}}\n\n');
    const err = (() => {
      try {
        event.take();
      } catch (e) {
        return e as APIError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(APIError);
    expect(err.error).toEqual({ message: 'Overloaded', code: 'overloaded' });
    expect(err.headers?.get('x-request-id')).toBe('req_1');
    // An error event whose data is not JSON reports the text.
    expect(() => source('event: error\ndata: boom\n\n').take()).toThrow(APIError);
    expect(() => source('data: {"error":{"message":"m"}}\n\n').take()).toThrow(APIError);
    // A top-level `error` that is not an object is data.
    expect(source('data: {"error":"text"}\n\n').take()).toEqual({ value: { error: 'text' }, done: false });
    const bad = source('data: {oops}\n\n');
    expect(() => bad.take()).toThrow(SDKError);
    expect(() => source('data: {oops}\n\n').take()).toThrow('Could not parse the server-sent event data as JSON: "{oops}"');
  });
});
