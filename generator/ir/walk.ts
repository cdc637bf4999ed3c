/**
 * Reading IR schemas through their references: the properties of an object (through refs and intersections), the
 * literal values a schema allows, and the shape tests the detectors share. Every detector (streaming, pagination)
 * reads schemas through these, so a ref or an `allOf` is looked through the same way everywhere.
 */
import type { IRProperty, IRSchema } from './types.js';

/** How deep refs and intersections are followed (recursive schemas stop here). */
const MAX_DEPTH = 8;

/** The properties of an object schema, looking through refs and intersections. */
export function propertiesOf(schema: IRSchema, named: ReadonlyMap<string, IRSchema>, depth = 0): IRProperty[] {
  if (depth > MAX_DEPTH) return [];
  if (schema.kind === 'ref') return propertiesOf(named.get(schema.name) ?? { kind: 'unknown' }, named, depth + 1);
  if (schema.kind === 'object') return schema.properties;
  if (schema.kind === 'intersection') return schema.parts.flatMap((p) => propertiesOf(p, named, depth + 1));
  return [];
}

/** The literal values a schema allows (enum and const values, through refs and unions). */
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
