/** Types and values as short text for change messages: long unions and objects are summarised, not printed whole. */
import { literal, nodeText, typeNode, type TypeNode } from '../emit/type-expr.js';
import type { IRSchema } from '../ir/types.js';

const MAX_VARIANTS = 5;
const MAX_LISTED = 3;
const MAX_TEXT = 80;

const oneLine = (node: TypeNode) => nodeText(node).replace(/\/\*\*[^]*?\*\//g, '').replace(/\s+/g, ' ').trim();

/** `string | number`, `Pet`, `a union of 14 types`, `an object with 9 properties`. */
export function describeType(schema: IRSchema): string {
  const node = typeNode(withIntegers(schema));
  if (node.kind === 'union' && node.types.length > MAX_VARIANTS) return `a union of ${node.types.length} types`;
  const text = oneLine(node);
  if (text.length <= MAX_TEXT) return text;
  if (node.kind === 'object') {
    const n = node.members.filter((m) => m.kind === 'property').length;
    return `an object with ${n} ${n === 1 ? 'property' : 'properties'}`;
  }
  if (node.kind === 'union') return `a union of ${node.types.length} types`;
  return `${text.slice(0, MAX_TEXT - 1)}…`;
}

/** `"a", "b" and 3 more`. */
export function describeValues(values: readonly (string | number | boolean | null)[]): string {
  const shown = values.slice(0, MAX_VARIANTS).map((v) => (v === null ? 'null' : literal(v)));
  return values.length > MAX_VARIANTS ? `${shown.join(', ')} and ${values.length - MAX_VARIANTS} more` : shown.join(', ');
}

/** A list of type descriptions, shortened: `A, B, C and 4 more`. */
export function describeList(items: readonly string[]): string {
  return items.length > MAX_LISTED ? `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more` : items.join(', ');
}

/** The schema with `integer` shown as such (TypeScript has only `number`, but the difference is a change). */
function withIntegers(s: IRSchema): IRSchema {
  switch (s.kind) {
    case 'primitive':
      return s.type === 'integer' ? { kind: 'ref', name: 'integer', ...(s.nullable ? { nullable: true } : {}) } : s;
    case 'array':
      return { ...s, items: withIntegers(s.items) };
    case 'tuple':
      return { ...s, items: s.items.map(withIntegers), ...(s.rest ? { rest: withIntegers(s.rest) } : {}) };
    case 'object':
      return { ...s, properties: s.properties.map((p) => ({ ...p, schema: withIntegers(p.schema) })), additional: typeof s.additional === 'object' ? withIntegers(s.additional) : s.additional };
    case 'union':
      return { ...s, variants: s.variants.map(withIntegers) };
    case 'intersection':
      return { ...s, parts: s.parts.map(withIntegers) };
    default:
      return s;
  }
}
