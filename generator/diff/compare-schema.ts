/**
 * Structural comparison of two versions of a schema. Types are compared by the values they allow, not by how
 * they are written: `$ref`s are resolved through each document's components (a schema that moved into a
 * component with the same shape is no change), `allOf` parts are merged into one object (properties merged,
 * `required` united), and unions are compared variant by variant and as sets of scalar values.
 *
 * A component referred to by the same name in both versions is not looked into: its own comparison (by
 * component) reports what changed in it, once. The same holds for the properties an object inherits from such a
 * component through `allOf`, and for the values a union takes from one.
 *
 * The comparison reports raw changes (what changed, where); `rules.ts` judges them by direction.
 */
import { escapePointerToken } from '../util/json-pointer.js';
import { typeExpr } from '../emit/type-expr.js';
import type { IRNamedSchema, IRSchema } from '../ir/types.js';
import { describeList, describeType, describeValues } from './describe.js';
import type { SchemaChange, Scope } from './rules.js';
import type { Direction } from './types.js';

export interface RawChange {
  change: SchemaChange;
  scope: Scope;
  pointer: string;
  /** What changed, naming the place: `property \`a\` removed`. */
  message: string;
  /** A direction the change cannot be seen in: a readOnly property is never sent, a writeOnly one never read. */
  hiddenIn?: Direction;
}

/** Where in a schema the comparison is. */
export interface Site {
  /** JSON pointer in the new document. */
  pointer: string;
  /** Words naming the schema compared: `request body`, `query parameter \`x\``, or '' for a component. */
  prefix: string;
  /** Property path below it: `['a', '[]', 'b']`; `(Name)` segments pick a union variant. */
  path: string[];
  /** The scope of a change with no property in its path. */
  base: Scope;
  hiddenIn?: Direction;
}

type Side = 'before' | 'after';
type Literal = string | number | boolean;

/** A property of an object after merging `allOf` parts. */
interface MergedProperty {
  schema: IRSchema;
  required: boolean;
  /** The parts that make it required: a component name, or '' for the object itself. */
  requiredBy: Set<string>;
  /** The component its schema comes from ('' for the object itself). */
  from: string;
}

/** An object or an `allOf` of objects, as one. */
interface MergedObject {
  properties: Map<string, MergedProperty>;
  /** `additionalProperties`, `unknown` for `true`. */
  additional: IRSchema | undefined;
  /** `allOf` parts that are not objects (a union, a scalar): constraints besides the properties. */
  extras: IRSchema[];
  /** Components merged in through `allOf`. */
  bases: Set<string>;
}

/** A union variant that is not a scalar value: an object, array or tuple. */
interface Variant {
  schema: IRSchema;
  /** The component it is, when it was a `$ref`. */
  name?: string;
  /** The component shared by both versions it was found through (that component's comparison covers it). */
  via?: string;
}

/** The scalar values a schema allows, each with the components it comes through ('' for none). */
interface ValueSet {
  types: Map<string, Set<string>>;
  literals: Map<string, { value: Literal; sources: Set<string> }>;
  /** Sources of `unknown`: any value at all. */
  any?: Set<string>;
}

interface Expanded {
  scalars: ValueSet;
  variants: Variant[];
}

const literalKey = (v: Literal) => `${typeof v}:${String(v)}`;
const literalType = (v: Literal) => (typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v);
const add = <K, V>(map: Map<K, Set<V>>, key: K, value: V) => {
  const set = map.get(key) ?? new Set<V>();
  set.add(value);
  map.set(key, set);
};
const own = (sources: Set<string> | undefined) => sources?.has('') === true;
const UNKNOWN: IRSchema = { kind: 'unknown' };

export class SchemaComparer {
  private readonly named: Record<Side, Map<string, IRNamedSchema>>;
  private readonly merged: Record<Side, WeakMap<IRSchema, Map<string, MergedObject>>> = { before: new WeakMap(), after: new WeakMap() };
  private readonly probes = new WeakMap<IRSchema, WeakMap<IRSchema, boolean>>();
  /** Pairs being compared, against cycles through recursive components. */
  private readonly active = new WeakMap<IRSchema, Set<IRSchema>>();
  private readonly probing = new WeakMap<IRSchema, Set<IRSchema>>();
  private sink: RawChange[] = [];
  /** Above 0 while probing whether two schemas are the same: everything is then looked into. */
  private probeDepth = 0;
  /** Pairs of different components met in place of each other (old name → new name), compared once each. */
  private readonly pairs = new Map<string, { before: string; after: string }>();
  private readonly paired = new Set<string>();

