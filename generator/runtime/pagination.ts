/**
 * List pages: one base class, `Page`, with what every scheme shares (`data`, `body`, `hasNextPage()`,
 * `getNextPage()`, `iterPages()`, async iteration over the items), and one subclass per pagination scheme, which
 * says only where the next page is (`nextPageParams()`):
 * - `CursorPage` (`data` + `has_more`, with a cursor query parameter such as `after`) fetches the next page with
 *   the cursor set to the last item's id (or the body's `last_id`) until `has_more` is false;
 * - `SinglePage` (`data` only) has no next page.
 * A new scheme is a new member of `PaginationSpec`, a new subclass and its entry in `PAGES`. The promise a list
 * method returns is async-iterable over the items too:
 *
 *   for await (const completion of client.listChatCompletions({ limit: 20 })) { … }
 */
import { APIPromise } from './api-promise.js';

/** How a list operation pages, as emitted code describes it: one member per scheme, tagged by `kind`. */
export type PaginationSpec =
  | {
      kind: 'cursor';
      /** The query parameter that carries the cursor, e.g. `after`. */
      cursorParam?: string;
    }
  | { kind: 'single' };

/** Fetches the page after `page` (supplied by the client that made the first request). */
export type PageFetcher<Item, Body extends ListBody<Item>> = (
  query: Record<string, unknown>,
) => PagePromise<Item, Body>;

export interface ListBody<Item> {
  data: Item[];
  has_more?: boolean | null;
  last_id?: string | null;
}

export abstract class Page<Item, Body extends ListBody<Item> = ListBody<Item>>
  implements AsyncIterable<Item>
{
  /** The items of this page. */
  readonly data: Item[];
  /** The whole response body of this page. */
  readonly body: Body;
  /** How the list pages (its member of the union is the subclass's). */
  protected readonly pagination: PaginationSpec;
  readonly #query: Record<string, unknown>;
  readonly #fetch: PageFetcher<Item, Body>;

  /** `query` is the one that fetched this page; `fetch` fetches another. */
  constructor(
    body: Body,
    pagination: PaginationSpec,
    query: Record<string, unknown>,
    fetch: PageFetcher<Item, Body>,
  ) {
    this.body = body;
    this.data = Array.isArray(body?.data) ? body.data : [];
    this.pagination = pagination;
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

/** A page of a cursor-paginated list: `has_more`, and the cursor is the last item's id (or `last_id`). */
export class CursorPage<Item, Body extends ListBody<Item> = ListBody<Item>> extends Page<
  Item,
  Body
> {
  declare protected readonly pagination: Extract<PaginationSpec, { kind: 'cursor' }>;

  protected nextPageParams(): Record<string, unknown> | undefined {
    const { data, body } = this;
    const last = data[data.length - 1] as { id?: unknown } | undefined;
    const cursor =
      last && typeof last.id === 'string' ? last.id : data.length > 0 ? body.last_id : undefined;
    return body.has_more === true && typeof cursor === 'string'
      ? { [this.pagination.cursorParam ?? 'after']: cursor }
      : undefined;
  }
}

/** The only page of a list that is not paginated. */
export class SinglePage<Item, Body extends ListBody<Item> = ListBody<Item>> extends Page<
  Item,
  Body
> {
  protected nextPageParams(): undefined {
    return undefined;
  }
}

/** The page class of each scheme, so that a new member of `PaginationSpec` needs its entry. */
const PAGES: Record<PaginationSpec['kind'], typeof CursorPage | typeof SinglePage> = {
  cursor: CursorPage,
  single: SinglePage,
};

/** The page of `body` for the scheme `pagination` names; `query` is the one that fetched it. */
export function createPage<Item, Body extends ListBody<Item>>(
  body: Body,
  pagination: PaginationSpec,
  query: Record<string, unknown>,
  fetch: PageFetcher<Item, Body>,
): Page<Item, Body> {
  // The entry for `pagination.kind` takes that member of the union.
  return new PAGES[pagination.kind]<Item, Body>(body, pagination as never, query, fetch);
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
