/**
 * `APIPromise<T>`: what every generated method returns. It is a `Promise<T>` of the parsed result, and also
 * gives access to the HTTP response: `.asResponse()` resolves to the raw `Response` (its body unread), and
 * `.withResponse()` to `{ data, response, requestID }`.
 */

/** A request that has received its response headers; `release()` ends its timeout (the body is the caller's). */
export interface SentRequest {
  response: Response;
  release(): void;
}

export class APIPromise<T> extends Promise<T> {
  #parsed: Promise<T> | undefined;
  readonly #sent: Promise<SentRequest>;
  readonly #parse: () => Promise<T>;

  /** `parse` reads the result from the response that `sent` resolves to; it runs at most once, lazily. */
  constructor(sent: Promise<SentRequest>, parse: () => Promise<T>) {
    super((resolve) => resolve(undefined as T));
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
        map(value, sent.response),
      ),
    );
  }

  /** `then` on a derived promise creates a plain Promise, not an APIPromise. */
  static override get [Symbol.species]() {
    return Promise;
  }

  #result(): Promise<T> {
    return (this.#parsed ??= this.#parse());
  }

  /** The raw `Response`, body unread; the request timeout no longer applies to it. */
  asResponse(): Promise<Response> {
    return this.#sent.then((sent) => {
      sent.release();
      return sent.response;
    });
  }

  /** The parsed result together with the raw `Response` and its `x-request-id`. */
  async withResponse(): Promise<{ data: T; response: Response; requestID: string | null }> {
    const [data, sent] = await Promise.all([this.#result(), this.#sent]);
    return { data, response: sent.response, requestID: sent.response.headers.get('x-request-id') };
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#result().then(onfulfilled, onrejected);
  }

  override catch<R = never>(
    onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null,
  ): Promise<T | R> {
    return this.#result().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#result().finally(onfinally);
  }
}
