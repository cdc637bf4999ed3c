// Webhooks end to end: a package generated from the full official OpenAI spec has a typed payload per webhook
// and their union, a strict consumer narrows an unwrapped event on `type`, and the built package verifies signed
// deliveries that a local server receives (signatures computed here with node:crypto, independently of the
// runtime); a spec without webhooks ships none of it.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { generate } from '../generator/index.js';
import { emitAndBuild, generateAndBuild, type BuiltPackage } from './helpers/built-package.js';
import { HAVE_SHARED, OFFICIAL_SPEC, ROOT } from './helpers/paths.js';
import { startServer, type TestServer } from './helpers/server.js';
import { typecheck } from './helpers/typecheck.js';

const KEY = randomBytes(32);
const SECRET = `whsec_${KEY.toString('base64')}`;
const now = () => Math.floor(Date.now() / 1000);
function signedHeaders(body: string, { key = KEY, id = `msg_${randomBytes(6).toString('hex')}`, timestamp = now() } = {}): Record<string, string> {
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}
const event = (type: string, id = 'obj_1') => JSON.stringify({ id: 'evt_1', object: 'event', type, created_at: now(), data: { id } });

const describeShared = HAVE_SHARED ? describe : describe.skip;
if (!HAVE_SHARED) console.warn('webhooks.test.ts: the official-spec part is skipped: ../shared/specs/openai is not present');

describeShared('a package from the full official OpenAI spec', () => {
  let built: BuiltPackage;
  let server: TestServer;
  beforeAll(async () => {
    built = await generateAndBuild({ spec: OFFICIAL_SPEC }, 'sdkforge-webhooks-');
    server = await startServer();
  }, 600_000);
  afterAll(async () => {
    await server?.close();
    built?.remove();
    delete process.env.OPENAI_WEBHOOK_SECRET;
  });

  test('has a typed payload per webhook, their union and the map by event type', () => {
    const webhooks = built.result.ir.webhooks ?? [];
    expect(webhooks).toHaveLength(16);
    expect(webhooks.every((w) => w.method === 'post' && w.payload?.kind === 'ref' && w.eventType?.property === 'type')).toBe(true);
    expect(webhooks.find((w) => w.name === 'batch_completed')).toMatchObject({ payload: { kind: 'ref', name: 'WebhookBatchCompleted' }, eventType: { value: 'batch.completed' } });
    expect(built.result.ir.webhookVerification).toEqual({ signature: 'standard-webhooks', tolerance: 300, source: 'default' });
    const source = built.result.files.get('src/webhooks.ts')!;
    const union = /export type WebhookEvent =([^;]*);/.exec(source)![1]!.split('|').map((t) => t.trim()).filter(Boolean);
    expect(union.sort()).toEqual(webhooks.map((w) => (w.payload as { name: string }).name).sort());
    expect(source).toContain("'realtime.call.incoming': WebhookRealtimeCallIncoming;");
    expect(built.result.files.has('src/runtime/webhooks.ts')).toBe(true);
  });

  test('a strict consumer narrows an unwrapped event on its type', () => {
    const file = path.join(built.dir, 'consumer.ts');
    writeFileSync(
      file,
      `import OpenAI, { createClient, unwrapWebhook, verifySignature, WebhookVerificationError, type WebhookEvent, type WebhookEventMap } from './src/index.js';
import type { WebhookBatchCompleted, WebhookResponseFailed } from './src/types.js';

const client = new OpenAI({ apiKey: 'k', webhookSecret: 'whsec_c2VjcmV0' });
createClient({ apiKey: 'k' });

export async function handle(body: string, headers: Headers | Record<string, string | string[] | undefined>): Promise<string> {
  try {
    const event: WebhookEvent = await client.webhooks.unwrap(body, headers, { tolerance: 60 });
    switch (event.type) {
      case 'batch.completed': {
        const batch: WebhookBatchCompleted = event;
        return batch.data.id;
      }
      case 'response.failed': {
        const failed: WebhookResponseFailed = event;
        return failed.data.id;
      }
      default:
        return event.type;
    }
  } catch (err) {
    if (err instanceof WebhookVerificationError) return err.reason;
    throw err;
  }
}

export async function standalone(body: string, headers: Headers): Promise<WebhookEventMap['batch.completed'] | undefined> {
  await verifySignature(body, headers, 'whsec_c2VjcmV0', { tolerance: 10 });
  const event = await unwrapWebhook(body, headers, { secret: 'whsec_c2VjcmV0' });
  return event.type === 'batch.completed' ? event : undefined;
}

// @ts-expect-error: no webhook has this type
export const unknownType: WebhookEvent['type'] = 'batch.exploded';
// @ts-expect-error: the secret option is a string or bytes
new OpenAI({ webhookSecret: 42 });
`,
    );
    expect(typecheck([file])).toEqual([]);
  }, 300_000);

  test("client.webhooks.unwrap verifies what a local server receives, with the client's secret or the environment's", async () => {
    const { OpenAI, WebhookVerificationError, unwrapWebhook } = built.pkg;
    const client = new OpenAI({ apiKey: 'k', webhookSecret: SECRET });
    const outcomes: unknown[] = [];
    server.handle(async (req, res) => {
      try {
        const received = await client.webhooks.unwrap(req.body, req.headers);
        outcomes.push({ type: received.type, data: received.data });
        res.writeHead(200).end();
      } catch (err) {
        outcomes.push(err instanceof WebhookVerificationError ? (err as { reason: string }).reason : String(err));
        res.writeHead(400).end();
      }
    });
    const deliver = async (body: string, headers: Record<string, string>) => (await fetch(server.url, { method: 'POST', body, headers })).status;

    const body = event('batch.completed', 'batch_9');
    expect(await deliver(body, signedHeaders(body))).toBe(200);
    expect(await deliver(body.replace('batch_9', 'batch_8'), signedHeaders(body))).toBe(400);
    expect(await deliver(body, signedHeaders(body, { timestamp: now() - 600 }))).toBe(400);
    expect(await deliver(body, signedHeaders(body, { key: randomBytes(32) }))).toBe(400);
    const { 'webhook-id': _id, ...noId } = signedHeaders(body);
    expect(await deliver(body, noId)).toBe(400);
    expect(outcomes).toEqual([{ type: 'batch.completed', data: { id: 'batch_9' } }, 'invalid-signature', 'stale-timestamp', 'invalid-signature', 'missing-header']);

    // without the option: OPENAI_WEBHOOK_SECRET, read when a webhook arrives; unwrapWebhook reads it too
    const second = event('response.completed');
    await expect(new OpenAI({ apiKey: 'k' }).webhooks.unwrap(second, signedHeaders(second))).rejects.toThrow(/OPENAI_WEBHOOK_SECRET/);
    process.env.OPENAI_WEBHOOK_SECRET = SECRET;
    expect(await new OpenAI({ apiKey: 'k' }).webhooks.unwrap(second, signedHeaders(second))).toMatchObject({ type: 'response.completed' });
    expect(await unwrapWebhook(second, new Headers(signedHeaders(second)))).toMatchObject({ type: 'response.completed' });
  });
});