  constructor(before: IRNamedSchema[], after: IRNamedSchema[]) {
    this.named = { before: new Map(before.map((s) => [s.name, s])), after: new Map(after.map((s) => [s.name, s])) };
  }

  /** The changes from `a` (old document) to `b` (new document) at `site`. */
  diff(a: IRSchema, b: IRSchema, site: Site): RawChange[] {
    const saved = this.sink;
    this.sink = [];
    try {
      this.compare(a, b, site);
      return this.sink;
    } finally {
      this.sink = saved;
    }
  }

  /**
   * The next pair of different components that took each other's place (`Response` → `BetaResponse`), not yet
   * compared. Their differences are reported once, under the new one, not at every place that uses them.
   */
  nextPair(): { before: IRNamedSchema; after: IRNamedSchema } | undefined {
    for (const [key, pair] of this.pairs) {
      this.pairs.delete(key);
      const before = this.named.before.get(pair.before);
      const after = this.named.after.get(pair.after);
      if (before && after) return { before, after };
    }
    return undefined;
  }

  /** Whether both name the same component, which exists in both documents. */
  private shared(name: string | undefined): name is string {
    return name !== undefined && this.named.before.has(name) && this.named.after.has(name);
  }

  private emit(change: SchemaChange, site: Site, message: string): void {
    const scope: Scope = site.path.some(isProperty) ? 'property' : site.base;
    this.sink.push({ change, scope, pointer: site.pointer, message, ...(site.hiddenIn ? { hiddenIn: site.hiddenIn } : {}) });
  }

  private compare(a: IRSchema, b: IRSchema, site: Site): void {
    if (a.kind === 'ref' && b.kind === 'ref' && a.name === b.name && this.shared(a.name)) {
      // the component's own comparison covers its shape; only what the reference adds is compared here
      if (!a.nullable && b.nullable) this.emit('became-nullable', site, `${place(site)} may now be null`);
      if (a.nullable && !b.nullable) this.emit('became-not-nullable', site, `${place(site)} may no longer be null`);
      return;
    }
    // the common leaf, unchanged
    if (a.kind === 'primitive' && b.kind === 'primitive' && a.type === b.type && !a.nullable === !b.nullable) return;
    const pairs = this.active.get(a) ?? new Set<IRSchema>();
    if (pairs.has(b)) return;
    pairs.add(b);
    this.active.set(a, pairs);
    try {
      this.compareValues(a, b, site);
    } finally {
      pairs.delete(b);
    }
  }

