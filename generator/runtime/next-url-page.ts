/**
 * Pagination by a next URL in the body (`next`, Twilio `next_page_uri`, DigitalOcean `links.pages.next`): the
 * next page is fetched at the string at `nextURL`, resolved against the URL this page was fetched from, until it
 * is absent, null or empty.
 */
import {
  Page,
  valueAtPath,
  type NextPageRequest,
  type PageFieldPath,
  type PageParams,
} from './pagination.js';

export interface NextUrlParams extends PageParams {
  /** Where the next page's URL is in the body, e.g. `['links', 'pages', 'next']`. */
  nextURL: PageFieldPath;
}

export class NextUrlPage<Item, Body = unknown> extends Page<Item, Body, NextUrlParams> {
  protected nextPageRequest(): NextPageRequest | undefined {
    const url = valueAtPath(this.body, this.params.nextURL);
    return typeof url === 'string' && url !== '' ? { url } : undefined;
  }
}
