/**
 * The header an operation's idempotency keys go in, where the spec declares one. In this order, the first that
 * applies:
 * 1. the operation's `x-sdkforge-idempotency`: `{ header: 'Idempotency-Key' }`, or `false` (no key for it);
 * 2. a header parameter of the operation named `Idempotency-Key` (any case);
 * 3. `x-fern-idempotent: true` on the operation, with the root's `x-fern-idempotency-headers` (Fern's: a list
 *    of `{ header, name }`): the entry whose header is `Idempotency-Key` (any case), else the first;
 * 4. the root's `x-sdkforge-idempotency: { header }`: every operation.
 * Operations whose method is safe (GET, HEAD, OPTIONS, TRACE, QUERY) get none. A value not of these shapes is a
 * warning at it, and is ignored.
 */
import type { Diagnostic } from '../diagnostics.js';
import type { Extensions } from './extensions.js';
import { httpMethod } from './methods.js';
import type { IRIdempotency, IROperation } from './types.js';

type Raw = Record<string, unknown>;

const SAFE_METHODS = /^(?:GET|HEAD|OPTIONS|TRACE|QUERY)$/i;
const KEY_HEADER = /^idempotency-key$/i;
/** A header name (RFC 9110 `token`). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

const isRecord = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);

/**
 * Reads the root's extensions once (warning about them once), and gives each operation its idempotency header
 * (the operation as built, with its `extensions`).
 */
export function idempotencyResolver(
  root: Extensions | undefined,
  warn: (d: Diagnostic) => void,
): (op: Pick<IROperation, 'method' | 'parameters' | 'pointer' | 'extensions'>) => IRIdempotency | undefined {
  const invalid = (pointer: string, message: string, hint: string) => warn({ severity: 'warning', code: 'idempotency-extension-invalid', message: `${message}: it is ignored.`, hint, pointer });
  const ours = (value: unknown, pointer: string, allowFalse: boolean): { header: string } | false | undefined => {
    if (value === undefined) return undefined;
    if (value === false && allowFalse) return false;
    if (isRecord(value) && typeof value.header === 'string' && TOKEN.test(value.header)) return { header: value.header };
    invalid(pointer, `x-sdkforge-idempotency is ${show(value)}, not { header: <header name> }${allowFalse ? ' or false' : ''}`, "Write x-sdkforge-idempotency: { header: Idempotency-Key }, or false on an operation to send no key.");
    return undefined;
  };
  const rootOurs = ours(root?.['x-sdkforge-idempotency'], '#/x-sdkforge-idempotency', false);
  const fernHeaders = readFernHeaders(root?.['x-fern-idempotency-headers'], invalid);

  return (op) => {
    const at = op.pointer;
    const own = ours(op.extensions?.['x-sdkforge-idempotency'], `${at}/x-sdkforge-idempotency`, true);
    const fern = op.extensions?.['x-fern-idempotent'];
    if (fern !== undefined && typeof fern !== 'boolean') invalid(`${at}/x-fern-idempotent`, `x-fern-idempotent is ${show(fern)}, not true or false`, 'Write x-fern-idempotent: true.');
    else if (fern === true && !fernHeaders) {
      warn({
        severity: 'warning',
        code: 'idempotency-headers-missing',
        message: 'x-fern-idempotent is true, but the document declares no valid x-fern-idempotency-headers: no idempotency key is sent.',
        hint: 'Declare x-fern-idempotency-headers: [{ header: Idempotency-Key, name: idempotency_key }] at the document root.',
        pointer: `${at}/x-fern-idempotent`,
      });
    }
    if (SAFE_METHODS.test(httpMethod(op.method)) || own === false) return undefined;
    if (own) return { header: own.header, source: { by: 'x-sdkforge-idempotency', pointer: at } };
    const param = op.parameters.header.find((p) => KEY_HEADER.test(p.name));
    if (param) return { header: param.name, source: { by: 'parameter', pointer: at } };
    if (fern === true && fernHeaders) return { header: fernHeaders, source: { by: 'x-fern-idempotent', pointer: at } };
    if (rootOurs) return { header: rootOurs.header, source: { by: 'x-sdkforge-idempotency', pointer: '#' } };
    return undefined;
  };
}

/** The header of `x-fern-idempotency-headers` keys go in: its `Idempotency-Key` entry, else its first. */
function readFernHeaders(value: unknown, invalid: (pointer: string, message: string, hint: string) => void): string | undefined {
  if (value === undefined) return undefined;
  const headers = Array.isArray(value) ? value.map((entry) => (isRecord(entry) && typeof entry.header === 'string' && TOKEN.test(entry.header) ? entry.header : undefined)) : [];
  const bad = Array.isArray(value) ? headers.indexOf(undefined) : -1;
  if (!Array.isArray(value) || bad >= 0 || headers.length === 0) {
    const where = bad >= 0 ? `/${bad}` : '';
    invalid(`#/x-fern-idempotency-headers${where}`, `x-fern-idempotency-headers${bad >= 0 ? ` entry ${bad}` : ''} is ${show(bad >= 0 ? (value as unknown[])[bad] : value)}, not ${bad >= 0 ? '{ header, name }' : 'a non-empty list of { header, name }'}`, 'Write x-fern-idempotency-headers: [{ header: Idempotency-Key, name: idempotency_key }].');
    return undefined;
  }
  const names = headers as string[];
  return names.find((h) => KEY_HEADER.test(h)) ?? names[0];
}
