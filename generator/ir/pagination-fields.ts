/**
 * Reading a list body's shape for pagination: what a field path (`['response_metadata', 'next_cursor']`) holds in
 * a response schema, looking through refs, `allOf` parts and `oneOf`/`anyOf` variants, and where the body's items
 * are. Used by the detectors of `ir/pagination.ts` and by the extensions of `ir/pagination-extensions.ts`.
 */
import type { IRFieldPath, IRParameter, IRSchema } from './types.js';
import { isBoolean, isString } from './walk.js';

type Named = ReadonlyMap<string, IRSchema>;

/** How many refs, unions or intersections deep a lookup goes (cyclic schemas). */
const MAX_DEPTH = 8;

/** The schemas `schema` may be, refs followed and unions and intersections flattened; `null` left out. */
export function alternatives(schema: IRSchema | undefined, named: Named, depth = 0): IRSchema[] {
  if (!schema || depth > MAX_DEPTH) return [];
  switch (schema.kind) {
    case 'ref':
      return alternatives(named.get(schema.name), named, depth + 1);
    case 'union':
      return schema.variants.flatMap((v) => alternatives(v, named, depth + 1));
    case 'intersection':
      return schema.parts.flatMap((p) => alternatives(p, named, depth + 1));
    case 'primitive':
      return schema.type === 'null' ? [] : [schema];
    default:
      return [schema];
  }
}

/** The schemas found at `path` inside `schema` (every alternative that has the property). */
export function schemasAt(schema: IRSchema, path: IRFieldPath, named: Named): IRSchema[] {
  let here = alternatives(schema, named);
  for (const name of path) {
    here = here.flatMap((s) => (s.kind === 'object' ? s.properties.filter((p) => p.name === name).flatMap((p) => described(p.schema, alternatives(p.schema, named))) : []));
  }
  return here;
}

/** Alternatives that keep the description and format of the schema they come from (a described `anyOf`). */
const described = (from: IRSchema, alts: IRSchema[]): IRSchema[] =>
  alts.map((a) => ({ ...a, ...(a.description === undefined && from.description !== undefined ? { description: from.description } : {}), ...(a.format === undefined && from.format !== undefined ? { format: from.format } : {}) }) as IRSchema);

/** The names of the properties of `schema`'s object alternatives, in order, each once. */
export function propertyNames(schema: IRSchema, named: Named): string[] {
  const names = alternatives(schema, named).flatMap((s) => (s.kind === 'object' ? s.properties.map((p) => p.name) : []));
  return [...new Set(names)];
}

const isNumeric = (s: IRSchema): boolean => (s.kind === 'primitive' && (s.type === 'integer' || s.type === 'number')) || (s.kind === 'const' && typeof s.value === 'number');

/** What a field must hold for a scheme to read it. */
export const FIELD = {
  array: (s: IRSchema) => s.kind === 'array',
  boolean: isBoolean,
  string: isString,
  number: isNumeric,
  /** A token: a string or a number. */
  token: (s: IRSchema) => isString(s) || isNumeric(s),
} satisfies Record<string, (s: IRSchema) => boolean>;

export function holds(schema: IRSchema, path: IRFieldPath, test: (s: IRSchema) => boolean, named: Named): boolean {
  return schemasAt(schema, path, named).some(test);
}

/** The first of `paths` at which `schema` holds a field passing `test`. */
export function firstHeld(schema: IRSchema, paths: readonly IRFieldPath[], test: (s: IRSchema) => boolean, named: Named): IRFieldPath | undefined {
  return paths.find((p) => holds(schema, p, test, named));
}

/** The type of one element of the array at `path`, or undefined when there is no array there. */
export function arrayItemAt(schema: IRSchema, path: IRFieldPath, named: Named): IRSchema | undefined {
  const array = schemasAt(schema, path, named).find((s) => s.kind === 'array');
  return array?.kind === 'array' ? array.items : undefined;
}

/** Item arrays by name, most likely first. */
const ITEM_NAMES = ['data', 'items', 'results', 'result', 'entries', 'records', 'values'];
/** Arrays beside the items that are not them. */
const NOT_ITEMS = new Set(['errors', 'messages', 'warnings', 'html_attributions', 'info_messages', 'order']);

/**
 * Where the body's items are: the body itself when it is an array; else its array property named like a list
 * (`data`, `items`, `results`, `result`, `entries`, …), else its only array property (leaving out `errors`,
 * `messages` and the like). Undefined when there is none, or several and none named like a list.
 */
export function findItems(body: IRSchema, named: Named): { path: IRFieldPath; item: IRSchema } | undefined {
  const top = arrayItemAt(body, [], named);
  if (top) return { path: [], item: top };
  const arrays = propertyNames(body, named).filter((n) => holds(body, [n], FIELD.array, named));
  const name = ITEM_NAMES.find((n) => arrays.includes(n)) ?? (() => {
    const rest = arrays.filter((n) => !NOT_ITEMS.has(n));
    return rest.length === 1 ? rest[0] : undefined;
  })();
  if (name === undefined) return undefined;
  return { path: [name], item: arrayItemAt(body, [name], named)! };
}

/** Whether every alternative of an item type has the property `name` (so a page's last item has it). */
export function itemsHave(item: IRSchema, name: string, named: Named): boolean {
  const alts = alternatives(item, named);
  return alts.length > 0 && alts.every((s) => s.kind === 'object' && s.properties.some((p) => p.name === name && alternatives(p.schema, named).some(FIELD.token)));
}

/** Whether a query parameter takes numbers (`integer` or `number`). */
export const numericParam = (p: IRParameter, named: Named): boolean => alternatives(p.schema, named).some(isNumeric);

/** Whether a query parameter takes a single plain value (a cursor or a token): not an object or an array. */
export const scalarParam = (p: IRParameter, named: Named): boolean => {
  const alts = alternatives(p.schema, named);
  return alts.length === 0 || alts.some((s) => s.kind !== 'object' && s.kind !== 'array' && s.kind !== 'tuple');
};

/** A field path in words: `response_metadata.next_cursor`, or `the body` for `[]`. */
export const showPath = (path: IRFieldPath): string => (path.length ? `\`${path.join('.')}\`` : 'the body');

/** The number of a list's first page: the page parameter's default or minimum when it is 0 or 1, else 1. */
export function firstPage(param: IRParameter): number {
  const { default: dflt, minimum } = param.schema as { default?: unknown; minimum?: unknown };
  if (dflt === 0 || dflt === 1) return dflt;
  if (minimum === 0 || minimum === 1) return minimum;
  return 1;
}
