// findRefCycles on small IR documents: which reference cycles are untypeable (only through refs, union variants
// and intersection parts) and which are not (through an object property, array or tuple item, or map value), and
// what each error says. test/load-errors.test.ts checks the same errors end to end, with file positions.
import { findRefCycles } from './cycles.js';
import type { IRDocument, IRSchema } from './types.js';

const ref = (name: string): IRSchema => ({ kind: 'ref', name });
const NULL: IRSchema = { kind: 'primitive', type: 'null' };
const object = (...properties: [string, IRSchema][]): IRSchema => ({
  kind: 'object',
  properties: properties.map(([name, schema]) => ({ name, required: true, schema })),
  additional: false,
});

/** A document of these component schemas, in this order; `originalName` is the name with a `-spec` suffix. */
function doc(schemas: Record<string, IRSchema>): IRDocument {
  return {
    title: 'Cycles',
    version: '1',
    schemas: Object.entries(schemas).map(([name, schema]) => ({ originalName: `${name}-spec`, name, pointer: `#/components/schemas/${name}-spec`, schema })),
    operations: [],
    security: [],
  };
}

const cycles = (schemas: Record<string, IRSchema>) => findRefCycles(doc(schemas)).map((d) => d.message.match(/circular alias: ([^.(]*)/)?.[1]?.trim());

test('two schemas defined as each other: one error, naming the first in document order and the cycle by spec names', () => {
  const diagnostics = findRefCycles(doc({ B: ref('A'), A: ref('B') }));
  expect(diagnostics).toHaveLength(1);
  expect(diagnostics[0]).toMatchObject({ code: 'ref-cycle', severity: 'error', pointer: '#/components/schemas/B-spec' });
  expect(diagnostics[0]!.message).toMatch(/^The schema B-spec is a circular alias: B-spec → A-spec → B-spec\. /);
  expect(diagnostics[0]!.hint).toMatch(/^Break the cycle: give one of B-spec, A-spec its own object properties/);
});

test('a schema that is itself through $ref, its allOf, a union variant or a nullable wrapper is a cycle', () => {
  expect(cycles({ A: { kind: 'intersection', parts: [ref('A'), object(['x', { kind: 'primitive', type: 'string' }])] } })).toEqual(['A-spec → A-spec']);
  expect(cycles({ A: { kind: 'union', variants: [ref('A'), { kind: 'primitive', type: 'string' }] } })).toEqual(['A-spec → A-spec']);
  expect(cycles({ A: { kind: 'union', variants: [ref('B'), NULL] }, B: ref('A') })).toEqual(['A-spec → B-spec → A-spec']);
  expect(cycles({ A: ref('A') })).toEqual(['A-spec → A-spec']);
});

test('a reference through an object property, array item, tuple item or map value is typeable: no error', () => {
  expect(
    findRefCycles(
      doc({
        Tree: object(['children', { kind: 'array', items: ref('Tree') }]),
        Node: object(['next', { kind: 'union', variants: [ref('Node'), NULL] }]),
        Pair: { kind: 'tuple', items: [ref('Pair'), NULL] },
        Rest: { kind: 'tuple', items: [], rest: ref('Rest') },
        Map: { kind: 'object', properties: [], additional: ref('Map') },
        // an alias of a typeable recursive type is not a cycle either
        Alias: ref('Tree'),
        Both: { kind: 'intersection', parts: [ref('Tree'), ref('Node')] },
      }),
    ),
  ).toEqual([]);
});

test('a reference to a schema that is not a component is not followed', () => {
  expect(findRefCycles(doc({ A: ref('Missing'), B: { kind: 'union', variants: [ref('Missing'), ref('A')] } }))).toEqual([]);
});

test('separate cycles give one error each, in document order; a larger group says how many schemas it holds', () => {
  // C → D → C is the shortest cycle from C; E is caught in the group through D → E → C
  const schemas: Record<string, IRSchema> = {
    Ok: object(['c', ref('C')]),
    X: ref('Y'),
    C: ref('D'),
    Y: ref('X'),
    D: { kind: 'union', variants: [ref('C'), ref('E')] },
    E: ref('C'),
  };
  expect(cycles(schemas)).toEqual(['X-spec → Y-spec → X-spec', 'C-spec → D-spec → C-spec']);
  const [pair, group] = findRefCycles(doc(schemas));
  expect(pair!.message).not.toContain('caught in it');
  expect(group!.message).toContain('C-spec → D-spec → C-spec (3 schemas are caught in it)');
  expect(group!.pointer).toBe('#/components/schemas/C-spec');
});

test('the location of the error comes from `where`, given the component pointer', () => {
  const seen: string[] = [];
  const [d] = findRefCycles(doc({ A: ref('A') }), (pointer) => (seen.push(pointer), { file: 'spec.yaml', line: 7, column: 5, pointer }));
  expect(seen).toEqual(['#/components/schemas/A-spec']);
  expect(d).toMatchObject({ file: 'spec.yaml', line: 7, column: 5, pointer: '#/components/schemas/A-spec' });
});

test('a long chain into a cycle reports only the cycle, found without recursion on deep chains', () => {
  const schemas: Record<string, IRSchema> = {};
  for (let i = 0; i < 20_000; i++) schemas[`S${i}`] = ref(`S${i + 1}`);
  schemas['S20000'] = ref('S19999');
  expect(cycles(schemas)).toEqual(['S19999-spec → S20000-spec → S19999-spec']);
});
