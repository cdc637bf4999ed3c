/**
 * Server-sent events for streaming operations: a fast incremental decoder that follows the WHATWG EventSource
 * parsing rules, and `Stream<T>`, the async iterable a streaming call returns. Web-standard APIs only
 * (ReadableStream, TextDecoder, TextEncoder, AbortController), so it runs in Node 18+ and in browsers.
 */
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  SDKError,
} from './errors.js';
import { castToError, isRecord } from './util.js';

/** One dispatched server-sent event. */
export interface ServerSentEvent {
  /** The `event:` field of the event's block; absent for the default type ("message"). */
  event?: string | undefined;
  /** The `data:` lines of the block, joined with `\n`. */
  data: string;
  /** The last event ID seen so far (it persists across events, as in EventSource); absent while empty. */
  id?: string | undefined;
  /** The `retry:` field of the event's block (reconnection time in ms), when it had a valid one. */
  retry?: number | undefined;
}

const LF = 10;
const CR = 13;
const COLON = 58;
const SPACE = 32;
/** Chunks up to this size are scanned for line ends in JavaScript, larger ones with `lastIndexOf`. */
const SMALL_CHUNK = 256;
const EMPTY = new Uint8Array(0);
const INITIAL_KEPT_CAPACITY = 1024;
const MAX_KEPT_CAPACITY = 1 << 20;

/**
 * Incremental SSE decoder. Feed it bytes with `push()` (or text with `pushText()`), call `end()` when the body
 * ends, and it calls `onEvent` for every dispatched event, synchronously.
 *
 * How it avoids copies and quadratic work:
 * - A chunk is scanned for its last CR/LF byte (a plain loop for small chunks, `lastIndexOf` for large ones).
 *   Everything before it is decoded straight from the chunk (no copy); only the bytes after it (the start of
 *   an unfinished line) are appended to a reusable buffer that doubles when full. A chunk with no line end is
 *   only appended. So with tiny chunks the text is decoded once per line rather than once per chunk, and since
 *   a cut is always right after an ASCII CR/LF byte, a multi-byte UTF-8 character is never split between two
 *   decodes.
 * - The decoded text is split with `String#indexOf` from the current position (each character is looked at
 *   once), and each field value is taken with one `slice`, which engines implement as a view into the decoded
 *   string. Only the four known field names are recognised, by their first characters; comments and unknown
 *   fields are skipped without searching for a colon.
 * - Multi-line data is joined with `+`, which engines implement as a rope, flattened once when it is read.
 * Memory holds at most the current unfinished line and the current event.
 */
export class SSEDecoder {
  /** Decodes only whole lines (cut right after a CR or LF byte), so no character is ever split between decodes. */
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  /** Bytes after the last line end seen, not decoded yet: `kept[0, keptBytes)`. */
  private kept = new Uint8Array(INITIAL_KEPT_CAPACITY);
  private keptBytes = 0;
  private started = false;
  /** The unfinished last line of the text fed so far. */
  private pending = '';
  /** The previous text ended in CR: a LF at the start of the next one belongs to the same line end. */
  private afterCR = false;
  private data = '';
  private hasData = false;
  private eventType = '';
  private retryValue: number | undefined = undefined;
  /** The last event ID buffer; persists across events. */
  lastEventId = '';
  /** The reconnection time from the last valid `retry:` field; persists across events. */
  reconnectionTime: number | undefined = undefined;

  constructor(private readonly onEvent: (event: ServerSentEvent) => void) {}

  /** Decodes a chunk of the body. Lines and UTF-8 characters may be split anywhere across chunks. */
  push(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    // The last line end in the chunk: everything up to it can be decoded now.
    let last = -1;
    if (n <= SMALL_CHUNK) {
      for (let i = n - 1; i >= 0; i--) {
        const c = chunk[i]!;
        if (c === LF || c === CR) {
          last = i;
          break;
        }
      }
    } else {
      last = chunk.lastIndexOf(LF);
      for (let i = n - 1; i > last; i--) {
        if (chunk[i] === CR) {
          last = i;
          break;
        }
      }
    }
    if (last === -1) {
      this.keep(chunk);
      return;
    }
    const head = last === n - 1 ? chunk : chunk.subarray(0, last + 1);
    if (this.keptBytes === 0) this.pushDecoded(head);
    else {
      this.keep(head);
      this.pushDecoded(this.takeKept());
    }
    if (last + 1 < n) this.keep(chunk.subarray(last + 1));
  }

