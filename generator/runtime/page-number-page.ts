/**
 * Page-number pagination: the page query parameter advances by one (pages numbered from `start`), until a page
 * is empty, the current page is the last by the number at `totalPages`, or a page is shorter than the
 * `limitParam` asked for. A page with the same items as the one before it (a server ignoring the page number)
 * ends the list too.
 */
import {
  Page,
  numberValue,
  valueAtPath,
  type NextPageRequest,
  type PageFieldPath,
  type PageParams,
} from './pagination.js';

export interface PageNumberParams extends PageParams {
  /** The query parameter that carries the page number, e.g. `page`. */
  pageParam: string;
  /** The number of the first page (`1` or `0`), the one fetched when the query has none. */
  start: number;
  /** The query parameter that carries the page size, e.g. `per_page`: a shorter page is the last. */
  limitParam?: string | undefined;
  /** Where the number of pages is in the body, e.g. `['result_info', 'total_pages']`. */
  totalPages?: PageFieldPath | undefined;
}

export class PageNumberPage<Item, Body = unknown> extends Page<Item, Body, PageNumberParams> {
  protected nextPageRequest(): NextPageRequest | undefined {
    const { body, params, query } = this;
    if (this.endsByCount(params.limitParam)) return undefined;
    const current = numberValue(query[params.pageParam]) ?? params.start;
    const totalPages =
      params.totalPages === undefined ? undefined : valueAtPath(body, params.totalPages);
    if (typeof totalPages === 'number' && current >= totalPages - 1 + params.start)
      return undefined;
    return { query: { [params.pageParam]: current + 1 } };
  }
}
