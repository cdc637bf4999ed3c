/**
 * Retry policies the spec declares, read from two extensions on the document root (the default for every
 * operation) or on an operation (which replaces the root's for it):
 * - `x-speakeasy-retries` (Speakeasy's): `{ strategy: 'backoff' | 'none', backoff?: { initialInterval,
 *   maxInterval, maxElapsedTime, exponent }, statusCodes?: [429, '5XX', …], retryConnectionErrors?: boolean }`,
 *   intervals in milliseconds; `strategy: 'none'` disables retries;
 * - `x-sdkforge-retries` (ours): the same shape with `strategy` optional and `maxRetries` (the count when the
 *   client's and request's options give none), or `false` (no retries) or `true` (the built-in rule).
 * Where both are on one object, `x-sdkforge-retries` is read. A value that is not of this shape is a warning at
 * its member, and is ignored (the other extension, or the root's, applies instead). Absent members: the statuses
 * of the built-in rule (408, 409, 429, 5xx), no connection-error retries (as Speakeasy reads it), and each
 * backoff member as the runtime's own backoff has it (500 ms, 8 s, exponent 2, no elapsed-time limit).
 */
import type { Diagnostic } from '../diagnostics.js';
import { escapePointerToken } from '../util/json-pointer.js';
import type { Extensions } from './extensions.js';
import type { IRRetryPolicy, IRStatusRange } from './types.js';

type Raw = Record<string, unknown>;

/** The extensions read, the one read first where both are present first. */
export const RETRY_EXTENSIONS = ['x-sdkforge-retries', 'x-speakeasy-retries'] as const;
type RetryExtension = (typeof RETRY_EXTENSIONS)[number];

/** The statuses the built-in rule retries, as a policy writes them. */
export const BUILT_IN_STATUSES: (number | IRStatusRange)[] = [408, 409, 429, '5XX'];
const BACKOFF_DEFAULTS = { initialMs: 500, maxMs: 8000, exponent: 2 };

/** What an object declares: a policy, or the built-in rule (`policy` undefined). */
type Declared = { policy: IRRetryPolicy | undefined };
type Problem = { problem: string; at: string[] };

/**
 * Reads the root's declaration once (warning about it once), and gives each operation its policy from its own
 * extensions (`extensions` at `pointer`), else the root's.
 */
export function retriesResolver(root: Extensions | undefined, warn: (d: Diagnostic) => void): (extensions: Extensions | undefined, pointer: string) => IRRetryPolicy | undefined {
  const fromRoot = declared(root, '#', warn);
  return (extensions, pointer) => (declared(extensions, pointer, warn) ?? fromRoot)?.policy;
}

function declared(extensions: Extensions | undefined, pointer: string, warn: (d: Diagnostic) => void): Declared | undefined {
  for (const extension of RETRY_EXTENSIONS) {
    if (!extensions || !(extension in extensions)) continue;
    const read = readPolicy(extension, extensions[extension], pointer);
    if ('policy' in read) return read;
    const member = read.at.length ? ` ${read.at.join('.')}` : '';
    warn({
      severity: 'warning',
      code: 'retries-extension-invalid',
      message: `${extension}${member} ${read.problem}: the extension is ignored.`,
      hint:
        extension === 'x-speakeasy-retries'
          ? "Write { strategy: backoff, backoff: { initialInterval: 500, maxInterval: 60000, maxElapsedTime: 3600000, exponent: 1.5 }, statusCodes: [429, '5XX'], retryConnectionErrors: true }, or strategy: none."
          : "Write the x-speakeasy-retries shape (strategy optional) with an optional maxRetries, or false for no retries.",
      pointer: [pointer, extension, ...read.at].map((t, i) => (i === 0 ? t : escapePointerToken(t))).join('/'),
    });
  }
  return undefined;
}

const isRecord = (v: unknown): v is Raw => !!v && typeof v === 'object' && !Array.isArray(v);
const show = (v: unknown) => JSON.stringify(v) ?? String(v);