  /** Appends to the undecoded bytes (a buffer that doubles when full: each byte is copied once, amortised). */
  private keep(bytes: Uint8Array): void {
    const need = this.keptBytes + bytes.length;
    if (need > this.kept.length) {
      const grown = new Uint8Array(Math.max(need, this.kept.length * 2));
      grown.set(this.kept.subarray(0, this.keptBytes));
      this.kept = grown;
    }
    this.kept.set(bytes, this.keptBytes);
    this.keptBytes = need;
  }

  /** The undecoded bytes, emptied; valid until the next `keep()`. */
  private takeKept(): Uint8Array {
    const bytes = this.kept.subarray(0, this.keptBytes);
    this.keptBytes = 0;
    // Do not hold on to the memory of one very long line.
    if (this.kept.length > MAX_KEPT_CAPACITY) this.kept = new Uint8Array(INITIAL_KEPT_CAPACITY);
    return bytes;
  }

  private pushDecoded(bytes: Uint8Array, final = false): void {
    // Streaming mode only because it is the faster path in Node; `bytes` always ends on a character boundary,
    // except possibly at the end of the body, where the final flush turns a truncated character into U+FFFD.
    let text = this.utf8.decode(bytes, { stream: !final });
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.pushText(text);
  }

  /** Feeds already decoded text. */
  pushText(s: string): void {
    const n = s.length;
    if (n === 0) return;
    let pos = 0;
    if (this.afterCR) {
      this.afterCR = false;
      if (s.charCodeAt(0) === LF) pos = 1;
    }
    let lf = s.indexOf('\n', pos);
    let cr = s.indexOf('\r', pos);
    for (;;) {
      let end: number;
      if (lf !== -1 && (cr === -1 || lf < cr)) end = lf;
      else if (cr !== -1) end = cr;
      else break;
      if (this.pending !== '') {
        const line = this.pending + s.slice(pos, end);
        this.pending = '';
        this.line(line, 0, line.length);
      } else {
        this.line(s, pos, end);
      }
      if (end === cr) {
        pos = end + 1;
        if (pos === n) this.afterCR = true;
        else if (s.charCodeAt(pos) === LF) {
          pos++;
          lf = s.indexOf('\n', pos);
        }
        cr = s.indexOf('\r', pos);
      } else {
        pos = end + 1;
        lf = s.indexOf('\n', pos);
      }
    }
    if (pos < n)
      this.pending =
        this.pending === '' ? (pos === 0 ? s : s.slice(pos)) : this.pending + s.slice(pos);
  }

  /**
   * Ends the body: an unfinished last line is taken as complete, and an event still being built is dispatched
   * (a final event without the trailing blank line is delivered, unlike EventSource, which drops it).
   */
  end(): void {
    this.pushDecoded(this.keptBytes > 0 ? this.takeKept() : EMPTY, true);
    if (this.pending !== '') {
      const line = this.pending;
      this.pending = '';
      this.line(line, 0, line.length);
    }
    this.afterCR = false;
    this.dispatch();
  }

