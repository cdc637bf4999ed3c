// Structural comparison of two OpenAPI 3.x documents, restricted to a list of operations and the
// components they reach. Prose (description, summary, title, example(s)) and x-* extensions are ignored.
// Nullability is normalised: 3.0 `nullable: true`, 3.1 `type: [X, 'null']`, a null `enum` member and a
// `{type: 'null'}` member of oneOf/anyOf all mean "null is allowed". A oneOf/anyOf left with a single
// member after dropping null members is the same as that member.
//
// Every difference is identified by a stable string: a JSON pointer into OUR document (parameters are
// named rather than indexed) followed by a short kind, e.g.
//   "#/paths/~1chat~1completions/get/parameters/metadata: style".

export type Obj = Record<string, unknown>;

export interface OperationKey {
  method: string;
  /** The path, or for a webhook (`webhook: true`) its name in `webhooks`. */
  path: string;
  /** Absent for a webhook, which has none. */
  operationId?: string;
  webhook?: true;
}

/** Where a key's path item sits: `paths` or (a webhook) `webhooks`. */
const section = (key: OperationKey): 'paths' | 'webhooks' => (key.webhook ? 'webhooks' : 'paths');

export interface Difference {
  id: string;
  detail: string;
}

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapePointer = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Resolves a local `#/...` reference; undefined when it does not resolve. */
export function resolveRef(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const part of ref.slice(2).split('/')) {
    if (!isObj(node) && !Array.isArray(node)) return undefined;
    node = (node as Obj)[unescapePointer(part)];
  }
  return node;
}

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

// ---------------------------------------------------------------------------------------------------
// Schemas

const FACETS = [
  'const', 'format', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minItems', 'maxItems', 'uniqueItems', 'minLength', 'maxLength', 'pattern', 'minProperties', 'maxProperties',
  'readOnly', 'writeOnly', 'contentEncoding', 'contentMediaType',
] as const;

type UnionKind = 'oneOf' | 'anyOf';

export interface NormSchema {
  ptr: string;
  nullable: boolean;
  boolSchema?: boolean;
  ref?: string;
  type?: string[];
  enum?: string[];
  facets: Record<string, string>;
  deprecated: boolean;
  properties?: Map<string, NormSchema>;
  required: string[];
  items?: NormSchema;
  additionalProperties?: boolean | NormSchema;
  union?: { kind: UnionKind; members: NormSchema[] };
  allOf?: NormSchema[];
  discriminator?: string;
}

/** A schema that admits only null: `{type: 'null'}`, `{enum: [null]}` or `{const: null}`. */
function isNullOnly(s: unknown): boolean {
  if (!isObj(s) || s.$ref !== undefined || s.properties !== undefined || s.items !== undefined) return false;
  if (s.oneOf !== undefined || s.anyOf !== undefined || s.allOf !== undefined) return false;
  const t = s.type;
  if (t === 'null' || (Array.isArray(t) && t.length === 1 && t[0] === 'null')) return true;
  if (Array.isArray(s.enum) && s.enum.length === 1 && s.enum[0] === null) return true;
  return 'const' in s && s.const === null;
}

const hasStructure = (n: NormSchema): boolean =>
  n.ref !== undefined || n.type !== undefined || n.enum !== undefined || n.properties !== undefined ||
  n.items !== undefined || n.additionalProperties !== undefined || n.allOf !== undefined ||
  n.union !== undefined || n.discriminator !== undefined || n.required.length > 0;

