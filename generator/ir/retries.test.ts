// Retry policies from x-sdkforge-retries and x-speakeasy-retries: root vs operation, one extension vs the other,
// the shapes read, and invalid values warned about and ignored.
import { buildIR } from './build.js';
import type { OpenAPIDocument } from '../load/load-spec.js';
import { describeRetries } from './retries.js';

const ok = { '200': { description: 'ok' } };
const build = (root: object, ops: Record<string, object>) => {
  const paths: Record<string, object> = {};
  for (const [id, ext] of Object.entries(ops)) paths[`/${id}`] = { post: { operationId: id, responses: ok, ...ext } };
  const { ir, warnings } = buildIR({ openapi: '3.1.0', info: { title: 'T', version: '1' }, paths, ...root } as unknown as OpenAPIDocument);
  return { op: (id: string) => ir.operations.find((o) => o.operationId === id)!, warnings };
};

const speakeasy = {
  strategy: 'backoff',
  backoff: { initialInterval: 500, maxInterval: 60000, maxElapsedTime: 3600000, exponent: 1.5 },
  statusCodes: ['5XX', 429, '408'],
  retryConnectionErrors: true,
};

test('the root policy is every operation default; an operation policy replaces it for that operation', () => {
  const { op, warnings } = build({ 'x-speakeasy-retries': speakeasy }, { a: {}, b: { 'x-speakeasy-retries': { strategy: 'backoff', statusCodes: [503] } }, c: { 'x-speakeasy-retries': { strategy: 'none' } } });
  expect(warnings).toEqual([]);
  expect(op('a').retries).toEqual({
    enabled: true,
    statusCodes: ['5XX', 429, 408],
    connectionErrors: true,
    backoff: { initialMs: 500, maxMs: 60000, exponent: 1.5, maxElapsedMs: 3600000 },
    source: { extension: 'x-speakeasy-retries', pointer: '#' },
  });
  // members left out: not the root's, but the defaults (built-in statuses, no connection errors, built-in backoff)
  expect(op('b').retries).toEqual({ enabled: true, statusCodes: [503], connectionErrors: false, source: { extension: 'x-speakeasy-retries', pointer: '#/paths/~1b/post' } });
  expect(op('c').retries).toEqual({ enabled: false, statusCodes: [], connectionErrors: false, source: { extension: 'x-speakeasy-retries', pointer: '#/paths/~1c/post' } });
});

test('x-sdkforge-retries wins over x-speakeasy-retries on the same object; it takes maxRetries, false and true', () => {
  const { op, warnings } = build(
    { 'x-speakeasy-retries': speakeasy, 'x-sdkforge-retries': { statusCodes: [429], maxRetries: 5, backoff: { initialInterval: 10 } } },
    { a: {}, off: { 'x-sdkforge-retries': false }, builtin: { 'x-sdkforge-retries': true }, both: { 'x-speakeasy-retries': { strategy: 'none' }, 'x-sdkforge-retries': { statusCodes: ['4xx'] } } },
  );
  expect(warnings).toEqual([]);
  expect(op('a').retries).toEqual({ enabled: true, statusCodes: [429], connectionErrors: false, maxRetries: 5, backoff: { initialMs: 10, maxMs: 8000, exponent: 2 }, source: { extension: 'x-sdkforge-retries', pointer: '#' } });
  expect(op('off').retries).toMatchObject({ enabled: false });
  expect(op('builtin').retries).toBeUndefined();
  expect(op('both').retries).toMatchObject({ enabled: true, statusCodes: ['4XX'], source: { extension: 'x-sdkforge-retries' } });
});

test('no extension: no policy (the built-in rule)', () => {
  const { op, warnings } = build({}, { a: {} });
  expect(op('a').retries).toBeUndefined();
  expect(warnings).toEqual([]);
});

test('invalid values are warned about at their member and ignored: the other extension, then the root, apply', () => {
  const { op, warnings } = build(
    { 'x-speakeasy-retries': { strategy: 'backoff', statusCodes: [503] } },
    {
      a: { 'x-sdkforge-retries': { statusCodes: ['50X'] }, 'x-speakeasy-retries': { strategy: 'backoff', statusCodes: [502] } },
      b: { 'x-speakeasy-retries': { statusCodes: [500] } },
      c: { 'x-speakeasy-retries': { strategy: 'backoff', backoff: { initialInterval: '1s' } } },
      d: { 'x-sdkforge-retries': { maxRetries: -1 } },
      e: { 'x-speakeasy-retries': { strategy: 'exponential' } },
      f: { 'x-sdkforge-retries': 'yes' },
      g: { 'x-speakeasy-retries': { strategy: 'backoff', retryConnectionErrors: 'true' } },
    },
  );
  expect(op('a').retries?.statusCodes).toEqual([502]);
  for (const id of ['b', 'c', 'd', 'e', 'f', 'g']) expect(op(id).retries?.statusCodes).toEqual([503]);
  expect(warnings.map((w) => [w.code, w.pointer, w.message])).toEqual([
    ['retries-extension-invalid', '#/paths/~1a/post/x-sdkforge-retries/statusCodes/0', 'x-sdkforge-retries statusCodes.0 is "50X", not a status (100 to 599) or a range (1XX to 5XX): the extension is ignored.'],
    ['retries-extension-invalid', '#/paths/~1b/post/x-speakeasy-retries', "x-speakeasy-retries has no strategy ('backoff' or 'none'): the extension is ignored."],
    ['retries-extension-invalid', '#/paths/~1c/post/x-speakeasy-retries/backoff/initialInterval', 'x-speakeasy-retries backoff.initialInterval is "1s", not a number of milliseconds (0 or more): the extension is ignored.'],
    ['retries-extension-invalid', '#/paths/~1d/post/x-sdkforge-retries/maxRetries', 'x-sdkforge-retries maxRetries is -1, not a whole number (0 or more): the extension is ignored.'],
    ['retries-extension-invalid', '#/paths/~1e/post/x-speakeasy-retries/strategy', "x-speakeasy-retries strategy is \"exponential\", not 'backoff' or 'none': the extension is ignored."],
    ['retries-extension-invalid', '#/paths/~1f/post/x-sdkforge-retries', 'x-sdkforge-retries is "yes", not an object, true or false: the extension is ignored.'],
    ['retries-extension-invalid', '#/paths/~1g/post/x-speakeasy-retries/retryConnectionErrors', 'x-speakeasy-retries retryConnectionErrors is "true", not true or false: the extension is ignored.'],
  ]);
  expect(warnings.every((w) => w.severity === 'warning' && w.hint)).toBe(true);
});

test('an invalid root policy is warned about once, and no operation gets it', () => {
  const { op, warnings } = build({ 'x-speakeasy-retries': { strategy: 'backoff', statusCodes: 'all' } }, { a: {}, b: {} });
  expect(op('a').retries).toBeUndefined();
  expect(warnings.map((w) => w.pointer)).toEqual(['#/x-speakeasy-retries/statusCodes']);
});

test('describeRetries says a policy in words', () => {
  const { op } = build({ 'x-speakeasy-retries': speakeasy }, { a: {}, off: { 'x-sdkforge-retries': false } });
  expect(describeRetries(op('a').retries)).toBe('5XX, 429, 408, connection errors; backoff 500 ms ×1.5 up to 60000 ms within 3600000 ms');
  expect(describeRetries(op('off').retries)).toBe('no retries');
  expect(describeRetries(undefined)).toBe('the built-in rule');
});