  /** Processes the line `s[start, end)`. */
  private line(s: string, start: number, end: number): void {
    if (start === end) {
      this.dispatch();
      return;
    }
    // Only the four known field names matter (anything else, comments included, is ignored), so recognise them
    // by their characters instead of searching for the colon.
    switch (s.charCodeAt(start)) {
      case 100: // data
        if (
          end - start >= 4 &&
          s.charCodeAt(start + 1) === 97 &&
          s.charCodeAt(start + 2) === 116 &&
          s.charCodeAt(start + 3) === 97
        ) {
          const v = valueStart(s, start + 4, end);
          if (v < 0) return;
          const value = s.slice(v, end);
          if (this.hasData) this.data = this.data + '\n' + value;
          else {
            this.data = value;
            this.hasData = true;
          }
        }
        return;
      case 101: // event
        if (end - start >= 5 && s.startsWith('event', start)) {
          const v = valueStart(s, start + 5, end);
          if (v >= 0) this.eventType = s.slice(v, end);
        }
        return;
      case 105: // id
        if (end - start >= 2 && s.charCodeAt(start + 1) === 100) {
          const v = valueStart(s, start + 2, end);
          if (v < 0) return;
          const value = s.slice(v, end);
          if (value.indexOf('\0') === -1) this.lastEventId = value;
        }
        return;
      case 114: // retry
        if (end - start >= 5 && s.startsWith('retry', start)) {
          const v = valueStart(s, start + 5, end);
          if (v < 0 || v === end) return;
          const value = s.slice(v, end);
          if (/^[0-9]+$/.test(value)) {
            this.retryValue = Number.parseInt(value, 10);
            this.reconnectionTime = this.retryValue;
          }
        }
        return;
      default:
        return;
    }
  }

  private dispatch(): void {
    const retry = this.retryValue;
    this.retryValue = undefined;
    if (!this.hasData) {
      this.eventType = '';
      return;
    }
    const event: ServerSentEvent = {
      event: this.eventType === '' ? undefined : this.eventType,
      data: this.data,
      id: this.lastEventId === '' ? undefined : this.lastEventId,
      retry,
    };
    this.data = '';
    this.hasData = false;
    this.eventType = '';
    this.onEvent(event);
  }
}

/**
 * Where the value of a field whose name ends at `k` starts: after the colon and one optional space; `end` for a
 * line that is only the name; -1 when the name goes on (a longer, unknown field name).
 */
function valueStart(s: string, k: number, end: number): number {
  if (k === end) return end;
  if (s.charCodeAt(k) !== COLON) return -1;
  k++;
  if (k < end && s.charCodeAt(k) === SPACE) k++;
  return k;
}

/**
 * Decodes a body into its events, as an async iterator (`for await (const event of decodeSSE(body))`). Leaving
 * the loop early cancels the body. Written by hand rather than as an async generator: an event already decoded
 * is handed out with one resolved promise, without resuming a generator.
 */
