/**
 * Where each operation sits in the client's resource namespaces (`client.chat.completions.create(…)`). The names
 * come from the first of these that gives them:
 * 1. `x-sdkforge-resource` (a dotted string or an array of names) and `x-sdkforge-method`;
 * 2. `x-speakeasy-group` (dotted for nesting) and `x-speakeasy-name-override`;
 * 3. `x-fern-sdk-group-name` (a string or an array) and `x-fern-sdk-method-name`;
 * 4. OpenAPI 3.2 tag `parent` chains: the operation's first tag, when it is part of a hierarchy, and its ancestors;
 * 5. the path, by REST conventions (`pathPlace`).
 * A rule giving only a method name leaves the resource to the next rule that gives one; a method nothing names
 * comes from the path. Collisions are then resolved in document order (`placeAll`).
 */
import { memberName, NameAllocator } from './names.js';
import type { IROperation, IRResourcePlace, IRTag } from './types.js';

type PlaceSource = IRResourcePlace['source'];
type Unplaced = Omit<IROperation, 'place'>;

/** What a naming rule says of an operation: a resource path, a method name, or both. */
interface Named {
  resource?: string[];
  method?: string;
}

/** A resource path as an extension writes it: `chat.completions`, `['chat', 'completions']`. */
function resourcePath(value: unknown): string[] | undefined {
  const parts = typeof value === 'string' ? value.split('.') : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  const names = parts?.map((p) => p.trim()).filter(Boolean);
  return names?.length ? names : undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

const EXTENSION_RULES: { source: PlaceSource; resource: string; method: string }[] = [
  { source: 'x-sdkforge', resource: 'x-sdkforge-resource', method: 'x-sdkforge-method' },
  { source: 'x-speakeasy', resource: 'x-speakeasy-group', method: 'x-speakeasy-name-override' },
  { source: 'x-fern', resource: 'x-fern-sdk-group-name', method: 'x-fern-sdk-method-name' },
];

/** A leading segment that is no resource: an API or version prefix (`/api`, `/v1`, `/v2beta`). */
const PREFIX_SEGMENT = /^(?:api|rest|v\d+(?:[._-]?\w+)?)$/i;

const isParam = (segment: string) => /^\{[^}]*\}$/.test(segment);

/** A segment naming a collection: a plural noun (`messages`, `files`), not `status`, `access` or `analysis`. */
const isPlural = (segment: string) => /[^su]s$/i.test(segment) && !/(?:ss|us|is)$/i.test(segment);

/** The REST method of an operation on a collection or on one of its items. */
function restMethod(method: string, item: boolean): string {
  const m = method.toLowerCase();
  if (item) return m === 'get' ? 'retrieve' : m === 'delete' ? 'delete' : m === 'post' || m === 'put' || m === 'patch' ? 'update' : memberName(m);
  return m === 'get' ? 'list' : m === 'post' ? 'create' : m === 'put' || m === 'patch' ? 'update' : m === 'delete' ? 'delete' : memberName(m);
}

/**
 * The place the path gives, by REST conventions: static segments are resources and `{param}` segments are not; a
 * leading API or version prefix (`/api`, `/v1`) is dropped.
 * - A collection's (a plural noun's) GET is `list` and POST `create`; an item's (a path ending in a parameter) GET
 *   `retrieve`, POST/PUT/PATCH `update` and DELETE `delete`.
 * - A trailing singular segment is a singleton sub-resource when its path can be read (`readable`: it has a GET;
 *   `/organization/data_retention` → `retrieve`, `update`), else an action on the resource before it when that is
 *   an item or a collection (`/batches/{id}/cancel` → `batches.cancel`, `/certificates/activate` →
 *   `certificates.activate`), else a resource of its own (`/audio/speech` → `audio.speech.create`).
 * - A `:verb` suffix is an action (`/v1/{name}:cancel` → `cancel`).
 * A flag in the path key's fixed query (`/responses?beta=true`) becomes a namespace above these (`beta.responses`).
 */
export function pathPlace(method: string, path: string, readable = method.toLowerCase() === 'get'): { resource: string[]; method: string } {
  const segments = path.split('/').filter(Boolean);
  while (segments.length > 1 && PREFIX_SEGMENT.test(segments[0]!)) segments.shift();
  let action: string | undefined;
  let singleton = false;
  const last = segments.at(-1);
  const before = segments.at(-2);
  const verb = last !== undefined ? /^(.*?):([A-Za-z][\w-]*)$/.exec(last) : null;
  if (verb) {
    action = verb[2]!;
    if (verb[1]) segments[segments.length - 1] = verb[1];
    else segments.pop();
  } else if (last !== undefined && !isParam(last) && !isPlural(last)) {
    if (readable) singleton = true;
    else if (before !== undefined && (isParam(before) || isPlural(before))) {
      action = last;
      segments.pop();
    }
  }
  const resource = segments.filter((s) => !isParam(s)).map(memberName);
  const item = singleton || (segments.length > 0 && isParam(segments.at(-1)!));
  return { resource, method: action ? memberName(action) : restMethod(method, item) };
}

