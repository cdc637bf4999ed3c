// Webhooks in the IR: each webhook operation with its payload and event type, 3.0 documents left alone, and the
// verification from the default, x-sdkforge-webhooks (invalid members warned about and ignored) and the option.
import type { OpenAPIDocument } from '../load/load-spec.js';
import { buildIR, type BuildOptions } from './build.js';
import { checkWebhookSignature } from './webhooks.js';

const event = (type: object, property = 'type') => ({ type: 'object', required: [property], properties: { [property]: type, data: { type: 'object' } } });
const hook = (schema: object, extra: object = {}) => ({
  post: { requestBody: { content: { 'application/json': { schema } } }, responses: { '200': { description: 'ok' } }, ...extra },
});
const build = (doc: object, options: BuildOptions = {}) =>
  buildIR({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: {}, ...doc } as unknown as OpenAPIDocument, options);

test('one webhook per operation, with its payload and the one value a type-like property allows', () => {
  const { ir, warnings } = build({
    webhooks: {
      shipped: hook({ $ref: '#/components/schemas/Shipped' }, { summary: ' Shipped ', description: 'An order shipped.', deprecated: true }),
      paid: hook(event({ type: 'string', const: 'order.paid' }, 'event')),
      either: hook(event({ type: 'string', enum: ['a', 'b'] })),
      form: { post: { requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object' } } } }, responses: {} } },
      twice: { ...hook(event({ const: 'x.put' })), put: hook(event({ const: 'x.put' })).post },
    },
    components: { schemas: { Shipped: event({ type: 'string', enum: ['order.shipped'] }) } },
  });
  expect(warnings).toEqual([]);
  expect(ir.webhooks).toEqual([
    { name: 'shipped', method: 'post', pointer: '#/webhooks/shipped/post', tags: [], summary: 'Shipped', description: 'An order shipped.', deprecated: true, payload: { kind: 'ref', name: 'Shipped' }, eventType: { property: 'type', value: 'order.shipped' } },
    expect.objectContaining({ name: 'paid', eventType: { property: 'event', value: 'order.paid' } }),
    expect.not.objectContaining({ eventType: expect.anything() }),
    { name: 'form', method: 'post', pointer: '#/webhooks/form/post', tags: [] },
    expect.objectContaining({ name: 'twice', method: 'put', pointer: '#/webhooks/twice/put' }),
    expect.objectContaining({ name: 'twice', method: 'post', pointer: '#/webhooks/twice/post' }),
  ]);
  expect(ir.webhookVerification).toEqual({ signature: 'standard-webhooks', tolerance: 300, source: 'default' });
});

test('no webhooks: neither field; a 3.0 document has none', () => {
  expect(build({}).ir).not.toHaveProperty('webhooks');
  expect(build({}).ir).not.toHaveProperty('webhookVerification');
  expect(build({ openapi: '3.0.3', webhooks: { a: hook(event({ const: 'a' })) } }).ir).not.toHaveProperty('webhooks');
});

test('x-sdkforge-webhooks sets signature and tolerance; the option wins over it; invalid members are warned about at their place', () => {
  const webhooks = { a: hook(event({ const: 'a' })) };
  expect(build({ webhooks, 'x-sdkforge-webhooks': { signature: 'none', tolerance: 60 } }).ir.webhookVerification).toEqual({ signature: 'none', tolerance: 60, source: 'x-sdkforge-webhooks' });
  expect(build({ webhooks, 'x-sdkforge-webhooks': { signature: 'none' } }, { webhookSignature: 'standard-webhooks' }).ir.webhookVerification).toEqual({
    signature: 'standard-webhooks',
    tolerance: 300,
    source: 'option',
  });
  const bad = build({ webhooks, 'x-sdkforge-webhooks': { signature: 'hmac-sha1', tolerance: -5 } });
  expect(bad.ir.webhookVerification).toEqual({ signature: 'standard-webhooks', tolerance: 300, source: 'default' });
  expect(bad.warnings.map((w) => [w.code, w.pointer, w.severity])).toEqual([
    ['webhooks-extension-invalid', '#/x-sdkforge-webhooks/signature', 'warning'],
    ['webhooks-extension-invalid', '#/x-sdkforge-webhooks/tolerance', 'warning'],
  ]);
  expect(build({ webhooks, 'x-sdkforge-webhooks': 'none' }).warnings.map((w) => w.pointer)).toEqual(['#/x-sdkforge-webhooks']);
});

test('the generate option is checked', () => {
  expect(checkWebhookSignature(undefined)).toBeUndefined();
  expect(checkWebhookSignature('none')).toBe('none');
  expect(() => checkWebhookSignature('v1')).toThrow(/"v1" is not one sdkforge knows/);
});
