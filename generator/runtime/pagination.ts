/**
 * List pages: one base class, `Page`, with what every scheme shares (`data`, `body`, `response`,
 * `hasNextPage()`, `getNextPage()`, `iterPages()`, async iteration over the items), and `requestPage`, which
 * emitted list operations call with the page class of their scheme. Each scheme's class lives in its own module,
 * named for the scheme (`cursor-page.ts`: `CursorPage`; `link-header-page.ts`: `LinkHeaderPage`, …), and says
 * only where the next page is (`nextPageRequest()`): a query merged over this page's, or a URL. So a package ships
 * the classes of the schemes it uses. The promise a list method returns is async-iterable over the items too:
 *
 *   for await (const completion of client.listChatCompletions({ limit: 20 })) { … }
 *
 * Iteration never loops: the pages fetched from one first call share a record of the requests made, and a next
 * request equal to one already made (a server repeating a cursor or a next URL) ends the list.
 */
import { APIPromise } from './api-promise.js';
import type { ClientCore, RequestOptions, RequestSpec } from './core.js';
import { SDKError } from './errors.js';
import { isRecord } from './util.js';

/** Property names from the body's root; `[]` is the body itself (a top-level JSON array). */
export type PageFieldPath = readonly string[];

/**
 * The value at `path` in `body`, walking plain-object properties: `undefined` when a step is missing or is not
 * an object. What every scheme reads its body with.
 */
