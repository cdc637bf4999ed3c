/**
 * Pagination declared in the spec, which wins over detection (`ir/pagination.ts`). Read on the operation, in this
 * order; the first that maps to a member of `IRPagination` is used. One that cannot be mapped (a cursor in the
 * request body, a path that is no array in the response) is a warning at the extension, and the next one, then
 * detection, is tried.
 * - `x-sdkforge-pagination`: the member without `item`, `reason` and `source`: `{ kind: cursor, cursorParam:
 *   after }`; field paths as arrays or dotted strings (`response_metadata.next_cursor`). Defaults: `items` found
 *   from the body; cursor `cursorParam: after`, `cursorField: id`, `hasMore: has_more` when the body has it;
 *   token `cursorParam: cursor`, `nextCursor: next_cursor`; offset `offsetParam: offset`, `limitParam: limit` when
 *   the operation takes it; page-number `pageParam: page`, `start: 1`; next-url `nextURL: next`. `false`: a plain
 *   call, whatever detection would find.
 * - `x-speakeasy-pagination`: `{ type: offsetLimit | cursor | url, inputs: [{ name, in: parameters, type: offset |
 *   page | limit | cursor }], outputs: { results, nextCursor, numPages, nextUrl } }`, outputs as JSONPath
 *   (`$.data.resultArray`); a `nextCursor` of `$.<results>[-1].<field>` is a cursor from the last item.
 * - `x-fern-pagination`: `{ cursor: $request.x, next_cursor: $response.y, results: $response.z, has-next-page? }`
 *   (a token), `{ offset: $request.page, results, step?: $request.limit }` (page numbers; with `step`, an offset
 *   advanced by the items received), `{ next_uri | next_path: $response.next, results }` (a next URL);
 *   `x-fern-pagination: true` on the operation takes the document root's `x-fern-pagination`.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Extensions } from './extensions.js';
import { arrayItemAt, findItems, firstPage, holds, FIELD, showPath } from './pagination-fields.js';
import type { IRFieldPath, IROperation, IRPagination, IRSchema } from './types.js';

type Raw = Record<string, unknown>;
type Source = IRPagination['source'];
type Named = ReadonlyMap<string, IRSchema>;
/** A member as an extension gives it, before the items are looked up. */
type Declared = IRPagination extends infer M ? (M extends IRPagination ? Omit<M, 'item' | 'items' | 'source'> : never) : never;

class Unmapped extends Error {}
const fail = (why: string): never => {
  throw new Unmapped(why);
};

interface Reading {
  op: Omit<IROperation, 'place'>;
  named: Named;
  body: IRSchema;
  /** A query parameter the operation takes, or a failure naming it. */
  param(name: unknown, what: string): string;
}

const EXTENSIONS: { name: Source; read(value: unknown, r: Reading, root?: Extensions): { member: Declared; items?: IRFieldPath } | false | undefined }[] = [
  { name: 'x-sdkforge-pagination', read: readOwn },
  { name: 'x-speakeasy-pagination', read: readSpeakeasy },
  { name: 'x-fern-pagination', read: readFern },
];

/**
 * The pagination an extension declares, `false` when one says the operation does not page, undefined when none
 * applies.
 */
