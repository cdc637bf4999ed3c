/**
 * List pages: one base class, `Page`, with what every scheme shares (`data`, `body`, `hasNextPage()`,
 * `getNextPage()`, `iterPages()`, async iteration over the items), and `requestPage`, which emitted list
 * operations call with the page class of their scheme. Each scheme's class lives in its own module, named for the
 * scheme (`cursor-page.ts`: `CursorPage`; `single-page.ts`: `SinglePage`), and says only where the next page is
 * (`nextPageParams()`), so a package ships the classes of the schemes it uses. The promise a list method returns
 * is async-iterable over the items too:
 *
 *   for await (const completion of client.listChatCompletions({ limit: 20 })) { … }
 */
import { APIPromise } from './api-promise.js';
import type { ClientCore, RequestOptions, RequestSpec } from './core.js';

/** Fetches the page after `page` (supplied by the client that made the first request). */
export type PageFetcher<Item, Body extends ListBody<Item>> = (
  query: Record<string, unknown>,
) => PagePromise<Item, Body>;

export interface ListBody<Item> {
  data: Item[];
  has_more?: boolean | null;
  last_id?: string | null;
}

/**
 * A scheme's page class (`CursorPage`, …), whatever its parameters: built from a page's body, the scheme's
 * parameters (what emitted code passes, e.g. `{ cursorParam: 'after' }`), the query that fetched the page, and
 * how to fetch another.
 */
export type PageClass = new (...args: never[]) => object;

/** A page class seen with the item and body types of one operation. */
type PageOf<Item, Body extends ListBody<Item>> = new (
  body: Body,
  params: object,
  query: Record<string, unknown>,
  fetch: PageFetcher<Item, Body>,
) => Page<Item, Body>;

export abstract class Page<Item, Body extends ListBody<Item> = ListBody<Item>, Params = unknown>
  implements AsyncIterable<Item>
{
  /** The items of this page. */
  readonly data: Item[];
  /** The whole response body of this page. */
  readonly body: Body;
  /** The scheme's parameters, as the operation declares them. */
  protected readonly params: Params;
  readonly #query: Record<string, unknown>;
  readonly #fetch: PageFetcher<Item, Body>;

  /** `query` is the one that fetched this page; `fetch` fetches another. */
  constructor(
    body: Body,
    params: Params,
    query: Record<string, unknown>,
    fetch: PageFetcher<Item, Body>,
  ) {
    this.body = body;
    this.data = Array.isArray(body?.data) ? body.data : [];
    this.params = params;
    this.#query = query;
    this.#fetch = fetch;
  }

  /**
   * The query parameters that change for the next page (merged over this page's query), or undefined on the
   * last page: what a scheme decides.
   */
  protected abstract nextPageParams(): Record<string, unknown> | undefined;

  hasNextPage(): boolean {
    return this.nextPageParams() !== undefined;
  }

  /** The query that fetches the next page, or undefined on the last page. */
  nextPageQuery(): Record<string, unknown> | undefined {
    const params = this.nextPageParams();
    return params === undefined ? undefined : { ...this.#query, ...params };
  }

  async getNextPage(): Promise<Page<Item, Body>> {
    const query = this.nextPageQuery();
    if (!query) throw new Error('No next page: check hasNextPage() first.');
    return this.#fetch(query);
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
export class PagePromise<Item, Body extends ListBody<Item> = ListBody<Item>>
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
 * the scheme's `params`; each following page is fetched with the same request and the query the page gives.
 */
export function requestPage<Item, Body extends ListBody<Item>>(
  client: ClientCore,
  spec: RequestSpec,
  page: PageClass,
  params: object,
  options?: RequestOptions,
): PagePromise<Item, Body> {
  const query = { ...spec.query };
  const Class = page as unknown as PageOf<Item, Body>;
  return PagePromise.derive(
    client.request<Body>(spec, options),
    (body) =>
      new Class(body, params, query, (next) =>
        requestPage<Item, Body>(client, { ...spec, query: next }, page, params, options),
      ),
  ) as PagePromise<Item, Body>;
}