export function normalizeSchema(raw: unknown, ptr: string): NormSchema {
  const n: NormSchema = { ptr, nullable: false, facets: {}, deprecated: false, required: [] };
  if (typeof raw === 'boolean') {
    n.boolSchema = raw;
    return n;
  }
  if (!isObj(raw)) {
    n.facets.invalid = show(raw);
    return n;
  }
  if (raw.nullable === true) n.nullable = true;
  if (typeof raw.$ref === 'string') n.ref = raw.$ref;
  if (raw.type !== undefined) {
    const types = (Array.isArray(raw.type) ? raw.type : [raw.type]).map(String);
    if (types.includes('null')) n.nullable = true;
    const rest = types.filter((t) => t !== 'null');
    // A bare {type: 'null'} keeps its type so that it is not mistaken for an empty schema.
    n.type = rest.length > 0 ? [...new Set(rest)].sort() : ['null'];
  }
  if (Array.isArray(raw.enum)) {
    if (raw.enum.includes(null)) n.nullable = true;
    n.enum = raw.enum.filter((v) => v !== null).map((v) => JSON.stringify(v)).sort();
  }
  for (const f of FACETS) if (raw[f] !== undefined) n.facets[f] = JSON.stringify(raw[f]);
  n.deprecated = raw.deprecated === true;
  if (Array.isArray(raw.required)) n.required = raw.required.map(String).sort();
  if (isObj(raw.properties)) {
    n.properties = new Map(
      Object.entries(raw.properties).map(([k, v]) => [k, normalizeSchema(v, `${ptr}/properties/${escapePointer(k)}`)]),
    );
  }
  if (raw.items !== undefined) n.items = normalizeSchema(raw.items, `${ptr}/items`);
  if (raw.additionalProperties !== undefined) {
    n.additionalProperties =
      typeof raw.additionalProperties === 'boolean'
        ? raw.additionalProperties
        : normalizeSchema(raw.additionalProperties, `${ptr}/additionalProperties`);
  }
  if (Array.isArray(raw.allOf)) n.allOf = raw.allOf.map((m, i) => normalizeSchema(m, `${ptr}/allOf/${i}`));
  if (isObj(raw.discriminator)) {
    n.discriminator = JSON.stringify({ propertyName: raw.discriminator.propertyName, mapping: raw.discriminator.mapping });
  }
  let collapseTo: NormSchema | undefined;
  for (const kind of ['oneOf', 'anyOf'] as const) {
    const list = raw[kind];
    if (!Array.isArray(list)) continue;
    const members: NormSchema[] = [];
    list.forEach((m, i) => {
      if (isNullOnly(m)) n.nullable = true;
      else members.push(normalizeSchema(m, `${ptr}/${kind}/${i}`));
    });
    // A union admits null when one of its members does.
    if (members.some((m) => m.nullable)) n.nullable = true;
    if (members.length === 1 && n.union === undefined && collapseTo === undefined) collapseTo = members[0];
    else if (n.union === undefined) n.union = { kind, members };
    else n.facets[`second union ${kind}`] = 'present';
  }
  if (collapseTo !== undefined) {
    if (hasStructure(n)) {
      // Single-member union beside other structure: keep it as a union.
      n.union = { kind: Array.isArray(raw.oneOf) ? 'oneOf' : 'anyOf', members: [collapseTo] };
    } else {
      return {
        ...collapseTo,
        nullable: n.nullable || collapseTo.nullable,
        facets: { ...collapseTo.facets, ...n.facets },
        deprecated: n.deprecated || collapseTo.deprecated,
      };
    }
  }
  return n;
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** Compares `ours` against `official`, appending differences identified by our pointers. */
export function diffSchemas(ours: NormSchema, official: NormSchema, out: Difference[]): void {
  const at = ours.ptr;
  const addRaw = (kind: string, o: string, f: string): void => {
    out.push({ id: `${at}: ${kind}`, detail: `ours ${o} vs official ${f} (official ${official.ptr})` });
  };
  const add = (kind: string, o: unknown, f: unknown): void => addRaw(kind, show(o), show(f));
  if (ours.boolSchema !== official.boolSchema) add('boolean schema', ours.boolSchema, official.boolSchema);
  if (ours.nullable !== official.nullable) add('nullable', ours.nullable, official.nullable);
  if (ours.ref !== official.ref) add('$ref', ours.ref, official.ref);
  if (!sameList(ours.type, official.type)) add('type', ours.type, official.type);
  if (!sameList(ours.enum, official.enum)) {
    const mine = ours.enum ?? [];
    const theirs = official.enum ?? [];
    const only = (a: string[], b: string[]): string => `[${a.filter((v) => !b.includes(v)).join(', ')}]`;
    addRaw('enum', `${ours.enum ? 'has extra' : '(absent)'} ${only(mine, theirs)}`, `${official.enum ? 'has extra' : '(absent)'} ${only(theirs, mine)}`);
  }
  for (const f of new Set([...Object.keys(ours.facets), ...Object.keys(official.facets)])) {
    if (ours.facets[f] !== official.facets[f]) addRaw(f, ours.facets[f] ?? '(absent)', official.facets[f] ?? '(absent)');
  }
  if (ours.deprecated !== official.deprecated) add('deprecated', ours.deprecated, official.deprecated);
  if (!sameList(ours.required, official.required)) add('required', ours.required, official.required);
  if (ours.discriminator !== official.discriminator) add('discriminator', ours.discriminator, official.discriminator);

  if ((ours.properties === undefined) !== (official.properties === undefined)) {
    add('properties', ours.properties && [...ours.properties.keys()], official.properties && [...official.properties.keys()]);
  } else if (ours.properties && official.properties) {
    for (const [name, theirs] of official.properties) {
      const mine = ours.properties.get(name);
      if (mine) diffSchemas(mine, theirs, out);
      else out.push({ id: `${at}/properties/${escapePointer(name)}: missing`, detail: `official ${theirs.ptr}` });
    }
    for (const [name, mine] of ours.properties) {
      if (!official.properties.has(name)) out.push({ id: `${mine.ptr}: extra`, detail: 'property not in the official schema' });
    }
  }

  if ((ours.items === undefined) !== (official.items === undefined)) add('items', ours.items !== undefined, official.items !== undefined);
  else if (ours.items && official.items) diffSchemas(ours.items, official.items, out);

  const ap = ours.additionalProperties;
  const apOff = official.additionalProperties;
  if (typeof ap === 'object' && typeof apOff === 'object') diffSchemas(ap, apOff, out);
  else if (typeof ap === 'object' || typeof apOff === 'object' || ap !== apOff) {
    add('additionalProperties', typeof ap === 'object' ? 'schema' : ap, typeof apOff === 'object' ? 'schema' : apOff);
  }

  diffMemberLists('allOf', ours.allOf, official.allOf);
  if (ours.union?.kind !== official.union?.kind) add('union kind', ours.union?.kind, official.union?.kind);
  else diffMemberLists(ours.union?.kind ?? 'oneOf', ours.union?.members, official.union?.members);

  function diffMemberLists(kind: string, a: NormSchema[] | undefined, b: NormSchema[] | undefined): void {
    if (a === undefined && b === undefined) return;
    if (a === undefined || b === undefined || a.length !== b.length) {
      add(`${kind} members`, a?.length, b?.length);
      return;
    }
    a.forEach((m, i) => diffSchemas(m, b[i] as NormSchema, out));
  }
}

// ---------------------------------------------------------------------------------------------------
// Operations

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function deref(doc: Obj, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < 10 && isObj(n) && typeof n.$ref === 'string'; i++) n = resolveRef(doc, n.$ref);
  return n;
}

