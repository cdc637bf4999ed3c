/**
 * Emitted code in prettier's layout, as `emit-types.ts` prints the types: each construct becomes the document
 * prettier's JavaScript printer builds for it (its assignment layouts for object properties, its call-argument,
 * array, member, binary and conditional printing, function signatures), and prettier's own `printDocToString`
 * lays the statements out. The result is what `prettier.format` gives for the same code, byte for byte (tests
 * check that on every spec they generate), without parsing the code back: on a big spec, formatting
 * `operations.ts` was most of generation's time.
 *
 * Only the constructs emitters build are covered (`code.ts`: no callbacks, comments inside expressions or
 * chains of more than one call, whose layouts prettier decides otherwise).
 */
import { doc, util } from 'prettier';
import { PRETTIER_OPTIONS } from '../format.js';
import { codeText, isShorthand, type Code, type CodeProperty } from './code.js';
import { commentDoc, importDoc, print, propertyKeyDoc, stringDoc, typeArgsDoc, typeDoc } from './emit-types.js';
import { blankLineBefore, commentTexts, type Docs, type ImportDeclarationStructure } from './structures.js';
import { literal, type TypeNode } from './type-expr.js';

type Doc = doc.builders.Doc;
const { group, indent, align, line, softline, hardline, ifBreak, indentIfBreak, lineSuffixBoundary, join, fill, breakParent, conditionalGroup } = doc.builders;

/** The layout the code modules are printed in: prettier's, as `format.ts` configures it. */
export const LAYOUT = { printWidth: PRETTIER_OPTIONS.printWidth ?? 80, tabWidth: PRETTIER_OPTIONS.tabWidth ?? 2 };

/** One top-level statement: its document, and what decides the blank line before it (see `moduleText`). */
export interface LaidStatement {
  doc: Doc;
  /** A function, class or interface: a blank line before it. */
  declaration: boolean;
  /** Its text ends with `}`: a blank line after it. */
  endsWithBrace: boolean;
}

/**
 * The module text after `head` (the provenance comment): the statements separated as the statement-structure
 * printer separates them (`blankLineBefore`), whose blank lines prettier keeps.
 */
export function moduleText(head: string, statements: readonly LaidStatement[]): string {
  let out = head;
  statements.forEach((s, i) => {
    if (i > 0) out += blankLineBefore(statements[i - 1]!.endsWithBrace, s.declaration) ? '\n\n' : '\n';
    out += print(s.doc, LAYOUT);
  });
  return `${out}\n`;
}

/** `import { a, type B } from '…';` (one specifier never breaks, as prettier keeps it). */
export function importStatement(s: ImportDeclarationStructure): LaidStatement {
  if (s.namespaceImport) {
    return { doc: [`import ${s.isTypeOnly ? 'type ' : ''}* as ${s.namespaceImport} from `, stringDoc(JSON.stringify(s.moduleSpecifier)), ';'], declaration: false, endsWithBrace: false };
  }
  const names = (s.namedImports ?? []).map((n) => (typeof n === 'string' ? n : n.alias ? `${n.name} as ${n.alias}` : n.name));
  return { doc: importDoc(names, s.moduleSpecifier, !!s.isTypeOnly), declaration: false, endsWithBrace: false };
}

/** The JSDoc comments of a declaration, each followed by its line break. */
export function leadingComments(docs: Docs | undefined): Doc[] {
  return commentTexts(docs).flatMap((c) => [commentDoc(c), hardline]);
}

export interface LaidParameter {
  name: string;
  optional: boolean;
  type: TypeNode;
  /** `protected readonly ` (a constructor's parameter property). */
  modifiers?: string;
  initializer?: Code;
}

/**
 * `(a: A, b?: B): R` (prettier's function parameters and return type, grouped together; a constructor has no
 * return type).
 */
export function signatureDoc(parameters: readonly LaidParameter[], returnType: TypeNode | undefined): Doc {
  const params = parameters.map((p) => [p.modifiers ?? '', p.name, p.optional ? '?' : '', ': ', typeDoc(p.type, 'member'), p.initializer ? [' = ', codeDoc(p.initializer)] : '']);
  const list: Doc = params.length ? ['(', indent([softline, join([',', line], params)]), ifBreak(','), softline, ')'] : '()';
  if (!returnType) return group([list]);
  const returns = typeDoc(returnType, 'member');
  // one parameter before a return type that breaks: the return type breaks first (prettier's grouped parameters)
  const grouped = parameters.length === 1 && (returnType.kind === 'object' || doc.utils.willBreak(returns));
  return group([grouped ? group(list) : list, ': ', returns]);
}

/** `{ return expression; }` */
export function returnBlock(expression: Code): Doc {
  return blockDoc([['return ', codeDoc(expression), ';']]);
}

