/**
 * Reading a streamed body under the request's abort controller and an optional idle timeout, with failures
 * turned into the SDK's errors, and releasing it in the way the iteration ended: a body read to its end is
 * released, a body whose stream reached its terminator is drained in the background (so that the connection
 * can be reused), and a body left early or failed is cancelled, with the request aborted so that the server
 * sees the connection close. Format-independent: every streaming format reads its body through it.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from './errors.js';
import { castToError } from './util.js';

/** How a stream's iteration ended, which decides how its body is released (see `BodyReader.close`). */
export type BodyState = 'open' | 'ended' | 'terminated';

const noop = () => {};

/** Cap on the wait for the rest of a body after the terminator, kept so that its connection can be reused. */
const DRAIN_MS = 1000;

export class BodyReader {
  readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** When the read being waited on started; -1 while not waiting. */
  #since = -1;
  timedOut = false;
  readonly #onAbort = () => {
    this.reader.cancel().catch(noop);
  };

  readonly #controller: AbortController;
  readonly #idleMs: number | undefined;

  constructor(
    body: ReadableStream<Uint8Array>,
    controller: AbortController,
    idleMs: number | undefined,
  ) {
    this.#controller = controller;
    this.#idleMs = idleMs;
    this.reader = body.getReader();
    controller.signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Marks the start of a read (for the idle timeout). */
  begin(): void {
    if (this.#idleMs === undefined) return;
    this.#since = Date.now();
    if (this.#timer === undefined) this.#arm(this.#idleMs);
  }

  /** Marks the end of a read. */
  finish(): void {
    this.#since = -1;
  }

  /**
   * One timer for the whole stream rather than one per read: when it fires it checks how long the current read
   * has been waiting and re-arms itself for the rest of the window.
   */
  #arm(ms: number): void {
    this.#timer = setTimeout(this.#tick, ms);
  }

  readonly #tick = () => {
    this.#timer = undefined;
    if (this.#since < 0 || this.#idleMs === undefined) return;
    const left = this.#since + this.#idleMs - Date.now();
    if (left > 0) {
      this.#arm(left);
      return;
    }
    this.timedOut = true;
    this.#controller.abort();
    this.reader.cancel().catch(noop);
  };

  /** The error to throw after an interrupted read (aborted, timed out), or for a failed one. */
  failure(err?: unknown): Error {
    if (this.timedOut)
      return new APIConnectionTimeoutError({ message: `No data received for ${this.#idleMs} ms.` });
    if (this.#controller.signal.aborted) return new APIUserAbortError();
    return new APIConnectionError({
      message: 'The connection was lost while reading the stream.',
      cause: castToError(err),
    });
  }

  get interrupted(): boolean {
    return this.timedOut || this.#controller.signal.aborted;
  }

  /** Releases everything; `state` says how the stream ended. */
  close(state: BodyState): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller.signal.removeEventListener('abort', this.#onAbort);
    if (state === 'ended') this.reader.releaseLock();
    else if (state === 'terminated') drain(this.reader);
    else {
      // Left early or failed: abort the request so the server sees the connection close.
      if (!this.#controller.signal.aborted) this.#controller.abort();
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
