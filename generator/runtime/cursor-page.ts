/**
 * Cursor pagination from the last item: a body with `data` and `has_more`, and a cursor query parameter (such as
 * `after`) set to the last item's id (or the body's `last_id`) for the next page, until `has_more` is false.
 */
import { Page, type ListBody } from './pagination.js';

export interface CursorParams {
  /** The query parameter that carries the cursor, e.g. `after`. */
  cursorParam: string;
}

export class CursorPage<Item, Body extends ListBody<Item> = ListBody<Item>> extends Page<
  Item,
  Body,
  CursorParams
> {
  protected nextPageParams(): Record<string, unknown> | undefined {
    const { data, body } = this;
    const last = data[data.length - 1] as { id?: unknown } | undefined;
    const cursor =
      last && typeof last.id === 'string' ? last.id : data.length > 0 ? body.last_id : undefined;
    return body.has_more === true && typeof cursor === 'string'
      ? { [this.params.cursorParam]: cursor }
      : undefined;
  }
}
