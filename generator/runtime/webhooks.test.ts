// Standard Webhooks verification: every signature here is computed independently with node:crypto's createHmac,
// not by the module under test.
import { createHmac, randomBytes, webcrypto } from 'node:crypto';
import { SDKError } from './errors.js';
import { timingSafeEqual, verifySignature, WebhookVerificationError, Webhooks, type WebhookDefaults } from './webhooks.js';

const KEY = randomBytes(32);
const SECRET = `whsec_${KEY.toString('base64')}`;
const OTHER = `whsec_${randomBytes(32).toString('base64')}`;
const BODY = JSON.stringify({ id: 'evt_1', object: 'event', type: 'batch.completed', created_at: 1, data: { id: 'batch_1' } });

const now = () => Math.floor(Date.now() / 1000);
const sign = (key: Buffer, id: string, timestamp: number | string, body: string) =>
  createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
const signed = (body = BODY, { key = KEY, id = 'msg_1', timestamp = now() }: { key?: Buffer; id?: string; timestamp?: number | string } = {}) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestamp),
  'webhook-signature': `v1,${sign(key, id, timestamp, body)}`,
});

/** The reason a verification failed with, or 'ok'. */
async function outcome(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'ok';
  } catch (err) {
    if (err instanceof WebhookVerificationError) {
      expect(err).toBeInstanceOf(SDKError);
      return err.reason;
    }
    throw err;
  }
}

describe('verifySignature (Standard Webhooks)', () => {
  test('a valid signature verifies; a Headers object and any header case work too', async () => {
    expect(await outcome(verifySignature(BODY, signed(), SECRET))).toBe('ok');
    expect(await outcome(verifySignature(BODY, new Headers(signed()), SECRET))).toBe('ok');
    const upper = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toUpperCase(), v]));
    expect(await outcome(verifySignature(BODY, upper, SECRET))).toBe('ok');
  });

  test('a tampered body, id or timestamp does not verify', async () => {
    const headers = signed();
    expect(await outcome(verifySignature(BODY.replace('batch_1', 'batch_2'), headers, SECRET))).toBe('invalid-signature');
    expect(await outcome(verifySignature(`${BODY} `, headers, SECRET))).toBe('invalid-signature');
    expect(await outcome(verifySignature(BODY, { ...headers, 'webhook-id': 'msg_2' }, SECRET))).toBe('invalid-signature');
    expect(await outcome(verifySignature(BODY, { ...headers, 'webhook-timestamp': String(now() + 1) }, SECRET))).toBe('invalid-signature');
  });

  test('the wrong secret does not verify', async () => {
    expect(await outcome(verifySignature(BODY, signed(), OTHER))).toBe('invalid-signature');
  });

  test('a stale or future timestamp fails, beyond the tolerance either way (default 300 s)', async () => {
    const old = now() - 301;
    const ahead = now() + 400;
    expect(await outcome(verifySignature(BODY, signed(BODY, { timestamp: old }), SECRET))).toBe('stale-timestamp');
    expect(await outcome(verifySignature(BODY, signed(BODY, { timestamp: ahead }), SECRET))).toBe('future-timestamp');
    expect(await outcome(verifySignature(BODY, signed(BODY, { timestamp: now() - 290 }), SECRET))).toBe('ok');
    expect(await outcome(verifySignature(BODY, signed(BODY, { timestamp: old }), SECRET, { tolerance: 600 }))).toBe('ok');
    expect(await outcome(verifySignature(BODY, signed(BODY, { timestamp: now() - 20 }), SECRET, { tolerance: 10 }))).toBe('stale-timestamp');
    expect(await outcome(verifySignature(BODY, signed(BODY, { timestamp: '12.5' }), SECRET))).toBe('invalid-timestamp');
  });

  test('several signatures in one header (secret rotation): one valid suffices; none valid fails', async () => {
    const headers = signed();
    const otherKey = Buffer.from(OTHER.slice(6), 'base64');
    const stale = `v1,${sign(otherKey, 'msg_1', headers['webhook-timestamp'], BODY)}`;
    const asymmetric = 'v1a,aGVsbG8=';
    const rotated = { ...headers, 'webhook-signature': `${stale} ${asymmetric} v1,!!notbase64 ${headers['webhook-signature']}` };
    expect(await outcome(verifySignature(BODY, rotated, SECRET))).toBe('ok');
    expect(await outcome(verifySignature(BODY, { ...headers, 'webhook-signature': `${stale} ${asymmetric}` }, SECRET))).toBe('invalid-signature');
    // the right signature under another version tag is not accepted
    const v2 = { ...headers, 'webhook-signature': headers['webhook-signature'].replace('v1,', 'v2,') };
    expect(await outcome(verifySignature(BODY, v2, SECRET))).toBe('invalid-signature');
    // repeated header lines (Node's string[]) are several signatures too
    expect(await outcome(verifySignature(BODY, { ...headers, 'webhook-signature': [stale, headers['webhook-signature']] }, SECRET))).toBe('ok');
  });

  test("Svix's header names (the same scheme) are read where the webhook- ones are absent", async () => {
    const svix = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.replace('webhook-', 'svix-'), v]));
    expect(await outcome(verifySignature(BODY, svix, SECRET))).toBe('ok');
    expect(await outcome(verifySignature(BODY.replace('batch_1', 'batch_2'), svix, SECRET))).toBe('invalid-signature');
  });

  test('each missing header is named', async () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const headers: Record<string, string> = signed();
      delete headers[name];
      await expect(verifySignature(BODY, headers, SECRET)).rejects.toThrow(new WebhookVerificationError('missing-header', `The webhook has no ${name} header.`));
    }
  });

  test('secrets: whsec_ + base64, base64 without the prefix, raw bytes; a malformed or missing secret is an error', async () => {
    expect(await outcome(verifySignature(BODY, signed(), KEY.toString('base64')))).toBe('ok');
    expect(await outcome(verifySignature(BODY, signed(), new Uint8Array(KEY)))).toBe('ok');
    expect(await outcome(verifySignature(BODY, signed(), 'whsec_not base64!'))).toBe('invalid-secret');
    expect(await outcome(verifySignature(BODY, signed(), 'whsec_'))).toBe('invalid-secret');
    expect(await outcome(verifySignature(BODY, signed(), new Uint8Array()))).toBe('invalid-secret');
    expect(await outcome(verifySignature(BODY, signed(), undefined))).toBe('missing-secret');
    expect(await outcome(verifySignature(BODY, signed(), ''))).toBe('missing-secret');
  });

  test('the Web Crypto implementation can be passed (Node 18 has no global crypto)', async () => {
    expect(await outcome(verifySignature(BODY, signed(), SECRET, { subtle: webcrypto.subtle as SubtleCrypto }))).toBe('ok');
  });
});

