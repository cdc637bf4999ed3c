/**
 * The OpenAPI query parameter styles other than `form` exploded (the default, in `query.ts`): `form` not
 * exploded, `deepObject`, `pipeDelimited` and `spaceDelimited`. Emitted code passes `paramStyles({ … })` as
 * `RequestSpec.queryStyles` for the operations whose spec declares such styles; a package without them ships
 * none of this.
 */
import {
  enc,
  formExploded,
  isObjectValue,
  present,
  type QueryParamWriter,
  type QueryWriters,
} from './query.js';
import { scalar } from './util.js';

export type QueryStyle = 'form' | 'deepObject' | 'pipeDelimited' | 'spaceDelimited';

export interface QueryParamStyle {
  style?: QueryStyle;
  /** Defaults to true for `form` and `deepObject`, false otherwise. */
  explode?: boolean;
}

/** `metadata[a][b]=v` with the brackets left readable. */
const deepObject: QueryParamWriter = (prefix, value, out) => {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) value.forEach((item, i) => deepObject(`${prefix}[${i}]`, item, out));
  else if (isObjectValue(value))
    for (const [k, v] of Object.entries(value)) deepObject(`${prefix}[${enc(k)}]`, v, out);
  else out.push(`${prefix}=${enc(scalar(value))}`);
};

/** One pair, the items joined with `separator` (an object's as `key,value` pairs). */
const delimited =
  (separator: string): QueryParamWriter =>
  (key, value, out) => {
    if (Array.isArray(value))
      out.push(
        `${key}=${present(value)
          .map((item) => enc(scalar(item)))
          .join(separator)}`,
      );
    else if (isObjectValue(value))
      out.push(
        `${key}=${present(Object.entries(value), ([, v]) => v)
          .map(([k, v]) => `${enc(k)},${enc(scalar(v))}`)
          .join(',')}`,
      );
    else out.push(`${key}=${enc(scalar(value))}`);
  };

const SEPARATORS: Record<QueryStyle, string> = {
  form: ',',
  deepObject: ',',
  pipeDelimited: '|',
  spaceDelimited: '%20',
};

/** The writer of one style: exploded `form` (and `pipeDelimited`/`spaceDelimited`, which OpenAPI leaves to it). */
function writer({
  style = 'form',
  explode = style === 'form' || style === 'deepObject',
}: QueryParamStyle): QueryParamWriter {
  if (style === 'deepObject') return deepObject;
  return explode ? formExploded : delimited(SEPARATORS[style]);
}

/** `RequestSpec.queryStyles` for the parameters named: each one's writer. */
export function paramStyles(styles: Record<string, QueryParamStyle>): QueryWriters {
  return new Map(Object.entries(styles).map(([name, style]) => [name, writer(style)]));
}
