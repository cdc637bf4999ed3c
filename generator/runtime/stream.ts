/**
 * `Stream<T>`, the async iterable a streaming call returns, over any streaming format: the body is read through
 * `BodyReader` (abort, idle timeout, release), and a format's `ItemSource` turns its bytes into items. The formats
 * live in their own modules (`sse.ts` for server-sent events), each exporting its `StreamFormat`, which opens a
 * response with `Stream.fromResponse` and its item source; this module knows none of them. Newline-delimited JSON
 * (`ndjson.ts`) is what `toReadableStream()` writes and `fromReadableStream()` reads back. Web-standard APIs only
 * (ReadableStream, TextDecoder, TextEncoder, AbortController), so it runs in Node 18+ and in browsers.
 */
import { BodyReader, type BodyState } from './body-reader.js';
import type { StreamOpenOptions } from './core.js';
import { APIConnectionError, SDKError } from './errors.js';
import { NDJSONItemSource } from './ndjson.js';

/**
 * A streaming format's decoder, which `Stream` feeds with the body: bytes in (`push`, then `end` when the body
 * ends), items out (`take`), all synchronous, so that the items of a chunk are decoded in one go and handed out
 * without a promise each.
 */
export interface ItemSource<T> {
  /** Decodes a chunk of the body; chunks may be cut anywhere. */
  push(chunk: Uint8Array): void;
  /** The body has ended: decode what is left. */
  end(): void;
  /**
   * The next item; `{ done: true }` when the stream is over (its terminator, or the end of the body); undefined
   * when another chunk is needed. Throws for an item that is an error, or when the body ended too early.
   */
  take(): IteratorResult<T> | undefined;
  /**
   * How far the source got, which decides how the body is released (`BodyReader.close`): `'terminated'` once it
   * met the terminator, `'ended'` once it handed out the end of the body, `'open'` before.
   */
  readonly status: BodyState;
}

/** How `Stream` reads a body, whatever its format (the terminator is the item source's). */
type ReadOptions = Pick<StreamOpenOptions, 'idleTimeoutMs' | 'onClose'>;

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
  #consumed = false;
  readonly #iterator: () => AsyncIterator<T>;

  constructor(
    iterator: () => AsyncIterator<T>,
    /** Aborting it cancels the request. */
    readonly controller: AbortController,
  ) {
    this.#iterator = iterator;
  }

  /**
   * A stream of the items `source` decodes from `response`'s body: what a format's `open` returns.
   * `controller` must be the one whose signal the request was sent with.
   */
  static fromResponse<T>(
    response: Response,
    controller: AbortController,
    source: ItemSource<T>,
    options: ReadOptions = {},
  ): Stream<T> {
    return new Stream<T>(
      () => iterate<T>(() => response.body, source, controller, options),
      controller,
    );
  }

  /**
   * Reads back what `toReadableStream()` produced: newline-delimited JSON, one item per line. Aborting
   * `controller` cancels `stream`.
   */
  static fromReadableStream<T>(
    stream: ReadableStream<Uint8Array>,
    controller: AbortController = new AbortController(),
  ): Stream<T> {
    return new Stream<T>(
      () => iterate<T>(() => stream, new NDJSONItemSource<T>(), controller, {}),
      controller,
    );
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#consumed)
      throw new SDKError(
        'This stream has already been iterated; a stream can be read only once (use `.tee()` to read it twice).',
      );
    this.#consumed = true;
    return this.#iterator();
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

/**
 * The iteration of a `Stream`: opens the body on the first `next()`, reads it into the item source and hands out
 * its items, checking for an abort before each; when it is over (completed, failed, left early), the body is
 * released as the source's status says and `onClose` is called. An async generator, which gives the iterator
 * protocol's guarantees for free: calls made while a read is pending wait for it, in order, and `return()`
 * before the first `next()` touches nothing.
 */
async function* iterate<T>(
  /** The body, opened on the first `next()`; null for a response without one. */
  body: () => ReadableStream<Uint8Array> | null,
  source: ItemSource<T>,
  controller: AbortController,
  options: ReadOptions,
): AsyncGenerator<T, undefined> {
  const stream = body();
  if (!stream) throw new APIConnectionError({ message: 'The streaming response has no body.' });
  const idleMs = options.idleTimeoutMs;
  // No idle timeout unless it is a positive finite number of ms.
  const input = new BodyReader(
    stream,
    controller,
    Number.isFinite(idleMs) && idleMs! > 0 ? idleMs : undefined,
  );
  try {
    for (;;) {
      for (;;) {
        if (controller.signal.aborted) throw input.failure();
        const result = source.take();
        if (result === undefined) break;
        if (result.done) return undefined;
        yield result.value;
      }
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
      if (chunk.done) source.end();
      else source.push(chunk.value);
    }
  } finally {
    input.close(source.status);
    options.onClose?.();
  }
}