function defaultStyle(location: string): string {
  return location === 'query' || location === 'cookie' ? 'form' : 'simple';
}

function parametersOf(doc: Obj, pathItem: Obj, op: Obj): Map<string, Obj> {
  const map = new Map<string, Obj>();
  for (const list of [pathItem.parameters, op.parameters]) {
    if (!Array.isArray(list)) continue;
    for (const p of list) {
      const param = deref(doc, p);
      if (isObj(param)) map.set(`${String(param.in)}:${String(param.name)}`, param);
    }
  }
  return map;
}

function diffContent(ours: unknown, official: unknown, ptr: string, offPtr: string, out: Difference[]): void {
  const a = isObj(ours) ? ours : {};
  const b = isObj(official) ? official : {};
  for (const ct of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const id = `${ptr}/content/${escapePointer(ct)}`;
    const mine = a[ct];
    const theirs = b[ct];
    if (!isObj(mine)) out.push({ id: `${id}: missing`, detail: `official declares ${ct}` });
    else if (!isObj(theirs)) out.push({ id: `${id}: extra`, detail: `official ${offPtr}/content declares only ${Object.keys(b).join(', ')}` });
    else {
      const offId = `${offPtr}/content/${escapePointer(ct)}/schema`;
      diffSchemas(normalizeSchema(mine.schema, `${id}/schema`), normalizeSchema(theirs.schema, offId), out);
    }
  }
}

function diffResponse(ours: Obj, oursDoc: Obj, official: Obj, officialDoc: Obj, ptr: string, offPtr: string, out: Difference[]): void {
  if (typeof ours.$ref === 'string' || typeof official.$ref === 'string') {
    // Referenced responses are compared once, as components.
    if (ours.$ref !== official.$ref) out.push({ id: `${ptr}: $ref`, detail: `ours ${show(ours.$ref)} vs official ${show(official.$ref)}` });
    return;
  }
  diffContent(ours.content, official.content, ptr, offPtr, out);
  const ha = isObj(ours.headers) ? ours.headers : {};
  const hb = isObj(official.headers) ? official.headers : {};
  for (const name of new Set([...Object.keys(ha), ...Object.keys(hb)])) {
    const id = `${ptr}/headers/${escapePointer(name)}`;
    const mine = deref(oursDoc, ha[name]);
    const theirs = deref(officialDoc, hb[name]);
    if (!isObj(mine)) out.push({ id: `${id}: missing`, detail: 'official declares this header' });
    else if (!isObj(theirs)) out.push({ id: `${id}: extra`, detail: 'header not in the official response' });
    else {
      if ((mine.required === true) !== (theirs.required === true)) out.push({ id: `${id}: required`, detail: `ours ${show(mine.required)} vs official ${show(theirs.required)}` });
      diffSchemas(normalizeSchema(mine.schema, `${id}/schema`), normalizeSchema(theirs.schema, `${offPtr}/headers/${escapePointer(name)}/schema`), out);
    }
  }
}

