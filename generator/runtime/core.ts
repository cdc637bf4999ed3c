/**
 * The transport every generated client is built on: URL and header building, authentication, JSON bodies,
 * retries with exponential backoff that honour `retry-after-ms` / `retry-after`, per-request timeouts and
 * cancellation through `AbortSignal`. Uses the global `fetch` (or the one given) and nothing else.
 */
import { APIPromise, withRequestID, type SentRequest } from './api-promise.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  SDKError,
} from './errors.js';
import { isJSONMediaType } from './media-type.js';
import { buildQuery, type QueryWriters } from './query.js';
import { builtInRetryRule, type RetryRuleFor } from './retry.js';
import { castToError, readEnv } from './util.js';
import { Log, type Logger, type LogLevel } from './logging.js';
import {
  ClientCredentials,
  type AuthParts,
  type AuthSchemes,
  type TokenCredential,
} from './auth.js';

export { readEnv };

export { backoffDelay, retryDelay } from './retry.js';

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export type HeadersInit = Record<string, string | null | undefined>;

/**
 * What else is passed to `fetch` (`cache`, `keepalive`, `redirect`, `credentials`, `mode`, `priority`, a
 * runtime's own fields such as undici's `dispatcher`): the client's method, headers, body and signal always win.
 */
export type FetchOptions = Omit<RequestInit, 'method' | 'headers' | 'body' | 'signal'> &
  Record<string, unknown>;

export interface ClientOptions {
  /**
   * The credential of the API's main scheme (its first token scheme), after that scheme's own option; defaults to
   * the `<PREFIX>_API_KEY` environment variable. A function is called once per request. `null`: none.
   */
  apiKey?: TokenCredential | null | undefined;
  /** Defaults to `<PREFIX>_BASE_URL`, then the spec's first server. */
  baseURL?: string | null | undefined;
  /** Milliseconds for connecting, the response headers and a non-streaming body. Default 10 minutes. */
  timeout?: number | undefined;
  /** Retries after a retryable failure. Default: the operation's retry policy from the spec, else 2. */
  maxRetries?: number | undefined;
  /** Milliseconds a stream may go without receiving bytes before it fails. Default: the request timeout. */
  idleTimeout?: number | undefined;
  fetch?: Fetch | undefined;
  /** Sent with every request; a `null` value removes a default header. */
  defaultHeaders?: HeadersInit | undefined;
  /** Query parameters sent with every request (not added to a next page's URL); the request's own win. */
  defaultQuery?: Record<string, unknown> | undefined;
  /** Passed to `fetch` with every request; a request's `fetchOptions` are merged over these. */
  fetchOptions?: FetchOptions | undefined;
  /**
   * `off`, `error`, `warn` (the default), `info` (a line per request: method, URL, status, duration, request id)
   * or `debug` (headers and each retry decision too). Defaults to the `<PREFIX>_LOG` environment variable.
   * Credentials are never logged.
   */
  logLevel?: LogLevel | undefined;
  /** Where log lines go; default `console`. */
  logger?: Logger | undefined;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  idleTimeout?: number | undefined;
  /**
   * The idempotency key sent, where the spec declares an idempotency header for the operation; without it, a
   * request that is not GET, HEAD, OPTIONS, TRACE or QUERY carries a new key, the same on each of its retries.
   */
  idempotencyKey?: string | undefined;
  /** Per-request headers; a `null` value removes a header the client would send. */
  headers?: HeadersInit | undefined;
  /** Passed to `fetch`, merged over the client's `fetchOptions`. */
  fetchOptions?: FetchOptions | undefined;
}

/** What the generated client class passes down: facts taken from the spec. */
export interface ClientDefaults {
  baseURL: string;
  /** Environment variable prefix, e.g. `OPENAI` for `OPENAI_API_KEY` and `OPENAI_BASE_URL`. */
  envPrefix: string;
  /** The security schemes the client can send, by name: how, and the option and variable it reads (`auth.ts`). */
  auth: AuthSchemes;
  /** Turns the package's own options into the core's (a named `environment` into its base URL). */
  resolveOptions?(options: ClientOptions): ClientOptions;
}

