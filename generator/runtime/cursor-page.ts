/**
 * Cursor pagination from the last item (`after`/`starting_after` with `has_more`): the cursor query parameter is
 * set to the last item's `cursorField` (or the body's `last_id`) for the next page, until the page is empty or
 * the boolean at `hasMore` is not `true`.
 */
import {
  Page,
  valueAtPath,
  type NextPageRequest,
  type PageFieldPath,
  type PageParams,
} from './pagination.js';
import { isRecord } from './util.js';

export interface CursorParams extends PageParams {
  /** The query parameter that carries the cursor, e.g. `after`. */
  cursorParam: string;
  /** The item property whose value is the cursor; `id` when absent. */
  cursorField?: string | undefined;
  /**
   * Where the boolean saying more pages follow is; without it, the list ends only on an empty page or one without
   * a cursor. Parameters without `items` (what packages generated before it existed pass) mean `['has_more']`.
   */
  hasMore?: PageFieldPath | undefined;
}

const cursorValue = (value: unknown): string | number | undefined =>
  (typeof value === 'string' && value !== '') ||
  (typeof value === 'number' && Number.isFinite(value))
    ? value
    : undefined;

export class CursorPage<Item, Body = unknown> extends Page<Item, Body, CursorParams> {
  protected nextPageRequest(): NextPageRequest | undefined {
    const { data, body, params } = this;
    if (data.length === 0) return undefined;
    const hasMore = params.hasMore ?? (params.items === undefined ? ['has_more'] : undefined);
    if (hasMore !== undefined && valueAtPath(body, hasMore) !== true) return undefined;
    const last: unknown = data[data.length - 1];
    const lastId = valueAtPath(body, ['last_id']);
    const cursor =
      cursorValue(isRecord(last) ? last[params.cursorField ?? 'id'] : undefined) ??
      (typeof lastId === 'string' ? cursorValue(lastId) : undefined);
    return cursor === undefined ? undefined : { query: { [params.cursorParam]: cursor } };
  }
}
