/**
 * Which list operations page, and by which scheme: one detector per member of `IRPagination`, tried in order,
 * most specific first; a declaration (`x-sdkforge-pagination`, `x-speakeasy-pagination`, `x-fern-pagination`, read
 * by `ir/pagination-extensions.ts`) wins over detection. A new scheme is a new member of the union
 * (`ir/types.ts`), its detector in `SCHEMES` here and its runtime page class (`generator/runtime/<kind>-page.ts`);
 * the emitter needs nothing new.
 *
 * Detection reads a GET's JSON success body (not a stream), its query parameters and its declared response
 * headers; the items are found by `findItems` (`ir/pagination-fields.ts`). It is conservative: an operation that
 * looks paginated (a paging query parameter and a list) but matches no scheme stays as it is, with a warning
 * shown at `--verbose` (`pagination-unrecognized`).
 * - `token`: a token query parameter (`cursor`, `page_token`, `iterator`, `pagetoken`, `marker`, …) and a token
 *   in the body (`next_cursor`, `response_metadata.next_cursor`, `meta.cursors.next`, `nextPageToken`,
 *   `iterator`, …), with a boolean `done` or `has_more` when there is one;
 * - `cursor`: `starting_after` or `after`, a boolean `has_more`, and items with an `id` (or the body's `last_id`);
 * - `next-url`: a URL in the body (`next_page_uri`, `links.pages.next`, `next` described as a URL, …);
 * - `link-header`: a declared `Link` response header;
 * - `offset`: a numeric `offset` (or `skip`) with a page size parameter or a total in the body;
 * - `page-number`: a numeric `page` with a page size parameter or a page count in the body;
 * - `single`: a required `data` array only: one page, still iterable (a `has_more` must be boolean and a
 *   `last_id` a string: other types are not a list the runtime knows).
 */
import type { Diagnostic } from '../diagnostics.js';
import { isJson } from '../util/media-type.js';
import type { Extensions } from './extensions.js';
import { declaredPagination } from './pagination-extensions.js';
import { FIELD, findItems, firstHeld, firstPage, holds, itemsHave, numericParam, scalarParam, showPath } from './pagination-fields.js';
import type { IRFieldPath, IROperation, IRPagination, IRParameter, IRSchema } from './types.js';
import { isBoolean, isString, propertiesOf, resolved } from './walk.js';

type Kind = IRPagination['kind'];
type Member<K extends Kind> = Extract<IRPagination, { kind: K }>;
/** What a detector finds: the member without the items, which every scheme reads the same way. */
type Found<K extends Kind> = Omit<Member<K>, 'item' | 'items' | 'source'>;

/** What a scheme's detector reads: a JSON GET that does not stream, its body and where its items are. */
interface ListResponse {
  op: Omit<IROperation, 'place'>;
  named: ReadonlyMap<string, IRSchema>;
  body: IRSchema;
  items: { path: IRFieldPath; item: IRSchema };
  /** The query parameter of that name (exactly). */
  query(name: string): IRParameter | undefined;
  /** The success response's declared header names, lowercased. */
  headers: string[];
}

interface Scheme<K extends Kind> {
  kind: K;
  /** Whether the list pages this way, and the member of `IRPagination` that says how. */
  detect(list: ListResponse): Found<K> | undefined;
  /** The scheme in words, for `diff` (`cursor pages by \`after\``): every field the runtime reads is in it. */
  describe(pagination: Member<K>): string;
}

const scheme = <K extends Kind>(kind: K, detect: Scheme<K>['detect'], describe: Scheme<K>['describe']): Scheme<K> => ({ kind, detect, describe });