describe('configuration and a spec without webhooks', () => {
  const ours = () => parse(readFileSync(path.join(ROOT, 'spec/openai.yaml'), 'utf8')) as Record<string, unknown>;

  test('a spec without webhooks ships no webhooks module, option or member', async () => {
    const document = ours();
    delete document.webhooks;
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    delete schemas.WebhookBatchCompleted;
    delete schemas.WebhookResponseCompleted;
    const { files, ir } = await generate({ document, spec: 'no-webhooks.yaml', write: false });
    expect(ir.webhooks).toBeUndefined();
    expect([...files.keys()].filter((f) => /webhook/i.test(f))).toEqual([]);
    for (const name of ['src/index.ts', 'src/client.ts', 'src/defaults.ts', 'README.md']) expect(files.get(name)).not.toMatch(/webhook/i);
  });

  test('inline payloads are declared in src/webhooks.ts, each named for its webhook, and the package builds', async () => {
    const payload = (type: string) => ({ type: 'object', required: ['type', 'order'], properties: { type: { const: type }, order: { $ref: '#/components/schemas/Order' } } });
    const hook = (type: string) => ({ post: { requestBody: { content: { 'application/json': { schema: payload(type) } } }, responses: { '200': { description: 'ok' } } } });
    const emitted = await emitAndBuild({
      openapi: '3.1.0',
      info: { title: 'Shop', version: '1.0.0' },
      paths: { '/orders': { get: { operationId: 'listOrders', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Order' } } } } } } } },
      webhooks: { 'order.paid': hook('order.paid'), order_shipped: hook('order.shipped') },
      components: { schemas: { Order: { type: 'object', properties: { id: { type: 'string' } } } } },
    });
    try {
      const source = emitted.files.get('src/webhooks.ts')!;
      expect(source).toContain('export type OrderPaidWebhookEvent = {');
      expect(source).toContain('export type WebhookEvent = OrderPaidWebhookEvent | OrderShippedWebhookEvent;');
      expect(source).toContain("import type { Order } from './types.js';");
      const body = JSON.stringify({ type: 'order.shipped', order: { id: 'o1' } });
      process.env.SHOP_WEBHOOK_SECRET = SECRET;
      expect(await emitted.pkg.unwrapWebhook(body, signedHeaders(body))).toEqual(JSON.parse(body));
    } finally {
      delete process.env.SHOP_WEBHOOK_SECRET;
      emitted.remove();
    }
  });

  test("--webhook-signature none, and the spec's x-sdkforge-webhooks, set how unwrap verifies", async () => {
    const unsigned = await generate({ spec: path.join(ROOT, 'spec/openai.yaml'), webhookSignature: 'none', write: false });
    expect(unsigned.ir.webhookVerification).toEqual({ signature: 'none', tolerance: 300, source: 'option' });
    expect(unsigned.files.get('src/webhooks.ts')).toContain("signature: 'none'");

    const document = { ...ours(), 'x-sdkforge-webhooks': { signature: 'standard-webhooks', tolerance: 120 } };
    const declared = await generate({ document, spec: 'declared.yaml', write: false });
    expect(declared.ir.webhookVerification).toEqual({ signature: 'standard-webhooks', tolerance: 120, source: 'x-sdkforge-webhooks' });
    expect(declared.files.get('src/webhooks.ts')).toContain('tolerance: 120');

    await expect(generate({ spec: path.join(ROOT, 'spec/openai.yaml'), webhookSignature: 'hmac', write: false })).rejects.toThrow(/webhook signature scheme "hmac"/);
  });
});