describe('timingSafeEqual', () => {
  test('equal bytes are equal; any differing byte, or another length, is not', () => {
    const a = new Uint8Array(randomBytes(32));
    expect(timingSafeEqual(a, new Uint8Array(a))).toBe(true);
    expect(timingSafeEqual(new Uint8Array(), new Uint8Array())).toBe(true);
    for (const at of [0, 13, 31]) {
      const b = new Uint8Array(a);
      b[at] = b[at]! ^ 1;
      expect(timingSafeEqual(a, b)).toBe(false);
    }
    expect(timingSafeEqual(a, a.subarray(0, 31))).toBe(false);
    expect(timingSafeEqual(a.subarray(0, 31), a)).toBe(false);
  });
});

describe('Webhooks.unwrap', () => {
  const defaults: WebhookDefaults = { signature: 'standard-webhooks', tolerance: 300, secretEnv: 'SDKFORGE_TEST_WEBHOOK_SECRET' };
  afterEach(() => {
    delete process.env.SDKFORGE_TEST_WEBHOOK_SECRET;
  });

  test('verifies, then parses the event', async () => {
    const webhooks = new Webhooks<{ type: string }>(defaults, { secret: SECRET });
    expect(await webhooks.unwrap(BODY, signed())).toEqual(JSON.parse(BODY));
    await expect(webhooks.unwrap(BODY, signed(BODY, { key: Buffer.from(OTHER.slice(6), 'base64') }))).rejects.toThrow(WebhookVerificationError);
  });

  test("the secret: the call's option, else the constructor's, else the environment variable; null: none", async () => {
    process.env.SDKFORGE_TEST_WEBHOOK_SECRET = SECRET;
    expect(await outcome(new Webhooks(defaults).unwrap(BODY, signed()))).toBe('ok');
    expect(await outcome(new Webhooks(defaults, { secret: OTHER }).unwrap(BODY, signed()))).toBe('invalid-signature');
    expect(await outcome(new Webhooks(defaults, { secret: OTHER }).unwrap(BODY, signed(), { secret: SECRET }))).toBe('ok');
    expect(await outcome(new Webhooks(defaults, { secret: null }).unwrap(BODY, signed()))).toBe('missing-secret');
    delete process.env.SDKFORGE_TEST_WEBHOOK_SECRET;
    await expect(new Webhooks(defaults).unwrap(BODY, signed())).rejects.toThrow(/SDKFORGE_TEST_WEBHOOK_SECRET/);
  });

  test("the defaults' tolerance applies unless the call gives one", async () => {
    const headers = signed(BODY, { timestamp: now() - 100 });
    expect(await outcome(new Webhooks({ ...defaults, tolerance: 50 }, { secret: SECRET }).unwrap(BODY, headers))).toBe('stale-timestamp');
    expect(await outcome(new Webhooks({ ...defaults, tolerance: 50 }, { secret: SECRET }).unwrap(BODY, headers, { tolerance: 200 }))).toBe('ok');
  });

  test("signature 'none' (the spec says its webhooks are unsigned): parses without verifying", async () => {
    expect(await new Webhooks({ ...defaults, signature: 'none' }).unwrap(BODY, {})).toEqual(JSON.parse(BODY));
  });
});
