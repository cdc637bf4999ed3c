/**
 * IR schema → TypeScript type text. Pure string building (fast on big specs); every string from the spec that
 * reaches the output goes through `literal`, `propertyKey` or `docComment`, so spec text cannot break out of
 * its place.
 */
import type { IRSchema } from '../ir/types.js';

/** A JSON-compatible literal as TypeScript source (strings double-quoted and escaped, U+2028/9 included). */
export function literal(value: string | number | boolean | null): string {
  if (typeof value === 'string') return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  // numbers only reach type positions (enum and const values); YAML's .inf / .nan have no literal type
  if (typeof value === 'number' && !Number.isFinite(value)) return 'number';
  return String(value);
}

/**
 * A property name as it may appear in an object type or an object literal. `__proto__` is computed
 * (`["__proto__"]`): written plainly or quoted, it would set the prototype of an object literal instead of
 * creating the property.
 */
export function propertyKey(name: string): string {
  if (name === '__proto__') return `[${literal(name)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : literal(name);
}

/** A JSDoc block, or '' when there is nothing to say. */
export function docComment(description: string | undefined, deprecated?: boolean, extra: string[] = []): string {
  // `extra` lines may be tags (`@default …`): kept as tags, but they cannot end the comment or the line either
  const lines = [...(description ? sanitizeDoc(description).split('\n') : []), ...extra.map((l) => l.replace(/\r\n?|[\n\u2028\u2029]/g, ' ').replace(/\*\//g, '*\\/'))];
  if (deprecated) lines.push('@deprecated');
  if (lines.length === 0) return '';
  if (lines.length === 1) return `/** ${lines[0]} */\n`;
  return `/**\n${lines.map((l) => (l ? ` * ${l}` : ' *')).join('\n')}\n */\n`;
}

/** Text safe inside a block comment: no `*\/`, no line separators that end a line comment. */
export function sanitizeDoc(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/^(\s*)@/gm, '$1\\@')
    .trim();
}

const needsParens = (s: IRSchema) => s.kind === 'binary' || s.kind === 'union' || s.kind === 'intersection' || (s.kind === 'enum' && s.values.length > 1) || s.nullable === true;

export interface TypeContext {
  /** Called for each component type the text refers to. */
  refer?: (name: string) => void;
  /**
   * `request`: readOnly properties are left out, binary accepts `Blob | Uint8Array`, and components that differ
   * for writing are referred to by their writable variant. `response` (the default): writeOnly properties are
   * left out.
   */
  mode?: 'request' | 'response';
  /** Component name → name of its request-side variant (`FooWritable`). */
  writable?: ReadonlyMap<string, string>;
}

/** Whether a property appears in this direction. */
export function visible(p: { schema: IRSchema }, ctx: TypeContext): boolean {
  return ctx.mode === 'request' ? !p.schema.readOnly : !p.schema.writeOnly;
}

export function typeExpr(schema: IRSchema, ctx: TypeContext = {}): string {
  const core = coreExpr(schema, ctx);
  return schema.nullable && !(schema.kind === 'primitive' && schema.type === 'null') ? `${core} | null` : core;
}

function coreExpr(schema: IRSchema, ctx: TypeContext): string {
  switch (schema.kind) {
    case 'unknown':
      return 'unknown';
    case 'never':
      return 'never';
    case 'primitive':
      return schema.type === 'integer' ? 'number' : schema.type;
    case 'binary':
      return ctx.mode === 'request' ? 'Blob | Uint8Array' : 'Blob';
    case 'ref': {
      const name = (ctx.mode === 'request' && ctx.writable?.get(schema.name)) || schema.name;
      ctx.refer?.(name);
      return name;
    }
    case 'enum':
      return schema.values.map(literal).join(' | ');
    case 'const':
      return literal(schema.value);
    case 'array': {
      const item = typeExpr(schema.items, ctx);
      return needsParens(schema.items) ? `(${item})[]` : `${item}[]`;
    }
    case 'tuple': {
      const items = schema.items.map((i) => typeExpr(i, ctx));
      if (schema.rest) items.push(`...${typeExpr({ kind: 'array', items: schema.rest }, ctx)}`);
      return `[${items.join(', ')}]`;
    }
    case 'object':
      return objectExpr(schema, ctx);
    case 'union':
      if (schema.variants.length === 0) return 'unknown';
      return schema.variants.map((v) => (v.kind === 'intersection' ? `(${typeExpr(v, ctx)})` : typeExpr(v, ctx))).join(' | ');
    case 'intersection':
      return schema.parts.map((p) => (needsParens(p) ? `(${typeExpr(p, ctx)})` : typeExpr(p, ctx))).join(' & ');
  }
}

/** Object members as `name?: T;` lines with JSDoc, plus an index signature for additional properties. */
export function objectMembers(schema: Extract<IRSchema, { kind: 'object' }>, ctx: TypeContext): string {
  const lines: string[] = [];
  for (const p of schema.properties) {
    if (!visible(p, ctx)) continue;
    const doc = docComment(p.schema.description, p.schema.deprecated);
    lines.push(`${doc}${propertyKey(p.name)}${p.required ? '' : '?'}: ${typeExpr(p.schema, ctx)};`);
  }
  if (schema.additional !== false) {
    const value = schema.properties.length > 0 || schema.additional === true ? 'unknown' : typeExpr(schema.additional, ctx);
    lines.push(`[key: string]: ${value};`);
  }
  return lines.join('\n');
}

function objectExpr(schema: Extract<IRSchema, { kind: 'object' }>, ctx: TypeContext): string {
  if (schema.properties.length === 0) {
    // index signatures rather than `Record<…>`: a spec may name a schema `Record`, and a self-referencing map
    // (`type A = { [key: string]: A }`) is legal where `Record<string, A>` is a circular alias
    if (schema.additional === false) return '{ [key: string]: never }';
    return `{ [key: string]: ${schema.additional === true ? 'unknown' : typeExpr(schema.additional, ctx)} }`;
  }
  return `{\n${objectMembers(schema, ctx)}\n}`;
}
