// Retries and idempotency keys from the spec's extensions, end to end: test/fixtures/specs/retries.yaml is
// generated, built, and called against a local server that fails on purpose; and the policy openrouter's
// x-speakeasy-retries gives.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { GenerateResult } from '../generator/index.js';
import { buildIR } from '../generator/ir/build.js';
import { loadSpec } from '../generator/load/load-spec.js';
import { generateAndBuild } from './helpers/built-package.js';
import { ROOT, SHARED } from './helpers/paths.js';
import { json, startServer, type TestServer } from './helpers/server.js';

let dir: string;
let result: GenerateResult;
let server: TestServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let pkg: any;
const SPEC = path.join(ROOT, 'test/fixtures/specs/retries.yaml');

beforeAll(async () => {
  ({ dir, result, pkg } = await generateAndBuild({ spec: SPEC }, 'sdkforge-retries-'));
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  server.requests.length = 0;
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const client = (options: object = {}): any => new pkg.RetryTest({ baseURL: server.url, ...options });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const header = (name: string) => server.requests.map((r) => r.headers[name]);
/** Answers `status` the first `n` times, then 200 with a charge. */
function failTimes(n: number, status: number) {
  let seen = 0;
  server.handle((_req, res) => (seen++ < n ? json(res, status, { error: { message: `s${status}` } }) : json(res, 200, { id: `ch_${seen}` })));
}
const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e);

test('the IR: each operation policy and idempotency header; the invalid policy is warned about at its line', () => {
  const op = (id: string) => result.ir.operations.find((o) => o.operationId === id)!;
  const root = { enabled: true, statusCodes: ['5XX'], connectionErrors: true, backoff: { initialMs: 5, maxMs: 20, exponent: 2, maxElapsedMs: 10000 }, source: { extension: 'x-speakeasy-retries', pointer: '#' } };
  expect(op('listCharges').retries).toEqual(root);
  expect(op('createCharge').retries).toEqual(root);
  expect(op('getBroken').retries).toEqual(root);
  expect(op('createRefund').retries).toMatchObject({ statusCodes: [429], maxRetries: 3, connectionErrors: false, source: { extension: 'x-sdkforge-retries' } });
  expect(op('createPayout').retries).toMatchObject({ enabled: false });
  expect([op('listCharges'), op('createCharge'), op('createRefund'), op('createPayout')].map((o) => o.idempotency?.header)).toEqual([undefined, 'Idempotency-Key', 'Idempotency-Key', 'X-Payout-Key']);
  const warning = result.diagnostics.find((d) => d.code === 'retries-extension-invalid')!;
  expect(warning.message).toBe('x-speakeasy-retries statusCodes.0 is 600, not a status (100 to 599) or a range (1XX to 5XX): the extension is ignored.');
  expect(warning.file).toBe(SPEC);
  const lines = readFileSync(SPEC, 'utf8').split('\n');
  expect(lines[warning.line! - 1]).toContain('600');
});

test('the emitted request specs carry the policy and the header', () => {
  const ops = result.files.get('src/operations.ts')!;
  expect(ops).toContain('retry: retryPolicy({ enabled: false })');
  expect(ops).toContain("idempotency: idempotencyHeader('X-Payout-Key')");
  expect(ops).toMatch(/retry: retryPolicy\(\{\s*statusCodes: \[429\],\s*connectionErrors: false,\s*backoff: \{ initialMs: 5, maxMs: 5, exponent: 2 \},\s*maxRetries: 3,?\s*\}\)/);
});

test("the root's policy: 5xx and dropped connections retried, 429 not; a GET carries no key", async () => {
  failTimes(2, 502);
  await expect(client().listCharges()).resolves.toEqual({ id: 'ch_3' });
  expect(server.requests).toHaveLength(3);
  expect(header('idempotency-key')).toEqual([undefined, undefined, undefined]);
  server.requests.length = 0;
  failTimes(1, 429);
  expect(await failure(client().listCharges())).toBeInstanceOf(pkg.RateLimitError);
  expect(server.requests).toHaveLength(1);
  server.requests.length = 0;
  let seen = 0;
  server.handle((_req, res) => (seen++ === 0 ? res.socket?.destroy() : json(res, 200, [])));
  await expect(client().listCharges()).resolves.toEqual([]);
  expect(server.requests).toHaveLength(2);
});

test('a POST declared idempotent by Fern carries one key across its retries, another on the next call', async () => {
  failTimes(2, 503);
  const c = client();
  await c.createCharge({ amount: 1 });
  failTimes(0, 503);
  await c.createCharge({ amount: 2 });
  const keys = header('idempotency-key');
  expect(keys).toHaveLength(4);
  expect(keys[0]).toMatch(UUID);
  expect(keys.slice(0, 3)).toEqual([keys[0], keys[0], keys[0]]);
  expect(keys[3]).toMatch(UUID);
  expect(keys[3]).not.toBe(keys[0]);
});

test('idempotencyKey sets the key; a value passed as the header parameter is sent as it is', async () => {
  failTimes(1, 503);
  await client().createCharge({ amount: 1 }, { idempotencyKey: 'charge-1' });
  expect(header('idempotency-key')).toEqual(['charge-1', 'charge-1']);
  server.requests.length = 0;
  failTimes(0, 429);
  await client().createRefund({ 'Idempotency-Key': 'refund-1' });
  expect(header('idempotency-key')).toEqual(['refund-1']);
});

test("an operation's x-sdkforge-retries: its statuses and its maxRetries; the client's and request's maxRetries win", async () => {
  failTimes(10, 429);
  await failure(client().createRefund());
  expect(server.requests).toHaveLength(4);
  expect(new Set(header('idempotency-key')).size).toBe(1);
  server.requests.length = 0;
  failTimes(10, 429);
  await failure(client({ maxRetries: 1 }).createRefund());
  expect(server.requests).toHaveLength(2);
  server.requests.length = 0;
  failTimes(10, 429);
  await failure(client({ maxRetries: 1 }).createRefund({}, { maxRetries: 0 }));
  expect(server.requests).toHaveLength(1);
  server.requests.length = 0;
  failTimes(1, 503);
  expect(await failure(client().createRefund())).toBeInstanceOf(pkg.InternalServerError);
  expect(server.requests).toHaveLength(1);
});

test('strategy none: no retries unless maxRetries is passed; the key goes in the declared header', async () => {
  failTimes(1, 503);
  expect(await failure(client().createPayout())).toBeInstanceOf(pkg.InternalServerError);
  expect(server.requests).toHaveLength(1);
  server.requests.length = 0;
  let seen = 0;
  server.handle((_req, res) => (seen++ === 0 ? json(res, 503, {}, { 'retry-after-ms': '1' }) : json(res, 200, { id: 'po' })));
  await expect(client().createPayout({ maxRetries: 1 })).resolves.toEqual({ id: 'po' });
  const keys = header('x-payout-key');
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(UUID);
  expect(keys[1]).toBe(keys[0]);
  expect(header('idempotency-key')).toEqual([undefined, undefined]);
});

const OPENROUTER = path.join(SHARED, 'corpus-more/openrouter/out.openapi.yaml');
(existsSync(OPENROUTER) || process.env.CI === 'true' ? test : test.skip)("openrouter's root x-speakeasy-retries is every operation's policy", async () => {
  const loaded = await loadSpec(OPENROUTER);
  const { ir, warnings } = buildIR(loaded.document);
  expect(warnings.filter((w) => /retries|idempotency/.test(w.code))).toEqual([]);
  const expected = {
    enabled: true,
    statusCodes: ['5XX'],
    connectionErrors: true,
    backoff: { initialMs: 500, maxMs: 60000, exponent: 1.5, maxElapsedMs: 3600000 },
    source: { extension: 'x-speakeasy-retries', pointer: '#' },
  };
  expect(ir.operations.length).toBeGreaterThan(50);
  for (const op of ir.operations) expect(op.retries).toEqual(expected);
}, 60_000);

const SVIX = path.join(SHARED, 'corpus/svix/openapi.json');
(existsSync(SVIX) || process.env.CI === 'true' ? test : test.skip)("svix's idempotency-key header parameters: the operations that take one get keys", async () => {
  const { ir } = buildIR((await loadSpec(SVIX)).document);
  const keyed = ir.operations.filter((o) => o.idempotency).map((o) => o.operationId);
  expect(keyed).toEqual(expect.arrayContaining(['v1.application.create', 'v1.endpoint.create', 'v1.message.create', 'v1.event-type.create']));
  expect(keyed).toHaveLength(10);
  for (const op of ir.operations.filter((o) => o.idempotency)) expect(op.idempotency).toEqual({ header: 'idempotency-key', source: { by: 'parameter', pointer: op.pointer } });
  expect(ir.operations.filter((o) => o.method === 'get').every((o) => !o.idempotency)).toBe(true);
}, 60_000);