  /** Compares what the two allow: scalar values, then object/array/tuple variants matched pairwise. */
  private compareValues(a: IRSchema, b: IRSchema, site: Site): void {
    const common = new Set(directRefs(a).filter((n) => directRefs(b).includes(n) && this.shared(n)));
    const ea = this.expand(a, 'before', common);
    const eb = this.expand(b, 'after', common);
    if (ea.scalars.any && eb.scalars.any) return;

    const multiple = ea.variants.length > 1 || eb.variants.length > 1;
    const { pairs, removed, added } = this.matchVariants(ea.variants, eb.variants);
    for (const [va, vb] of pairs) {
      if (va.via !== undefined && va.via === vb.via) continue;
      if (va.name !== undefined && va.name === vb.name && this.shared(va.name)) continue;
      if (va.name !== undefined && vb.name !== undefined && this.probeDepth === 0) {
        const key = `${va.name}\0${vb.name}`;
        if (!this.paired.has(key)) this.pairs.set(key, { before: va.name, after: vb.name });
        this.paired.add(key);
        continue;
      }
      const label = multiple ? `(${vb.name ?? this.tag(vb, 'after') ?? describeType(vb.schema)})` : undefined;
      this.compareStructured(va, vb, label ? { ...site, path: [...site.path, label] } : site);
    }

    const sa = ea.scalars;
    const sb = eb.scalars;
    const delta = { added: [] as string[], removed: [] as string[], addedValues: [] as Literal[], removedValues: [] as Literal[] };
    let nullAdded = false;
    let nullRemoved = false;
    if (eb.scalars.any && !ea.scalars.any) {
      if (own(eb.scalars.any)) delta.added.push('any value');
    } else if (ea.scalars.any && !eb.scalars.any) {
      if (own(ea.scalars.any)) delta.removed.push('any value');
    } else {
      for (const [t, sources] of sb.types) {
        if (!coversType(sa, t) && own(sources)) t === 'null' ? (nullAdded = true) : delta.added.push(t);
      }
      for (const [t, sources] of sa.types) {
        if (!coversType(sb, t) && own(sources)) t === 'null' ? (nullRemoved = true) : delta.removed.push(t);
      }
      for (const { value, sources } of sb.literals.values()) if (!covers(sa, value) && own(sources)) delta.addedValues.push(value);
      for (const { value, sources } of sa.literals.values()) if (!covers(sb, value) && own(sources)) delta.removedValues.push(value);
      delta.added.push(...added.filter((v) => v.via === undefined).map((v) => v.name ?? describeType(v.schema)));
      delta.removed.push(...removed.filter((v) => v.via === undefined).map((v) => v.name ?? describeType(v.schema)));
    }

    const what = place(site);
    const anyAdded = delta.added.length + delta.addedValues.length > 0;
    const anyRemoved = delta.removed.length + delta.removedValues.length > 0;
    // `null` is judged by itself, whatever else changed
    if (nullAdded) this.emit('became-nullable', site, `${what} may now be null`);
    if (nullRemoved) this.emit('became-not-nullable', site, `${what} may no longer be null`);
    if (anyAdded || anyRemoved) {
      const from = describeType(a);
      const to = describeType(b);
      const items = (types: string[], vs: Literal[]) => describeList([...types, ...vs.map((v) => describeValues([v]))]);
      const summarised = /^(a union of|an object with)|…$/.test(from) || /^(a union of|an object with)|…$/.test(to);
      const detail = (kind: 'adds' | 'drops', types: string[], vs: Literal[]) => `${kind} ${items(types, vs)}`;
      if (anyAdded && anyRemoved && delta.added.length + delta.removed.length === 0) {
        this.emit('enum-value-added', site, `${what}: enum values added: ${describeValues(delta.addedValues)}`);
        this.emit('enum-value-removed', site, `${what}: enum values removed: ${describeValues(delta.removedValues)}`);
      } else if (anyAdded && anyRemoved) {
        const more = summarised ? ` (${detail('adds', delta.added, delta.addedValues)}; ${detail('drops', delta.removed, delta.removedValues)})` : '';
        this.emit('type-changed', site, `${what} changed from ${from} to ${to}${more}`);
      } else if (anyAdded && delta.added.length === 0) {
        this.emit('enum-value-added', site, `${what}: enum values added: ${describeValues(delta.addedValues)}`);
      } else if (anyRemoved && delta.removed.length === 0) {
        this.emit('enum-value-removed', site, `${what}: enum values removed: ${describeValues(delta.removedValues)}`);
      } else if (anyAdded) {
        this.emit('type-widened', site, `${what} widened from ${from} to ${to}${summarised ? ` (${detail('adds', delta.added, delta.addedValues)})` : ''}`);
      } else {
        this.emit('type-narrowed', site, `${what} narrowed from ${from} to ${to}${summarised ? ` (${detail('drops', delta.removed, delta.removedValues)})` : ''}`);
      }
    }

    // values listed beside the type that allows them anyway (`string | "a"`): known values, the type is the same
    const openAdded = [...sb.literals.values()].filter((l) => !sa.literals.has(literalKey(l.value)) && own(l.sources) && typeCovers(sa, l.value) && typeCovers(sb, l.value));
    const openRemoved = [...sa.literals.values()].filter((l) => !sb.literals.has(literalKey(l.value)) && own(l.sources) && typeCovers(sa, l.value) && typeCovers(sb, l.value));
    if (openAdded.length) this.emit('open-enum-value-added', site, `${what}: known values added: ${describeValues(openAdded.map((l) => l.value))}`);
    if (openRemoved.length) this.emit('open-enum-value-removed', site, `${what}: known values removed: ${describeValues(openRemoved.map((l) => l.value))}`);
  }

