// Idempotency headers: a header parameter named Idempotency-Key, Fern's x-fern-idempotency-headers with
// x-fern-idempotent, and x-sdkforge-idempotency on the root or an operation; never for safe methods.
import { buildIR } from './build.js';
import type { OpenAPIDocument } from '../load/load-spec.js';

const ok = { '200': { description: 'ok' } };
type Ops = Record<string, { method?: string } & Record<string, unknown>>;
const build = (root: object, ops: Ops) => {
  const paths: Record<string, Record<string, object>> = {};
  for (const [id, { method = 'post', ...rest }] of Object.entries(ops)) (paths[`/${id}`] ??= {})[method] = { operationId: id, responses: ok, ...rest };
  const { ir, warnings } = buildIR({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths, ...root } as unknown as OpenAPIDocument);
  return { op: (id: string) => ir.operations.find((o) => o.operationId === id)!, warnings };
};
const keyParam = (name: string) => ({ parameters: [{ name, in: 'header', schema: { type: 'string' } }] });

test('a header parameter named Idempotency-Key, in any case; not on GET', () => {
  const { op, warnings } = build({}, { a: keyParam('idempotency-key'), b: keyParam('X-Idempotency'), c: { method: 'get', ...keyParam('Idempotency-Key') } });
  expect(op('a').idempotency).toEqual({ header: 'idempotency-key', source: { by: 'parameter', pointer: '#/paths/~1a/post' } });
  expect(op('b').idempotency).toBeUndefined();
  expect(op('c').idempotency).toBeUndefined();
  expect(warnings).toEqual([]);
});

test("Fern's x-fern-idempotency-headers with x-fern-idempotent: true; its Idempotency-Key entry, else its first", () => {
  const headers = [{ header: 'Idempotency-Expiration', name: 'expiration' }, { header: 'IDEMPOTENCY-KEY', name: 'idempotency_key' }];
  const { op, warnings } = build({ 'x-fern-idempotency-headers': headers }, { a: { 'x-fern-idempotent': true }, b: {}, c: { 'x-fern-idempotent': false } });
  expect(op('a').idempotency).toEqual({ header: 'IDEMPOTENCY-KEY', source: { by: 'x-fern-idempotent', pointer: '#/paths/~1a/post' } });
  expect(op('b').idempotency).toBeUndefined();
  expect(op('c').idempotency).toBeUndefined();
  expect(warnings).toEqual([]);
  const first = build({ 'x-fern-idempotency-headers': [{ header: 'X-Request-Key', name: 'key' }] }, { a: { 'x-fern-idempotent': true } });
  expect(first.op('a').idempotency?.header).toBe('X-Request-Key');
});

test('x-sdkforge-idempotency: the root for every operation that is not safe; an operation header or false wins', () => {
  const { op, warnings } = build(
    { 'x-sdkforge-idempotency': { header: 'X-Key' } },
    { a: {}, b: { 'x-sdkforge-idempotency': { header: 'X-Other' } }, c: { 'x-sdkforge-idempotency': false, ...keyParam('Idempotency-Key') }, d: keyParam('Idempotency-Key'), e: { method: 'get' }, f: { method: 'delete' } },
  );
  expect(op('a').idempotency).toEqual({ header: 'X-Key', source: { by: 'x-sdkforge-idempotency', pointer: '#' } });
  expect(op('b').idempotency).toEqual({ header: 'X-Other', source: { by: 'x-sdkforge-idempotency', pointer: '#/paths/~1b/post' } });
  expect(op('c').idempotency).toBeUndefined();
  // the operation's own parameter is more specific than the root's default
  expect(op('d').idempotency?.header).toBe('Idempotency-Key');
  expect(op('e').idempotency).toBeUndefined();
  expect(op('f').idempotency?.header).toBe('X-Key');
  expect(warnings).toEqual([]);
});

test('invalid values are warned about at them and ignored', () => {
  const { op, warnings } = build(
    { 'x-fern-idempotency-headers': [{ name: 'key' }], 'x-sdkforge-idempotency': false },
    { a: { 'x-sdkforge-idempotency': { header: 'Bad Header' }, ...keyParam('Idempotency-Key') }, b: { 'x-fern-idempotent': 'yes' }, c: { 'x-fern-idempotent': true } },
  );
  expect(op('a').idempotency?.header).toBe('Idempotency-Key');
  expect(op('b').idempotency).toBeUndefined();
  expect(op('c').idempotency).toBeUndefined();
  expect(warnings.map((w) => [w.code, w.pointer])).toEqual([
    ['idempotency-extension-invalid', '#/x-sdkforge-idempotency'],
    ['idempotency-extension-invalid', '#/x-fern-idempotency-headers/0'],
    ['idempotency-extension-invalid', '#/paths/~1a/post/x-sdkforge-idempotency'],
    ['idempotency-extension-invalid', '#/paths/~1b/post/x-fern-idempotent'],
    ['idempotency-headers-missing', '#/paths/~1c/post/x-fern-idempotent'],
  ]);
  expect(warnings[1]!.message).toBe('x-fern-idempotency-headers entry 0 is {"name":"key"}, not { header, name }: it is ignored.');
});
