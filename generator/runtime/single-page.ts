/** A list that is not paginated: one page of the items at `items`, still iterable like every page. */
import { Page, type PageParams } from './pagination.js';

export type SingleParams = PageParams;

export class SinglePage<Item, Body = unknown> extends Page<Item, Body, SingleParams> {
  protected nextPageRequest(): undefined {
    return undefined;
  }
}
