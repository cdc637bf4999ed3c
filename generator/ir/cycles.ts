/**
 * Untypeable `$ref` cycles. A schema may refer to itself through an object property, an array item, a tuple
 * item or a map value (TypeScript defers those), but not only through `$ref`s, `oneOf`/`anyOf` variants, `allOf`
 * parts and nullable wrappers: `A: {$ref: B}, B: {$ref: A}` or `A: {allOf: [{$ref: A}]}` would have to be
 * emitted as a type alias defined as itself ("circularly references itself"). Such cycles are errors.
 */
import { errorDiagnostic, type Diagnostic } from '../diagnostics.js';
import type { IRDocument, IRNamedSchema, IRSchema } from './types.js';

/** The components a schema is, directly: through refs, union variants and intersection parts only. */
function aliasEdges(schema: IRSchema, out: Set<string> = new Set()): Set<string> {
  switch (schema.kind) {
    case 'ref':
      out.add(schema.name);
      break;
    case 'union':
      for (const v of schema.variants) aliasEdges(v, out);
      break;
    case 'intersection':
      for (const p of schema.parts) aliasEdges(p, out);
      break;
    default:
      // object properties, array/tuple items and map values are not followed: a reference there is typeable
      break;
  }
  return out;
}

/**
 * Finds every alias cycle among the component schemas, one error per strongly connected group, naming a
 * component in it (the first in document order) and the cycle's path. `where` locates a component pointer
 * (file, line, column).
 */
export function findRefCycles(ir: IRDocument, where: (pointer: string) => Partial<Diagnostic> = (pointer) => ({ pointer })): Diagnostic[] {
  const byName = new Map<string, IRNamedSchema>(ir.schemas.map((s) => [s.name, s]));
  const edges = new Map<string, string[]>();
  for (const s of ir.schemas) edges.set(s.name, [...aliasEdges(s.schema)].filter((n) => byName.has(n)));

  // Tarjan's strongly connected components, iterative over document order (deterministic)
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;
  for (const start of ir.schemas.map((s) => s.name)) {
    if (index.has(start)) continue;
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const succ = edges.get(frame.node) ?? [];
      if (frame.next < succ.length) {
        const w = succ[frame.next++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          group.push(w);
        } while (w !== frame.node);
        const cyclic = group.length > 1 || (edges.get(frame.node) ?? []).includes(frame.node);
        if (cyclic) groups.push(group);
      }
    }
  }

  const order = new Map(ir.schemas.map((s, i) => [s.name, i]));
  return groups
    .map((group) => group.sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!)
    .map((group) => {
      const first = byName.get(group[0]!)!;
      const path = cyclePath(first.name, new Set(group), edges).map((n) => byName.get(n)!.originalName);
      const others = group.length > path.length - 1 ? ` (${group.length} schemas are caught in it)` : '';
      return errorDiagnostic(
        'ref-cycle',
        `The schema ${first.originalName} is a circular alias: ${path.join(' → ')}${others}. Each of them is defined ` +
          'only as another (through $ref, allOf, oneOf/anyOf or nullable), with no object or array in between, so ' +
          'no type can be generated for it.',
        {
          ...where(first.pointer),
          hint:
            `Break the cycle: give one of ${path.slice(0, -1).join(', ')} its own object properties or items, or move ` +
            'the self-reference into a property (`{type: object, properties: {value: {$ref: ...}}}`) or an array ' +
            '(`{type: array, items: {$ref: ...}}`); remove a schema from its own allOf.',
        },
      );
    });
}

/** A shortest cycle from `start` back to itself within the group (breadth-first, edges in document order). */
function cyclePath(start: string, group: ReadonlySet<string>, edges: ReadonlyMap<string, string[]>): string[] {
  const previous = new Map<string, string>();
  const queue: string[] = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const next of edges.get(node) ?? []) {
      if (!group.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at: string | undefined = node; at !== undefined && at !== start; at = previous.get(at)) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
