/**
 * Selection: keeps the operations that match, and only the component schemas they reach.
 */
import type { IRDocument, IROperation, IRSchema } from './types.js';

export interface Selection {
  /** Keep operations with at least one of these tags. */
  includeTags?: string[] | undefined;
}

export function selectOperations(ir: IRDocument, selection: Selection): IRDocument {
  const tags = selection.includeTags;
  if (!tags || tags.length === 0) return ir;
  const wanted = new Set(tags.map((t) => t.toLowerCase()));
  const operations = ir.operations.filter((op) => op.tags.some((t) => wanted.has(t.toLowerCase())));
  const byName = new Map(ir.schemas.map((s) => [s.name, s]));
  const reached = new Set<string>();
  const visit = (schema: IRSchema | undefined): void => {
    if (!schema) return;
    forEachChild(schema, visit);
    if (schema.kind === 'ref' && !reached.has(schema.name)) {
      reached.add(schema.name);
      visit(byName.get(schema.name)?.schema);
    }
  };
  for (const op of operations) for (const s of operationSchemas(op)) visit(s);
  return { ...ir, operations, schemas: ir.schemas.filter((s) => reached.has(s.name)) };
}

export function operationSchemas(op: IROperation): IRSchema[] {
  const { path, query, header, cookie } = op.parameters;
  return [
    ...[...path, ...query, ...header, ...cookie].map((p) => p.schema),
    ...(op.requestBody?.contents.map((c) => c.schema) ?? []),
    ...op.responses.flatMap((r) => r.contents.map((c) => c.schema)),
  ];
}

export function forEachChild(schema: IRSchema, fn: (child: IRSchema) => void): void {
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
