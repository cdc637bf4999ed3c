/**
 * `src/types.ts`: one exported type per component schema. Plain object schemas become interfaces, everything
 * else a type alias; descriptions and `deprecated` become JSDoc.
 *
 * This file is most of a big spec's output, so it is printed straight to prettier's layout instead of going
 * through ts-morph and then prettier (which cost about 0.3 s and 0.5 s on the full OpenAI spec): each type tree
 * becomes the document prettier's TypeScript printer builds for that code (groups, indents, conditional
 * breaks), and prettier's own `printDocToString` lays it out. The result is what `prettier.format` gives for it,
 * byte for byte; tests check that on every spec they generate.
 */
import { doc, util } from 'prettier';
import { PRETTIER_OPTIONS } from '../format.js';
import type { IRNamedSchema, IRSchema } from '../ir/types.js';
import { forEachChild } from '../ir/walk.js';
import { docComment, needsParens, propertyKey, typeNode, type TypeContext, type TypeMember, type TypeNode } from './type-expr.js';

type Doc = doc.builders.Doc;
const { group, indent, align, line, softline, hardline, ifBreak, indentIfBreak, lineSuffixBoundary, join } = doc.builders;

/** prettier's options for the generated package (see `format.ts`), as the layout needs them. */
export interface LayoutOptions {
  printWidth: number;
  tabWidth: number;
}

/** Where a type sits, as far as prettier's layout of it depends on that. */
export type Position = TypeNode['kind'] | 'alias' | 'member' | 'tuple-only' | 'rest' | 'type-args';

/** `import type { names } from 'from';`, at the top of a types module that refers to another one's types. */
export interface TypesImport {
  from: string;
  names: string[];
}

/** The source of `src/types.ts` (after `head`, the provenance comment), formatted. */
export function typesSource(
  head: string,
  schemas: readonly IRNamedSchema[],
  writable: ReadonlyMap<string, string>,
  options: LayoutOptions,
  imports: readonly TypesImport[] = [],
): string {
  const statements: string[] = [];
  if (imports.length) statements.push(imports.map((i) => print(importDoc(i.names, i.from, true), options)).join('\n'));
  for (const named of schemas) {
    statements.push(print(schemaStatement(named, {}), options));
    const name = writable.get(named.name);
    if (name) statements.push(print(schemaStatement(named, { mode: 'request', writable }, name), options));
  }
  return `${commentLines(head).join('\n')}\n${statements.length ? statements.join('\n\n') : 'export {};'}\n`;
}

/**
 * `import { a, b } from 'from';` (`import type` for a type-only one) as prettier lays it out: the specifiers on one
 * line, or one per line when that does not fit; a single specifier never breaks.
 */
export function importDoc(names: readonly string[], from: string, typeOnly: boolean): Doc {
  const head = `import ${typeOnly ? 'type ' : ''}`;
  const tail = [' from ', stringDoc(JSON.stringify(from)), ';'];
  if (names.length === 1) return [head, '{ ', names[0]!, ' }', ...tail];
  return group([head, '{', indent([line, join([',', line], [...names])]), ifBreak(','), line, '}', ...tail]);
}

/**
 * The names the statements of `schemas` refer to (their `$ref`s, and in a `…Writable` variant the variants of
 * those), which a module declaring them imports where they live elsewhere.
 */
export function referencedTypes(schemas: readonly IRNamedSchema[], writable: ReadonlyMap<string, string>): Set<string> {
  const names = new Set<string>();
  for (const { name, schema } of schemas) {
    const refs = new Set<string>();
    const visit = (node: IRSchema): void => {
      if (node.kind === 'ref') refs.add(node.name);
      forEachChild(node, visit);
    };
    visit(schema);
    for (const ref of refs) {
      names.add(ref);
      if (writable.has(name)) names.add(writable.get(ref) ?? ref);
    }
  }
  return names;
}

/** `d` laid out by prettier's printer, as `prettier.format` would for the code it stands for. */
export function print(d: Doc, options: LayoutOptions): string {
  return doc.printer.printDocToString(d, { ...options, useTabs: false, endOfLine: 'lf' } as doc.printer.Options).formatted;
}

