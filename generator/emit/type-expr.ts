/**
 * IR schema → TypeScript type, in two steps: `typeNode` translates a schema into a small type tree (`TypeNode`,
 * the shapes TypeScript parses the text into), and `typeExpr` renders a tree as source text for ts-morph
 * structures. `emit-types.ts` renders the same trees straight to prettier's layout. Every string from the spec
 * that reaches the output goes through `literal`, `propertyKey` or `docComment`, so spec text cannot break out
 * of its place.
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

/**
 * A TypeScript type as a tree. Unions are flat (a union never holds a union); intersections keep their nesting.
 * Parentheses are not nodes: renderers add them where precedence needs them (`needsParens`).
 */
export type TypeNode =
  /** A keyword (`string`, `null`, `unknown`, …) or, with `reference`, a type reference (`Pet`, `Blob`). */
  | { kind: 'name'; text: string; reference: boolean }
  /** A string, number or boolean literal type, as source text (strings double-quoted). */
  | { kind: 'literal'; text: string }
  | { kind: 'union'; types: TypeNode[] }
  | { kind: 'intersection'; types: TypeNode[] }
  | { kind: 'array'; element: TypeNode }
  /** `[A, B, ...R[]]`: `rest` is the array type spread at the end. */
  | { kind: 'tuple'; elements: TypeNode[]; rest?: TypeNode }
  /** `broken`: written over several lines (it declares properties), as prettier then keeps it. */
  | { kind: 'object'; members: TypeMember[]; broken: boolean }
  /** `Name<A, B>`: a generic type of the runtime (`APIPromise<T>`) or of TypeScript (`Exclude<T, U>`); schemas give none. */
  | { kind: 'generic'; name: string; args: TypeNode[] }
  /** `T["key"]`: `index` is a string literal's source text (double-quoted). */
  | { kind: 'indexed'; object: TypeNode; index: string };

export type TypeMember =
  /** `name`: the property's name on the wire (renderers quote it as they need). */
  | { kind: 'property'; name: string; optional: boolean; type: TypeNode; doc: string }
  | { kind: 'index'; type: TypeNode };

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

export const keyword = (text: string): TypeNode => ({ kind: 'name', text, reference: false });
export const reference = (text: string): TypeNode => ({ kind: 'name', text, reference: true });

export function union(types: TypeNode[]): TypeNode {
  const flat = types.flatMap((t) => (t.kind === 'union' ? t.types : [t]));
  return flat.length === 1 ? flat[0]! : { kind: 'union', types: flat };
}

/** `T[]`. `(-1)[]` is valid TypeScript, but prettier prints it as `-1[]`, which is not: it widens to `number[]`. */
function arrayNode(element: TypeNode): TypeNode {
  return { kind: 'array', element: element.kind === 'literal' && element.text.startsWith('-') ? keyword('number') : element };
}

function literalNode(value: string | number | boolean | null): TypeNode {
  if (value === null) return keyword('null');
  const text = literal(value);
  return text === 'number' ? keyword(text) : { kind: 'literal', text };
}

export function typeNode(schema: IRSchema, ctx: TypeContext = {}): TypeNode {
  const core = coreNode(schema, ctx);
  return schema.nullable && !(schema.kind === 'primitive' && schema.type === 'null') ? union([core, keyword('null')]) : core;
}

function coreNode(schema: IRSchema, ctx: TypeContext): TypeNode {
  switch (schema.kind) {
    case 'unknown':
    case 'never':
      return keyword(schema.kind);
    case 'primitive':
      return keyword(schema.type === 'integer' ? 'number' : schema.type);
    case 'binary':
      return ctx.mode === 'request' ? union([reference('Blob'), reference('Uint8Array')]) : reference('Blob');
    case 'ref': {
      const name = (ctx.mode === 'request' && ctx.writable?.get(schema.name)) || schema.name;
      ctx.refer?.(name);
      return reference(name);
    }
    case 'enum':
      return schema.values.length === 0 ? keyword('never') : union(schema.values.map(literalNode));
    case 'const':
      return literalNode(schema.value);
    case 'array':
      return arrayNode(typeNode(schema.items, ctx));
    case 'tuple':
      return {
        kind: 'tuple',
        elements: schema.items.map((i) => typeNode(i, ctx)),
        ...(schema.rest ? { rest: arrayNode(typeNode(schema.rest, ctx)) } : {}),
      };
    case 'object':
      return objectNode(schema, ctx);
    case 'union':
      return schema.variants.length === 0 ? keyword('unknown') : union(schema.variants.map((v) => typeNode(v, ctx)));
    case 'intersection':
      return { kind: 'intersection', types: schema.parts.map((p) => typeNode(p, ctx)) };
  }
}