/** A block of statements (each a document ending with its `;`). */
export function blockDoc(statements: Doc[]): Doc {
  return statements.length ? ['{', indent([hardline, join(hardline, statements)]), hardline, '}'] : '{}';
}

/** An expression statement: `super(options);`, `this.x = new X(client);`. */
export const expressionStatement = (code: Code): Doc => [codeDoc(code), ';'];

/** A class member, and whether a blank line comes before it (as the statement-structure printer puts them). */
export interface LaidMember {
  doc: Doc;
  blank: boolean;
}

/** `export class Name extends Base { members }`, after its comments. */
export function classStatement(comments: Doc[], head: string, members: readonly LaidMember[]): LaidStatement {
  const body: Doc = members.length
    ? ['{', indent([hardline, ...members.flatMap((m, i) => (i === 0 ? [m.doc] : [hardline, m.blank ? hardline : '', m.doc]))]), hardline, '}']
    : '{}';
  return { doc: [...comments, head, ' ', body], declaration: true, endsWithBrace: true };
}

/** A class property: `readonly name: Type;` or `readonly name: Type = value;` ("fluid" assignment layout). */
export function classPropertyDoc(comments: Doc[], name: string, type: TypeNode, initializer?: Code): Doc {
  const left = ['readonly ', name, ': ', typeDoc(type, 'member')];
  if (!initializer) return [...comments, ...left, ';'];
  const id = Symbol('assignment');
  return [...comments, group([group(left), ' =', group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(codeDoc(initializer), { groupId: id })]), ';'];
}

/** An expression's document. */
export function codeDoc(code: Code): Doc {
  switch (code.kind) {
    case 'name':
    case 'template':
      return code.text;
    case 'string':
      return stringDoc(literal(code.value));
    case 'array':
      return arrayDoc(code.items);
    case 'object':
      if (!code.props.length) return '{}';
      return group(['{', indent([line, join([',', line], code.props.map((p) => group(propertyDoc(p))))]), ifBreak(','), line, '}']);
    case 'optional-member':
      return [code.object, lineSuffixBoundary, group(['?.', '[', indent([softline, stringDoc(literal(code.key))]), softline, ']'])];
    case 'member': {
      // prettier keeps `a.b` together, and lets `this.b` (an object that is not an identifier) break before the dot
      const inline = code.object.kind === 'name' && code.object.text !== 'this';
      return [codeDoc(code.object), lineSuffixBoundary, inline ? ['.', code.property] : group(indent([softline, '.', code.property]))];
    }
    case 'call': {
      const contents = [code.callee, code.typeArgs.length ? typeArgsDoc(code.typeArgs) : '', callArgumentsDoc(code.args)];
      // a call on a member (`client.request(…)`) is a member chain short enough to stay one group
      return code.callee.includes('.') ? group(contents) : contents;
    }
    case 'new':
      return ['new ', code.callee, code.typeArgs.length ? typeArgsDoc(code.typeArgs) : '', callArgumentsDoc(code.args)];
    case 'assign': {
      // the left side is a member (`this.x`), which prettier keeps on one line there; "fluid" layout
      const left = code.left.kind === 'member' ? codeText(code.left) : codeDoc(code.left);
      const id = Symbol('assignment');
      return group([group(left), ' =', group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(codeDoc(code.right), { groupId: id })]);
    }
    case 'binary':
      return group([group(codeDoc(code.left)), ' ', group([code.operator, line, codeDoc(code.right)])]);
    case 'conditional':
      return group([codeDoc(code.test), indent([line, '? ', align(2, codeDoc(code.consequent)), line, ': ', align(2, codeDoc(code.alternate))])]);
  }
}

/** prettier's call arguments: all on one line or one per line, a last object or array argument hugged. */
function callArgumentsDoc(args: Code[]): Doc {
  if (!args.length) return '()';
  const printed = args.map(codeDoc);
  const separated = printed.flatMap((d, i) => (i < printed.length - 1 ? [d, ',', line] : [d]));
  const allBrokenOut = () => group(['(', indent([line, ...separated]), ',', line, ')'], { shouldBreak: true });
  const last = args.at(-1)!;
  const previous = args.at(-2);
  const expandLast = isObjectOrArrayWithItems(last) && previous?.kind !== last.kind && !(args.length > 1 && last.kind === 'array' && last.items.every(isNumber));
  if (expandLast) {
    const head = separated.slice(0, -1);
    if (printed.slice(0, -1).some((d) => doc.utils.willBreak(d))) return allBrokenOut();
    const lastDoc = printed.at(-1)!;
    if (doc.utils.willBreak(lastDoc)) return [breakParent, conditionalGroup([['(', ...head, group(lastDoc, { shouldBreak: true }), ')'], allBrokenOut()])];
    return conditionalGroup([['(', ...head, lastDoc, ')'], ['(', ...head, group(lastDoc, { shouldBreak: true }), ')'], allBrokenOut()]);
  }
  return group(['(', indent([softline, ...separated]), ifBreak(','), softline, ')'], { shouldBreak: printed.some((d) => doc.utils.willBreak(d)) });
}

