/**
 * Incoming webhooks: verifying their signatures by the Standard Webhooks scheme (https://www.standardwebhooks.com)
 * and parsing their payloads. A sender signs `${webhook-id}.${webhook-timestamp}.${body}` with HMAC-SHA256 under a
 * shared secret (`whsec_` + base64) and sends the base64 signature as `v1,<signature>` in `webhook-signature`,
 * several space-separated while it rotates secrets. Verification uses Web Crypto (`crypto.subtle`: browsers,
 * workers, Node 19+; on Node 18 pass `subtle`), no dependency, and compares in constant time. Svix's `svix-id`,
 * `svix-timestamp` and `svix-signature` headers (the same scheme) are read where the `webhook-` ones are absent.
 */
import { SDKError } from './errors.js';
import { readEnv } from './util.js';

/** Why a webhook failed verification. */
export type WebhookVerificationReason =
  | 'missing-header'
  | 'invalid-timestamp'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'invalid-signature'
  | 'missing-secret'
  | 'invalid-secret';

/** A webhook whose headers, timestamp, signature or secret do not verify: the payload must not be trusted. */
export class WebhookVerificationError extends SDKError {
  override name = 'WebhookVerificationError';
  readonly reason: WebhookVerificationReason;

  constructor(reason: WebhookVerificationReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Request headers: a `Headers` object or a plain record (Node's `req.headers`), names in any case. */
export type WebhookHeaders =
  | Headers
  | Record<string, string | readonly string[] | null | undefined>;

/** A secret: `whsec_<base64>` as the sender shows it (the prefix is optional), or the key's raw bytes. */
export type WebhookSecret = string | Uint8Array;

export interface VerifyOptions {
  /** Seconds the `webhook-timestamp` may lie before or after now (default 300). */
  tolerance?: number;
  /** The Web Crypto implementation; default `globalThis.crypto.subtle` (on Node 18: `require('node:crypto').webcrypto.subtle`). */
  subtle?: SubtleCrypto;
}

export interface UnwrapOptions extends VerifyOptions {
  /** The secret; default the client's `webhookSecret` option, then its environment variable. */
  secret?: WebhookSecret | null | undefined;
}

/** How a package's webhooks are verified, from its spec and generate options. */
export interface WebhookDefaults {
  /** `standard-webhooks`: `unwrap` verifies signatures; `none`: it only parses. */
  signature: 'standard-webhooks' | 'none';
  /** Default `tolerance`, seconds. */
  tolerance: number;
  /** The environment variable the secret is read from when no option gives it (`OPENAI_WEBHOOK_SECRET`). */
  secretEnv: string;
}

export interface WebhooksOptions {
  /** The secret (the client's `webhookSecret` option); `null`: none, whatever the environment says. */
  secret?: WebhookSecret | null | undefined;
}

const DEFAULT_TOLERANCE = 300;
const SECRET_PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Whether two byte strings are equal, in time that depends on their length only (not on where they differ).
 * Lengths are not secret here: every HMAC-SHA256 signature is 32 bytes.
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Standard base64 → bytes; undefined when `text` is not base64. */
function decodeBase64(text: string) {
  if (!BASE64.test(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The key bytes of a secret: `whsec_` stripped and the rest base64-decoded, as the Standard Webhooks libraries read it. */
function secretKey(secret: WebhookSecret) {
  if (secret instanceof Uint8Array) {
    if (secret.length === 0)
      throw new WebhookVerificationError('invalid-secret', 'The webhook secret is empty.');
    return new Uint8Array(secret);
  }
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const key = decodeBase64(encoded);
  if (!key || key.length === 0) {
    throw new WebhookVerificationError(
      'invalid-secret',
      `The webhook secret is not ${SECRET_PREFIX} followed by base64 (as the sender shows it); pass the key's raw bytes as a Uint8Array otherwise.`,
    );
  }
  return key;
}

/** A header's value by its lower-case name, from either kind of headers; repeated signature headers are joined. */
function header(headers: WebhookHeaders, name: string): string | undefined {
  if (
    typeof (headers as Headers).get === 'function' &&
    typeof (headers as Headers).has === 'function'
  ) {
    return (headers as Headers).get(name) ?? undefined;
  }
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value == null) continue;
    return typeof value === 'string' ? value : value.join(' ');
  }
  return undefined;
}

/** `webhook-<field>`, else Svix's `svix-<field>` (the same scheme under its original header names: Resend, Clerk). */
function required(headers: WebhookHeaders, field: 'id' | 'timestamp' | 'signature'): string {
  const name = `webhook-${field}`;
  const value = (header(headers, name) ?? header(headers, `svix-${field}`))?.trim();
  if (!value)
    throw new WebhookVerificationError('missing-header', `The webhook has no ${name} header.`);
  return value;
}

/**
 * Verifies that `payload` (the raw request body, exactly as received) was signed by the holder of `secret`, per
 * Standard Webhooks: the `webhook-id`, `webhook-timestamp` and `webhook-signature` headers, a timestamp within
 * `tolerance` seconds of now (default 300) either way, and at least one `v1,<base64>` signature that is the
 * HMAC-SHA256 of `${id}.${timestamp}.${payload}`. Throws a `WebhookVerificationError` naming the reason otherwise.
 */
export async function verifySignature(
  payload: string,
  headers: WebhookHeaders,
  secret: WebhookSecret | null | undefined,
  options: VerifyOptions = {},
): Promise<void> {
  if (secret == null || secret === '') {
    throw new WebhookVerificationError(
      'missing-secret',
      'No webhook secret to verify the signature with.',
    );
  }
  const key = secretKey(secret);
  const id = required(headers, 'id');
  const timestamp = required(headers, 'timestamp');
  const signatures = required(headers, 'signature');

  if (!/^\d+$/.test(timestamp)) {
    throw new WebhookVerificationError(
      'invalid-timestamp',
      `The webhook-timestamp header is ${JSON.stringify(timestamp)}, not Unix seconds.`,
    );
  }
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const age = Math.floor(Date.now() / 1000) - Number(timestamp);
  if (age > tolerance) {
    throw new WebhookVerificationError(
      'stale-timestamp',
      `The webhook was signed ${age} s ago, more than the tolerance of ${tolerance} s.`,
    );
  }
  if (-age > tolerance) {
    throw new WebhookVerificationError(
      'future-timestamp',
      `The webhook's timestamp is ${-age} s in the future, more than the tolerance of ${tolerance} s.`,
    );
  }

  const subtle = options.subtle ?? globalThis.crypto?.subtle;
  if (!subtle) {
    throw new SDKError(
      'No Web Crypto (globalThis.crypto.subtle) to verify webhook signatures with: pass `subtle` (on Node 18: `webcrypto.subtle` from node:crypto).',
    );
  }
  const hmac = await subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const expected = new Uint8Array(
    await subtle.sign('HMAC', hmac, new TextEncoder().encode(`${id}.${timestamp}.${payload}`)),
  );
  let valid = false;
  for (const entry of signatures.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma < 0 || entry.slice(0, comma) !== 'v1') continue;
    const given = decodeBase64(entry.slice(comma + 1));
    // every entry is compared, so the time taken does not tell which one matched
    if (given && timingSafeEqual(given, expected)) valid = true;
  }
  if (!valid) {
    throw new WebhookVerificationError(
      'invalid-signature',
      'No signature in the webhook-signature header matches the payload under this secret.',
    );
  }
}

/**
 * `client.webhooks`: verifies (unless the spec says its webhooks are unsigned) and parses incoming events,
 * typed as `Event`, the package's union of its webhook payloads.
 */
export class Webhooks<Event = unknown> {
  readonly #defaults: WebhookDefaults;
  readonly #secret: WebhookSecret | null | undefined;

  constructor(defaults: WebhookDefaults, options: WebhooksOptions = {}) {
    this.#defaults = defaults;
    this.#secret = options.secret;
  }

  /**
   * Verifies the signature of `payload` (the raw request body, as received: not parsed and serialized again)
   * and parses it: the event, typed. The secret is `options.secret`, else the client's `webhookSecret`, else the
   * environment variable. Throws a `WebhookVerificationError` when it does not verify.
   */
  async unwrap(
    payload: string,
    headers: WebhookHeaders,
    options: UnwrapOptions = {},
  ): Promise<Event> {
    if (this.#defaults.signature !== 'none') await this.verifySignature(payload, headers, options);
    return JSON.parse(payload) as Event;
  }

  /** Verifies the signature of `payload` as `unwrap` does, without parsing it. */
  async verifySignature(
    payload: string,
    headers: WebhookHeaders,
    options: UnwrapOptions = {},
  ): Promise<void> {
    const secret =
      options.secret !== undefined
        ? options.secret
        : this.#secret !== undefined
          ? this.#secret
          : readEnv(this.#defaults.secretEnv);
    if (secret == null || secret === '') {
      throw new WebhookVerificationError(
        'missing-secret',
        `No webhook secret: pass \`webhookSecret\` in the client options or \`secret\` here, or set the ${this.#defaults.secretEnv} environment variable.`,
      );
    }
    await verifySignature(payload, headers, secret, {
      tolerance: options.tolerance ?? this.#defaults.tolerance,
      ...(options.subtle ? { subtle: options.subtle } : {}),
    });
  }
}
