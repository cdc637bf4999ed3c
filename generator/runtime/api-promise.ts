/**
 * `APIPromise<T>`: what every generated method returns. It is a promise of the parsed result (an object result
 * also carries the response's `x-request-id` as a non-enumerable `_request_id`, as the official clients' do),
 * and also gives access to the HTTP response: `.asResponse()` resolves to the raw `Response` (its body unread),
 * and `.withResponse()` to `{ data, response, request_id, requestID }`.
 */

/** A request that has received its response headers; `release()` ends its timeout (the body is the caller's). */
export interface SentRequest {
  response: Response;
  release(): void;
}

/**
 * What a call resolves to: an object result (not an array, a `Blob`, a stream or a page) also carries
 * `_request_id`, the response's `x-request-id` (non-enumerable: `JSON.stringify` and spreads leave it out).
 */
export type WithRequestID<T> = T extends readonly unknown[] | Blob | AsyncIterable<unknown>
  ? T
  : T extends object
    ? T & { _request_id?: string | null }
    : T;

/** Sets `_request_id` on an object result (see `WithRequestID`); other values are returned as they are. */
export function withRequestID<T>(value: T, response: Response): T {
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Blob)
  ) {
    Object.defineProperty(value, '_request_id', {
      value: response.headers.get('x-request-id'),
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }
  return value;
}

export class APIPromise<T> extends Promise<WithRequestID<T>> {
  #parsed: Promise<T> | undefined;
  readonly #sent: Promise<SentRequest>;
  readonly #parse: () => Promise<T>;

  /** `parse` reads the result from the response that `sent` resolves to; it runs at most once, lazily. */
  constructor(sent: Promise<SentRequest>, parse: () => Promise<T>) {
    super((resolve) => resolve(undefined as WithRequestID<T>));
    this.#sent = sent;
    this.#parse = parse;
  }

  /**
   * A promise of `map(result, response)` over the same request: `asResponse()` and `withResponse()` still give
   * its response. Called on a subclass (`PagePromise.derive(…)`), it makes an instance of that subclass.
   */
  static derive<T, U, P extends APIPromise<U>>(
    this: new (sent: Promise<SentRequest>, parse: () => Promise<U>) => P,
    source: APIPromise<T>,
    map: (value: T, response: Response) => U | PromiseLike<U>,
  ): P {
    return new this(source.#sent, () =>
      Promise.all([source.#result(), source.#sent]).then(([value, sent]) =>
        map(value as T, sent.response),
      ),
    );
  }

  /** `then` on a derived promise creates a plain Promise, not an APIPromise. */
  static override get [Symbol.species]() {
    return Promise;
  }

  #result(): Promise<WithRequestID<T>> {
    return (this.#parsed ??= this.#parse()) as Promise<WithRequestID<T>>;
  }

  /** The raw `Response`, body unread; the request timeout no longer applies to it. */
  asResponse(): Promise<Response> {
    return this.#sent.then((sent) => {
      sent.release();
      return sent.response;
    });
  }

  /**
   * The parsed result together with the raw `Response` and its `x-request-id`, as `request_id` (the official
   * clients' name) and `requestID`.
   */
  async withResponse(): Promise<{
    data: WithRequestID<T>;
    response: Response;
    request_id: string | null;
    requestID: string | null;
  }> {
    const [data, sent] = await Promise.all([this.#result(), this.#sent]);
    const id = sent.response.headers.get('x-request-id');
    return { data, response: sent.response, request_id: id, requestID: id };
  }

  override then<R1 = WithRequestID<T>, R2 = never>(
    onfulfilled?: ((value: WithRequestID<T>) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result().then(onfulfilled, onrejected);
  }

  override catch<R = never>(
    onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<WithRequestID<T> | R> {
    return this.#result().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<WithRequestID<T>> {
    return this.#result().finally(onfinally);
  }
}