/** Page size parameters, most common first. */
const LIMIT_PARAMS = ['limit', 'per_page', 'page_size', 'pageSize', 'PageSize', 'size', 'count', 'max_results', 'maxResults'];
/** Token query parameters; `after` and a `page` that takes strings only with a token in the body. */
const TOKEN_PARAMS = ['cursor', 'page_token', 'pageToken', 'PageToken', 'next_token', 'nextToken', 'continuation_token', 'continuationToken', 'iterator', 'pagetoken', 'page_cursor', 'marker', 'after', 'page'];
const TOKEN_FIELDS: IRFieldPath[] = [
  ['next_cursor'],
  ['nextCursor'],
  ['response_metadata', 'next_cursor'],
  ['meta', 'next_cursor'],
  ['meta', 'cursors', 'next'],
  ['meta', 'cursors', 'after'],
  ['paging', 'cursors', 'after'],
  ['cursors', 'after'],
  ['pagination', 'next_cursor'],
  ['pagination', 'nextCursor'],
  ['next_page_token'],
  ['nextPageToken'],
  ['next_token'],
  ['nextToken'],
  ['continuation_token'],
  ['continuationToken'],
  ['iterator'],
  ['next_marker'],
  ['next_page'],
  ['nextMarker'],
];
/** Fields that hold a token when their schema says so (a string described as a cursor or a token, not a URL). */
const MAYBE_TOKEN_FIELDS: IRFieldPath[] = [['next']];
const HAS_MORE_FIELDS: IRFieldPath[] = [['has_more'], ['hasMore'], ['has_next_page'], ['hasNextPage']];
/** Fields whose name says they hold a URL. */
const URL_FIELDS: IRFieldPath[] = [['next_page_uri'], ['next_page_url'], ['nextPageUri'], ['nextPageUrl'], ['next_url'], ['nextUrl'], ['links', 'pages', 'next'], ['_links', 'next', 'href']];
/** Fields that hold a URL when their schema says so (`format: uri`, a description naming a URL). */
const MAYBE_URL_FIELDS: IRFieldPath[] = [['next'], ['links', 'next'], ['pagination', 'next'], ['paging', 'next'], ['meta', 'next']];
const TOTAL_FIELDS: IRFieldPath[] = [['total'], ['total_count'], ['totalCount'], ['total_results'], ['totalResults'], ['count'], ['meta', 'total'], ['meta', 'total_count'], ['pagination', 'total']];
const TOTAL_PAGES_FIELDS: IRFieldPath[] = [['total_pages'], ['totalPages'], ['result_info', 'total_pages'], ['meta', 'total_pages'], ['meta', 'pagination', 'total_pages'], ['pagination', 'total_pages'], ['page_count'], ['pageCount'], ['num_pages']];
/** Query parameters that make a list look paginated. */
const PAGING_PARAMS = new Set([...TOKEN_PARAMS, 'starting_after', 'ending_before', 'after', 'offset', 'skip', 'page', 'page_number', 'pageNumber', 'Page']);

const isURL = (s: IRSchema): boolean =>
  isString(s) && (s.format === 'uri' || s.format === 'url' || s.format === 'uri-reference' || /\b(url|uri|link)\b/i.test(s.description ?? ''));

const isCursor = (s: IRSchema): boolean => isString(s) && !isURL(s) && /\b(cursor|token)\b/i.test(s.description ?? '');

const limitOf = (list: ListResponse): string | undefined => LIMIT_PARAMS.find((n) => list.query(n));
const field = (list: ListResponse, paths: readonly IRFieldPath[], test: (s: IRSchema) => boolean) => firstHeld(list.body, paths, test, list.named);
const optionalPath = <K extends string>(key: K, path: IRFieldPath | undefined): { [P in K]?: IRFieldPath } => (path ? ({ [key]: path } as { [P in K]: IRFieldPath }) : {});
const inWords = (items: IRFieldPath) => (items.length ? ` of ${showPath(items)}` : '');

