/**
 * Which list operations page, and by which scheme: one detector per member of `IRPagination`, tried in order.
 * A new scheme is a new member of the union (`ir/types.ts`), its detector in `SCHEMES` here and its runtime page
 * class (`generator/runtime/<kind>-page.ts`); the emitter needs nothing new.
 *
 * - `cursor`: a GET whose JSON body has a required, non-null `data` array and a boolean `has_more`, and which
 *   takes the cursor query parameter (`after`); the next page is asked for with `after` = the last item's id.
 * - `single`: a `data` array only: one page, still iterable.
 * A page's body is read as `{ data: T[]; has_more?: boolean | null; last_id?: string | null }`: fields of other
 * types are not a list the runtime knows how to page, and the body is returned as it is.
 */
import { isJson } from '../util/media-type.js';
import type { IROperation, IRPagination, IRProperty, IRSchema } from './types.js';
import { isBoolean, isString, propertiesOf, resolved } from './walk.js';

const CURSOR_PARAM = 'after';

/** What a scheme's detector reads: a JSON GET that does not stream, and the properties of its body. */
interface ListResponse {
  op: IROperation;
  named: ReadonlyMap<string, IRSchema>;
  /** The success body's `data` array's item type. */
  item: IRSchema;
  field(name: string): IRProperty | undefined;
}

interface Scheme<K extends IRPagination['kind']> {
  kind: K;
  /** Whether the list pages this way, and the member of `IRPagination` that says how. */
  detect(list: ListResponse): Extract<IRPagination, { kind: K }> | undefined;
  /** The scheme in words, for `diff` (`cursor pages by \`after\``). */
  describe(pagination: Extract<IRPagination, { kind: K }>): string;
}

const scheme = <K extends IRPagination['kind']>(kind: K, detect: Scheme<K>['detect'], describe: Scheme<K>['describe']): Scheme<K> => ({ kind, detect, describe });

/** The schemes, most specific first: the registration of a scheme. */
const SCHEMES = [
  scheme(
    'cursor',
    ({ op, item, field }) => {
      const cursor = op.parameters.query.find((p) => p.name === CURSOR_PARAM);
      return field('has_more') && cursor ? { kind: 'cursor', cursorParam: CURSOR_PARAM, item } : undefined;
    },
    (p) => `cursor pages by \`${p.cursorParam}\``,
  ),
  scheme('single', ({ item }) => ({ kind: 'single', item }), () => 'a single page'),
];

/** A pagination in words, as its scheme describes it. */
export function describePagination(pagination: IRPagination): string {
  const entry = SCHEMES.find((s) => s.kind === pagination.kind) as Scheme<IRPagination['kind']>;
  return entry.describe(pagination as never);
}

/** Every member of `IRPagination` has its scheme here (this fails to compile otherwise). */
const complete: Exclude<IRPagination['kind'], (typeof SCHEMES)[number]['kind']> extends never ? true : never = true;
void complete;

/** The kinds of pagination, in detection order. */
export const PAGINATION_KINDS: readonly IRPagination['kind'][] = SCHEMES.map((s) => s.kind);

export function detectPagination(op: IROperation, named: ReadonlyMap<string, IRSchema>): IRPagination | undefined {
  if (op.method !== 'get' || !op.success || !isJson(op.success.mediaType) || op.streaming) return undefined;
  const props = propertiesOf(op.success.schema, named);
  const data = props.find((p) => p.name === 'data');
  const items = resolved(data?.schema, named);
  if (!data || !data.required || items?.kind !== 'array' || data.schema.nullable || items.nullable) return undefined;
  const field = (name: string): IRProperty | undefined => props.find((p) => p.name === name);
  const hasMore = field('has_more');
  const lastId = resolved(field('last_id')?.schema, named);
  if ((hasMore && !isBoolean(resolved(hasMore.schema, named) ?? { kind: 'unknown' })) || (lastId && !isString(lastId))) return undefined;
  const list: ListResponse = { op, named, item: items.items, field };
  for (const { detect } of SCHEMES) {
    const pagination = detect(list);
    if (pagination) return pagination;
  }
  return undefined;
}