/** The statement declaring one component: as read, or (`ctx.mode` request, named `FooWritable`) as written. */
function schemaStatement(named: IRNamedSchema, ctx: TypeContext, name = named.name): Doc {
  const { schema } = named;
  const description = [schema.description, defaultVariantDoc(schema)].filter(Boolean).join('\n\n') || undefined;
  const comment = docComment(
    ctx.mode === 'request' ? `${named.name} as sent in requests (read-only properties left out).${description ? `\n\n${description}` : ''}` : description,
    schema.deprecated,
  );
  const type = typeNode(schema, ctx);
  const head = comment ? [commentDoc(comment), hardline] : [];
  if (schema.kind === 'object' && !schema.nullable && schema.properties.length > 0 && type.kind === 'object') {
    return [...head, 'export ', group(['interface ', name, ' ', type.members.length ? objectBody(type.members, true) : '{}'])];
  }
  return [...head, aliasDoc(name, type)];
}

/** `export type Name = T;` (prettier's "fluid" assignment layout). */
export function aliasDoc(name: string, type: TypeNode): Doc {
  const id = Symbol('assignment');
  return ['export ', group([group(['type ', name]), ' =', group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(typeDoc(type, 'alias'), { groupId: id })]), ';'];
}

/** For a union with an OpenAPI 3.2 `defaultMapping`: which variant a payload with an unmapped value is. */
function defaultVariantDoc(schema: IRSchema): string | undefined {
  if (schema.kind !== 'union' || !schema.discriminator?.defaultMapping) return undefined;
  const { property, mapping, defaultMapping } = schema.discriminator;
  const values = Object.keys(mapping).map((v) => `\`${JSON.stringify(v)}\``);
  return `A \`${property}\` ${values.length ? `other than ${values.join(', ')}` : 'of any value'}, or none, is a {@link ${defaultMapping}}.`;
}

/**
 * `{ a: T; … }` as prettier's object printer lays it out. `broken` (objects with properties): prettier keeps an
 * object expanded when its source has a newline after `{`, so these always are. An index-only object breaks
 * only when it does not fit; prettier, reading that output back, marks it expanded, which changes nothing: a
 * group can break only inside groups that are already broken.
 */
function objectBody(members: TypeMember[], broken: boolean): Doc {
  const parts: Doc[] = [];
  members.forEach((m, i) => {
    if (i > 0) parts.push(';', line);
    parts.push(memberDoc(m));
  });
  return group(['{', indent([line, ...parts]), ifBreak(';'), line, '}'], { shouldBreak: broken });
}

function memberDoc(m: TypeMember): Doc {
  if (m.kind === 'index') return group(['[', group([indent([softline, 'key: string']), softline]), ']: ', typeDoc(m.type, 'member')]);
  const comment = m.doc ? [commentDoc(m.doc), hardline] : [];
  return group([...comment, propertyKeyDoc(m.name), m.optional ? '?: ' : ': ', typeDoc(m.type, 'member')]);
}

export function typeDoc(node: TypeNode, at: Position): Doc {
  switch (node.kind) {
    case 'name':
      return node.text;
    case 'literal':
      return node.text.startsWith('"') ? stringDoc(node.text) : numberDoc(node.text);
    case 'array':
      return [childDoc(node.element, 'array'), '[]'];
    case 'generic':
      return [node.name, typeArgsDoc(node.args)];
    case 'indexed':
      return [childDoc(node.object, 'indexed'), '[', stringDoc(node.index), ']'];
    case 'tuple': {
      const items: Doc[] = node.elements.map((e) => group(typeDoc(e, node.elements.length + (node.rest ? 1 : 0) > 1 ? 'tuple' : 'tuple-only')));
      if (node.rest) items.push(group(['...', typeDoc(node.rest, 'rest')]));
      if (items.length === 0) return '[]';
      return group(['[', indent([softline, join([',', line], items), ifBreak(',')]), softline, ']']);
    }
    case 'object':
      return node.members.length ? objectBody(node.members, node.broken) : '{}';
    case 'intersection':
      return intersectionDoc(node.types);
    case 'union':
      return unionDoc(node.types, at);
  }
}

/**
 * `<A, B>` after a generic type's name: one argument that is a keyword, a plain reference, an object type or such
 * a union with `null` hugs the brackets (prettier's `shouldHugType`); others break inside them.
 */
