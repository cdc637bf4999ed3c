/**
 * Query-string serialization per OpenAPI parameter styles: `form` (exploded or not), `deepObject`,
 * `pipeDelimited` and `spaceDelimited`. `undefined` and `null` values are left out.
 */
import { scalar } from './util.js';

export type QueryStyle = 'form' | 'deepObject' | 'pipeDelimited' | 'spaceDelimited';

export interface QueryParamStyle {
  style?: QueryStyle;
  /** Defaults to true for `form` and `deepObject`, false otherwise. */
  explode?: boolean;
}

const enc = encodeURIComponent;

/** `metadata[a][b]=v` with the brackets left readable. */
function deepObject(prefix: string, value: unknown, out: string[]): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => deepObject(`${prefix}[${i}]`, item, out));
  } else if (typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) deepObject(`${prefix}[${enc(k)}]`, v, out);
  } else {
    out.push(`${prefix}=${enc(scalar(value))}`);
  }
}

export function buildQuery(
  query: Record<string, unknown> | undefined,
  styles: Record<string, QueryParamStyle> = {},
): string {
  if (!query) return '';
  const out: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const { style = 'form', explode = style === 'form' || style === 'deepObject' } =
      styles[name] ?? {};
    const key = enc(name);
    if (style === 'deepObject') {
      deepObject(key, value, out);
    } else if (Array.isArray(value)) {
      const items = value.filter((v) => v !== undefined && v !== null).map(scalar);
      if (explode) for (const item of items) out.push(`${key}=${enc(item)}`);
      else
        out.push(
          `${key}=${items.map(enc).join(style === 'pipeDelimited' ? '|' : style === 'spaceDelimited' ? '%20' : ',')}`,
        );
    } else if (typeof value === 'object' && !(value instanceof Date)) {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
      if (explode) for (const [k, v] of entries) out.push(`${enc(k)}=${enc(scalar(v))}`);
      else out.push(`${key}=${entries.map(([k, v]) => `${enc(k)},${enc(scalar(v))}`).join(',')}`);
    } else {
      out.push(`${key}=${enc(scalar(value))}`);
    }
  }
  return out.join('&');
}