export type ResponseType = 'json' | 'text' | 'binary' | 'none';

/** One operation call, as emitted code describes it. */
export interface RequestSpec {
  /**
   * Sent as it is: generated code gives the fixed methods uppercase (`GET`, `QUERY`) and an
   * `additionalOperations` method in the case the spec writes it (`Purge`); fetch uppercases only
   * DELETE, GET, HEAD, OPTIONS, POST and PUT written in another case.
   */
  method: string;
  /** Path with parameters already substituted and encoded (see `encodePath`). */
  path: string;
  /**
   * An absolute URL to send the request to instead of the base URL, `path` and query (a next page's URL); query
   * credentials are still added.
   */
  url?: string | undefined;
  query?: Record<string, unknown> | undefined;
  /**
   * How the parameters whose style is not `form`, exploded, are written, as `paramStyles({ … })` from
   * `query-styles.ts` gives it (emitted only for the operations whose spec declares such styles).
   */
  queryStyles?: QueryWriters | undefined;
  /**
   * The whole query string an OpenAPI 3.2 `in: querystring` parameter makes, already serialized (emitted code
   * calls `encodeQuerystring` from `querystring.ts`); `query` is appended after it.
   */
  querystring?: string | undefined;
  /** Header parameters. */
  headers?: Record<string, unknown> | undefined;
  /**
   * Cookie parameters, sent in the `cookie` header, as `cookieParams({ … })` from `cookies.ts` gives them (emitted
   * only for the operations that have such parameters).
   */
  cookies?: CookieParams | undefined;
  /** The `accept` header; JSON (or the stream's media type for streams) when absent. */
  accept?: string | undefined;
  body?: unknown;
  /** Content type of `body`; JSON when absent. */
  contentType?: string | undefined;
  /** The content type to send instead when `body` holds files (`multipart/form-data` beside JSON). */
  fileContentType?: string | undefined;
  /**
   * How `body` is encoded when it may be other than JSON (`encodeRequestBody` from `body.ts`: multipart, form,
   * binary and text bodies); absent, it is sent as JSON. Emitted code sets it where the operation's content type
   * is not JSON or a file may be sent, so a package whose operations all take JSON ships no other encoding.
   */
  encode?: BodyEncoder | undefined;
  responseType?: ResponseType | undefined;
  /**
   * The operation's security requirements, alternatives of scheme names: every scheme of the first alternative
   * whose credentials are all configured is sent; an empty one (anonymous calls allowed) sends nothing when no
   * other can be. Absent or `[]`: nothing sent (see `ClientCredentials.resolve` in `auth.ts`).
   */
  security?: string[][] | undefined;
  /**
   * Set when this call streams: the response is read as a stream of the format (the format's module, e.g.
   * `sse.ts`, exports it; emitted code imports the one it uses, so a package ships only the formats it streams).
   * With `detect`, only when the response's content type is the format's (operations that may answer either way).
   * `mediaType` is the one to ask for (`accept`) when the spec names another than the format's own
   * (`application/x-ndjson` for JSON Lines).
   */
  stream?:
    | {
        format: StreamFormat;
        mediaType?: string | undefined;
        terminator?: string | undefined;
        detect?: boolean | undefined;
        events?: StreamOpenOptions['events'];
      }
    | undefined;
  /**
   * The operation's retry policy from the spec (`x-sdkforge-retries`, `x-speakeasy-retries`), as `retryPolicy({ … })`
   * from `retry-policy.ts` gives it; absent: the built-in rule (`retry.ts`).
   */
  retry?: RetryRuleFor | undefined;
  /**
   * The idempotency header the spec declares for the operation (`idempotencyHeader(name)` from
   * `idempotency.ts`; see `RequestOptions.idempotencyKey`).
   */
  idempotency?: IdempotencyRule | undefined;
}

