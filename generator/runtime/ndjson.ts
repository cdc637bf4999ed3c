/**
 * Newline-delimited JSON: one JSON value per line, what `Stream.toReadableStream()` writes and
 * `Stream.fromReadableStream()` reads back. Lines come from the shared line decoder, so LF, CRLF and a lone CR
 * all end a line (JSON text cannot hold a raw CR or LF inside a value, so no value is cut); a line is trimmed,
 * and a blank one is skipped.
 */
import type { BodyState } from './body-reader.js';
import { LineDecoder, type LineSink } from './line-decoder.js';
import { parseItem } from './parse-item.js';
import type { ItemSource } from './stream.js';

export class NDJSONItemSource<T> implements ItemSource<T>, LineSink {
  status: BodyState = 'open';
  private readonly lines = new LineDecoder(this);
  /** The decoded lines not handed out yet: `texts[index, texts.length)`. */
  private readonly texts: string[] = [];
  private index = 0;
  private ended = false;

  push(chunk: Uint8Array): void {
    this.lines.push(chunk);
  }

  end(): void {
    this.ended = true;
    this.lines.end();
  }

  /** Called by the line decoder. */
  line(s: string, start: number, end: number): void {
    const text = s.slice(start, end).trim();
    if (text !== '') this.texts.push(text);
  }

  take(): IteratorResult<T> | undefined {
    if (this.index < this.texts.length)
      return { value: parseItem(this.texts[this.index++]!, 'the stream line') as T, done: false };
    this.texts.length = 0;
    this.index = 0;
    if (!this.ended) return undefined;
    this.status = 'ended';
    return { value: undefined, done: true };
  }
}
