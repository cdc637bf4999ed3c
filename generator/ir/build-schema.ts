/**
 * Schema normalization: raw JSON Schema (OpenAPI 3.0 or 3.1 dialect) → `IRSchema`. Component `$ref`s become
 * `ref` nodes by identifier; other internal `$ref`s are resolved once, cached by pointer, and inlined (a cycle
 * through non-component schemas becomes `unknown` with a warning).
 */
import type { Diagnostic } from '../diagnostics.js';
import { escapePointerToken, resolvePointer } from '../util/json-pointer.js';
import { extensionsOf } from './extensions.js';
import type { IRDiscriminator, IRPrimitiveType, IRProperty, IRSchema, IRSchemaMeta } from './types.js';

type Raw = Record<string, unknown>;

const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
/**
 * Keywords that shape a schema: beside a `$ref` in a 3.1+ document, they narrow it (a bare `type` or `required`
 * beside a `$ref` restates it, and is not read).
 */
const STRUCTURAL = ['properties', 'items', 'prefixItems', 'oneOf', 'anyOf', 'allOf', 'enum', 'const'];

export class SchemaBuilder {
  private readonly inlineCache = new Map<string, IRSchema>();
  private readonly inlining = new Set<string>();
  /** Keywords beside a `$ref` apply (JSON Schema 2020-12: OpenAPI 3.1 and later); OpenAPI 3.0 ignores them. */
  private readonly siblingsApply: boolean;

  constructor(
    private readonly document: Raw,
    /** Component schema pointer → emitted identifier. */
    private readonly components: ReadonlyMap<string, string>,
    private readonly warn: (d: Diagnostic) => void,
  ) {
    this.siblingsApply = typeof document.openapi === 'string' && !document.openapi.startsWith('3.0');
  }

  /** Resolves an internal pointer in the bundled document. */
  resolvePointer(ref: string): unknown {
    return resolvePointer(this.document, ref);
  }

  /** Follows `$ref`s of non-schema objects (parameters, responses, request bodies), returning the target. */
  deref<T>(value: T, pointer: string): { value: T; pointer: string } {
    let current: unknown = value;
    let at = pointer;
    for (let hops = 0; hops < 32; hops++) {
      const ref = (current as Raw | undefined)?.$ref;
      if (typeof ref !== 'string' || !ref.startsWith('#')) break;
      at = ref;
      current = this.resolvePointer(ref);
    }
    return { value: current as T, pointer: at };
  }

  build(raw: unknown, pointer: string): IRSchema {
    if (raw === true || raw === undefined || raw === null) return { kind: 'unknown' };
    if (raw === false) return { kind: 'never' };
    if (typeof raw !== 'object' || Array.isArray(raw)) return { kind: 'unknown' };
    const s = raw as Raw;
    const meta = readMeta(s);
    if (typeof s.contentMediaType === 'string') meta.contentMediaType = s.contentMediaType;
    if (s.contentSchema !== undefined && typeof s.contentSchema === 'object') meta.contentSchema = this.build(s.contentSchema, `${pointer}/contentSchema`);

    if (typeof s.$ref === 'string') {
      const ref = this.buildRef(s.$ref, pointer);
      // 3.1+: keywords beside `$ref` apply too (3.0 ignores them)
      if (this.siblingsApply && STRUCTURAL.some((k) => k in s)) {
        const { $ref: _ref, type: _type, ...rest } = s;
        return { kind: 'intersection', parts: [ref, this.buildShape(rest, pointer)], ...meta };
      }
      return { ...ref, ...meta };
    }

    const base = this.buildShape(s, pointer);
    // 3.0 `nullable: true`
    const nullable = meta.nullable || s.nullable === true || base.nullable;
    return { ...base, ...meta, ...(nullable ? { nullable: true } : {}) };
  }

  private buildRef(ref: string, at: string): IRSchema {
    const name = this.components.get(ref);
    if (name) return { kind: 'ref', name };
    if (!ref.startsWith('#')) {
      this.warn({ severity: 'warning', code: 'ref-external', message: `Unresolved external $ref ${ref}.`, pointer: at });
      return { kind: 'unknown' };
    }
    const cached = this.inlineCache.get(ref);
    if (cached) return cached;
    if (this.inlining.has(ref)) {
      this.warn({
        severity: 'warning',
        code: 'ref-cycle-inline',
        message: `The $ref ${ref} is recursive through schemas that are not components; typed as unknown.`,
        hint: 'Move the recursive schema under #/components/schemas so it can be named.',
        pointer: at,
      });
      return { kind: 'unknown' };
    }
    const target = this.resolvePointer(ref);
    if (target === undefined) {
      this.warn({ severity: 'warning', code: 'ref-missing', message: `The $ref ${ref} points at nothing; typed as unknown.`, pointer: at });
      return { kind: 'unknown' };
    }
    this.inlining.add(ref);
    const built = this.build(target, ref);
    this.inlining.delete(ref);
    this.inlineCache.set(ref, built);
    return built;
  }

