/**
 * Which list operations page, and by which scheme: one detector per member of `IRPagination`, tried in order.
 * A new scheme is a new member of the union (`ir/types.ts`), a detector here and a runtime page class.
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
  const cursor = op.parameters.query.find((p) => p.name === CURSOR_PARAM);
  if (hasMore && cursor) return { kind: 'cursor', cursorParam: CURSOR_PARAM, item: items.items };
  return { kind: 'single', item: items.items };
}
