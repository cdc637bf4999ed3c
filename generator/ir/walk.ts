/**
 * Walking IR schemas: the one place that knows which schemas a schema or an operation holds. Used by the
 * operation selection (which component schemas the kept operations reach), the emitter (which components need a
 * `…Writable` variant), the diff (which schemas are read, which written), and the IR builder's detections
 * (streaming flags, pagination fields).
 *
 * These walk the IR, not the raw document: a raw document is walked with `walkDocument` (`util/json-pointer.ts`).
 */
import type { IROperation, IRProperty, IRSchema } from './types.js';

/** Every schema an operation uses directly: its parameters', request bodies' and responses'. */
export function operationSchemas(op: IROperation): IRSchema[] {
  return [
    ...Object.values(op.parameters).flatMap((params) => params.map((p) => p.schema)),
    ...(op.requestBody?.contents.map((c) => c.schema) ?? []),
    ...op.responses.flatMap((r) => r.contents.map((c) => c.schema)),
  ];
}

/** Calls `fn` with each schema directly inside `schema` (items, properties, variants, parts, `contentSchema`); refs are not followed. */
export function forEachChild(schema: IRSchema, fn: (child: IRSchema) => void): void {
  if (schema.contentSchema) fn(schema.contentSchema);
  switch (schema.kind) {
    case 'array':
      return fn(schema.items);
    case 'tuple':
      schema.items.forEach(fn);
      if (schema.rest) fn(schema.rest);
      return;
    case 'object':
      schema.properties.forEach((p) => fn(p.schema));
      if (typeof schema.additional === 'object') fn(schema.additional);
      return;
    case 'union':
      return schema.variants.forEach(fn);
    case 'intersection':
      return schema.parts.forEach(fn);
    default:
      return;
  }
}

/** How many `ref`, union or intersection levels the lookups below follow before giving up (cyclic schemas). */
const MAX_DEPTH = 8;

/** The properties of an object schema, looking through refs (to `named`) and intersections. */
export function propertiesOf(schema: IRSchema, named: ReadonlyMap<string, IRSchema>, depth = 0): IRProperty[] {
  if (depth > MAX_DEPTH) return [];
  if (schema.kind === 'ref') return propertiesOf(named.get(schema.name) ?? { kind: 'unknown' }, named, depth + 1);
  if (schema.kind === 'object') return schema.properties;
  if (schema.kind === 'intersection') return schema.parts.flatMap((p) => propertiesOf(p, named, depth + 1));
  return [];
}

/** The literal values a schema allows (its `enum`, `const`, or those of a union's variants), through refs. */
export function literalValues(schema: IRSchema, named: ReadonlyMap<string, IRSchema>, depth = 0): unknown[] {
  if (depth > MAX_DEPTH) return [];
  switch (schema.kind) {
    case 'ref':
      return literalValues(named.get(schema.name) ?? { kind: 'unknown' }, named, depth + 1);
    case 'enum':
      return schema.values;
    case 'const':
      return [schema.value];
    case 'union':
      return schema.variants.flatMap((v) => literalValues(v, named, depth + 1));
    default:
      return [];
  }
}

/** A schema one ref deep: a `ref` node is replaced by the component it names. */
export function resolved(schema: IRSchema | undefined, named: ReadonlyMap<string, IRSchema>): IRSchema | undefined {
  return schema?.kind === 'ref' ? named.get(schema.name) : schema;
}

export function isBoolean(schema: IRSchema): boolean {
  return (schema.kind === 'primitive' && schema.type === 'boolean') || (schema.kind === 'const' && typeof schema.value === 'boolean');
}

export function isString(schema: IRSchema): boolean {
  if (schema.kind === 'primitive') return schema.type === 'string';
  if (schema.kind === 'const') return typeof schema.value === 'string';
  return schema.kind === 'enum' && schema.values.every((v) => typeof v === 'string' || v === null);
}
