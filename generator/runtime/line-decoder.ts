/**
 * The one incremental line decoder under every line-based streaming format (server-sent events, NDJSON): bytes
 * in, in chunks cut anywhere; lines out, ended by LF, CR or CRLF (a CR at the end of one chunk and a LF at the
 * start of the next are one line end), with UTF-8 characters split across chunks decoded whole. A leading byte
 * order mark is dropped; an unfinished last line is delivered when the body ends. Web-standard APIs only.
 *
 * How it avoids copies and quadratic work (it is on the hot path of every stream; see bench/sse.ts):
 * - A chunk is scanned for its last CR/LF byte (a plain loop for small chunks, `lastIndexOf` for large ones).
 *   Everything before it is decoded straight from the chunk (no copy); only the bytes after it (the start of
 *   an unfinished line) are appended to a reusable buffer that doubles when full. A chunk with no line end is
 *   only appended. So with tiny chunks the text is decoded once per line rather than once per chunk, and since
 *   a cut is always right after an ASCII CR/LF byte, a multi-byte UTF-8 character is never split between two
 *   decodes.
 * - The decoded text is split with `String#indexOf` from the current position (each character is looked at
 *   once), and a line is handed to the sink as a range of the decoded string (`text[start, end)`) rather than
 *   as a new string, so a sink that looks only at a line's first characters (SSE field names) slices nothing it
 *   does not keep.
 * Memory holds at most the current unfinished line.
 */

/** Where the lines go: called synchronously, once per line, in order. */
export interface LineSink {
  /** One line, `text[start, end)`, without its line end (an empty range is an empty line). */
  line(text: string, start: number, end: number): void;
}

const LF = 10;
const CR = 13;
/** Chunks up to this size are scanned for line ends in JavaScript, larger ones with `lastIndexOf`. */
const SMALL_CHUNK = 256;
const EMPTY = new Uint8Array(0);
const INITIAL_KEPT_CAPACITY = 1024;
const MAX_KEPT_CAPACITY = 1 << 20;

export class LineDecoder {
  /** Decodes only whole lines (cut right after a CR or LF byte), so no character is ever split between decodes. */
  readonly #utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  /** Bytes after the last line end seen, not decoded yet: `kept[0, keptBytes)`. */
  #kept = new Uint8Array(INITIAL_KEPT_CAPACITY);
  #keptBytes = 0;
  #started = false;
  /** The unfinished last line of the text decoded so far. */
  #pending = '';
  /** The previous text ended in CR: a LF at the start of the next one belongs to the same line end. */
  #afterCR = false;

  readonly #sink: LineSink;

  constructor(sink: LineSink) {
    this.#sink = sink;
  }

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
      this.#keep(chunk);
      return;
    }
    const head = last === n - 1 ? chunk : chunk.subarray(0, last + 1);
    if (this.#keptBytes === 0) this.#decode(head);
    else {
      this.#keep(head);
      this.#decode(this.#takeKept());
    }
    if (last + 1 < n) this.#keep(chunk.subarray(last + 1));
  }

  /** Ends the body: an unfinished last line (one without a line end) is delivered as a line. */
  end(): void {
    this.#decode(this.#keptBytes > 0 ? this.#takeKept() : EMPTY, true);
    if (this.#pending !== '') {
      const line = this.#pending;
      this.#pending = '';
      this.#sink.line(line, 0, line.length);
    }
    this.#afterCR = false;
  }

  /** Appends to the undecoded bytes (a buffer that doubles when full: each byte is copied once, amortised). */
  #keep(bytes: Uint8Array): void {
    const need = this.#keptBytes + bytes.length;
    if (need > this.#kept.length) {
      const grown = new Uint8Array(Math.max(need, this.#kept.length * 2));
      grown.set(this.#kept.subarray(0, this.#keptBytes));
      this.#kept = grown;
    }
    this.#kept.set(bytes, this.#keptBytes);
    this.#keptBytes = need;
  }

  /** The undecoded bytes, emptied; valid until the next `keep()`. */
  #takeKept(): Uint8Array {
    const bytes = this.#kept.subarray(0, this.#keptBytes);
    this.#keptBytes = 0;
    // Do not hold on to the memory of one very long line.
    if (this.#kept.length > MAX_KEPT_CAPACITY) this.#kept = new Uint8Array(INITIAL_KEPT_CAPACITY);
    return bytes;
  }

  #decode(bytes: Uint8Array, final = false): void {
    // Streaming mode only because it is the faster path in Node; `bytes` always ends on a character boundary,
    // except possibly at the end of the body, where the final flush turns a truncated character into U+FFFD.
    let text = this.#utf8.decode(bytes, { stream: !final });
    if (!this.#started) {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.#split(text);
  }

  /** Hands the complete lines of `s` (after what is pending) to the sink, and keeps the unfinished rest. */
  #split(s: string): void {
    const n = s.length;
    if (n === 0) return;
    const sink = this.#sink;
    let pos = 0;
    if (this.#afterCR) {
      this.#afterCR = false;
      if (s.charCodeAt(0) === LF) pos = 1;
    }
    let lf = s.indexOf('\n', pos);
    let cr = s.indexOf('\r', pos);
    for (;;) {
      let end: number;
      if (lf !== -1 && (cr === -1 || lf < cr)) end = lf;
      else if (cr !== -1) end = cr;
      else break;
      if (this.#pending !== '') {
        const line = this.#pending + s.slice(pos, end);
        this.#pending = '';
        sink.line(line, 0, line.length);
      } else {
        sink.line(s, pos, end);
      }
      if (end === cr) {
        pos = end + 1;
        if (pos === n) this.#afterCR = true;
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
      this.#pending =
        this.#pending === '' ? (pos === 0 ? s : s.slice(pos)) : this.#pending + s.slice(pos);
  }
}