  private buildShape(s: Raw, pointer: string): IRSchema {
    if ('const' in s) return constOrEnum([s.const]);
    if (Array.isArray(s.enum)) return constOrEnum(s.enum, s.enum.length === 1 && s.type === undefined);

    const composed = this.buildComposition(s, pointer);
    if (composed) return composed;

    const types = typeList(s);
    const nonNull = types.filter((t) => t !== 'null');
    const nullable = types.includes('null') && nonNull.length > 0 ? { nullable: true } : {};
    if (types.length === 1 && types[0] === 'null') return { kind: 'primitive', type: 'null' };
    if (nonNull.length > 1) {
      return { kind: 'union', variants: nonNull.map((t) => this.buildTyped(t, s, pointer)), ...nullable };
    }
    const type = nonNull[0] ?? inferType(s);
    if (!type) return { kind: 'unknown' };
    return { ...this.buildTyped(type, s, pointer), ...nullable };
  }

  private buildTyped(type: string, s: Raw, pointer: string): IRSchema {
    switch (type) {
      case 'object':
        return this.buildObject(s, pointer);
      case 'array':
        return this.buildArray(s, pointer);
      case 'string':
        return s.format === 'binary' ? { kind: 'binary' } : { kind: 'primitive', type: 'string' };
      default:
        return PRIMITIVES.has(type) ? { kind: 'primitive', type: type as IRPrimitiveType } : { kind: 'unknown' };
    }
  }

  private buildObject(s: Raw, pointer: string): IRSchema {
    const props = (s.properties && typeof s.properties === 'object' ? s.properties : {}) as Raw;
    // malformed `required` entries (numbers, objects, null) are not property names: left out
    const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
    const properties: IRProperty[] = Object.keys(props).map((name) => ({
      name,
      required: required.has(name),
      schema: this.build(props[name], `${pointer}/properties/${escapePointerToken(name)}`),
    }));
    // `required` names with no property schema here (beside allOf): the schema the allOf parts give it, so the
    // intersection makes it required without widening it; `unknown` when no part declares it
    for (const name of required) {
      if (name in props) continue;
      const found = this.findInherited(s.allOf, name, pointer);
      properties.push({ name, required: true, schema: found ?? { kind: 'unknown' } });
    }
    const ap = s.additionalProperties;
    const additional: IRSchema | boolean =
      ap === undefined
        ? properties.length === 0 && !('properties' in s)
        : ap === true || ap === false
          ? ap
          : this.build(ap, `${pointer}/additionalProperties`);
    return { kind: 'object', properties, additional };
  }

  /** The property schema `name` gets from `allOf` parts (following `$ref`s and nested `allOf`). */
  private findInherited(parts: unknown, name: string, pointer: string, depth = 0): IRSchema | undefined {
    if (!Array.isArray(parts) || depth > 8) return undefined;
    for (const [i, part] of parts.entries()) {
      const { value, pointer: at } = this.deref(part as Raw, `${pointer}/allOf/${i}`);
      if (!value || typeof value !== 'object') continue;
      const props = value.properties as Raw | undefined;
      if (props && typeof props === 'object' && name in props) {
        const built = this.build(props[name], `${at}/properties/${escapePointerToken(name)}`);
        const { description: _d, deprecated: _x, ...shape } = built;
        return shape as IRSchema;
      }
      const nested = this.findInherited(value.allOf, name, at, depth + 1);
      if (nested) return nested;
    }
    return undefined;
  }

  private buildArray(s: Raw, pointer: string): IRSchema {
    if (Array.isArray(s.prefixItems)) {
      const items = s.prefixItems.map((item, i) => this.build(item, `${pointer}/prefixItems/${i}`));
      const rest = s.items === undefined || s.items === false ? undefined : this.build(s.items, `${pointer}/items`);
      return { kind: 'tuple', items, ...(rest ? { rest } : {}) };
    }
    if (Array.isArray(s.items)) {
      return { kind: 'tuple', items: s.items.map((item, i) => this.build(item, `${pointer}/items/${i}`)) };
    }
    return { kind: 'array', items: this.build(s.items, `${pointer}/items`) };
  }