/** The schemes, most specific first: the registration of a scheme. */
const SCHEMES = [
  scheme(
    'token',
    (list) => {
      const offset = list.query('offset');
      const param = TOKEN_PARAMS.find((n) => list.query(n) && scalarParam(list.query(n)!, list.named) && !(n === 'marker' && offset) && !(n === 'page' && numericParam(list.query(n)!, list.named)));
      const next = param && (field(list, TOKEN_FIELDS, FIELD.token) ?? field(list, MAYBE_TOKEN_FIELDS, isCursor));
      if (!param || !next) return undefined;
      const done = field(list, [['done']], FIELD.boolean);
      const hasMore = field(list, HAS_MORE_FIELDS, FIELD.boolean);
      const ends = done ? ` and boolean \`done\`` : hasMore ? ` and boolean ${showPath(hasMore)}` : '';
      return { kind: 'token', cursorParam: param, nextCursor: next, ...optionalPath('hasMore', hasMore), ...optionalPath('done', done), reason: `query \`${param}\`, token ${showPath(next)}${ends}` };
    },
    (p) => `token pages${inWords(p.items)} by \`${p.cursorParam}\` from ${showPath(p.nextCursor)}${p.done ? ` until ${showPath(p.done)}` : ''}${p.hasMore ? ` while ${showPath(p.hasMore)}` : ''}`,
  ),
  scheme(
    'cursor',
    (list) => {
      const param = ['starting_after', 'after'].find((n) => list.query(n) && scalarParam(list.query(n)!, list.named));
      if (!param || !list.items.path.length || !holds(list.body, ['has_more'], FIELD.boolean, list.named)) return undefined;
      const lastId = holds(list.body, ['last_id'], FIELD.string, list.named);
      if (!itemsHave(list.items.item, 'id', list.named) && !lastId) return undefined;
      return { kind: 'cursor', cursorParam: param, cursorField: 'id', hasMore: ['has_more'], reason: `query \`${param}\`, boolean \`has_more\` and the items' \`id\`${lastId ? ' (or `last_id`)' : ''}` };
    },
    (p) => `cursor pages${inWords(p.items)} by \`${p.cursorParam}\` = the last item's \`${p.cursorField}\`${p.hasMore ? ` while ${showPath(p.hasMore)}` : ''}`,
  ),
  scheme(
    'next-url',
    (list) => {
      const next = field(list, URL_FIELDS, FIELD.string) ?? field(list, MAYBE_URL_FIELDS, isURL);
      return next ? { kind: 'next-url', nextURL: next, reason: `a next page URL at ${showPath(next)}` } : undefined;
    },
    (p) => `pages${inWords(p.items)} by the next URL at ${showPath(p.nextURL)}`,
  ),
  scheme(
    'link-header',
    (list) => (list.headers.includes('link') ? { kind: 'link-header', reason: 'a declared `Link` response header' } : undefined),
    (p) => `pages${inWords(p.items)} by the \`Link\` header's \`rel="next"\``,
  ),
  scheme(
    'offset',
    (list) => {
      const param = ['offset', 'skip'].find((n) => list.query(n) && numericParam(list.query(n)!, list.named));
      const limit = limitOf(list);
      const total = field(list, TOTAL_FIELDS, FIELD.number);
      if (!param || (!limit && !total)) return undefined;
      const by = [limit && `limit \`${limit}\``, total && `total ${showPath(total)}`].filter(Boolean).join(' and ');
      return { kind: 'offset', offsetParam: param, ...(limit ? { limitParam: limit } : {}), ...optionalPath('total', total), reason: `numeric query \`${param}\` with ${by}` };
    },
    (p) => `offset pages${inWords(p.items)} by \`${p.offsetParam}\`${p.limitParam ? ` of \`${p.limitParam}\` items` : ''}${p.total ? ` up to ${showPath(p.total)}` : ''}`,
  ),
  scheme(
    'page-number',
    (list) => {
      const param = ['page', 'page_number', 'pageNumber', 'Page'].find((n) => list.query(n) && numericParam(list.query(n)!, list.named));
      const limit = limitOf(list);
      const totalPages = field(list, TOTAL_PAGES_FIELDS, FIELD.number);
      if (!param || (!limit && !totalPages)) return undefined;
      const by = [limit && `page size \`${limit}\``, totalPages && `page count ${showPath(totalPages)}`].filter(Boolean).join(' and ');
      return { kind: 'page-number', pageParam: param, start: firstPage(list.query(param)!), ...(limit ? { limitParam: limit } : {}), ...optionalPath('totalPages', totalPages), reason: `numeric query \`${param}\` with ${by}` };
    },
    (p) => `numbered pages${inWords(p.items)} by \`${p.pageParam}\` from ${p.start}${p.limitParam ? ` of \`${p.limitParam}\` items` : ''}${p.totalPages ? ` up to ${showPath(p.totalPages)}` : ''}`,
  ),
  scheme(
    'single',
    (list) => (isDataList(list) ? { kind: 'single', reason: 'a `data` array' } : undefined),
    (p) => `a single page${inWords(p.items)}`,
  ),
];

/** A required, non-null `data` array, with a boolean `has_more` and a string `last_id` when they are there. */
function isDataList({ body, named, items }: ListResponse): boolean {
  if (items.path.length !== 1 || items.path[0] !== 'data') return false;
  const props = propertiesOf(body, named);
  const data = props.find((p) => p.name === 'data');
  const array = resolved(data?.schema, named);
  if (!data || !data.required || array?.kind !== 'array' || data.schema.nullable || array.nullable) return false;
  const hasMore = props.find((p) => p.name === 'has_more');
  const lastId = resolved(props.find((p) => p.name === 'last_id')?.schema, named);
  return !(hasMore && !isBoolean(resolved(hasMore.schema, named) ?? { kind: 'unknown' })) && !(lastId && !isString(lastId));
}

/** A pagination in words, as its scheme describes it. */
export function describePagination(pagination: IRPagination): string {
  const entry = SCHEMES.find((s) => s.kind === pagination.kind) as Scheme<Kind>;
  return entry.describe(pagination as never);
}

/** Every member of `IRPagination` has its scheme here (this fails to compile otherwise). */
const complete: Exclude<Kind, (typeof SCHEMES)[number]['kind']> extends never ? true : never = true;
void complete;

/** The kinds of pagination, in detection order. */
export const PAGINATION_KINDS: readonly Kind[] = SCHEMES.map((s) => s.kind);

export interface PaginationContext {
  warn(d: Diagnostic): void;
  /** The document's `x-` members (a root `x-fern-pagination` gives defaults). */
  rootExtensions?: Extensions;
}

/** The operation's pagination: declared by an extension, else detected; undefined for a plain call. */
export function detectPagination(op: Omit<IROperation, 'place'>, named: ReadonlyMap<string, IRSchema>, context: PaginationContext = { warn: () => {} }): IRPagination | undefined {
  if (op.method !== 'get' || !op.success || !isJson(op.success.mediaType) || op.streaming) return undefined;
  const body = op.success.schema;
  const declared = declaredPagination(op, named, context);
  if (declared !== undefined) return declared === false ? undefined : declared;
  const items = findItems(body, named);
  const looksPaged = op.parameters.query.find((p) => PAGING_PARAMS.has(p.name));
  let found: IRPagination | undefined;
  if (items) {
    const headers = (op.responses.find((r) => r.contents.includes(op.success!))?.headers ?? []).map((h) => h.toLowerCase());
    const list: ListResponse = { op, named, body, items, headers, query: (name) => op.parameters.query.find((p) => p.name === name) };
    for (const { detect } of SCHEMES as Scheme<Kind>[]) {
      const member = detect(list);
      if (member) {
        const { kind, ...fields } = member;
        found = { kind, items: items.path, ...fields, item: items.item, source: 'detected' } as IRPagination;
        break;
      }
    }
  }
  if (looksPaged && items && (!found || found.kind === 'single')) {
    context.warn({
      severity: 'warning',
      verbose: true,
      code: 'pagination-unrecognized',
      message: `The operation takes the paging query parameter \`${looksPaged.name}\` and returns a list, but matches no pagination scheme: it ${found ? 'returns a single page' : 'is a plain call'}.`,
      hint: 'Declare how it pages with `x-sdkforge-pagination` (see README, Pagination), or ignore this if it does not page.',
      pointer: op.pointer,
    });
  }
  return found;
}