/**
 * `RequestSpec.idempotency`: the operation's idempotency header, and the key one call sends in it
 * (`idempotencyHeader` in `idempotency.ts` makes it, for the operations whose spec declares one).
 */
export interface IdempotencyRule {
  readonly header: string;
  /**
   * The key one call sends, or `undefined` for none: `given` (the `idempotencyKey` request option); else none
   * when the method is safe, or the header is already set (the header parameter, `defaultHeaders` or the
   * request's `headers`) or removed by a `null` in `sources`; else a new key.
   */
  keyFor(
    method: string,
    given: string | undefined,
    headers: Headers,
    sources: readonly (Record<string, unknown> | undefined)[],
  ): string | undefined;
}

/** `RequestSpec.cookies`: an operation's cookie parameters (`cookieParams` in `cookies.ts` makes them). */
export interface CookieParams {
  /**
   * Adds them to the `cookie` header, before the credential cookies `headers` already holds; a credential
   * replaces a parameter of its name.
   */
  apply(headers: Headers): void;
}

/** A body as `fetch` takes it, and the content-type header to send with it (none for `FormData`). */
export interface EncodedBody {
  body: BodyInit;
  contentType: string | undefined;
}

/** `RequestSpec.encode`: the body as sent, for the spec's content types. */
export type BodyEncoder = (
  body: unknown,
  types: Pick<RequestSpec, 'contentType' | 'fileContentType'>,
) => EncodedBody;

/**
 * A body without `RequestSpec.encode`: JSON. Another content type needs an encoder; it is refused rather than
 * sent as JSON under a type that says otherwise.
 */
function encodeJSON(
  body: unknown,
  types: Pick<RequestSpec, 'contentType' | 'fileContentType'>,
): EncodedBody {
  const contentType = types.contentType ?? 'application/json';
  if (!isJSONMediaType(contentType))
    throw new SDKError(
      `A ${contentType} body needs \`encode\` in the request spec (\`encodeRequestBody\` from body.ts); the request was not sent.`,
    );
  return { body: JSON.stringify(body), contentType };
}

/** How a stream reads its body, whatever its format. */
export interface StreamOpenOptions {
  /**
   * The item the stream is known to end with, e.g. `[DONE]`. When set, a body that ends without it is an error
   * (`APIConnectionError`): the answer was cut short.
   */
  terminator?: string | undefined;
  /** Fail with `APIConnectionTimeoutError` (and abort the request) when no bytes arrive for this long. */
  idleTimeoutMs?: number | undefined;
  /**
   * Called once when the iteration is over, however it ended (completed, failed, left early), e.g. to remove
   * listeners the request added. Not called for a stream that is never iterated.
   */
  onClose?: (() => void) | undefined;
  /**
   * For a format whose items are events (server-sent events): yield whole events (`{ event, data, id, retry }`,
   * the typed events of an OpenAPI 3.2 `itemSchema`) instead of each event's JSON data, as `typedEvents(…)` from
   * `sse-events.ts` makes them (imported only by the operations that stream typed events).
   */
  events?: EventItems | undefined;
}

/** `StreamOpenOptions.events`: which events' data is JSON, and the item each event becomes. */
export interface EventItems {
  /** Whether the data of the events named `name` (`message` for unnamed ones) is JSON. */
  json(name: string): boolean;
  /** The item of an event (`ServerSentEvent` in `sse.ts`): its fields, its data decoded when `json`. */
  item(
    event: {
      event?: string | undefined;
      data: string;
      id?: string | undefined;
      retry?: number | undefined;
    },
    json: boolean,
  ): unknown;
}

