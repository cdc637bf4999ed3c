// planPackage: which runtime modules a package ships. A package ships the modules its own files import and
// what those import in turn: nothing about streams or pages where no operation streams or pages, the chat
// accumulator only beside a chat-shaped stream. End to end, test/pack.test.ts and test/package-build.test.ts
// build and run such packages.
import { buildIR } from '../ir/build.js';
import type { OpenAPIDocument } from '../load/load-spec.js';
import { planPackage, ships, type EmitContext } from './plan.js';
import { OPERATION_NAMES_TAKEN, reservedTypeNames } from './runtime-files.js';

const CTX: EmitContext = { clientName: 'Client', packageName: 'client', envPrefix: 'CLIENT', generatorVersion: '0.0.0', specHash: '0' };

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const list = (item: object) => ({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: item }, has_more: { type: 'boolean' } } });

function shipped(paths: Record<string, unknown>, schemas: Record<string, unknown> = {}): string[] {
  const document = { openapi: '3.1.0', info: { title: 'T', version: '1' }, servers: [{ url: 'https://x.test' }], paths, components: { schemas } } as unknown as OpenAPIDocument;
  const { ir } = buildIR(document, { reservedTypeNames: reservedTypeNames('Client'), reservedOperationNames: OPERATION_NAMES_TAKEN });
  return planPackage(ir, CTX).runtime.map(([file]) => file);
}

const CORE = ['api-promise.ts', 'auth.ts', 'core.ts', 'errors.ts', 'logging.ts', 'media-type.ts', 'query.ts', 'retry.ts', 'util.ts'];

test('a package without streams or pages ships the client core only', () => {
  expect(shipped({ '/pets': { get: { operationId: 'listPets', responses: { 200: json({ type: 'array', items: { type: 'string' } }) } } } })).toEqual(CORE);
});

test('pages without streams: the base page module and the page class of each scheme used, nothing of streams', () => {
  const files = shipped({
    '/things': { get: { operationId: 'listThings', parameters: [{ name: 'after', in: 'query', schema: { type: 'string' } }], responses: { 200: json(list({ type: 'object', properties: { id: { type: 'string' } } })) } } },
  });
  expect(files).toEqual([...CORE, 'cursor-page.ts', 'pagination.ts'].sort());
  const single = shipped({ '/all': { get: { operationId: 'listAll', responses: { 200: json({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: { type: 'string' } } } }) } } } });
  expect(single).toEqual([...CORE, 'pagination.ts', 'single-page.ts'].sort());
});

test('a stream of events ships its format and the stream machinery; the chat accumulator only for chat chunks', () => {
  const events = { '/events': { get: { operationId: 'events', responses: { 200: { content: { 'text/event-stream': { schema: { type: 'object', properties: { n: { type: 'integer' } } } } } } } } } };
  const files = shipped(events);
  expect(files).toEqual([...CORE, 'body-reader.ts', 'line-decoder.ts', 'ndjson.ts', 'parse-item.ts', 'sse.ts', 'stream.ts'].sort());
  const chunk = { type: 'object', properties: { choices: { type: 'array', items: { type: 'object', properties: { delta: { type: 'object' } } } } } };
  const chat = { '/chat': { post: { operationId: 'chat', requestBody: json({ type: 'object', properties: { stream: { type: 'boolean' } } }), responses: { 200: { content: { 'application/json': { schema: { type: 'object' } }, 'text/event-stream': { schema: chunk } } } } } } };
  expect(shipped(chat)).toEqual([...files, 'accumulate.ts'].sort());
});

test('ships() answers for the modules the plan ships', () => {
  const document = { openapi: '3.1.0', info: { title: 'T', version: '1' }, paths: {} } as unknown as OpenAPIDocument;
  const plan = planPackage(buildIR(document).ir, CTX);
  expect(ships(plan, 'core.ts')).toBe(true);
  expect(ships(plan, 'stream.ts')).toBe(false);
  expect(ships(plan, 'pagination.ts')).toBe(false);
});