function readPolicy(extension: RetryExtension, value: unknown, pointer: string): Declared | Problem {
  const source = { extension, pointer };
  const disabled: IRRetryPolicy = { enabled: false, statusCodes: [], connectionErrors: false, source };
  const ours = extension === 'x-sdkforge-retries';
  if (ours && value === false) return { policy: disabled };
  if (ours && value === true) return { policy: undefined };
  if (!isRecord(value)) return { problem: `is ${show(value)}, not an object${ours ? ', true or false' : ''}`, at: [] };
  const { strategy } = value;
  if (strategy === undefined && !ours) return { problem: "has no strategy ('backoff' or 'none')", at: [] };
  if (strategy !== undefined && strategy !== 'backoff' && strategy !== 'none') return { problem: `is ${show(strategy)}, not 'backoff' or 'none'`, at: ['strategy'] };
  if (strategy === 'none') return { policy: disabled };

  const policy: IRRetryPolicy = { enabled: true, statusCodes: [...BUILT_IN_STATUSES], connectionErrors: false, source };
  if (value.statusCodes !== undefined) {
    if (!Array.isArray(value.statusCodes)) return { problem: `is ${show(value.statusCodes)}, not a list of statuses`, at: ['statusCodes'] };
    const codes: (number | IRStatusRange)[] = [];
    for (const [i, code] of value.statusCodes.entries()) {
      const status = readStatus(code);
      if (status === undefined) return { problem: `is ${show(code)}, not a status (100 to 599) or a range (1XX to 5XX)`, at: ['statusCodes', String(i)] };
      if (!codes.includes(status)) codes.push(status);
    }
    policy.statusCodes = codes;
  }
  if (value.retryConnectionErrors !== undefined) {
    if (typeof value.retryConnectionErrors !== 'boolean') return { problem: `is ${show(value.retryConnectionErrors)}, not true or false`, at: ['retryConnectionErrors'] };
    policy.connectionErrors = value.retryConnectionErrors;
  }
  if (value.backoff !== undefined) {
    const b = value.backoff;
    if (!isRecord(b)) return { problem: `is ${show(b)}, not an object`, at: ['backoff'] };
    const members = [
      ['initialInterval', 'a number of milliseconds (0 or more)'],
      ['maxInterval', 'a number of milliseconds (0 or more)'],
      ['maxElapsedTime', 'a number of milliseconds (0 or more)'],
      ['exponent', 'a number greater than 0'],
    ] as const;
    for (const [key, what] of members) {
      const v = b[key];
      const ok = v === undefined || (typeof v === 'number' && Number.isFinite(v) && (key === 'exponent' ? v > 0 : v >= 0));
      if (!ok) return { problem: `is ${show(v)}, not ${what}`, at: ['backoff', key] };
    }
    policy.backoff = {
      initialMs: (b.initialInterval as number | undefined) ?? BACKOFF_DEFAULTS.initialMs,
      maxMs: (b.maxInterval as number | undefined) ?? BACKOFF_DEFAULTS.maxMs,
      exponent: (b.exponent as number | undefined) ?? BACKOFF_DEFAULTS.exponent,
      ...(typeof b.maxElapsedTime === 'number' ? { maxElapsedMs: b.maxElapsedTime } : {}),
    };
  }
  if (ours && value.maxRetries !== undefined) {
    const n = value.maxRetries;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return { problem: `is ${show(n)}, not a whole number (0 or more)`, at: ['maxRetries'] };
    policy.maxRetries = n;
  }
  return { policy };
}

/** `503`, `'503'` → 503; `'5XX'`, `'5xx'` → `'5XX'`; anything else undefined. */
function readStatus(code: unknown): number | IRStatusRange | undefined {
  if (typeof code === 'number') return Number.isInteger(code) && code >= 100 && code <= 599 ? code : undefined;
  if (typeof code !== 'string') return undefined;
  if (/^[1-5]\d\d$/.test(code)) return Number(code);
  return /^[1-5]xx$/i.test(code) ? (code.toUpperCase() as IRStatusRange) : undefined;
}

/** A policy in words, for `diff`: `5XX, connection errors; backoff 500 ms ×1.5 up to 60000 ms within 3600000 ms`. */
export function describeRetries(policy: IRRetryPolicy | undefined): string {
  if (!policy) return 'the built-in rule';
  if (!policy.enabled) return 'no retries';
  const what = [policy.statusCodes.length ? policy.statusCodes.join(', ') : 'no status', ...(policy.connectionErrors ? ['connection errors'] : [])].join(', ');
  const b = policy.backoff;
  const backoff = b ? `; backoff ${b.initialMs} ms ×${b.exponent} up to ${b.maxMs} ms${b.maxElapsedMs === undefined ? '' : ` within ${b.maxElapsedMs} ms`}` : '';
  return `${what}${policy.maxRetries === undefined ? '' : `; ${policy.maxRetries} retries`}${backoff}`;
}
