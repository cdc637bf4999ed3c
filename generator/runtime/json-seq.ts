/**
 * JSON text sequences (RFC 7464, `application/json-seq` and `+json-seq` types such as
 * `application/geo+json-seq`) as a streaming format (`jsonSeqFormat`). Each JSON text is preceded by an ASCII
 * record separator (RS, 0x1E) and ended by a line feed. The body is cut at RS bytes (RS is ASCII and cannot occur
 * inside a JSON text or a multi-byte UTF-8 character, so each element is decoded whole, however the chunks split
 * it).
 *
 * What the source does with each element (the bytes between two RS, or before the end of the body):
 * - blank (consecutive RS, whitespace only): skipped;
 * - a JSON text ended by whitespace (normally the LF): an item;
 * - truncated, that is, not ended by whitespace and either not JSON (an object cut short) or a top-level number,
 *   `true`, `false` or `null` (which could be the start of a longer one, RFC 7464 §2.4): dropped when another
 *   element follows (the writer was interrupted and went on; §2.3 asks parsers to continue after it), and an
 *   `APIConnectionError` when it is the last one (the body ended in the middle of a value);
 * - ended by whitespace but not JSON: an `SDKError` quoting it (the server sent a broken text, which §2.3 lets a
 *   parser report).
 * A JSON object, array or string that parses is complete even without its LF, so it is an item.
 */
import type { BodyState } from './body-reader.js';
import type { StreamFormat, StreamOpenOptions } from './core.js';
import { APIConnectionError, SDKError } from './errors.js';
import { isJSONSeq } from './media-type.js';
import { quote } from './parse-item.js';
import { Stream, type ItemSource } from './stream.js';

const RS = 0x1e;
const LF = 0x0a;

/** The elements of the body, decoded into items one at a time when they are taken. */
export class JSONSeqItemSource<T> implements ItemSource<T> {
  status: BodyState = 'open';
  private readonly utf8 = new TextDecoder('utf-8');
  /** The bytes of the element being read (copies: a chunk's memory is not kept). */
  private parts: Uint8Array[] = [];
  /** The complete elements not handed out yet: `texts[index, texts.length)`. */
  private readonly texts: string[] = [];
  private index = 0;
  private ended = false;

  push(chunk: Uint8Array): void {
    let from = 0;
    for (let rs = chunk.indexOf(RS); rs !== -1; rs = chunk.indexOf(RS, from)) {
      if (rs > from) this.parts.push(chunk.slice(from, rs));
      this.element();
      from = rs + 1;
    }
    if (from < chunk.length) this.parts.push(chunk.slice(from));
    // A value is delivered when its LF arrives, not when the next RS does: an element that ends with LF and is a
    // whole JSON text is complete (a pretty-printed text's inner line ends do not parse yet, and wait).
    if (chunk.length > 0 && chunk[chunk.length - 1] === LF && this.parts.length > 0)
      this.complete();
  }

  /** Ends the element being read if it is a whole JSON text already. */
  private complete(): void {
    const text = this.utf8.decode(this.parts.length === 1 ? this.parts[0]! : concat(this.parts));
    try {
      JSON.parse(text);
    } catch {
      return;
    }
    this.parts = [];
    this.texts.push(text);
  }

  end(): void {
    this.element();
    this.ended = true;
  }

  /** Ends the element being read. */
  private element(): void {
    const parts = this.parts;
    if (parts.length === 0) return;
    this.parts = [];
    this.texts.push(this.utf8.decode(parts.length === 1 ? parts[0]! : concat(parts)));
  }

  take(): IteratorResult<T> | undefined {
    while (this.index < this.texts.length) {
      const last = this.ended && this.index === this.texts.length - 1;
      const item = decode(this.texts[this.index++]!, last);
      if (item !== DROPPED) return { value: item as T, done: false };
    }
    this.texts.length = 0;
    this.index = 0;
    if (!this.ended) return undefined;
    this.status = 'ended';
    return { value: undefined, done: true };
  }
}

const DROPPED = Symbol('dropped');

/** One element's value, or `DROPPED` (blank, or truncated with more to come). See the module header. */
function decode(text: string, last: boolean): unknown {
  const json = text.trim();
  if (json === '') return DROPPED;
  const ended = isSpace(text.charCodeAt(text.length - 1));
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (err) {
    if (ended)
      throw new SDKError(`Could not parse the JSON text sequence element as JSON: ${quote(json)}`, {
        cause: err,
      });
    return truncated(json, last);
  }
  if (!ended && (value === null || typeof value === 'number' || typeof value === 'boolean'))
    return truncated(json, last);
  return value;
}

function truncated(json: string, last: boolean): typeof DROPPED {
  if (last)
    throw new APIConnectionError({
      message: `The stream ended in the middle of a value: ${quote(json)}`,
    });
  return DROPPED;
}

/** JSON whitespace: space, tab, LF, CR. */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * JSON text sequences as a streaming format: asked for with `accept: application/json-seq` (or the spec's
 * `+json-seq` type), a stream of the JSON texts (`JSONSeqItemSource`).
 */
export const jsonSeqFormat = {
  mediaType: 'application/json-seq',
  accepts: isJSONSeq,
  open: <T,>(response: Response, controller: AbortController, options: StreamOpenOptions = {}) =>
    Stream.fromResponse<T>(response, controller, new JSONSeqItemSource<T>(), options),
} satisfies StreamFormat;