/**
 * A streaming format: the content type it is asked for with (`accept`), which content types a response may have
 * for it, and how a response becomes a `Stream` of its items. Each format's module exports one (`sseFormat` in
 * `sse.ts`); the client knows none of them.
 */
export interface StreamFormat {
  readonly mediaType: string;
  accepts(contentType: string): boolean;
  /** `controller` is the one whose signal the request was sent with. */
  open(
    response: Response,
    controller: AbortController,
    options: StreamOpenOptions,
  ): AsyncIterable<unknown>;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_RETRIES = 2;

/**
 * Tagged template that percent-encodes each interpolated path parameter, so a value stays inside its segment:
 * `/` and `?` are encoded, and a value that is exactly `.` or `..` becomes `%2E` / `%2E%2E` (URL parsers would
 * otherwise resolve it as a dot-segment and move the request to another path).
 */
export function encodePath(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce(
    (out, s, i) => out + s + (i < values.length ? encodeSegment(String(values[i])) : ''),
    '',
  );
}

function encodeSegment(value: string): string {
  const encoded = encodeURIComponent(value);
  return encoded === '.' || encoded === '..' ? encoded.replace(/\./g, '%2E') : encoded;
}

/**
 * The WHATWG URL parser (and so `fetch`) also treats `%2E` and `%2E%2E` segments as `.` and `..` and resolves
 * them, so a path parameter that is exactly `.` or `..` cannot be sent inside its segment: the request would go
 * to another path. Such a path is refused before anything is sent.
 */
function checkPathSegments(path: string): void {
  const dot = path.split('/').find((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
  if (dot !== undefined) {
    throw new SDKError(
      `Invalid path ${JSON.stringify(path)}: the segment ${JSON.stringify(dot)} would be resolved as "${decodeURIComponent(dot)}" by the URL parser and move the request to another path; the request was not sent.`,
    );
  }
}

/**
 * Sets one header, refusing a name or value with CR, LF or NUL: such a value could end the header line and
 * smuggle in another header (or be silently trimmed), so the request is not sent.
 */
function setHeader(headers: Headers, name: string, value: string): void {
  if (/[\r\n\0]/.test(name) || /[\r\n\0]/.test(value)) {
    throw new SDKError(
      `Invalid header ${JSON.stringify(name)}: its ${/[\r\n\0]/.test(name) ? 'name' : 'value'} contains a line break (CR or LF) or NUL; the request was not sent.`,
    );
  }
  headers.set(name, value);
}

export class ClientCore {
  /** The `apiKey` option's credential (see `ClientOptions.apiKey`). */
  readonly apiKey: TokenCredential | null;
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  /** `maxRetries` as the options give it: when set, it wins over an operation's retry policy. */
  private readonly maxRetriesOption: number | undefined;
  readonly idleTimeout: number | undefined;
  readonly defaultHeaders: HeadersInit;
  readonly defaultQuery: Record<string, unknown>;
  readonly fetchOptions: FetchOptions;
  protected readonly fetchImpl: Fetch;
  /** The options as given, which `withOptions` merges over, and the spec's defaults. */
  protected readonly givenOptions: ClientOptions;
  protected readonly givenDefaults: ClientDefaults;
  protected readonly logging: Log;
  protected readonly credentials: ClientCredentials;
  /** The environment variable prefix (`OPENAI` for `OPENAI_API_KEY`), for messages. */
  protected readonly envPrefix: string;

  constructor(given: ClientOptions, defaults: ClientDefaults) {
    this.givenOptions = given;
    this.givenDefaults = defaults;
    const options = defaults.resolveOptions ? defaults.resolveOptions(given) : given;
    this.credentials = new ClientCredentials(options, defaults.auth, defaults.envPrefix);
    this.apiKey = this.credentials.apiKey;
    this.baseURL = (
      options.baseURL ??
      readEnv(`${defaults.envPrefix}_BASE_URL`) ??
      defaults.baseURL
    ).replace(/\/+$/, '');
    if (!this.baseURL) {
      throw new SDKError(
        `No base URL: the API's spec names no server, so pass \`baseURL\` in the client options or set the ${defaults.envPrefix}_BASE_URL environment variable.`,
      );
    }
    this.envPrefix = defaults.envPrefix;
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.maxRetriesOption = options.maxRetries;
    this.idleTimeout = options.idleTimeout;
    this.defaultHeaders = { ...options.defaultHeaders };
    this.defaultQuery = { ...options.defaultQuery };
    this.fetchOptions = { ...options.fetchOptions };
    this.logging = new Log(
      options.logLevel,
      options.logger ?? globalThis.console,
      defaults.envPrefix,
      defaults.auth,
    );
    if (!options.fetch && typeof globalThis.fetch !== 'function') {
      throw new Error('No fetch implementation: pass `fetch` in the client options.');
    }
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get logLevel(): LogLevel {
    return this.logging.level;
  }

  get logger(): Logger {
    return this.logging.logger;
  }

  /**
   * A client of the same class with `options` merged over this one's (`defaultHeaders`, `defaultQuery` and
   * `fetchOptions` merged key by key); this client is unchanged, and the two share no mutable state.
   */
  withOptions(options: ClientOptions): this {
    const base = this.givenOptions;
    const merged: ClientOptions = { ...base, ...options };
    for (const key of ['defaultHeaders', 'defaultQuery', 'fetchOptions'] as const) {
      if (base[key] || options[key])
        Object.assign(merged, { [key]: { ...base[key], ...options[key] } });
    }
    const Client = this.constructor as new (
      options: ClientOptions,
      defaults: ClientDefaults,
    ) => this;
    return new Client(merged, this.givenDefaults);
  }

  /**
   * Sends the request (with retries). The promise resolves to the parsed success body, or to a `Stream` of
   * events when `spec.stream` is set.
   */
  request<T>(spec: RequestSpec, options: RequestOptions = {}): APIPromise<T> {
    const sent = this.send(spec, options);
    return new APIPromise<T>(sent, () => sent.then((s) => this.parse<T>(spec, options, s)));
  }

  private async parse<T>(spec: RequestSpec, options: RequestOptions, sent: SentCall): Promise<T> {
    const contentType = sent.response.headers.get('content-type') ?? '';
    const format = spec.stream?.format;
    const streamed = format?.accepts(contentType) ?? false;
    if (spec.stream && format && !spec.stream.detect && !streamed && contentType !== '') {
      sent.call.dispose();
      await sent.response.body?.cancel().catch(() => undefined);
      throw new APIError(
        sent.response.status,
        undefined,
        `The response's content-type is ${contentType}, but a streaming request expects ${spec.stream.mediaType ?? format.mediaType}: the server, or a proxy between it and the client, ignored the request for a stream.`,
        sent.response.headers,
      );
    }
    if (spec.stream && format && (!spec.stream.detect || streamed)) {
      sent.call.clearTimer();
      return format.open(sent.response, sent.call.controller, {
        terminator: spec.stream.terminator,
        events: spec.stream.events,
        idleTimeoutMs: options.idleTimeout ?? this.idleTimeout ?? options.timeout ?? this.timeout,
        onClose: () => sent.call.dispose(),
      }) as T;
    }
    try {
      return withRequestID(
        await parseBody(sent.response, spec.responseType ?? 'json'),
        sent.response,
      ) as T;
    } catch (err) {
      throw sent.call.translate(err, options.signal);
    } finally {
      sent.call.dispose();
    }
  }

  buildURL(spec: RequestSpec, auth?: AuthParts): string {
    const query = {
      ...(spec.url === undefined ? { ...this.defaultQuery, ...spec.query } : {}),
      ...auth?.query,
    };
    const styles = spec.queryStyles;
    if (spec.url !== undefined) {
      const qs = buildQuery(query, styles);
      return qs ? `${spec.url}${spec.url.includes('?') ? '&' : '?'}${qs}` : spec.url;
    }
    const qs = [spec.querystring, buildQuery(query, styles)].filter(Boolean).join('&');
    return `${this.baseURL}${spec.path}${qs ? `?${qs}` : ''}`;
  }

  protected buildHeaders(
    spec: RequestSpec,
    options: RequestOptions,
    contentType?: string,
    auth?: AuthParts,
  ): Headers {
    const headers = new Headers({
      accept:
        spec.accept ??
        (spec.stream && !spec.stream.detect
          ? (spec.stream.mediaType ?? spec.stream.format.mediaType)
          : 'application/json'),
    });
    if (contentType) headers.set('content-type', contentType);
    for (const [name, value] of auth?.headers ?? []) setHeader(headers, name, value);
    spec.cookies?.apply(headers);
    for (const [name, value] of Object.entries(spec.headers ?? {})) {
      if (value !== undefined && value !== null) setHeader(headers, name, String(value));
    }
    for (const source of [this.defaultHeaders, options.headers ?? {}]) {
      for (const [name, value] of Object.entries(source)) {
        if (value === null) headers.delete(name);
        else if (value !== undefined) setHeader(headers, name, value);
      }
    }
    return headers;
  }

  /**
   * Sends `spec`, retrying retryable failures, and resolves once a successful response's headers arrive. The
   * request timeout keeps running until the caller has read the body (`SentCall.call.dispose()`).
   */
  protected async send(spec: RequestSpec, options: RequestOptions): Promise<SentCall> {
    const rule = (spec.retry ?? builtInRetryRule)(
      options.maxRetries ?? this.maxRetriesOption,
      DEFAULT_MAX_RETRIES,
    );
    const timeout = options.timeout ?? this.timeout;
    checkPathSegments(spec.path);
    // credentials once per request (token functions called now), or an error naming what would do
    const auth = await this.credentials.resolve(spec);
    const url = this.buildURL(spec, auth);
    const encoded =
      spec.body === undefined ? undefined : (spec.encode ?? encodeJSON)(spec.body, spec);
    const headers = this.buildHeaders(spec, options, encoded?.contentType, auth);
    const idempotency = spec.idempotency;
    const key = idempotency?.keyFor(spec.method, options.idempotencyKey, headers, [
      this.defaultHeaders,
      options.headers,
    ]);
    if (key !== undefined) setHeader(headers, idempotency!.header, key);
    const body = encoded?.body ?? null;
    // a streamed body can be sent once only
    const canRetry = !(body instanceof ReadableStream);
    const init: RequestInit & { duplex?: 'half' } = {
      ...this.fetchOptions,
      ...options.fetchOptions,
      method: spec.method,
      headers,
      body,
      ...(canRetry ? {} : { duplex: 'half' }),
    };

    const startedAt = Date.now();
    const log = this.logging;
    // what only a line at these levels needs (header snapshots, the request id) is not computed otherwise
    const debug = log.enabled('debug');
    const info = log.enabled('info');
    const shown = `${spec.method} ${log.url(url)}`;
    for (let attempt = 0; ; attempt++) {
      const retriesLeft = canRetry ? rule.maxRetries - attempt : 0;
      const call = new CallSignal(options.signal, timeout);
      let response: Response;
      if (debug)
        log.debug(`request ${shown} (attempt ${attempt + 1})`, { headers: log.headers(headers) });
      try {
        response = await this.fetchImpl(url, { ...init, signal: call.signal });
      } catch (err) {
        call.dispose();
        if (options.signal?.aborted) throw new APIUserAbortError();
        const error = call.timedOut
          ? new APIConnectionTimeoutError()
          : new APIConnectionError({ cause: castToError(err) });
        const wait =
          retriesLeft > 0 && rule.connectionErrors ? rule.wait(attempt, startedAt) : undefined;
        if (wait !== undefined) {
          log.debug(retryLine(shown, attempt, wait, error.message));
          await sleep(wait, options.signal);
          continue;
        }
        log.info(`${shown} failed after ${Date.now() - startedAt} ms: ${error.message}`);
        throw error;
      }
      if (debug)
        log.debug(`response ${shown} ${response.status}`, {
          headers: log.headers(response.headers),
        });

      if (!response.ok) {
        const wait =
          retriesLeft > 0 && rule.retries(response)
            ? rule.wait(attempt, startedAt, response)
            : undefined;
        if (wait !== undefined) {
          log.debug(retryLine(shown, attempt, wait, `status ${response.status}`));
          call.dispose();
          await response.body?.cancel().catch(() => undefined);
          await sleep(wait, options.signal);
          continue;
        }
        log.info(responseLine(shown, response, startedAt));
        try {
          throw await errorFromResponse(response);
        } catch (err) {
          throw call.translate(err, options.signal);
        } finally {
          call.dispose();
        }
      }

      if (info) log.info(responseLine(shown, response, startedAt));
      return { response, call, release: () => call.clearTimer() };
    }
  }
}

/** The `info` line of a request's outcome: method, URL, status, duration and request id. */
function responseLine(shown: string, response: Response, startedAt: number): string {
  const id = response.headers.get('x-request-id');
  return `${shown} ${response.status} in ${Date.now() - startedAt} ms${id ? `, request id ${id}` : ''}`;
}

/** The `debug` line of a retry decision: the attempt that comes next, the delay and the reason. */
function retryLine(shown: string, attempt: number, wait: number, reason: string): string {
  return `retrying ${shown} (attempt ${attempt + 2}) in ${Math.round(wait)} ms: ${reason}`;
}

interface SentCall extends SentRequest {
  call: CallSignal;
}

/** Links the caller's signal with a timeout into one signal for a single attempt. */
class CallSignal {
  readonly controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #onAbort = () => this.controller.abort();
  readonly #user: AbortSignal | undefined;
  timedOut = false;

  constructor(user: AbortSignal | undefined, timeout: number) {
    this.#user = user;
    if (user?.aborted) this.controller.abort();
    user?.addEventListener('abort', this.#onAbort, { once: true });
    if (Number.isFinite(timeout)) {
      this.#timer = setTimeout(() => {
        this.timedOut = true;
        this.controller.abort();
      }, timeout);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }

  dispose(): void {
    this.clearTimer();
    this.#user?.removeEventListener('abort', this.#onAbort);
  }

  /** Turns an abort caused by the user or the timeout into the matching error. */
  translate(err: unknown, user: AbortSignal | undefined): unknown {
    if (err instanceof APIError) return err;
    if (user?.aborted) return new APIUserAbortError();
    if (this.timedOut) return new APIConnectionTimeoutError();
    if (this.controller.signal.aborted || isNetworkError(err))
      return new APIConnectionError({ cause: castToError(err) });
    return err;
  }
}

function isNetworkError(err: unknown): boolean {
  return err instanceof TypeError && /fetch|network|terminated|socket/i.test(err.message);
}

/** An abortable wait: rejects with `APIUserAbortError` when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new APIUserAbortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new APIUserAbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function errorFromResponse(response: Response): Promise<APIError> {
  const text = await response.text();
  let body: unknown = text || undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return APIError.generate(response.status, body, text || response.statusText, response.headers);
}

async function parseBody(response: Response, type: ResponseType): Promise<unknown> {
  if (type === 'none' || response.status === 204) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (type === 'binary') return response.blob();
  const text = await response.text();
  if (type === 'text') return text;
  if (!text) return undefined;
  const contentType = response.headers.get('content-type') ?? '';
  if (!isJSONMediaType(contentType) && !/^\s*[[{"]/.test(text)) return text;
  return JSON.parse(text);
}
