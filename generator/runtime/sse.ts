/**
 * Server-sent events (`text/event-stream`) as a streaming format (`sseFormat`): the field rules of the WHATWG
 * EventSource parser (`SSEDecoder`, on the shared line decoder), and the item source (`SSEItemSource`), which
 * turns each event's data into a JSON item the way OpenAI-style APIs use them: `[DONE]` (or the declared
 * terminator) ends the stream, an `error` event or a top-level `error` object throws `APIError`, empty data is a
 * keep-alive. With `StreamOpenOptions.events` (typed events, OpenAPI 3.2: `typedEvents` in `sse-events.ts`) the
 * items are whole events, whose data is decoded as JSON only for the events named; an `error` event is then an item
 * when its data is JSON.
 */
import type { BodyState } from './body-reader.js';
import type { StreamFormat, StreamOpenOptions } from './core.js';
import { APIConnectionError, APIError } from './errors.js';
import { LineDecoder, type LineSink } from './line-decoder.js';
import { isEventStream } from './media-type.js';
import { parseItem } from './parse-item.js';
import { Stream, type ItemSource } from './stream.js';
import { isRecord } from './util.js';

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

const COLON = 58;
const SPACE = 32;

/**
 * The SSE field rules: a sink for the lines of the shared line decoder (`new LineDecoder(new SSEDecoder(onEvent))`
 * decodes bytes), which calls `onEvent` for every dispatched event, synchronously. Lines come as ranges of the
 * decoded text; each field value is taken with one `slice` (engines implement it as a view into the decoded
 * string). Only the four known field names are recognised, by their first characters; comments and unknown
 * fields are skipped without searching for a colon. Multi-line data is joined with `+`, which engines implement
 * as a rope, flattened once when it is read. Memory holds at most the current event.
 */
export class SSEDecoder implements LineSink {
  #data = '';
  #hasData = false;
  #eventType = '';
  #retryValue: number | undefined = undefined;
  /** The last event ID buffer; persists across events. */
  lastEventId = '';
  /** The reconnection time from the last valid `retry:` field; persists across events. */
  reconnectionTime: number | undefined = undefined;

  readonly #onEvent: (event: ServerSentEvent) => void;

  constructor(onEvent: (event: ServerSentEvent) => void) {
    this.#onEvent = onEvent;
  }

  /**
   * Ends the body (after the line decoder's end, which delivers an unfinished last line): an event still being
   * built is dispatched (a final event without the trailing blank line is delivered, unlike EventSource, which
   * drops it).
   */
  end(): void {
    this.#dispatch();
  }

  /** Processes the line `s[start, end)` (called by the line decoder). */
  line(s: string, start: number, end: number): void {
    if (start === end) {
      this.#dispatch();
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
          if (this.#hasData) this.#data = this.#data + '\n' + value;
          else {
            this.#data = value;
            this.#hasData = true;
          }
        }
        return;
      case 101: // event
        if (end - start >= 5 && s.startsWith('event', start)) {
          const v = valueStart(s, start + 5, end);
          if (v >= 0) this.#eventType = s.slice(v, end);
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
            this.#retryValue = Number.parseInt(value, 10);
            this.reconnectionTime = this.#retryValue;
          }
        }
        return;
      default:
        return;
    }
  }

  #dispatch(): void {
    const retry = this.#retryValue;
    this.#retryValue = undefined;
    if (!this.#hasData) {
      this.#eventType = '';
      return;
    }
    const event: ServerSentEvent = {
      event: this.#eventType === '' ? undefined : this.#eventType,
      data: this.#data,
      id: this.lastEventId === '' ? undefined : this.lastEventId,
      retry,
    };
    this.#data = '';
    this.#hasData = false;
    this.#eventType = '';
    this.#onEvent(event);
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
 * `data: [DONE]` ends every stream: it is how OpenAI-style APIs end theirs, and it cannot be the JSON data of an
 * event. A stream known to end with a terminator (`StreamOpenOptions.terminator`) must reach it.
 */
export const DONE = '[DONE]';

/**
 * The items of an event stream: the JSON data of each event. The events of a chunk are decoded in one go; an
 * event's data is only parsed when its turn comes, so that an error event or bad JSON throws in its place.
 */
export class SSEItemSource<T> implements ItemSource<T> {
  status: BodyState = 'open';
  /** The decoded events not handed out yet: `pending[index, pending.length)`. */
  readonly #pending: ServerSentEvent[] = [];
  readonly #fields = new SSEDecoder((event) => this.#pending.push(event));
  readonly #lines = new LineDecoder(this.#fields);
  #index = 0;
  /** The body has ended (and the decoder has been flushed). */
  #ended = false;

  /**
   * `headers` are the response's (they go into the errors); `terminator` is the one the stream must reach; with
   * `events`, the items are whole events (see `StreamOpenOptions.events`).
   */
  readonly #headers: Headers;
  readonly #terminator: string | undefined;
  readonly #events: StreamOpenOptions['events'];

  constructor(
    headers: Headers,
    terminator: string | undefined,
    events?: StreamOpenOptions['events'],
  ) {
    this.#headers = headers;
    this.#terminator = terminator;
    this.#events = events;
  }

  push(chunk: Uint8Array): void {
    this.#lines.push(chunk);
  }

  end(): void {
    this.#ended = true;
    this.#lines.end();
    this.#fields.end();
  }

  take(): IteratorResult<T> | undefined {
    const events = this.#pending;
    while (this.#index < events.length) {
      const event = events[this.#index++]!;
      const json = this.#events?.json(event.event ?? 'message') ?? false;
      if (event.event === 'error' && !json) {
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
          this.#headers,
        );
      }
      const data = event.data;
      if (data === this.#terminator || data === DONE) {
        this.status = 'terminated';
        return { value: undefined, done: true };
      }
      if (this.#events) {
        if (json && data === '') continue;
        return { value: this.#events.item(event, json) as T, done: false };
      }
      if (data === '') continue;
      const value = parseItem(data, 'the server-sent event data');
      if (isRecord(value) && isRecord(value.error))
        throw new APIError(undefined, value.error, undefined, this.#headers);
      return { value: value as T, done: false };
    }
    events.length = 0;
    this.#index = 0;
    if (!this.#ended) return undefined;
    this.status = 'ended';
    if (this.#terminator !== undefined) {
      throw new APIConnectionError({
        message: `The stream ended before its ${JSON.stringify(this.#terminator)} terminator: the response is incomplete.`,
      });
    }
    return { value: undefined, done: true };
  }
}

/**
 * Server-sent events as a streaming format: asked for with `accept: text/event-stream`, and a stream of the JSON
 * data of each event (`SSEItemSource`). `sseFormat.open(response, controller)` reads any event-stream `Response`.
 */
export const sseFormat = {
  mediaType: 'text/event-stream',
  accepts: isEventStream,
  open: <T,>(response: Response, controller: AbortController, options: StreamOpenOptions = {}) =>
    Stream.fromResponse<T>(
      response,
      controller,
      new SSEItemSource<T>(response.headers, options.terminator, options.events),
      options,
    ),
} satisfies StreamFormat;