  /** Pairs old and new variants: same component, same shape, same discriminating value, or the only ones of a kind. */
  private matchVariants(before: Variant[], after: Variant[]): { pairs: [Variant, Variant][]; removed: Variant[]; added: Variant[] } {
    const pairs: [Variant, Variant][] = [];
    const left = [...before];
    const right = [...after];
    const take = (match: (a: Variant, b: Variant) => boolean) => {
      for (let i = 0; i < left.length; i++) {
        const j = right.findIndex((b) => match(left[i]!, b));
        if (j < 0) continue;
        pairs.push([left[i]!, right[j]!]);
        left.splice(i--, 1);
        right.splice(j, 1);
      }
    };
    const onlyOfKind = () => {
      for (const kind of ['object', 'array', 'tuple']) {
        const l = left.filter((v) => structure(v.schema) === kind);
        const r = right.filter((v) => structure(v.schema) === kind);
        if (l.length === 1 && r.length === 1) take((a, b) => a === l[0] && b === r[0]);
      }
    };
    take((a, b) => a.name !== undefined && a.name === b.name);
    onlyOfKind();
    take((a, b) => structure(a.schema) === structure(b.schema) && this.probe(a.schema, b.schema));
    take((a, b) => {
      const tag = this.tag(a, 'before');
      return tag !== undefined && tag === this.tag(b, 'after');
    });
    onlyOfKind();
    return { pairs, removed: left, added: right };
  }

  /** Whether two schemas are the same, as far as this comparison sees. */
  private probe(a: IRSchema, b: IRSchema): boolean {
    const known = this.probes.get(a)?.get(b);
    if (known !== undefined) return known;
    // a pair met again while it is being probed (a recursive schema) is assumed the same until shown otherwise
    const probing = this.probing.get(a) ?? new Set<IRSchema>();
    if (probing.has(b)) return true;
    probing.add(b);
    this.probing.set(a, probing);
    let same: boolean;
    this.probeDepth++;
    try {
      same = this.diff(a, b, { pointer: '', prefix: '', path: [], base: '' }).length === 0;
    } finally {
      this.probeDepth--;
      probing.delete(b);
    }
    const row = this.probes.get(a) ?? new WeakMap<IRSchema, boolean>();
    row.set(b, same);
    this.probes.set(a, row);
    return same;
  }

  /** A variant's discriminating value: a required property with one allowed value (`type=click`). */
  private tag(v: Variant, side: Side): string | undefined {
    if (structure(v.schema) !== 'object') return undefined;
    const props = this.merge(v.schema, side, v.name).properties;
    const names = [...props.keys()].sort((x, y) => Number(y === 'type') - Number(x === 'type'));
    for (const name of names) {
      const p = props.get(name)!;
      if (!p.required) continue;
      const s = this.resolve(p.schema, side);
      const value = s.kind === 'const' ? s.value : s.kind === 'enum' && s.values.length === 1 ? s.values[0] : undefined;
      if (value !== undefined && value !== null) return `${name}=${String(value)}`;
    }
    return undefined;
  }

  private compareStructured(va: Variant, vb: Variant, site: Site): void {
    const [a, b] = [va.schema, vb.schema];
    if (structure(a) === 'object') return this.compareObjects(this.merge(a, 'before', va.name), this.merge(b, 'after', vb.name), site);
    if (a.kind === 'array' && b.kind === 'array') {
      return this.compare(a.items, b.items, { ...site, pointer: `${site.pointer}/items`, path: [...site.path, '[]'] });
    }
    if (a.kind === 'tuple' && b.kind === 'tuple') {
      const n = Math.max(a.items.length, b.items.length);
      if (a.items.length !== b.items.length || !a.rest !== !b.rest) {
        this.emit('type-changed', site, `${place(site)} changed from ${describeType(a)} to ${describeType(b)}`);
        return;
      }
      for (let i = 0; i < n; i++) this.compare(a.items[i]!, b.items[i]!, { ...site, pointer: `${site.pointer}/prefixItems/${i}`, path: [...site.path, `[${i}]`] });
      if (a.rest && b.rest) this.compare(a.rest, b.rest, { ...site, pointer: `${site.pointer}/items`, path: [...site.path, '[]'] });
    }
  }

