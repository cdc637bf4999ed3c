/**
 * sha256 of `JSON.stringify(value)`, hex, without building that string: the text is hashed in pieces as it is
 * produced, so hashing a document the size of Microsoft Graph's (35 MB) holds no second copy of it. The bytes
 * hashed are `JSON.stringify`'s, `toJSON` and skipped members included (`hash-json.test.ts` compares the two).
 */
import { createHash } from 'node:crypto';

const CHUNK = 1 << 16;

export function hashJSON(value: unknown): string {
  const hash = createHash('sha256');
  let pending = '';
  const out = (text: string): void => {
    pending += text;
    if (pending.length >= CHUNK) {
      hash.update(pending);
      pending = '';
    }
  };
  write(value, '', out);
  hash.update(pending);
  return hash.digest('hex');
}

/** Whether `JSON.stringify` leaves a member with this value out (an array writes `null` for it). */
const skipped = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

function write(input: unknown, key: string, out: (text: string) => void): void {
  let value = input;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(key: string): unknown }).toJSON(key);
  }
  if (value === null) return out('null');
  switch (typeof value) {
    case 'string':
      return out(JSON.stringify(value));
    case 'number':
      return out(Number.isFinite(value) ? String(value) : 'null');
    case 'boolean':
      return out(value ? 'true' : 'false');
    case 'object':
      break;
    default:
      return out('null');
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) return out(JSON.stringify(value));
  if (Array.isArray(value)) {
    out('[');
    value.forEach((item, i) => {
      if (i > 0) out(',');
      if (skipped(item)) out('null');
      else write(item, String(i), out);
    });
    return out(']');
  }
  out('{');
  let first = true;
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (skipped(v)) continue;
    out(first ? `${JSON.stringify(k)}:` : `,${JSON.stringify(k)}:`);
    first = false;
    write(v, k, out);
  }
  out('}');
}
