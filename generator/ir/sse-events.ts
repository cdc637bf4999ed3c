/**
 * Typed server-sent events (OpenAPI 3.2): an `itemSchema` on `text/event-stream` describes whole events, objects
 * of the four SSE fields `event`, `data`, `id` and `retry` (the generic event schema of the 3.2 text). `data` is a
 * string on the wire; where its schema says `contentMediaType: application/json` the client decodes it, typed by
 * `contentSchema`. An item schema that is a `oneOf` over events with `event` constants becomes a discriminated
 * union, so `switch (e.event)` narrows `e.data`.
 *
 * `sseEvents` reads such an item schema: it spreads unions over intersections (`$ref: Event` beside a `oneOf` of
 * variants), one alternative per variant, and types each alternative's fields from all its parts: `event` the
 * literal a part gives it (else `string`), `data` the decoded `contentSchema` where a part declares JSON content
 * (else `string`), `id` a string, `retry` an integer. An item schema with any other property is not an event
 * (3.0/3.1 specs put the data's type there): it is left to the caller.
 */
import { isJson } from '../util/media-type.js';
import type { IRProperty, IRSchema } from './types.js';

/** The SSE fields an event object may have. */
const FIELDS = ['event', 'data', 'id', 'retry'] as const;
type Field = (typeof FIELDS)[number];

/** The item type of a typed event stream, and which events' data the client decodes as JSON. */
export interface SSEEvents {
  /** `{ event, data, id, retry }`, or a union of them discriminated on `event`. */
  item: IRSchema;
  /** The event names whose data is JSON, or `true` for every event (a JSON-data event with no constant name). */
  jsonData: true | string[];
}

/** How many alternatives an item schema may spread into (unions inside intersections multiply). */
const MAX_ALTERNATIVES = 256;
const MAX_DEPTH = 8;

/** The typed events `item` describes, or `undefined` when it is not an event object. */
export function sseEvents(item: IRSchema, named: ReadonlyMap<string, IRSchema>): SSEEvents | undefined {
  const alternatives = spread(item, named, 0);
  if (!alternatives || alternatives.length === 0) return undefined;
  const props = alternatives.flatMap((parts) => parts.flatMap((p) => p.properties));
  if (props.length === 0 || !props.every((p) => (FIELDS as readonly string[]).includes(p.name))) return undefined;

  const jsonNames = new Set<string>();
  let jsonUnnamed = false;
  const events = alternatives.map((parts) => {
    const fields = new Map<Field, IRProperty[]>(FIELDS.map((f) => [f, parts.flatMap((p) => p.properties.filter((x) => x.name === f))]));
    const name = eventName(fields.get('event')!, named);
    const json = fields.get('data')!.find((p) => p.schema.contentMediaType !== undefined && isJson(p.schema.contentMediaType));
    if (json && name !== undefined) jsonNames.add(name);
    else if (json) jsonUnnamed = true;
    const described = (f: Field) => fields.get(f)!.map((p) => p.schema.description).find(Boolean);
    const property = (f: Field, schema: IRSchema, required: boolean): IRProperty => {
      const description = described(f);
      return { name: f, required, schema: description ? { ...schema, description } : schema };
    };
    const required = (f: Field) => fields.get(f)!.some((p) => p.required);
    const properties: IRProperty[] = [];
    if (fields.get('event')!.length)
      properties.push(property('event', name === undefined ? { kind: 'primitive', type: 'string' } : { kind: 'const', value: name }, required('event')));
    // an event is dispatched only with data: it is always there
    properties.push(property('data', json ? (json.schema.contentSchema ?? { kind: 'unknown' }) : { kind: 'primitive', type: 'string' }, true));
    if (fields.get('id')!.length) properties.push(property('id', { kind: 'primitive', type: 'string' }, false));
    if (fields.get('retry')!.length) properties.push(property('retry', { kind: 'primitive', type: 'integer' }, false));
    return { kind: 'object', properties, additional: false } satisfies IRSchema;
  });
  return {
    item: events.length === 1 ? events[0]! : { kind: 'union', variants: events },
    jsonData: jsonUnnamed ? true : [...jsonNames].sort(),
  };
}

/** The one string constant the `event` property schemas of an alternative give it, if any. */
function eventName(props: IRProperty[], named: ReadonlyMap<string, IRSchema>): string | undefined {
  for (const p of props) {
    const literals = constants(p.schema, named, 0);
    if (literals.length === 1 && typeof literals[0] === 'string') return literals[0];
  }
  return undefined;
}

/** The literal values a schema pins (a `const`, a one-value `enum`), through refs and intersections. */
function constants(schema: IRSchema, named: ReadonlyMap<string, IRSchema>, depth: number): unknown[] {
  if (depth > MAX_DEPTH) return [];
  switch (schema.kind) {
    case 'const':
      return [schema.value];
    case 'enum':
      return schema.values.length === 1 ? schema.values : [];
    case 'ref':
      return constants(named.get(schema.name) ?? { kind: 'unknown' }, named, depth + 1);
    case 'intersection':
      return schema.parts.flatMap((p) => constants(p, named, depth + 1)).slice(0, 1);
    default:
      return [];
  }
}

type ObjectSchema = Extract<IRSchema, { kind: 'object' }>;

/**
 * The alternatives a schema allows, each the object schemas that all apply to it: a union is its variants', an
 * intersection the product of its parts'. `unknown` adds nothing; a schema that cannot be an object makes the
 * whole item not an event (`undefined`).
 */
function spread(schema: IRSchema, named: ReadonlyMap<string, IRSchema>, depth: number): ObjectSchema[][] | undefined {
  if (depth > MAX_DEPTH) return [[]];
  switch (schema.kind) {
    case 'object':
      return [[schema]];
    case 'unknown':
      return [[]];
    case 'ref':
      return spread(named.get(schema.name) ?? { kind: 'unknown' }, named, depth + 1);
    case 'union': {
      const out: ObjectSchema[][] = [];
      for (const v of schema.variants) {
        const alternatives = spread(v, named, depth + 1);
        if (!alternatives) return undefined;
        out.push(...alternatives);
      }
      return out.length > MAX_ALTERNATIVES ? undefined : out;
    }
    case 'intersection': {
      let out: ObjectSchema[][] = [[]];
      for (const part of schema.parts) {
        const alternatives = spread(part, named, depth + 1);
        if (!alternatives) return undefined;
        out = out.flatMap((a) => alternatives.map((b) => [...a, ...b]));
        if (out.length > MAX_ALTERNATIVES) return undefined;
      }
      return out;
    }
    default:
      return undefined;
  }
}
