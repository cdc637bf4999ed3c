/**
 * Newline-delimited JSON (JSON Lines, NDJSON): one JSON value per line. The item source of the `jsonl` streaming
 * format (`jsonl.ts`), and what `Stream.toReadableStream()` writes and `Stream.fromReadableStream()` reads back.
 * Lines come from the shared line decoder, so LF, CRLF and a lone CR all end a line (JSON text cannot hold a raw
 * CR or LF inside a value, so no value is cut) and UTF-8 characters split across chunks are decoded whole; a line
 * is trimmed, and a blank one is skipped. A last line without a line end is delivered, unless it is not JSON: the
 * body then ended in the middle of a value (`APIConnectionError`). Any other line that is not JSON throws an
 * `SDKError` quoting it.
 */
import type { BodyState } from './body-reader.js';
import { APIConnectionError } from './errors.js';
import { LineDecoder, type LineSink } from './line-decoder.js';
import { parseItem, quote } from './parse-item.js';
import type { ItemSource } from './stream.js';

export class NDJSONItemSource<T> implements ItemSource<T>, LineSink {
  status: BodyState = 'open';
  readonly #lines = new LineDecoder(this);
  /** The decoded lines not handed out yet: `texts[index, texts.length)`. */
  readonly #texts: string[] = [];
  #index = 0;
  #ended = false;
  /** The index in `texts` of the last line when it had no line end (the body ended inside it); -1 if none. */
  #unterminated = -1;

  push(chunk: Uint8Array): void {
    this.#lines.push(chunk);
  }

  end(): void {
    this.#ended = true;
    this.#lines.end();
  }

  /** Called by the line decoder. */
  line(s: string, start: number, end: number): void {
    const text = s.slice(start, end).trim();
    if (text === '') return;
    // after `end()`, the decoder only delivers the unfinished last line
    if (this.#ended) this.#unterminated = this.#texts.length;
    this.#texts.push(text);
  }

  take(): IteratorResult<T> | undefined {
    if (this.#index < this.#texts.length) {
      const at = this.#index++;
      const text = this.#texts[at]!;
      if (at === this.#unterminated) return { value: parseLast(text) as T, done: false };
      return { value: parseItem(text, 'the stream line') as T, done: false };
    }
    this.#texts.length = 0;
    this.#index = 0;
    if (!this.#ended) return undefined;
    this.status = 'ended';
    return { value: undefined, done: true };
  }
}

/** The last line, which had no line end: a value, or the start of one the body was cut in. */
function parseLast(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new APIConnectionError({
      message: `The stream ended in the middle of a value: ${quote(text)}`,
      cause: err instanceof Error ? err : undefined,
    });
  }
}
