/**
 * Pagination by the `Link` response header (RFC 8288, GitHub, Harbor): the next page is fetched at the target
 * of the link whose `rel` includes `next`, resolved against the URL this page was fetched from, until there is
 * none.
 */
import { parseLinkHeader } from './link-header.js';
import { Page, type NextPageRequest, type PageParams } from './pagination.js';

export type LinkHeaderParams = PageParams;

export class LinkHeaderPage<Item, Body = unknown> extends Page<Item, Body, LinkHeaderParams> {
  protected nextPageRequest(): NextPageRequest | undefined {
    const header = this.response.headers.get('link');
    const next =
      header === null ? undefined : parseLinkHeader(header).find((l) => l.rel.includes('next'));
    return next === undefined ? undefined : { url: next.target };
  }
}