export function decodeSSE(
  body: ReadableStream<Uint8Array>,
): AsyncIterableIterator<ServerSentEvent> {
  const reader = body.getReader();
  const queue: ServerSentEvent[] = [];
  let head = 0;
  const decoder = new SSEDecoder((event) => queue.push(event));
  let finished = false;
  let inflight: Promise<IteratorResult<ServerSentEvent>> | undefined;
  const done: IteratorReturnResult<undefined> = { value: undefined, done: true };

  const pull = async (): Promise<IteratorResult<ServerSentEvent>> => {
    for (;;) {
      if (head < queue.length) return { value: queue[head++]!, done: false };
      queue.length = 0;
      head = 0;
      if (finished) return done;
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (err) {
        finished = true;
        throw err;
      }
      if (result.done) {
        finished = true;
        decoder.end();
        reader.releaseLock();
      } else decoder.push(result.value);
    }
  };

  const iterator: AsyncIterableIterator<ServerSentEvent> = {
    next() {
      if (inflight) return inflight.then(() => iterator.next());
      if (head < queue.length) return Promise.resolve({ value: queue[head++]!, done: false });
      const p = pull();
      inflight = p;
      const clear = () => {
        inflight = undefined;
      };
      p.then(clear, clear);
      return p;
    },
    async return() {
      queue.length = 0;
      head = 0;
      if (!finished) {
        finished = true;
        await reader.cancel().catch(noop);
      }
      return done;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * `data: [DONE]` ends every stream: it is how OpenAI-style APIs end theirs, and it cannot be the JSON data of an
 * event. A stream known to end with a terminator (`SSEStreamOptions.terminator`) must reach it.
 */
export const DONE = '[DONE]';

export interface SSEStreamOptions {
  /**
   * The `data:` value the stream is known to end with, e.g. `[DONE]` (any other value ends it too, besides
   * `[DONE]`). When set, a body that ends without it is an error (`APIConnectionError`): the answer was cut short.
   */
  terminator?: string | undefined;
  /** Fail with `APIConnectionTimeoutError` (and abort the request) when no bytes arrive for this long. */
  idleTimeoutMs?: number | undefined;
  /**
   * Called once when the iteration is over, however it ended (completed, failed, left early), e.g. to remove
   * listeners the request added. Not called for a stream that is never iterated.
   */
  onClose?: (() => void) | undefined;
}

/**
 * The result of a streaming call: an async iterable of the stream's items, which can be iterated once.
 *
 * - Leaving a `for await` loop early (`break`, `return`, a throw) aborts the request and closes the connection.
 * - `stream.controller.abort()` aborts the request; the iteration then throws `APIUserAbortError` (rather than
 *   ending quietly, so an aborted answer is never mistaken for a complete one).
 * - A dropped connection throws `APIConnectionError` (with the network error as `cause`), a stall longer than
 *   the idle timeout `APIConnectionTimeoutError`, an error event `APIError`.
 * - At the terminator the iteration ends at once; the rest of the body (normally just its end) is read and
 *   discarded in the background for up to a second, so that the connection can be reused.
 */
export class Stream<T> implements AsyncIterable<T> {
  private consumed = false;

  constructor(
    private readonly iterator: () => AsyncIterator<T>,
    /** Aborting it cancels the request. */
    readonly controller: AbortController,
  ) {}

  /**
   * A stream of the JSON `data` of each server-sent event of `response`. Events with empty data (keep-alives)
   * are skipped; an `error` event, or data with a top-level `error` object, throws `APIError`; data that is not
   * JSON throws an `SDKError` quoting it. `controller` must be the one whose signal the request was sent with.
   */
  static fromSSEResponse<T>(
    response: Response,
    controller: AbortController,
    options: SSEStreamOptions = {},
  ): Stream<T> {
    return new Stream<T>(() => iterateSSE<T>(response, controller, options), controller);
  }

  /**
   * Reads back what `toReadableStream()` produced: newline-delimited JSON, one item per line. Aborting
   * `controller` cancels `stream`.
   */
  static fromReadableStream<T>(
    stream: ReadableStream<Uint8Array>,
    controller: AbortController = new AbortController(),
  ): Stream<T> {
    return new Stream<T>(() => iterateNDJSON<T>(stream, controller), controller);
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.consumed)
      throw new SDKError(
        'This stream has already been iterated; a stream can be read only once (use `.tee()` to read it twice).',
      );
    this.consumed = true;
    return this.iterator();
  }

  /**
   * Two independent streams over the same items; items are buffered for the slower one. The request is
   * cancelled when both have been left early (or either is aborted through the shared controller).
   */
  tee(): [Stream<T>, Stream<T>] {
    const source = this[Symbol.asyncIterator]();
    const queues: [Promise<IteratorResult<T>>[], Promise<IteratorResult<T>>[]] = [[], []];
    const open = [true, true];
    const branch = (side: 0 | 1): AsyncIterator<T> => {
      const mine = queues[side];
      const other = queues[1 - side]!;
      return {
        next: () => {
          if (!open[side]) return Promise.resolve({ done: true, value: undefined });
          let result = mine.shift();
          if (!result) {
            result = source.next();
            if (open[1 - side]) other.push(result);
          }
          return result;
        },
        return: async () => {
          if (open[side]) {
            open[side] = false;
            mine.length = 0;
            if (!open[1 - side]) await source.return?.();
          }
          return { done: true, value: undefined };
        },
      };
    };
    return [
      new Stream(() => branch(0), this.controller),
      new Stream(() => branch(1), this.controller),
    ];
  }

  /**
   * The items as newline-delimited JSON bytes (one `JSON.stringify`-ed item per line), e.g. to relay the stream
   * to a browser, which reads it back with `Stream.fromReadableStream()`. Cancelling it cancels this stream.
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let iterator: AsyncIterator<T> | undefined;
    return new ReadableStream<Uint8Array>({
      start: () => {
        iterator = this[Symbol.asyncIterator]();
      },
      pull: async (ctrl) => {
        try {
          const result = await iterator!.next();
          if (result.done) ctrl.close();
          else ctrl.enqueue(encoder.encode(JSON.stringify(result.value) + '\n'));
        } catch (err) {
          ctrl.error(err);
        }
      },
      cancel: async () => {
        await iterator?.return?.();
      },
    });
  }
}

const noop = () => {};

/** Cap on the wait for the rest of a body after the terminator, kept so that its connection can be reused. */
const DRAIN_MS = 1000;
const MAX_QUOTED = 200;

/** Reading a body under an abort controller and an optional idle timeout, with errors turned into SDK errors. */
class BodyReader {
  readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** When the read being waited on started; -1 while not waiting. */
  private since = -1;
  timedOut = false;
  private readonly onAbort = () => {
    this.reader.cancel().catch(noop);
  };

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly controller: AbortController,
    private readonly idleMs: number | undefined,
  ) {
    this.reader = body.getReader();
    controller.signal.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Marks the start of a read (for the idle timeout). */
  begin(): void {
    if (this.idleMs === undefined) return;
    this.since = Date.now();
    if (this.timer === undefined) this.arm(this.idleMs);
  }

  /** Marks the end of a read. */
  finish(): void {
    this.since = -1;
  }

  /**
   * One timer for the whole stream rather than one per read: when it fires it checks how long the current read
   * has been waiting and re-arms itself for the rest of the window.
   */
  private arm(ms: number): void {
    this.timer = setTimeout(this.tick, ms);
  }

  private readonly tick = () => {
    this.timer = undefined;
    if (this.since < 0 || this.idleMs === undefined) return;
    const left = this.since + this.idleMs - Date.now();
    if (left > 0) {
      this.arm(left);
      return;
    }
    this.timedOut = true;
    this.controller.abort();
    this.reader.cancel().catch(noop);
  };

  /** The error to throw after an interrupted read (aborted, timed out), or for a failed one. */
  failure(err?: unknown): Error {
    if (this.timedOut)
      return new APIConnectionTimeoutError({ message: `No data received for ${this.idleMs} ms.` });
    if (this.controller.signal.aborted) return new APIUserAbortError();
    return new APIConnectionError({
      message: 'The connection was lost while reading the stream.',
      cause: castToError(err),
    });
  }

  get interrupted(): boolean {
    return this.timedOut || this.controller.signal.aborted;
  }

  /** Releases everything; `state` says how the stream ended. */
  close(state: 'open' | 'ended' | 'terminated'): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.controller.signal.removeEventListener('abort', this.onAbort);
    if (state === 'ended') this.reader.releaseLock();
    else if (state === 'terminated') drain(this.reader);
    else {
      // Left early or failed: abort the request so the server sees the connection close.
      if (!this.controller.signal.aborted) this.controller.abort();
      this.reader.cancel().catch(noop);
    }
  }
}

/** Reads and discards the rest of a body in the background (at most DRAIN_MS), then lets it go. */
function drain(reader: ReadableStreamDefaultReader<Uint8Array>): void {
  const timer = setTimeout(() => reader.cancel().catch(noop), DRAIN_MS);
  (timer as { unref?: () => void }).unref?.();
  void (async () => {
    try {
      while (!(await reader.read()).done) {
        // discard
      }
    } catch {
      // the body failed after the terminator: nothing is lost
    } finally {
      clearTimeout(timer);
    }
  })();
}

function quote(data: string): string {
  return JSON.stringify(data.length > MAX_QUOTED ? `${data.slice(0, MAX_QUOTED)}…` : data);
}

function parseJSON(data: string, what: string): unknown {
  try {
    return JSON.parse(data);
  } catch (err) {
    throw new SDKError(`Could not parse ${what} as JSON: ${quote(data)}`, { cause: err });
  }
}

/** Where an `SSEIterator` is: not started yet, reading, or over (completed, failed or left). */
const START = 0;
const RUNNING = 1;
const OVER = 2;

/**
 * The iterator of `Stream.fromSSEResponse`. Written by hand rather than as an async generator, with the same
 * behaviour (the body is opened on the first `next()`; calls made while a read is pending wait for it, in order;
 * `return()` before the first `next()` touches nothing), because it is cheaper: the events of a chunk are decoded
 * in one go, and each is handed out as an already resolved promise, without resuming a generator. An event's data
 * is only parsed when its turn comes, so that an error event or bad JSON throws in its place.
 */
class SSEIterator<T> implements AsyncIterator<T> {
  private phase: typeof START | typeof RUNNING | typeof OVER = START;
  private input!: BodyReader;
  private decoder!: SSEDecoder;
  /** The decoded events not handed out yet: `events[index, events.length)`. */
  private readonly events: ServerSentEvent[] = [];
  private index = 0;
  /** The body has ended (and the decoder has been flushed). */
  private ended = false;
  private state: 'open' | 'ended' | 'terminated' = 'open';
  /** The read in progress; calls made meanwhile wait for it. */
  private pending: Promise<IteratorResult<T>> | undefined = undefined;
  private readonly terminator: string | undefined;

  constructor(
    private readonly response: Response,
    private readonly controller: AbortController,
    private readonly options: SSEStreamOptions,
  ) {
    this.terminator = options.terminator;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.pending !== undefined) return this.pending.then(this.nextLater, this.nextLater);
    if (this.phase !== RUNNING) {
      if (this.phase === OVER) return Promise.resolve({ value: undefined, done: true });
      try {
        this.start();
      } catch (err) {
        return Promise.reject(err);
      }
    }
    let result: IteratorResult<T> | undefined;
    try {
      if (this.controller.signal.aborted) throw this.input.failure();
      result = this.take();
    } catch (err) {
      return Promise.reject(this.failed(err));
    }
    if (result !== undefined) return Promise.resolve(result);
    const read = this.read();
    this.pending = read;
    return read;
  }

  private readonly nextLater = () => this.next();

  return(value?: unknown): Promise<IteratorResult<T>> {
    if (this.pending !== undefined) {
      const later = () => this.return(value);
      return this.pending.then(later, later);
    }
    const result = { value, done: true } as IteratorReturnResult<T>;
    if (this.phase !== RUNNING) {
      this.phase = OVER;
      return Promise.resolve(result);
    }
    try {
      this.close();
    } catch (err) {
      return Promise.reject(err);
    }
    return Promise.resolve(result);
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    if (this.pending !== undefined) {
      const later = () => this.throw(error);
      return this.pending.then(later, later);
    }
    if (this.phase !== RUNNING) {
      this.phase = OVER;
      return Promise.reject(error);
    }
    return Promise.reject(this.failed(error));
  }

  /** The first `next()`: opens the body. */
  private start(): void {
    const body = this.response.body;
    if (!body) {
      this.phase = OVER;
      throw new APIConnectionError({ message: 'The streaming response has no body.' });
    }
    const idleTimeoutMs = this.options.idleTimeoutMs;
    this.input = new BodyReader(
      body,
      this.controller,
      idleTimeoutMs !== undefined && idleTimeoutMs > 0 && Number.isFinite(idleTimeoutMs)
        ? idleTimeoutMs
        : undefined,
    );
    const events = this.events;
    this.decoder = new SSEDecoder((event) => events.push(event));
    this.phase = RUNNING;
  }

  /** Reads chunks until one gives an item (or the stream is over). */
  private async read(): Promise<IteratorResult<T>> {
    const input = this.input;
    try {
      for (;;) {
        let chunk: ReadableStreamReadResult<Uint8Array>;
        input.begin();
        try {
          chunk = await input.reader.read();
        } catch (err) {
          throw input.failure(err);
        } finally {
          input.finish();
        }
        if (input.interrupted) throw input.failure();
        if (chunk.done) {
          this.ended = true;
          this.decoder.end();
        } else this.decoder.push(chunk.value);
        const result = this.take();
        if (result !== undefined) return result;
      }
    } catch (err) {
      throw this.failed(err);
    } finally {
      this.pending = undefined;
    }
  }

  /** The next item from the decoded events; undefined when another chunk is needed. */
  private take(): IteratorResult<T> | undefined {
    const events = this.events;
    while (this.index < events.length) {
      const event = events[this.index++]!;
      if (event.event === 'error') {
        let payload: unknown = event.data;
        try {
          payload = JSON.parse(event.data);
        } catch {
          // not JSON: report the text
        }
        const error = isRecord(payload) && 'error' in payload ? payload.error : payload;
        throw new APIError(
          undefined,
          error === '' ? undefined : error,
          'The server sent an error event.',
          this.response.headers,
        );
      }
      const data = event.data;
      if (data === this.terminator || data === DONE) {
        this.state = 'terminated';
        this.close();
        return { value: undefined, done: true };
      }
      if (data === '') continue;
      const value = parseJSON(data, 'the server-sent event data');
      if (isRecord(value) && isRecord(value.error))
        throw new APIError(undefined, value.error, undefined, this.response.headers);
      return { value: value as T, done: false };
    }
    events.length = 0;
    this.index = 0;
    if (!this.ended) return undefined;
    this.state = 'ended';
    if (this.terminator !== undefined) {
      throw new APIConnectionError({
        message: `The stream ended before its ${JSON.stringify(this.terminator)} terminator: the response is incomplete.`,
      });
    }
    this.close();
    return { value: undefined, done: true };
  }

  /** Ends the iteration: releases the body as `state` says and calls `onClose`. */
  private close(): void {
    this.phase = OVER;
    this.events.length = 0;
    this.index = 0;
    this.input.close(this.state);
    this.options.onClose?.();
  }

  /** Ends the iteration after `err`, which is returned to be thrown. */
  private failed(err: unknown): unknown {
    if (this.phase === RUNNING) this.close();
    return err;
  }
}

function iterateSSE<T>(
  response: Response,
  controller: AbortController,
  options: SSEStreamOptions,
): AsyncIterator<T> {
  return new SSEIterator<T>(response, controller, options);
}

async function* iterateNDJSON<T>(
  stream: ReadableStream<Uint8Array>,
  controller: AbortController,
): AsyncGenerator<T, void, undefined> {
  const input = new BodyReader(stream, controller, undefined);
  const text = new TextDecoder();
  const lines: string[] = [];
  let pending = '';
  const split = (s: string) => {
    let pos = 0;
    let nl = s.indexOf('\n');
    while (nl !== -1) {
      const line = pending === '' ? s.slice(pos, nl) : pending + s.slice(pos, nl);
      pending = '';
      lines.push(line);
      pos = nl + 1;
      nl = s.indexOf('\n', pos);
    }
    if (pos < s.length) pending = pending + s.slice(pos);
  };
  let state: 'open' | 'ended' = 'open';
  try {
    if (controller.signal.aborted) throw input.failure();
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await input.reader.read();
      } catch (err) {
        throw input.failure(err);
      }
      if (input.interrupted) throw input.failure();
      if (result.done) {
        split(text.decode());
        if (pending !== '') lines.push(pending);
        pending = '';
      } else {
        split(text.decode(result.value, { stream: true }));
      }
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!.trim();
        if (line === '') continue;
        yield parseJSON(line, 'the stream line') as T;
        if (controller.signal.aborted) throw input.failure();
      }
      lines.length = 0;
      if (result.done) {
        state = 'ended';
        return;
      }
    }
  } finally {
    input.close(state);
  }
}
