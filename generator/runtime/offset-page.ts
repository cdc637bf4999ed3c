/**
 * Offset/limit pagination: the offset query parameter advances by the number of items received, until a page
 * is empty, the next offset reaches the number at `total`, or a page is shorter than the `limitParam` asked for.
 * A page with the same items as the one before it (a server ignoring the offset) ends the list too.
 */
import {
  Page,
  numberValue,
  valueAtPath,
  type NextPageRequest,
  type PageFieldPath,
  type PageParams,
} from './pagination.js';

export interface OffsetParams extends PageParams {
  /** The query parameter that carries the offset, e.g. `offset`, `skip`. */
  offsetParam: string;
  /** The query parameter that carries the page size, e.g. `limit`: a shorter page is the last. */
  limitParam?: string | undefined;
  /** Where the total number of items is in the body, e.g. `['total_count']`. */
  total?: PageFieldPath | undefined;
}

export class OffsetPage<Item, Body = unknown> extends Page<Item, Body, OffsetParams> {
  protected nextPageRequest(): NextPageRequest | undefined {
    const { data, body, params, query } = this;
    if (this.endsByCount(params.limitParam)) return undefined;
    const next = (numberValue(query[params.offsetParam]) ?? 0) + data.length;
    const total = params.total === undefined ? undefined : valueAtPath(body, params.total);
    if (typeof total === 'number' && next >= total) return undefined;
    return { query: { [params.offsetParam]: next } };
  }
}
