/** A list that is not paginated: a body with `data` only, one page, still iterable like every page. */
import { Page, type ListBody } from './pagination.js';

export class SinglePage<Item, Body extends ListBody<Item> = ListBody<Item>> extends Page<
  Item,
  Body,
  Record<string, never>
> {
  protected nextPageParams(): undefined {
    return undefined;
  }
}