function diffOperation(oursDoc: Obj, officialDoc: Obj, key: OperationKey, out: Difference[]): void {
  const ptr = `#/${section(key)}/${escapePointer(key.path)}/${key.method}`;
  const pathA = (oursDoc[section(key)] as Obj | undefined)?.[key.path];
  const pathB = (officialDoc[section(key)] as Obj | undefined)?.[key.path];
  const a = isObj(pathA) ? pathA[key.method] : undefined;
  const b = isObj(pathB) ? pathB[key.method] : undefined;
  if (!isObj(a) || !isObj(pathA)) {
    out.push({ id: `${ptr}: missing operation`, detail: `${key.method.toUpperCase()} ${key.path} is not in our document` });
    return;
  }
  if (!isObj(b) || !isObj(pathB)) {
    out.push({ id: `${ptr}: not in official`, detail: `${key.method.toUpperCase()} ${key.path} is not in the official document` });
    return;
  }
  const fieldDiff = (kind: string, x: unknown, y: unknown): void => {
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ id: `${ptr}: ${kind}`, detail: `ours ${show(x)} vs official ${show(y)}` });
  };
  fieldDiff('operationId', a.operationId, b.operationId);
  if (a.operationId !== key.operationId) out.push({ id: `${ptr}: expected operationId`, detail: `ours ${show(a.operationId)}, expected ${key.operationId}` });
  fieldDiff('tags', a.tags, b.tags);
  fieldDiff('deprecated', a.deprecated === true, b.deprecated === true);
  fieldDiff('security', a.security, b.security);

  // Parameters, matched by (in, name).
  const pa = parametersOf(oursDoc, pathA, a);
  const pb = parametersOf(officialDoc, pathB, b);
  for (const k of new Set([...pa.keys(), ...pb.keys()])) {
    const mine = pa.get(k);
    const theirs = pb.get(k);
    const name = k.slice(k.indexOf(':') + 1);
    const id = `${ptr}/parameters/${escapePointer(name)}`;
    if (!mine) { out.push({ id: `${id}: missing`, detail: `official parameter ${k}` }); continue; }
    if (!theirs) { out.push({ id: `${id}: extra`, detail: `parameter ${k} not in official` }); continue; }
    const loc = String(mine.in);
    const styleA = typeof mine.style === 'string' ? mine.style : defaultStyle(loc);
    const styleB = typeof theirs.style === 'string' ? theirs.style : defaultStyle(loc);
    const explodeA = typeof mine.explode === 'boolean' ? mine.explode : styleA === 'form';
    const explodeB = typeof theirs.explode === 'boolean' ? theirs.explode : styleB === 'form';
    const pairs: Array<[string, unknown, unknown]> = [
      ['required', mine.required === true, theirs.required === true],
      ['style', styleA, styleB],
      ['explode', explodeA, explodeB],
      ['deprecated', mine.deprecated === true, theirs.deprecated === true],
      ['content', mine.content !== undefined, theirs.content !== undefined],
    ];
    for (const [kind, x, y] of pairs) if (x !== y) out.push({ id: `${id}: ${kind}`, detail: `ours ${show(x)} vs official ${show(y)}` });
    diffSchemas(normalizeSchema(mine.schema, `${id}/schema`), normalizeSchema(theirs.schema, `${ptr} parameter ${k} schema`), out);
  }

  // Request body.
  const ra = deref(oursDoc, a.requestBody);
  const rb = deref(officialDoc, b.requestBody);
  if (isObj(ra) !== isObj(rb)) out.push({ id: `${ptr}/requestBody: ${isObj(ra) ? 'extra' : 'missing'}`, detail: 'request body presence differs' });
  else if (isObj(ra) && isObj(rb)) {
    if ((ra.required === true) !== (rb.required === true)) out.push({ id: `${ptr}/requestBody: required`, detail: `ours ${show(ra.required)} vs official ${show(rb.required)}` });
    diffContent(ra.content, rb.content, `${ptr}/requestBody`, `${ptr}/requestBody`, out);
  }

  // Responses, per status code.
  const sa = isObj(a.responses) ? a.responses : {};
  const sb = isObj(b.responses) ? b.responses : {};
  for (const code of new Set([...Object.keys(sa), ...Object.keys(sb)])) {
    const id = `${ptr}/responses/${escapePointer(code)}`;
    const mine = sa[code];
    const theirs = sb[code];
    if (!isObj(mine)) out.push({ id: `${id}: missing`, detail: `official declares status ${code}` });
    else if (!isObj(theirs)) out.push({ id: `${id}: extra`, detail: `official does not declare status ${code}` });
    else diffResponse(mine, oursDoc, theirs, officialDoc, id, id, out);
  }
}