const isNumber = (c: Code) => c.kind === 'name' && /^-?\d/.test(c.text);

/** prettier's arrays: numbers filled, arrays of several multi-item objects or arrays always broken. */
function arrayDoc(items: Code[]): Doc {
  if (!items.length) return '[]';
  const shouldBreak =
    items.length > 1 &&
    items.every((item, i) => {
      if (item.kind !== 'array' && item.kind !== 'object') return false;
      const next = items[i + 1];
      if (next && next.kind !== item.kind) return false;
      return (item.kind === 'array' ? item.items.length : item.props.length) > 1;
    });
  if (items.every(isNumber)) {
    const id = Symbol('array');
    const parts: Doc[] = [];
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      parts.push([codeDoc(item), last ? ifBreak(',', '', { groupId: id }) : ',']);
      if (!last) parts.push(line);
    });
    return group(['[', indent([softline, fill(parts)]), softline, ']'], { shouldBreak, id });
  }
  return group(['[', indent([softline, join([',', line], items.map((i) => group(codeDoc(i)))), ifBreak(',')]), softline, ']'], { shouldBreak });
}

function propertyDoc(p: CodeProperty): Doc {
  if ('spread' in p) return ['...', codeDoc(p.spread)];
  if (isShorthand(p)) return p.key;
  const key = propertyKeyDoc(p.key);
  const value = codeDoc(p.value);
  switch (propertyLayout(key, p.value)) {
    case 'break-after-operator':
      return group([group(key), ':', group(indent([line, value]))]);
    case 'never-break-after-operator':
      return group([group(key), ':', ' ', value]);
    case 'fluid': {
      const id = Symbol('assignment');
      return group([group(key), ':', group(indent(line), { id }), lineSuffixBoundary, indentIfBreak(value, { groupId: id })]);
    }
  }
}

/** prettier's `chooseLayout` for an object property whose key cannot break. */
function propertyLayout(key: string, value: Code): 'break-after-operator' | 'never-break-after-operator' | 'fluid' {
  // wrapping the values of very short keys does not gain enough width to be worth it
  const shortKey = util.getStringWidth(key) < LAYOUT.tabWidth + 3;
  if (value.kind === 'binary' && !(value.operator === '&&' && isObjectOrArrayWithItems(value.right))) return 'break-after-operator';
  if (value.kind === 'conditional' && value.test.kind === 'binary' && !(value.test.operator === '&&' && isObjectOrArrayWithItems(value.test.right))) return 'break-after-operator';
  if (!shortKey && (value.kind === 'string' || poorlyBreakable(value, false))) return 'break-after-operator';
  if (shortKey || value.kind === 'template' || (value.kind === 'name' && (value.text === 'true' || value.text === 'false' || /^\d/.test(value.text)))) {
    return 'never-break-after-operator';
  }
  return 'fluid';
}

function isObjectOrArrayWithItems(c: Code): boolean {
  return (c.kind === 'object' && c.props.length > 0) || (c.kind === 'array' && c.items.length > 0);
}

/** A member chain or a call of no argument or one short one (prettier's `isPoorlyBreakableMemberOrCallChain`). */
function poorlyBreakable(c: Code, deep: boolean): boolean {
  if (c.kind === 'optional-member') return true;
  if (c.kind === 'call') {
    const [only, ...more] = c.args;
    if (more.length || (only && !loneShortArgument(only))) return false;
    if (c.typeArgs.length > 1 || (c.typeArgs.length === 1 && ['union', 'intersection', 'object'].includes(c.typeArgs[0]!.kind))) return false;
    return true;
  }
  return deep && c.kind === 'name' && !/^(?:-?\d|true$|false$|null$)/.test(c.text);
}

/** prettier's `isLoneShortArgument`, for the arguments emitted calls take. */
function loneShortArgument(c: Code): boolean {
  const threshold = LAYOUT.printWidth * 0.25;
  if (c.kind === 'name') return /^-?\d/.test(c.text) || c.text.length <= threshold || ['true', 'false', 'null'].includes(c.text);
  if (c.kind === 'string') return stringDoc(literal(c.value)).length <= threshold;
  // not a literal (`retryPolicy({ … })`)
  if (c.kind === 'object' || c.kind === 'array') return false;
  throw new Error(`code-layout: no lone-argument rule for a ${c.kind}`);
}
