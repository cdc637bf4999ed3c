/**
 * The expressions emitted code is made of (the request spec literals and the runtime calls of `operations.ts`),
 * as small trees, so that each printer lays them out its own way: `codeText` gives the text the statement
 * structures carry (`structures.ts`), `code-layout.ts` the document prettier's printer builds for the same code.
 * Every string from the spec goes through `literal` or `propertyKey`, so spec text cannot break out of its place.
 */
import { literal, nodeText, propertyKey, type TypeNode } from './type-expr.js';

export type Code =
  /** An identifier or keyword (`params`, `true`, `undefined`) or a number, as source text. */
  | { kind: 'name'; text: string }
  /** A string literal (its value). */
  | { kind: 'string'; value: string }
  /** A tagged template literal whose interpolations are identifiers: `encodePath\`/a/${id}\`` (source text). */
  | { kind: 'template'; text: string }
  | { kind: 'array'; items: Code[] }
  /** `key` is the property's name (quoted as needed when printed); a `name` value of the same text is shorthand. */
  | { kind: 'object'; props: CodeProperty[] }
  /** `object?.["key"]`. */
  | { kind: 'optional-member'; object: string; key: string }
  /** `object.property` (`this.client`, `options.webhookSecret`). */
  | { kind: 'member'; object: Code; property: string }
  /** `new Callee<typeArgs>(args)`. */
  | { kind: 'new'; callee: string; typeArgs: TypeNode[]; args: Code[] }
  /** `left = right`, as a statement. */
  | { kind: 'assign'; left: Code; right: Code }
  /** `callee<typeArgs>(args)`; `callee` may be a member (`client.request`). */
  | { kind: 'call'; callee: string; typeArgs: TypeNode[]; args: Code[] }
  /** `left && right`, `left === right`. */
  | { kind: 'binary'; left: Code; operator: '&&' | '==='; right: Code }
  | { kind: 'conditional'; test: Code; consequent: Code; alternate: Code };

export type CodeProperty = { key: string; value: Code } | { spread: Code };

export const name = (text: string): Code => ({ kind: 'name', text });
export const str = (value: string): Code => ({ kind: 'string', value });
export const array = (items: Code[]): Code => ({ kind: 'array', items });
export const object = (props: CodeProperty[]): Code => ({ kind: 'object', props });
export const prop = (key: string, value: Code): CodeProperty => ({ key, value });
export const call = (callee: string, args: Code[], typeArgs: TypeNode[] = []): Code => ({ kind: 'call', callee, typeArgs, args });
export const member = (object: Code, property: string): Code => ({ kind: 'member', object, property });

/** A JSON-compatible value (`undefined` array holes as `undefined`; `undefined` properties left out). */
export function plainCode(value: unknown): Code {
  if (value === undefined) return name('undefined');
  if (Array.isArray(value)) return array(value.map(plainCode));
  if (value !== null && typeof value === 'object') {
    return object(Object.entries(value).flatMap(([k, v]) => (v === undefined ? [] : [prop(k, plainCode(v))])));
  }
  return typeof value === 'string' ? str(value) : name(literal(value as number | boolean | null));
}

/** Whether a property is written shorthand (`{ body }`). */
export function isShorthand(p: Extract<CodeProperty, { key: string }>): boolean {
  return p.value.kind === 'name' && p.value.text === p.key && propertyKey(p.key) === p.key;
}

/** The source text of `code`, on one line. */
export function codeText(code: Code): string {
  switch (code.kind) {
    case 'name':
    case 'template':
      return code.text;
    case 'string':
      return literal(code.value);
    case 'array':
      return `[${code.items.map(codeText).join(', ')}]`;
    case 'object':
      return code.props.length ? `{ ${code.props.map(propertyText).join(', ')} }` : '{}';
    case 'optional-member':
      return `${code.object}?.[${literal(code.key)}]`;
    case 'member':
      return `${codeText(code.object)}.${code.property}`;
    case 'call':
      return `${code.callee}${typeArgsText(code.typeArgs)}(${code.args.map(codeText).join(', ')})`;
    case 'new':
      return `new ${code.callee}${typeArgsText(code.typeArgs)}(${code.args.map(codeText).join(', ')})`;
    case 'assign':
      return `${codeText(code.left)} = ${codeText(code.right)}`;
    case 'binary':
      return `${codeText(code.left)} ${code.operator} ${codeText(code.right)}`;
    case 'conditional':
      return `${codeText(code.test)} ? ${codeText(code.consequent)} : ${codeText(code.alternate)}`;
  }
}

function typeArgsText(args: TypeNode[]): string {
  return args.length ? `<${args.map(nodeText).join(', ')}>` : '';
}

function propertyText(p: CodeProperty): string {
  if ('spread' in p) return `...${codeText(p.spread)}`;
  return isShorthand(p) ? p.key : `${propertyKey(p.key)}: ${codeText(p.value)}`;
}