  private compareObjects(oa: MergedObject, ob: MergedObject, site: Site): void {
    const common = new Set([...ob.bases].filter((n) => oa.bases.has(n) && this.shared(n)));
    const inherited = (p: MergedProperty) => p.from !== '' && common.has(p.from);
    const childSite = (name: string, p: MergedProperty): Site => ({
      ...site,
      pointer: `${site.pointer}/properties/${escapePointerToken(name)}`,
      path: [...site.path, name],
      hiddenIn: p.schema.readOnly ? 'request' : p.schema.writeOnly ? 'response' : site.hiddenIn,
    });
    for (const [name, p] of ob.properties) {
      const prev = oa.properties.get(name);
      const at = childSite(name, p);
      if (!prev) {
        if (inherited(p)) continue;
        this.emit(p.required ? 'required-property-added' : 'optional-property-added', at, `${place(at, p.required ? 'required' : 'optional')} added`);
        continue;
      }
      if (prev.required !== p.required) {
        // a change made by a shared component alone is reported with that component
        const outside = (x: MergedProperty) => [...x.requiredBy].some((s) => !common.has(s));
        if (outside(prev) || outside(p)) {
          if (p.required) this.emit('property-became-required', at, `${place(at)} is now required`);
          else this.emit('property-became-optional', at, `${place(at)} is now optional`);
        }
      }
      if (!(inherited(prev) && prev.from === p.from)) this.compare(prev.schema, p.schema, at);
    }
    for (const [name, prev] of oa.properties) {
      if (ob.properties.has(name) || inherited(prev)) continue;
      const at = childSite(name, prev);
      this.emit('property-removed', at, `${place(at)} removed`);
    }

    const what = place(site);
    if (!oa.additional && ob.additional) this.emit('type-widened', site, `${what} now allows additional properties (${describeType(ob.additional)})`);
    if (oa.additional && !ob.additional) this.emit('type-narrowed', site, `${what} no longer allows additional properties`);
    if (oa.additional && ob.additional) {
      this.compare(oa.additional, ob.additional, { ...site, pointer: `${site.pointer}/additionalProperties`, path: [...site.path, '[key]'] });
    }

    // `allOf` parts that are not objects narrow the values: one more is a narrowing, one fewer a widening
    const extrasB = [...ob.extras];
    const gone: IRSchema[] = [];
    for (const x of oa.extras) {
      const i = extrasB.findIndex((y) => this.probe(x, y));
      if (i >= 0) extrasB.splice(i, 1);
      else gone.push(x);
    }
    if (extrasB.length) this.emit('type-narrowed', site, `${what} must now also match ${describeList(extrasB.map(describeType))}`);
    if (gone.length) this.emit('type-widened', site, `${what} no longer has to match ${describeList(gone.map(describeType))}`);
  }

  /** Follows `$ref`s to a schema that is not one (nullable if any of them is). */
  private resolve(schema: IRSchema, side: Side): IRSchema {
    let s = schema;
    let nullable = schema.nullable === true;
    for (let hops = 0; s.kind === 'ref' && hops < 64; hops++) {
      const target = this.named[side].get(s.name);
      if (!target) return UNKNOWN;
      s = target.schema;
      nullable ||= s.nullable === true;
    }
    return nullable && !s.nullable ? { ...s, nullable: true } : s;
  }

  /** Scalar values and structured variants of a schema, through `$ref`s and nested unions. */
  private expand(schema: IRSchema, side: Side, common: Set<string>): Expanded {
    const out: Expanded = { scalars: { types: new Map(), literals: new Map() }, variants: [] };
    const visit = (s: IRSchema, via: string | undefined, name: string | undefined, depth: number): void => {
      const source = via ?? '';
      if (s.nullable) add(out.scalars.types, 'null', source);
      switch (s.kind) {
        case 'ref': {
          const target = this.named[side].get(s.name);
          if (!target || depth > 32) return void out.variants.push({ schema: UNKNOWN, name: s.name, ...(via ? { via } : {}) });
          return visit(target.schema, via ?? (common.has(s.name) ? s.name : undefined), s.name, depth + 1);
        }
        case 'union':
          return s.variants.forEach((v) => visit(v, via, undefined, depth + 1));
        case 'primitive':
          return add(out.scalars.types, s.type, source);
        case 'binary':
          return add(out.scalars.types, 'binary', source);
        case 'enum':
        case 'const':
          for (const value of s.kind === 'enum' ? s.values : [s.value]) {
            if (value === null) add(out.scalars.types, 'null', source);
            else {
              const entry = out.scalars.literals.get(literalKey(value)) ?? { value, sources: new Set<string>() };
              entry.sources.add(source);
              out.scalars.literals.set(literalKey(value), entry);
            }
          }
          return;
        case 'unknown':
          (out.scalars.any ??= new Set()).add(source);
          return;
        case 'never':
          return;
        default:
          out.variants.push({ schema: s, ...(name ? { name } : {}), ...(via ? { via } : {}) });
      }
    };
    visit(schema, undefined, undefined, 0);
    return out;
  }

