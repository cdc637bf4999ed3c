/**
 * Minimal example values for README snippets: required properties only, first union variant, first enum value.
 */
import type { IRSchema } from '../ir/types.js';

export function sampleValue(schema: IRSchema, named: ReadonlyMap<string, IRSchema>, depth = 0): unknown {
  if (depth > 10) return undefined;
  switch (schema.kind) {
    case 'ref': {
      const target = named.get(schema.name);
      return target ? sampleValue(target, named, depth + 1) : {};
    }
    case 'const':
      return schema.value;
    case 'enum':
      return schema.values[0];
    case 'primitive':
      return schema.type === 'string' ? 'string' : schema.type === 'boolean' ? false : schema.type === 'null' ? null : 0;
    case 'array': {
      const item = sampleValue(schema.items, named, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'tuple':
      return schema.items.map((i) => sampleValue(i, named, depth + 1));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of schema.properties) {
        if (!p.required) continue;
        const v = sampleValue(p.schema, named, depth + 1);
        if (v !== undefined) out[p.name] = v;
      }
      return out;
    }
    case 'union':
      return schema.variants[0] ? sampleValue(schema.variants[0], named, depth + 1) : null;
    case 'intersection': {
      const values = schema.parts.map((p) => sampleValue(p, named, depth + 1));
      // a literal part (`Kind & 'basic'`) is the value; else the object parts merged
      const literal = schema.parts.findIndex((p) => p.kind === 'const');
      if (literal >= 0) return values[literal];
      const objects = values.filter((v) => v && typeof v === 'object');
      return objects.length || !values.length ? Object.assign({}, ...objects) : values[0];
    }
    case 'binary':
      return undefined;
    default:
      return null;
  }
}

/**
 * A value as a JavaScript literal the way prettier would print it (single quotes, unquoted identifier keys,
 * trailing commas, 2-space indent, short values on one line), so README examples need no formatting pass.
 */
export function jsLiteral(value: unknown, indent = ''): string {
  // (runs of three backticks are escaped: in a README code block they would make prettier lengthen the fence)
  if (typeof value === 'string') {
    const body = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
    return `'${body.replace(/`{3,}/g, (run) => '\\u0060'.repeat(run.length))}'`;
  }
  if (value === null || typeof value !== 'object') return String(value);
  const inner = indent + '  ';
  const isArray = Array.isArray(value);
  const items = isArray
    ? value.map((v) => jsLiteral(v, inner))
    : Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : jsLiteral(k)}: ${jsLiteral(v, inner)}`);
  if (items.length === 0) return isArray ? '[]' : '{}';
  const [open, close] = isArray ? ['[', ']'] : ['{ ', ' }'];
  const flat = `${open}${items.join(', ')}${close}`;
  if (flat.length <= 60 && !flat.includes('\n')) return flat;
  return `${isArray ? '[' : '{'}\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}${isArray ? ']' : '}'}`;
}