export function declaredPagination(op: Omit<IROperation, 'place'>, named: Named, context: { warn(d: Diagnostic): void; rootExtensions?: Extensions }): IRPagination | false | undefined {
  const body = op.success!.schema;
  const reading: Reading = {
    op,
    named,
    body,
    param(name, what) {
      if (typeof name !== 'string' || !name) return fail(`its ${what} names no parameter`);
      if (!op.parameters.query.some((p) => p.name === name)) return fail(`its ${what} \`${name}\` is not a query parameter of the operation`);
      return name;
    },
  };
  for (const { name, read } of EXTENSIONS) {
    const value = op.extensions?.[name];
    if (value === undefined) continue;
    try {
      const got = read(value, reading, context.rootExtensions);
      if (got === false) return false;
      if (!got) continue;
      const items = got.items ?? findItems(body, named)?.path ?? fail('no array of items was found in the response');
      const item = arrayItemAt(body, items, named) ?? fail(`${showPath(items)} is not an array in the response`);
      const { kind, ...fields } = got.member;
      return { kind, items, ...fields, item, source: name } as IRPagination;
    } catch (err) {
      if (!(err instanceof Unmapped)) throw err;
      context.warn({
        severity: 'warning',
        code: 'pagination-extension-unmapped',
        message: `${name} cannot be read: ${err.message}; the operation's pagination is detected instead.`,
        hint: 'Correct the extension (README, Pagination, lists the shapes read), or declare it with `x-sdkforge-pagination`.',
        pointer: `${op.pointer}/${name}`,
      });
    }
  }
  return undefined;
}

/** A field path from an array of names or a dotted string; `''` and `[]` are the body itself. */
function fieldPath(value: unknown, what: string): IRFieldPath {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  if (typeof value === 'string') return value === '' ? [] : value.split('.');
  return fail(`${what} is not a field path (an array of property names or a dotted string)`);
}

const TYPE_WORDS = new Map<(s: IRSchema) => boolean, string>([
  [FIELD.array, 'an array'],
  [FIELD.boolean, 'a boolean'],
  [FIELD.number, 'a number'],
  [FIELD.string, 'a string'],
  [FIELD.token, 'a string or a number'],
]);

/** Whether the response has a field at `path` that `test` accepts; a failure naming it otherwise. */
function responseField(r: Reading, path: IRFieldPath, test: (s: IRSchema) => boolean, what: string): IRFieldPath {
  return holds(r.body, path, test, r.named) ? path : fail(`its ${what} ${showPath(path)} is not ${TYPE_WORDS.get(test) ?? 'a field of the type it needs'} in the response`);
}

function readOwn(value: unknown, r: Reading): { member: Declared; items?: IRFieldPath } | false {
  if (value === false) return false;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('it is not an object or false');
  const v = value as Raw;
  const items = v.items === undefined ? undefined : fieldPath(v.items, 'items');
  const path = (key: string, fallback: IRFieldPath | undefined, test: (s: IRSchema) => boolean): IRFieldPath | undefined =>
    v[key] === undefined ? fallback && (holds(r.body, fallback, test, r.named) ? fallback : undefined) : responseField(r, fieldPath(v[key], key), test, key);
  const reason = `x-sdkforge-pagination (${String(v.kind)})`;
  const has = (name: string) => r.op.parameters.query.some((p) => p.name === name);
  const optional = <K extends string, T>(key: K, got: T | undefined): { [P in K]?: T } => (got === undefined ? {} : ({ [key]: got } as { [P in K]: T }));
  let member: Declared;
  switch (v.kind) {
    case 'cursor':
      member = {
        kind: 'cursor',
        cursorParam: r.param(v.cursorParam ?? 'after', 'cursorParam'),
        cursorField: typeof v.cursorField === 'string' ? v.cursorField : 'id',
        ...optional('hasMore', path('hasMore', ['has_more'], FIELD.boolean)),
        reason,
      };
      break;
    case 'token':
      member = {
        kind: 'token',
        cursorParam: r.param(v.cursorParam ?? 'cursor', 'cursorParam'),
        nextCursor: path('nextCursor', undefined, FIELD.token) ?? responseField(r, ['next_cursor'], FIELD.token, 'nextCursor'),
        ...optional('hasMore', path('hasMore', undefined, FIELD.boolean)),
        ...optional('done', path('done', undefined, FIELD.boolean)),
        reason,
      };
      break;
    case 'offset':
      member = {
        kind: 'offset',
        offsetParam: r.param(v.offsetParam ?? 'offset', 'offsetParam'),
        ...optional('limitParam', v.limitParam === undefined ? (has('limit') ? 'limit' : undefined) : r.param(v.limitParam, 'limitParam')),
        ...optional('total', path('total', undefined, FIELD.number)),
        reason,
      };
      break;
    case 'page-number': {
      const pageParam = r.param(v.pageParam ?? 'page', 'pageParam');
      member = {
        kind: 'page-number',
        pageParam,
        start: typeof v.start === 'number' && Number.isInteger(v.start) ? v.start : v.start === undefined ? 1 : fail('its start is not an integer'),
        ...optional('limitParam', v.limitParam === undefined ? undefined : r.param(v.limitParam, 'limitParam')),
        ...optional('totalPages', path('totalPages', undefined, FIELD.number)),
        reason,
      };
      break;
    }
    case 'link-header':
      member = { kind: 'link-header', reason };
      break;
    case 'next-url':
      member = { kind: 'next-url', nextURL: path('nextURL', undefined, FIELD.string) ?? responseField(r, ['next'], FIELD.string, 'nextURL'), reason };
      break;
    case 'single':
      member = { kind: 'single', reason };
      break;
    default:
      return fail(`its kind ${JSON.stringify(v.kind)} is none of cursor, token, offset, page-number, link-header, next-url, single`);
  }
  return { member, ...optional('items', items) };
}

