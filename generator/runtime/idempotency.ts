/**
 * Idempotency keys: where the spec declares an idempotency header for an operation (emitted code passes
 * `idempotencyHeader(name)` as `RequestSpec.idempotency`, so other packages ship none of this), a request with a method that is not safe carries a key, generated once per
 * call so that every retry of the call sends the same one.
 */
import type { IdempotencyRule } from './core.js';

/** Methods that change nothing on the server (RFC 9110, and QUERY): never given a key. */
const SAFE_METHODS = /^(?:GET|HEAD|OPTIONS|TRACE|QUERY)$/i;

type RandomSource = {
  randomUUID?: (() => string) | undefined;
  getRandomValues?: (<T extends Uint8Array>(array: T) => T) | undefined;
};

/**
 * A random (version 4) UUID: `crypto.randomUUID()`, else one made from `crypto.getRandomValues` (browsers offer
 * `randomUUID` in secure contexts only), else from `Math.random` (a key needs to be unique, not secret).
 */
export function idempotencyKey(
  random: RandomSource | undefined = (globalThis as { crypto?: RandomSource }).crypto,
): string {
  if (typeof random?.randomUUID === 'function') return random.randomUUID();
  let bytes = new Uint8Array(16);
  if (typeof random?.getRandomValues === 'function') bytes = random.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The rule of an operation whose spec declares `header` for idempotency keys (emitted code passes it). */
export function idempotencyHeader(header: string): IdempotencyRule {
  const name = header.toLowerCase();
  return {
    header,
    keyFor(method, given, headers, sources) {
      if (given !== undefined) return given;
      if (SAFE_METHODS.test(method) || headers.has(header)) return undefined;
      const removed = sources.some((source) =>
        Object.entries(source ?? {}).some(([k, v]) => v === null && k.toLowerCase() === name),
      );
      return removed ? undefined : idempotencyKey();
    },
  };
}
