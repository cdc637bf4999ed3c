// Typed server-sent events (OpenAPI 3.2): the item schema of the 3.2 text's SSE example (a generic Event, a oneOf
// over `event` constants, JSON data typed by contentSchema) becomes a union discriminated on `event`.
import { typeExpr } from '../emit/type-expr.js';
import { buildIR } from './build.js';
import { sseEvents } from './sse-events.js';
import type { IRSchema } from './types.js';

const EVENT = {
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'string' }, event: { type: 'string' }, id: { type: 'string' }, retry: { type: 'integer', minimum: 0 } },
};
const EXAMPLE = {
  $ref: '#/components/schemas/Event',
  required: ['event'],
  oneOf: [
    { properties: { event: { const: 'addString' } } },
    { properties: { event: { const: 'addInt64' }, data: { format: 'int64' } } },
    {
      properties: {
        event: { const: 'addJson' },
        data: { contentMediaType: 'application/json', contentSchema: { type: 'object', required: ['foo'], properties: { foo: { type: 'integer' } } } },
      },
    },
  ],
};

function events(item: unknown, openapi = '3.2.0') {
  const { ir } = buildIR({ openapi, info: { title: 'E', version: '1' }, paths: {}, components: { schemas: { Event: EVENT, Item: item } } } as never);
  const named = new Map(ir.schemas.map((s) => [s.name, s.schema]));
  return sseEvents({ kind: 'ref', name: 'Item' }, named);
}
const ts = (schema: IRSchema) => typeExpr(schema, { refer: () => {}, mode: 'response' }).replace(/\s+/g, ' ');

test('the 3.2 example: a union discriminated on event; JSON data decoded by contentSchema, other data strings', () => {
  const result = events(EXAMPLE)!;
  expect(result.jsonData).toEqual(['addJson']);
  expect(ts(result.item)).toBe(
    '{ event: "addString"; data: string; id?: string; retry?: number; } | { event: "addInt64"; data: string; id?: string; retry?: number; } | { event: "addJson"; data: { foo: number; }; id?: string; retry?: number; }',
  );
});

test('one event shape with JSON data and no constant name: every event is decoded', () => {
  const result = events({ type: 'object', properties: { data: { type: 'string', contentMediaType: 'application/json', contentSchema: { type: 'array', items: { type: 'string' } } } } })!;
  expect(result.jsonData).toBe(true);
  expect(ts(result.item)).toBe('{ data: string[]; }');
});

test('JSON data without contentSchema is unknown; text-only events decode nothing', () => {
  expect(ts(events({ type: 'object', properties: { data: { contentMediaType: 'application/json' } } })!.item)).toBe('{ data: unknown; }');
  expect(events(EVENT)!.jsonData).toEqual([]);
});

test('an item schema with other properties is not an event (the 3.0/3.1 convention: the type of the data)', () => {
  expect(events({ type: 'object', properties: { id: { type: 'string' }, choices: { type: 'array' } } })).toBeUndefined();
  expect(events({ type: 'string' })).toBeUndefined();
});
