/**
 * Pagination by a cursor token the response gives (`next_cursor`, `response_metadata.next_cursor`,
 * `nextPageToken`, an iterator with `done`): the cursor query parameter is set to the value at `nextCursor`, until
 * it is absent, null or empty, the boolean at `done` is `true`, or the one at `hasMore` is not `true`.
 */
import {
  Page,
  valueAtPath,
  type NextPageRequest,
  type PageFieldPath,
  type PageParams,
} from './pagination.js';

export interface TokenParams extends PageParams {
  /** The query parameter that carries the token, e.g. `cursor`, `pageToken`. */
  cursorParam: string;
  /** Where the next page's token is in the body, e.g. `['response_metadata', 'next_cursor']`. */
  nextCursor: PageFieldPath;
  /** Where a boolean saying more pages follow is, if the API sends one. */
  hasMore?: PageFieldPath | undefined;
  /** Where a boolean saying this is the last page is, if the API sends one (Svix `done`). */
  done?: PageFieldPath | undefined;
}

export class TokenPage<Item, Body = unknown> extends Page<Item, Body, TokenParams> {
  protected nextPageRequest(): NextPageRequest | undefined {
    const { body, params } = this;
    if (params.done !== undefined && valueAtPath(body, params.done) === true) return undefined;
    if (params.hasMore !== undefined && valueAtPath(body, params.hasMore) !== true)
      return undefined;
    const token = valueAtPath(body, params.nextCursor);
    return (typeof token === 'string' && token !== '') ||
      (typeof token === 'number' && Number.isFinite(token))
      ? { query: { [params.cursorParam]: token } }
      : undefined;
  }
}