  /** oneOf / anyOf / allOf, possibly beside own properties. */
  private buildComposition(s: Raw, pointer: string): IRSchema | undefined {
    const union = (Array.isArray(s.oneOf) ? 'oneOf' : Array.isArray(s.anyOf) ? 'anyOf' : undefined) as 'oneOf' | 'anyOf' | undefined;
    const all = Array.isArray(s.allOf) ? (s.allOf as unknown[]) : undefined;
    if (!union && !all) return undefined;

    const parts: IRSchema[] = [];
    let nullable = false;
    if (all) all.forEach((part, i) => parts.push(this.build(part, `${pointer}/allOf/${i}`)));
    if (union) {
      const variants: IRSchema[] = [];
      (s[union] as unknown[]).forEach((v, i) => {
        const built = this.build(v, `${pointer}/${union}/${i}`);
        if (built.kind === 'primitive' && built.type === 'null') nullable = true;
        else variants.push(built);
      });
      const discriminator = this.buildDiscriminator(s, s[union] as unknown[], variants);
      if (variants.length === 1 && !discriminator) parts.push(variants[0]!);
      else parts.push({ kind: 'union', variants, ...(discriminator ? { discriminator } : {}) });
    }
    if (s.properties || s.additionalProperties || (Array.isArray(s.required) && s.required.length > 0)) {
      parts.push(this.buildObject(s, pointer));
    }
    if (typeList(s).includes('null')) nullable = true;
    const shape: IRSchema = parts.length === 1 ? parts[0]! : { kind: 'intersection', parts };
    return nullable ? { ...shape, nullable: true } : shape;
  }

  /**
   * `discriminator`: its property, each wire value's component (the explicit `mapping`, then each `$ref` variant by
   * its component name), and the OpenAPI 3.2 `defaultMapping`, the component a payload with no value or an unmapped
   * one is: it gets no implicit value of its own, and the union gains it as a variant when the spec lists it only
   * in the discriminator (so an unknown variant is still accepted, typed as the default).
   */
  private buildDiscriminator(s: Raw, variants: unknown[], built: IRSchema[]): IRDiscriminator | undefined {
    const d = s.discriminator as Raw | undefined;
    if (!d || typeof d.propertyName !== 'string') return undefined;
    const component = (ref: unknown) => (typeof ref === 'string' ? this.components.get(ref.startsWith('#') ? ref : `#/components/schemas/${ref.replace(/^\.\//, '')}`) : undefined);
    const mapping: Record<string, string> = {};
    const explicit = (d.mapping ?? {}) as Record<string, string>;
    for (const [value, ref] of Object.entries(explicit)) {
      const name = component(ref);
      if (name) mapping[value] = name;
    }
    const defaultMapping = component(d.defaultMapping);
    for (const v of variants) {
      const ref = (v as Raw | undefined)?.$ref;
      if (typeof ref !== 'string') continue;
      const name = this.components.get(ref);
      if (name && name !== defaultMapping && !Object.values(mapping).includes(name)) mapping[ref.slice(ref.lastIndexOf('/') + 1)] = name;
    }
    if (defaultMapping && !built.some((b) => b.kind === 'ref' && b.name === defaultMapping)) built.push({ kind: 'ref', name: defaultMapping });
    return { property: d.propertyName, mapping, ...(defaultMapping ? { defaultMapping } : {}) };
  }
}

function typeList(s: Raw): string[] {
  if (Array.isArray(s.type)) return s.type.filter((t): t is string => typeof t === 'string');
  return typeof s.type === 'string' ? [s.type] : [];
}

function inferType(s: Raw): string | undefined {
  if (s.properties || s.additionalProperties !== undefined || s.required) return 'object';
  if (s.items || s.prefixItems) return 'array';
  return undefined;
}

function constOrEnum(values: unknown[], asConst = true): IRSchema {
  const literal = values.filter(
    (v): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v),
  );
  const nonNull = literal.filter((v) => v !== null);
  const nullable = literal.length !== nonNull.length ? { nullable: true } : {};
  if (nonNull.length === 0) return { kind: 'primitive', type: 'null' };
  if (nonNull.length === 1 && asConst) return { kind: 'const', value: nonNull[0]!, ...nullable };
  return { kind: 'enum', values: nonNull, ...nullable };
}

function readMeta(s: Raw): IRSchemaMeta {
  const meta: IRSchemaMeta = {};
  if (typeof s.description === 'string' && s.description.trim()) meta.description = s.description.trim();
  else if (typeof s.title === 'string' && s.title.trim() && typeof s.$ref !== 'string') meta.description = s.title.trim();
  if (s.deprecated === true) meta.deprecated = true;
  if (s.readOnly === true) meta.readOnly = true;
  if (s.writeOnly === true) meta.writeOnly = true;
  if (s.nullable === true) meta.nullable = true;
  if ('default' in s) meta.default = s.default;
  if (typeof s.format === 'string') meta.format = s.format;
  const extensions = extensionsOf(s);
  if (extensions) meta.extensions = extensions;
  return meta;
}