  /**
   * An object, or an `allOf` of parts, as one object. The schema of component `name` is merged as `allOf: [name]`
   * would be, so what it has is seen as coming from it.
   */
  private merge(schema: IRSchema, side: Side, name?: string): MergedObject {
    const row = this.merged[side].get(schema) ?? new Map<string, MergedObject>();
    this.merged[side].set(schema, row);
    const cached = row.get(name ?? '');
    if (cached) return cached;
    const result: MergedObject = { properties: new Map(), additional: undefined, extras: [], bases: new Set(name ? [name] : []) };
    const mergeInto = (s: IRSchema, source: string, depth: number): void => {
      if (s.kind === 'object') {
        for (const p of s.properties) {
          const prev = result.properties.get(p.name);
          const requiredBy = new Set(prev?.requiredBy ?? []);
          if (p.required) requiredBy.add(source);
          // a later part redefines it, unless it only repeats it (a `required` entry beside `allOf`)
          const keep = prev && (p.schema.kind === 'unknown' || (prev.schema.kind !== 'unknown' && typeExpr(prev.schema) === typeExpr(p.schema)));
          result.properties.set(p.name, {
            schema: keep ? prev.schema : p.schema,
            from: keep ? prev.from : source,
            required: requiredBy.size > 0,
            requiredBy,
          });
        }
        if (s.additional !== false && result.additional === undefined) result.additional = s.additional === true ? UNKNOWN : s.additional;
      } else if (s.kind === 'intersection' && depth < 32) {
        for (const part of s.parts) {
          if (part.kind === 'ref') {
            const target = this.resolve(part, side);
            if (structure(target) === 'object') {
              if (source === '') result.bases.add(part.name);
              mergeInto(target, source || part.name, depth + 1);
            } else result.extras.push(part);
          } else if (structure(part) === 'object') mergeInto(part, source, depth + 1);
          else result.extras.push(part);
        }
      }
    };
    mergeInto(schema, name ?? '', 0);
    row.set(name ?? '', result);
    return result;
  }
}

/** The kind of structure a variant has, for pairing: objects (and `allOf`s of them), arrays, tuples. */
function structure(s: IRSchema): string {
  return s.kind === 'intersection' ? 'object' : s.kind;
}

/** Component names a schema is, or has as union variants. */
function directRefs(s: IRSchema): string[] {
  if (s.kind === 'ref') return [s.name];
  if (s.kind === 'union') return s.variants.flatMap((v) => (v.kind === 'ref' ? [v.name] : []));
  return [];
}

const isProperty = (segment: string) => !segment.startsWith('[') && !segment.startsWith('(');

/** `property \`a.b[]\`` (`request body optional property …`), `request body`, `query parameter \`x\``, `type`. */
export function place(site: Site, adjective?: string): string {
  let path = '';
  for (const s of site.path) path += isProperty(s) && path ? `.${s}` : s;
  if (!site.path.some(isProperty)) {
    const words = site.path.map((s) => (s === '[]' ? 'items' : s === '[key]' ? 'values' : s.startsWith('(') ? `variant ${s.slice(1, -1)}` : `item ${s.slice(1, -1)}`));
    return [site.prefix || 'type', ...words].join(' ');
  }
  return `${site.prefix ? `${site.prefix} ` : ''}${adjective ? `${adjective} ` : ''}property \`${path}\``;
}

function coversType(vs: ValueSet, type: string): boolean {
  return vs.any !== undefined || vs.types.has(type) || (type === 'integer' && vs.types.has('number'));
}

/** Whether a value's type (not the value itself) is allowed. */
function typeCovers(vs: ValueSet, value: Literal): boolean {
  return coversType(vs, literalType(value));
}

function covers(vs: ValueSet, value: Literal): boolean {
  return vs.literals.has(literalKey(value)) || typeCovers(vs, value);
}