/** The tag chain of the operation's first tag, root first, when that tag is part of a hierarchy (3.2 `parent`). */
function tagChain(op: Unplaced, tags: ReadonlyMap<string, IRTag>, parents: ReadonlySet<string>): string[] | undefined {
  const first = op.tags[0];
  const tag = first === undefined ? undefined : tags.get(first);
  if (!tag || (!tag.parent && !parents.has(tag.name))) return undefined;
  const chain: string[] = [];
  for (let t: IRTag | undefined = tag; t && chain.length < 32; t = t.parent ? tags.get(t.parent) : undefined) chain.unshift(t.name);
  return chain;
}

/** The place an operation wants, before collisions: the first rule giving a resource, the first giving a method. */
function wantedPlace(op: Unplaced, tags: ReadonlyMap<string, IRTag>, parents: ReadonlySet<string>, readable: boolean): IRResourcePlace {
  const ext = op.extensions ?? {};
  const named: (Named & { source: PlaceSource })[] = EXTENSION_RULES.map((r) => ({
    source: r.source,
    ...optional('resource', resourcePath(ext[r.resource])),
    ...optional('method', text(ext[r.method])),
  }));
  const chain = tagChain(op, tags, parents);
  const fromPath = pathPlace(op.method, op.path, readable);
  named.push({ source: 'tag-parent', ...optional('resource', chain) });
  // a path key's fixed query flag (`/responses?beta=true`) is a namespace above the path's resources
  const flags = Object.entries(op.fixedQuery ?? {}).flatMap(([k, v]) => (v === 'true' ? [k] : []));
  named.push({ source: 'path', resource: [...flags, ...(fromPath.resource.length ? fromPath.resource : [op.tags[0] ?? 'api'])], method: fromPath.method });
  const withResource = named.find((n) => n.resource)!;
  const method = named.find((n) => n.method)?.method ?? fromPath.method;
  const source = named.find((n) => n.resource || n.method)!.source;
  return { resource: withResource.resource!.map(memberName), method: memberName(method), source };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** One node of the namespace tree while places are handed out: the names taken in it and its children's. */
class Node {
  readonly taken: NameAllocator;
  readonly children = new Map<string, { given: string; node: Node }>();
  readonly methods = new Set<string>();

  constructor(reserved: Iterable<string>) {
    this.taken = new NameAllocator(reserved);
  }
}

export interface PlaceOptions {
  /** The document's tags (for `parent` chains). */
  tags?: IRTag[] | undefined;
  /** Names no top-level resource may take: the client class's members and flat methods. */
  reservedTopLevel: Iterable<string>;
  /** Names no member of a resource class may take (`client`, `constructor`, `Object.prototype`'s). */
  reservedMembers: Iterable<string>;
}

/**
 * Every operation's place, in document order. Within one node, sub-resource and method names are distinct; a
 * name already taken gets the next free numeric suffix (`list2`), and a resource renamed so keeps its new name
 * for every operation under it. A changed place records the one it wanted.
 */
export function placeAll(ops: Unplaced[], options: PlaceOptions): IRResourcePlace[] {
  const tags = new Map((options.tags ?? []).map((t) => [t.name, t]));
  const parents = new Set((options.tags ?? []).flatMap((t) => (t.parent ? [t.parent] : [])));
  const members = [...options.reservedMembers];
  const root = new Node([...options.reservedTopLevel, ...ops.map((o) => o.name), ...members]);
  const readable = new Set(ops.filter((o) => o.method === 'get').map((o) => o.path));
  return ops.map((op) => {
    const wanted = wantedPlace(op, tags, parents, readable.has(op.path));
    let node = root;
    const resource: string[] = [];
    for (const name of wanted.resource) {
      let child = node.children.get(name);
      if (!child) {
        child = { given: node.taken.allocate(name), node: new Node(members) };
        node.children.set(name, child);
      }
      resource.push(child.given);
      node = child.node;
    }
    const method = node.taken.allocate(wanted.method);
    node.methods.add(method);
    const place: IRResourcePlace = { resource, method, source: wanted.source };
    const given = [...resource, method].join('.');
    const asked = [...wanted.resource, wanted.method].join('.');
    if (given !== asked) place.wanted = asked;
    return place;
  });
}

/** The dotted place: `chat.completions.create`. */
export const placePath = (place: IRResourcePlace): string => [...place.resource, place.method].join('.');