/** A JSONPath of names from the root (`$.data.items`, `$['data']`), and a trailing `[-1].field` when allowed. */
function jsonPath(value: unknown, what: string): { path: IRFieldPath; lastItemField?: string } {
  if (typeof value !== 'string' || !value.startsWith('$')) return fail(`its ${what} is not a JSONPath from \`$\``);
  const path: string[] = [];
  let lastItemField: string | undefined;
  const segment = /^(?:\.([A-Za-z_$][\w$-]*)|\[(?:'([^']*)'|"([^"]*)")\]|\[-1\]\.([A-Za-z_$][\w$-]*)$)/;
  let rest = value.slice(1);
  while (rest) {
    const m = segment.exec(rest);
    if (!m) return fail(`its ${what} \`${value}\` is not a path of property names`);
    if (m[4] !== undefined) lastItemField = m[4];
    else path.push((m[1] ?? m[2] ?? m[3])!);
    rest = rest.slice(m[0].length);
  }
  return lastItemField === undefined ? { path } : { path, lastItemField };
}

function readSpeakeasy(value: unknown, r: Reading): { member: Declared; items?: IRFieldPath } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return fail('it is not an object');
  const v = value as Raw;
  const inputs = Array.isArray(v.inputs) ? (v.inputs as Raw[]) : [];
  const outputs = (v.outputs && typeof v.outputs === 'object' ? v.outputs : {}) as Raw;
  const input = (type: string): string | undefined => {
    const found = inputs.find((i) => i && i.type === type);
    if (!found) return undefined;
    if (found.in !== 'parameters') return fail(`its ${type} input is in ${JSON.stringify(found.in)}, not in parameters`);
    return r.param(found.name, `${type} input`);
  };
  const results = outputs.results === undefined ? undefined : jsonPath(outputs.results, 'outputs.results').path;
  const reason = `x-speakeasy-pagination (${String(v.type)})`;
  const limit = input('limit');
  const limitParam = limit ? { limitParam: limit } : {};
  switch (v.type) {
    case 'offsetLimit': {
      const offset = input('offset');
      const page = input('page');
      if (offset) return { member: { kind: 'offset', offsetParam: offset, ...limitParam, reason }, ...(results ? { items: results } : {}) };
      if (!page) return fail('an offsetLimit pagination has neither an offset nor a page input');
      const numPages = outputs.numPages === undefined ? undefined : responseField(r, jsonPath(outputs.numPages, 'outputs.numPages').path, FIELD.number, 'numPages');
      const param = r.op.parameters.query.find((p) => p.name === page)!;
      return { member: { kind: 'page-number', pageParam: page, start: firstPage(param), ...limitParam, ...(numPages ? { totalPages: numPages } : {}), reason }, ...(results ? { items: results } : {}) };
    }
    case 'cursor': {
      const cursor = input('cursor') ?? fail('a cursor pagination has no cursor input');
      const next = jsonPath(outputs.nextCursor, 'outputs.nextCursor');
      if (next.lastItemField !== undefined) {
        return { member: { kind: 'cursor', cursorParam: cursor, cursorField: next.lastItemField, reason }, items: results ?? next.path };
      }
      return { member: { kind: 'token', cursorParam: cursor, nextCursor: responseField(r, next.path, FIELD.token, 'nextCursor'), reason }, ...(results ? { items: results } : {}) };
    }
    case 'url': {
      const next = responseField(r, jsonPath(outputs.nextUrl, 'outputs.nextUrl').path, FIELD.string, 'nextURL');
      return { member: { kind: 'next-url', nextURL: next, reason }, ...(results ? { items: results } : {}) };
    }
    default:
      return fail(`its type ${JSON.stringify(v.type)} is none of offsetLimit, cursor, url`);
  }
}