export function valueAtPath(body: unknown, path: PageFieldPath): unknown {
  let value = body;
  for (const key of path) {
    if (!isRecord(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** A number, or the number a numeric string (`"20"`) holds; else `undefined`. */
export function numberValue(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? +value : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Where the next page is: query parameters (merged over this page's query), or a URL (resolved against the URL
 * this page was fetched from; it replaces the base URL, path and query).
 */
export type NextPageRequest = { query: Record<string, unknown> } | { url: string };

/** The parameters every scheme takes. */
export interface PageParams {
  /** Where the items are in the body: `['data']` when absent, `[]` for a top-level array. */
  items?: PageFieldPath | undefined;
}

/** How a page was fetched, and how to fetch another: what `requestPage` gives each page it builds. */
export interface PageContext<Item, Body> {
  /** The query that fetched this page (empty for a page fetched by URL). */
  query: Record<string, unknown>;
  /** The URL this page was fetched from. */
  url: string;
  response: Response;
  /** The origin of the client's base URL: a next page elsewhere is not followed. */
  origin: string;
  /** The requests made from the same first call (by key), each with the key of the page that asked for it. */
  requests: Map<string, string>;
  /** This page's request, as recorded in `requests`. */
  key: string;
  /** The items of the page this one was asked for by, if any. */
  previous?: readonly unknown[] | undefined;
  fetch(next: NextPageRequest, key: string, previous: readonly unknown[]): PagePromise<Item, Body>;
}

/**
 * A scheme's page class (`CursorPage`, …), whatever its parameters: built from a page's body, the scheme's
 * parameters (what emitted code passes, e.g. `{ items: ['data'], cursorParam: 'after', … }`) and the page's
 * context.
 */
export type PageClass = new (...args: never[]) => object;

/** A page class seen with the item and body types of one operation. */
type PageOf<Item, Body> = new (
  body: Body,
  params: object,
  context: PageContext<Item, Body>,
) => Page<Item, Body>;

const requestKey = (next: NextPageRequest): string =>
  'url' in next ? `url ${next.url}` : `query ${stableJSON(next.query)}`;

/** JSON with object keys sorted, so two equal queries have the same key. */
function stableJSON(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    isRecord(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export abstract class Page<Item, Body = unknown, Params extends PageParams = PageParams>
  implements AsyncIterable<Item>
{
  /** The items of this page. */
  readonly data: Item[];
  /** The whole response body of this page. */
  readonly body: Body;
  /** The response this page was read from (its body already read): its headers, status and URL. */
  readonly response: Response;
  /** The scheme's parameters, as the operation declares them. */
  protected readonly params: Params;
  readonly #context: PageContext<Item, Body>;
  #repeats: boolean | undefined;

  constructor(body: Body, params: Params, context: PageContext<Item, Body>) {
    this.body = body;
    const data = valueAtPath(body, params.items ?? ['data']);
    this.data = Array.isArray(data) ? (data as Item[]) : [];
    this.params = params;
    this.response = context.response;
    this.#context = context;
    // a next URL that points back to a page already fetched is a repeat too
    const fetched = `url ${context.url}`;
    if (!context.requests.has(fetched))
      context.requests.set(fetched, context.requests.get(context.key) ?? '');
  }

  /** The items of this page (the same array as `data`). */
  get items(): Item[] {
    return this.data;
  }

  /** The query that fetched this page (empty for a page fetched by URL). */
  protected get query(): Record<string, unknown> {
    return this.#context.query;
  }

  /**
   * For the schemes that advance by count (offset, page number): whether this page is the last because it is
   * empty, has the same items as the page before it (a server that ignores the offset or page number it is
   * sent), or is shorter than the page size its query asked for (`limitParam`).
   */
  protected endsByCount(limitParam: string | undefined): boolean {
    const previous = this.#context.previous;
    if (this.data.length === 0) return true;
    // compared once per page: hasNextPage() and getNextPage() both ask
    if (
      (this.#repeats ??= previous !== undefined && stableJSON(previous) === stableJSON(this.data))
    )
      return true;
    const limit = limitParam === undefined ? undefined : numberValue(this.query[limitParam]);
    return limit !== undefined && this.data.length < limit;
  }

  /**
   * Where the next page is, or undefined on the last page: what a scheme decides. A query is merged over this
   * page's query; a URL may be relative to the URL this page was fetched from.
   */
  protected abstract nextPageRequest(): NextPageRequest | undefined;

  /**
   * The request for the next page (the whole query, or an absolute URL), or undefined on the last page: when the
   * scheme says so, or when that request was already made from the same first call.
   */
  nextPageInfo(): NextPageRequest | undefined {
    const next = this.nextPageRequest();
    if (next === undefined) return undefined;
    let request: NextPageRequest;
    if ('url' in next) {
      let url: URL;
      try {
        url = new URL(next.url, this.#context.url);
      } catch {
        return undefined;
      }
      url.hash = '';
      request = { url: url.href };
    } else {
      request = { query: { ...this.#context.query, ...next.query } };
    }
    const made = this.#context.requests.get(requestKey(request));
    return made === undefined || made === this.#context.key ? request : undefined;
  }

  hasNextPage(): boolean {
    return this.nextPageInfo() !== undefined;
  }

  /**
   * Fetches the next page. Rejects when there is none, and with an `SDKError` when the next page's URL is on
   * another origin than the client's base URL (the client's credentials are not sent there).
   */
  async getNextPage(): Promise<Page<Item, Body>> {
    const next = this.nextPageInfo();
    if (!next) throw new Error('No next page: check hasNextPage() first.');
    if ('url' in next && new URL(next.url).origin !== this.#context.origin) {
      throw new SDKError(
        `The next page's URL ${next.url} is on another origin than the client's base URL (${this.#context.origin}): it is not followed, so the client's credentials are not sent there. The request was not sent.`,
      );
    }
    const key = requestKey(next);
    const { requests } = this.#context;
    if (!requests.has(key)) requests.set(key, this.#context.key);
    return this.#context.fetch(next, key, this.data);
  }

  /** This page and every following one. */
  async *iterPages(): AsyncGenerator<Page<Item, Body>, void, undefined> {
    let page: Page<Item, Body> = this;
    yield page;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      yield page;
    }
  }

  /** Every item of this page and the following ones. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.iterPages()) yield* page.data;
  }
}

/** The promise of a page, which is itself async-iterable over every item across pages. */
export class PagePromise<Item, Body = unknown>
  extends APIPromise<Page<Item, Body>>
  implements AsyncIterable<Item>
{
  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    const page = await this;
    yield* page;
  }
}

/**
 * Sends a list operation's request (as `client.request` does) and resolves to its first page, a `page` built with
 * the scheme's `params`; each following page is fetched with the same request and the query the page gives
 * (merged over the first), or at the URL it gives (query credentials still added).
 */
export function requestPage<Item, Body>(
  client: ClientCore,
  spec: RequestSpec,
  page: PageClass,
  params: object,
  options?: RequestOptions,
): PagePromise<Item, Body> {
  const key = requestKey({ query: { ...spec.query } });
  const requests = new Map([[key, '']]);
  const origin = new URL(client.baseURL).origin;
  return fetchPage<Item, Body>(client, spec, page, params, options, { origin, requests, key });
}

function fetchPage<Item, Body>(
  client: ClientCore,
  spec: RequestSpec,
  page: PageClass,
  params: object,
  options: RequestOptions | undefined,
  context: Pick<PageContext<Item, Body>, 'origin' | 'requests' | 'key' | 'previous'>,
): PagePromise<Item, Body> {
  const Class = page as unknown as PageOf<Item, Body>;
  const query = spec.url === undefined ? { ...spec.query } : {};
  return PagePromise.derive(
    client.request<Body>(spec, options),
    (body, response) =>
      new Class(body, params, {
        ...context,
        query,
        url: new URL(response.url || (spec.url ?? client.buildURL(spec))).href,
        response,
        fetch: (next, key, previous) =>
          fetchPage<Item, Body>(
            client,
            'url' in next
              ? { ...spec, url: next.url, query: undefined, querystring: undefined }
              : { ...spec, url: undefined, query: next.query },
            page,
            params,
            options,
            { ...context, key, previous },
          ),
      }),
  ) as PagePromise<Item, Body>;
}