export function typeArgsDoc(args: TypeNode[]): Doc {
  const only = args.length === 1 ? args[0]! : undefined;
  if (only && (only.kind === 'name' || only.kind === 'object' || (only.kind === 'union' && unionHugs(only.types)))) return ['<', typeDoc(only, 'type-args'), '>'];
  return group(['<', indent([softline, join([',', line], args.map((a) => typeDoc(a, 'type-args')))]), softline, '>']);
}

/** A child of an array, union, intersection or indexed access type, parenthesized where precedence needs it. */
function childDoc(node: TypeNode, parent: 'array' | 'union' | 'intersection' | 'indexed'): Doc {
  const d = typeDoc(node, parent);
  return needsParens(node, parent) ? ['(', d, ')'] : d;
}

const isObject = (t: TypeNode) => t.kind === 'object';

/** prettier: objects in an intersection stay inline (`A & {`), other parts break onto indented lines. */
function intersectionDoc(types: TypeNode[]): Doc {
  let wasIndented = false;
  return group(
    types.map((t, i) => {
      const d = childDoc(t, 'intersection');
      if (i === 0) return d;
      const previous = isObject(types[i - 1]!);
      const current = isObject(t);
      if (previous && current) return [' & ', wasIndented ? indent(d) : d];
      if (!previous && !current) return indent([' &', line, d]);
      if (i > 1) wasIndented = true;
      return [' & ', i > 1 ? indent(d) : d];
    }),
  );
}

/** prettier: `{ … } | null` (one object or reference plus nulls) hugs; other unions break into `| A` lines. */
function unionHugs(types: TypeNode[]): boolean {
  const objectLike = types.find((t) => t.kind === 'object' || t.kind === 'generic' || (t.kind === 'name' && t.reference));
  return objectLike !== undefined && types.every((t) => t === objectLike || (t.kind === 'name' && t.text === 'null'));
}

function unionDoc(types: TypeNode[], at: Position): Doc {
  if (unionHugs(types)) return join(' | ', types.map((t) => childDoc(t, 'union')));
  const shouldIndent = at !== 'tuple' && at !== 'tuple-only' && at !== 'type-args';
  const code = [ifBreak([shouldIndent ? line : '', '| ']), join([line, '| '], types.map((t) => align(2, childDoc(t, 'union'))))];
  if (at === 'array' || at === 'intersection' || at === 'indexed') return group([indent(code), softline]);
  if (at === 'tuple') return group([indent([ifBreak(['(', softline]), code]), softline, ifBreak(')')]);
  return group(shouldIndent ? indent(code) : code);
}

/** A double-quoted string literal in prettier's quotes (single unless that needs more escapes). */
export function stringDoc(text: string): string {
  const raw = text.slice(1, -1);
  return util.makeString(raw, util.getPreferredQuote(raw, PRETTIER_OPTIONS.singleQuote ?? false));
}

/** prettier's number normalization, for what `String(number)` gives (`1e+21` → `1e21`). */
function numberDoc(text: string): string {
  return text.toLowerCase().replace(/^([+-]?[\d.]+e)(?:\+|(-))?0*(\d)/, '$1$2$3');
}

/** ES5 identifier names (Unicode letters included), which prettier writes unquoted as property keys. */
const ES5_IDENTIFIER = /^[$_\p{L}\p{Nl}][$_\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}\u200c\u200d]*$/u;

export function propertyKeyDoc(name: string): string {
  const key = propertyKey(name);
  if (key.startsWith('[')) return `[${stringDoc(key.slice(1, -1))}]`;
  if (!key.startsWith('"')) return key;
  const raw = key.slice(1, -1);
  // prettier unquotes a key only when its source has no escapes and it is an identifier name
  return !raw.includes('\\') && ES5_IDENTIFIER.test(raw) ? raw : stringDoc(key);
}

/**
 * A block comment's lines as prettier prints them: when every line starts with `*` (as ours do), the lines after
 * the first are trimmed and re-indented as ` * …` at the comment's depth.
 */
export function commentLines(comment: string): string[] {
  const lines = comment.trimEnd().slice(2, -2).split('\n');
  return lines.map((l, i) => (i === 0 ? `/*${l.trimEnd()}` : ` ${i < lines.length - 1 ? l.trim() : l.trimStart()}`)).map((l, i, all) => (i === all.length - 1 ? `${l}*/` : l));
}

export function commentDoc(comment: string): Doc {
  const lines = commentLines(comment);
  return lines.length === 1 ? comment.trimEnd() : join(hardline, lines);
}
