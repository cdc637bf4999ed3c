/**
 * List pages. A cursor page (`data` + `has_more`, with an `after` query parameter) fetches the next page with
 * `after` set to the last item's id until `has_more` is false; a single page (`data` only) has no next page.
 * Both are async-iterable over their items, and so is the promise a list method returns:
 *
 *   for await (const completion of client.listChatCompletions({ limit: 20 })) { … }
 */
import { APIPromise } from './api-promise.js';

export interface PaginationSpec {
  kind: 'cursor' | 'single';
  /** The query parameter that carries the cursor, e.g. `after`. */
  cursorParam?: string;
}

/** Fetches the page after `page` (supplied by the client that made the first request). */
export type PageFetcher<Item, Body extends ListBody<Item>> = (
  query: Record<string, unknown>,
) => PagePromise<Item, Body>;

export interface ListBody<Item> {
  data: Item[];
  has_more?: boolean | null;
  last_id?: string | null;
}

export class Page<Item, Body extends ListBody<Item> = ListBody<Item>>
  implements AsyncIterable<Item>
{
  /** The items of this page. */
  readonly data: Item[];
  /** The whole response body of this page. */
  readonly body: Body;
  readonly #pagination: PaginationSpec;
  readonly #query: Record<string, unknown>;
  readonly #fetch: PageFetcher<Item, Body>;

  constructor(
    body: Body,
    pagination: PaginationSpec,
    query: Record<string, unknown>,
    fetch: PageFetcher<Item, Body>,
  ) {
    this.body = body;
    this.data = Array.isArray(body?.data) ? body.data : [];
    this.#pagination = pagination;
    this.#query = query;
    this.#fetch = fetch;
  }

  hasNextPage(): boolean {
    return (
      this.#pagination.kind === 'cursor' &&
      this.body.has_more === true &&
      this.#cursor() !== undefined
    );
  }

  /** The query that fetches the next page, or undefined on the last page. */
  nextPageQuery(): Record<string, unknown> | undefined {
    if (!this.hasNextPage()) return undefined;
    return { ...this.#query, [this.#pagination.cursorParam ?? 'after']: this.#cursor() };
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

  #cursor(): string | undefined {
    const last = this.data[this.data.length - 1] as { id?: unknown } | undefined;
    if (last && typeof last.id === 'string') return last.id;
    return typeof this.body.last_id === 'string' && this.data.length > 0
      ? this.body.last_id
      : undefined;
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