/** Object members: properties with their JSDoc, then an index signature for additional properties. */
export function objectNode(schema: Extract<IRSchema, { kind: 'object' }>, ctx: TypeContext): Extract<TypeNode, { kind: 'object' }> {
  const members: TypeMember[] = [];
  for (const p of schema.properties) {
    if (!visible(p, ctx)) continue;
    const doc = docComment(p.schema.description, p.schema.deprecated);
    members.push({ kind: 'property', name: p.name, optional: !p.required, type: typeNode(p.schema, ctx), doc });
  }
  // index signatures rather than `Record<…>`: a spec may name a schema `Record`, and a self-referencing map
  // (`type A = { [key: string]: A }`) is legal where `Record<string, A>` is a circular alias
  if (schema.properties.length > 0) {
    if (schema.additional !== false) members.push({ kind: 'index', type: keyword('unknown') });
  } else {
    members.push({ kind: 'index', type: schema.additional === false ? keyword('never') : schema.additional === true ? keyword('unknown') : typeNode(schema.additional, ctx) });
  }
  return { kind: 'object', members, broken: schema.properties.length > 0 };
}

export const generic = (name: string, args: TypeNode[]): TypeNode => ({ kind: 'generic', name, args });

/** Adds to `out` the names of the generic types in `node` (`APIPromise`, `Stream`), and returns it. */
export function genericNames(node: TypeNode, out = new Set<string>()): Set<string> {
  const visit = (n: TypeNode): void => {
    switch (n.kind) {
      case 'generic':
        out.add(n.name);
        return n.args.forEach(visit);
      case 'union':
      case 'intersection':
        return n.types.forEach(visit);
      case 'array':
        return visit(n.element);
      case 'tuple':
        n.elements.forEach(visit);
        if (n.rest) visit(n.rest);
        return;
      case 'object':
        return n.members.forEach((m) => visit(m.type));
      case 'indexed':
        return visit(n.object);
      default:
        return;
    }
  };
  visit(node);
  return out;
}

/** Whether `node` needs parentheses as a direct child of a `parent` node. */
export function needsParens(node: TypeNode, parent: TypeNode['kind']): boolean {
  if (parent === 'array' || parent === 'indexed') return node.kind === 'union' || node.kind === 'intersection';
  if (parent === 'intersection') return node.kind === 'union' || node.kind === 'intersection';
  if (parent === 'union') return node.kind === 'intersection';
  return false;
}

/** A type tree as source text (objects with properties over several lines, as prettier keeps them). */
export function nodeText(node: TypeNode): string {
  const child = (c: TypeNode) => (needsParens(c, node.kind) ? `(${nodeText(c)})` : nodeText(c));
  switch (node.kind) {
    case 'name':
    case 'literal':
      return node.text;
    case 'union':
      return node.types.map(child).join(' | ');
    case 'intersection':
      return node.types.map(child).join(' & ');
    case 'array':
      return `${child(node.element)}[]`;
    case 'generic':
      return `${node.name}<${node.args.map(nodeText).join(', ')}>`;
    case 'indexed':
      return `${child(node.object)}[${node.index}]`;
    case 'tuple':
      return `[${[...node.elements.map(nodeText), ...(node.rest ? [`...${nodeText(node.rest)}`] : [])].join(', ')}]`;
    case 'object':
      if (!node.broken) return node.members.length ? `{ ${node.members.map(memberText).join('; ')} }` : '{}';
      return `{\n${membersText(node.members)}\n}`;
  }
}

function memberText(m: TypeMember): string {
  return m.kind === 'index' ? `[key: string]: ${nodeText(m.type)}` : `${m.doc}${propertyKey(m.name)}${m.optional ? '?' : ''}: ${nodeText(m.type)}`;
}

function membersText(members: TypeMember[]): string {
  return members.map((m) => `${memberText(m)};`).join('\n');
}

export function typeExpr(schema: IRSchema, ctx: TypeContext = {}): string {
  return nodeText(typeNode(schema, ctx));
}

/** Object members as `name?: T;` lines with JSDoc, plus an index signature for additional properties. */
export function objectMembers(schema: Extract<IRSchema, { kind: 'object' }>, ctx: TypeContext): string {
  return membersText(objectNode(schema, ctx).members);
}