/** `$request.name` → `name`; `$response.a.b` → `['a', 'b']`. */
function fernPath(value: unknown, prefix: '$request' | '$response', what: string): IRFieldPath {
  if (typeof value !== 'string' || !value.startsWith(`${prefix}.`)) return fail(`its ${what} is not a \`${prefix}.…\` path`);
  return value.slice(prefix.length + 1).split('.');
}

function fernParam(value: unknown, r: Reading, what: string): string {
  const path = fernPath(value, '$request', what);
  if (path.length !== 1) return fail(`its ${what} \`${String(value)}\` is inside the request body, which is not paged here`);
  return r.param(path[0], what);
}

function readFern(value: unknown, r: Reading, root?: Extensions): { member: Declared; items?: IRFieldPath } | false | undefined {
  if (value === false) return undefined;
  const declared = value === true ? root?.['x-fern-pagination'] : value;
  if (value === true && (!declared || typeof declared !== 'object')) return fail('it is `true` but the document root declares no x-fern-pagination object');
  if (!declared || typeof declared !== 'object' || Array.isArray(declared)) return fail('it is not an object or true');
  const v = declared as Raw;
  const items = v.results === undefined ? undefined : fernPath(v.results, '$response', 'results');
  const withItems = (member: Declared) => ({ member, ...(items ? { items } : {}) });
  const hasNext = v['has-next-page'] === undefined ? undefined : responseField(r, fernPath(v['has-next-page'], '$response', 'has-next-page'), FIELD.boolean, 'has-next-page');
  if (v.cursor !== undefined) {
    const nextCursor = responseField(r, fernPath(v.next_cursor, '$response', 'next_cursor'), FIELD.token, 'next_cursor');
    return withItems({ kind: 'token', cursorParam: fernParam(v.cursor, r, 'cursor'), nextCursor, ...(hasNext ? { hasMore: hasNext } : {}), reason: 'x-fern-pagination (cursor)' });
  }
  if (v.offset !== undefined) {
    const param = fernParam(v.offset, r, 'offset');
    if (v.step !== undefined) return withItems({ kind: 'offset', offsetParam: param, limitParam: fernParam(v.step, r, 'step'), reason: 'x-fern-pagination (offset with step)' });
    const page = r.op.parameters.query.find((p) => p.name === param)!;
    return withItems({ kind: 'page-number', pageParam: param, start: firstPage(page), reason: 'x-fern-pagination (offset)' });
  }
  const uri = v.next_uri ?? v.next_path;
  if (uri !== undefined) {
    return withItems({ kind: 'next-url', nextURL: responseField(r, fernPath(uri, '$response', v.next_uri !== undefined ? 'next_uri' : 'next_path'), FIELD.string, 'nextURL'), reason: `x-fern-pagination (${v.next_uri !== undefined ? 'next_uri' : 'next_path'})` });
  }
  return fail('it has none of cursor, offset, next_uri, next_path');
}