// ---------------------------------------------------------------------------------------------------
// Component closure

function collectRefs(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, into));
  else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') into.add(v);
      else if (!k.startsWith('x-') && k !== 'example' && k !== 'examples') collectRefs(v, into);
    }
  }
}

/** Every `#/components/...` reference reachable from the given operations, sorted. */
export function componentClosure(doc: Obj, ops: readonly OperationKey[]): string[] {
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const op of ops) {
    const items = doc[section(op)];
    const item = isObj(items) ? items[op.path] : undefined;
    if (!isObj(item)) continue;
    const found = new Set<string>();
    collectRefs(item.parameters, found);
    collectRefs(item[op.method], found);
    queue.push(...found);
  }
  while (queue.length > 0) {
    const ref = queue.pop() as string;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const found = new Set<string>();
    collectRefs(resolveRef(doc, ref), found);
    queue.push(...found);
  }
  return [...seen].sort();
}

/** Structural differences between our document and the official one, sorted by id. */
export function compareWithOracle(ours: Obj, official: Obj, ops: readonly OperationKey[]): Difference[] {
  const out: Difference[] = [];
  for (const op of ops) diffOperation(ours, official, op, out);

  // Operations in our document beyond the expected list.
  for (const where of ['paths', 'webhooks'] as const) {
    const expected = new Set(ops.filter((o) => section(o) === where).map((o) => `${o.method} ${o.path}`));
    for (const [p, item] of Object.entries(isObj(ours[where]) ? ours[where] : {})) {
      if (!isObj(item)) continue;
      for (const m of METHODS) {
        if (isObj(item[m]) && !expected.has(`${m} ${p}`)) out.push({ id: `#/${where}/${escapePointer(p)}/${m}: unexpected operation`, detail: 'not in the covered list' });
      }
    }
  }

  const ca = componentClosure(ours, ops);
  const cb = componentClosure(official, ops);
  const cbSet = new Set(cb);
  for (const ref of cb) if (!ca.includes(ref)) out.push({ id: `${ref}: missing`, detail: 'reached in the official document, not in ours' });
  for (const ref of ca) {
    if (!cbSet.has(ref)) { out.push({ id: `${ref}: extra`, detail: 'reached in our document, not in the official one' }); continue; }
    const mine = resolveRef(ours, ref);
    const theirs = resolveRef(official, ref);
    if (mine === undefined) { out.push({ id: `${ref}: unresolved`, detail: 'our reference does not resolve' }); continue; }
    if (ref.startsWith('#/components/schemas/')) diffSchemas(normalizeSchema(mine, ref), normalizeSchema(theirs, ref), out);
    else if (ref.startsWith('#/components/responses/') && isObj(mine) && isObj(theirs)) diffResponse(mine, ours, theirs, official, ref, ref, out);
    else if (JSON.stringify(stripProse(mine)) !== JSON.stringify(stripProse(theirs))) out.push({ id: `${ref}: differs`, detail: 'component differs' });
  }
  return out.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function stripProse(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripProse);
  if (!isObj(node)) return node;
  const out: Obj = {};
  for (const [k, v] of Object.entries(node)) {
    if (['description', 'summary', 'title', 'example', 'examples'].includes(k) || k.startsWith('x-')) continue;
    out[k] = stripProse(v);
  }
  return out;
}

/** Every string value under a `description` or `summary` key (schema properties named so are objects and skipped). */
export function collectProse(node: unknown, into: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => collectProse(n, into));
  else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'description' || k === 'summary') && typeof v === 'string') into.push(v);
      else collectProse(v, into);
    }
  }
  return into;
}

export const squashSpace = (s: string): string => s.replace(/\s+/g, ' ').trim();
