/**
 * Query-string serialization: each parameter as OpenAPI's default style, `form` exploded (`tags=x&tags=y` for
 * an array, `a=1&b=2` for an object), unless the request names another writer for it (`RequestSpec.queryStyles`,
 * which `paramStyles` in `query-styles.ts` makes for the operations whose spec declares other styles, so that a
 * package without them ships none). `undefined` and `null` values are left out.
 */
import { scalar } from './util.js';

/** Writes one parameter: its `name=value` pairs (`key` is the encoded name) pushed to `out`. */
export type QueryParamWriter = (key: string, value: unknown, out: string[]) => void;

/** `RequestSpec.queryStyles`: the writers of the parameters not sent as `form`, exploded, by name. */
export type QueryWriters = ReadonlyMap<string, QueryParamWriter>;

export const enc = encodeURIComponent;

/** Whether a value is written as an object (its entries): not a scalar, an array or a date. */
export const isObjectValue = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !(value instanceof Date);

/** The values of an array, or the entries of an object, that are sent (not `undefined` or `null`). */
export const present = <T,>(items: T[], value: (item: T) => unknown = (item) => item): T[] =>
  items.filter((item) => value(item) !== undefined && value(item) !== null);

/** `form`, exploded: an array as one pair per item, an object as one pair per entry, a scalar as one pair. */
export const formExploded: QueryParamWriter = (key, value, out) => {
  if (Array.isArray(value))
    for (const item of present(value)) out.push(`${key}=${enc(scalar(item))}`);
  else if (isObjectValue(value))
    for (const [k, v] of present(Object.entries(value), ([, v]) => v))
      out.push(`${enc(k)}=${enc(scalar(v))}`);
  else out.push(`${key}=${enc(scalar(value))}`);
};

export function buildQuery(
  query: Record<string, unknown> | undefined,
  writers?: QueryWriters,
): string {
  if (!query) return '';
  const out: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null)
      (writers?.get(name) ?? formExploded)(enc(name), value, out);
  }
  return out.join('&');
}
