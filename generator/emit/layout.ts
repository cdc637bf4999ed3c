/**
 * The output layout. `single`: one `src/types.ts`, `src/operations.ts` and `src/resources.ts`, as small specs have
 * them. `split`: per unit (a top-level resource namespace, `client.chat`, or an operation's first tag), a directory
 * `src/resources/<unit>/` with the unit's types, operations, resource classes and an entry point that the package
 * exports as `<package>/resources/<unit>`. A consumer importing one unit then type-checks that unit, the types
 * several units share (`src/shared-types.ts`) and the runtime, not the whole API: what specs the size of Microsoft
 * Graph need. `src/types.ts`, `src/operations.ts` and `src/resources.ts` stay, re-exporting every unit, so the main
 * entry point is the same in both layouts.
 *
 * Each component type has one home: the unit whose operations alone reach it; `shared-types.ts` when several
 * units' operations reach it; `other-types.ts` when no operation does (webhook payloads, unused components). A
 * shared type reaches only shared types (whatever reaches it is reached by the same units), so a unit's files import
 * from their own unit, `shared-types.ts` and the runtime only.
 */
import { errorDiagnostic, GenerationError } from '../diagnostics.js';
import { NameAllocator } from '../ir/names.js';
import type { IRDocument, IRNamedSchema, IRSchema } from '../ir/types.js';
import { forEachChild, operationSchemas } from '../ir/walk.js';
import type { OperationShape } from './signature.js';

/** The `split` option: `auto` splits big specs (see `AUTO_SPLIT`) per resource. */
export const SPLITS = ['auto', 'none', 'resource', 'tag'] as const;
export type Split = (typeof SPLITS)[number];

/** With `split: auto`, a spec with more operations or component schemas than these is split per resource. */
export const AUTO_SPLIT = { operations: 500, schemas: 2500 } as const;

/** The file of the types several units share, and of those no operation reaches (`src/<file>.ts`). */
export const SHARED_TYPES = 'shared-types';
export const OTHER_TYPES = 'other-types';

/** A component several units reach (`splitLayout`). */
const SHARED = Symbol('shared');

export interface SplitUnit {
  /** Its directory under `src/resources/` and its subpath export (`<package>/resources/<dir>`): kebab case, distinct. */
  dir: string;
  /** What it holds, for the README: `client.chat` or the tag `Chat`. */
  title: string;
  /** For a resource split, the top-level resource (`chat`); its classes are emitted in the unit. */
  resource?: string | undefined;
  /** Its operations, in document order. */
  shapes: OperationShape[];
  /** Its component schemas, in document order. */
  schemas: IRNamedSchema[];
}

export interface SplitLayout {
  by: 'resource' | 'tag';
  units: SplitUnit[];
  shared: IRNamedSchema[];
  other: IRNamedSchema[];
  /** Component name → the module (without `.js`, from `src/`) that declares it: `resources/chat/types`, `shared-types`. */
  homes: ReadonlyMap<string, string>;
}

/** Refuses a `split` value other than `SPLITS`, naming them. */
export function checkSplit(value: string | undefined): Split | undefined {
  if (value === undefined || (SPLITS as readonly string[]).includes(value)) return value as Split | undefined;
  throw new GenerationError([
    errorDiagnostic('split-invalid', `The split ${JSON.stringify(value)} is not one sdkforge knows.`, {
      hint: `Use ${SPLITS.join(', ')} (--split).`,
    }),
  ]);
}

/** How `split` applies to this document: per resource, per tag, or not at all. */
export function splitBy(ir: IRDocument, split: Split | undefined): SplitLayout['by'] | undefined {
  if (split === 'none') return undefined;
  if (split === 'resource' || split === 'tag') return split;
  const big = ir.operations.length > AUTO_SPLIT.operations || ir.schemas.length > AUTO_SPLIT.schemas;
  return big ? 'resource' : undefined;
}

/**
 * The split layout of a package: its units in document order, and each component's home. `writable` maps a
 * component to its `…Writable` variant (which lives with its component).
 */
export function splitLayout(ir: IRDocument, shapes: OperationShape[], by: SplitLayout['by'], writable: ReadonlyMap<string, string>): SplitLayout {
  const dirs = new NameAllocator([]);
  const units = new Map<string, SplitUnit>();
  for (const shape of shapes) {
    const key = by === 'resource' ? shape.op.place.resource[0]! : (shape.op.tags[0] ?? '');
    let unit = units.get(key);
    if (!unit) {
      const dir = dirs.allocate(kebabCase(key) || 'untagged');
      unit = by === 'resource' ? { dir, title: `client.${key}`, resource: key, shapes: [], schemas: [] } : { dir, title: key ? `the tag ${key}` : 'operations without a tag', shapes: [], schemas: [] };
      units.set(key, unit);
    }
    unit.shapes.push(shape);
  }

  const named = new Map(ir.schemas.map((s) => [s.name, s.schema]));
  const component = new Map([...writable].map(([name, variant]) => [variant, name]));
  /** Component → the unit that reaches it, or SHARED when several do. */
  const reachedBy = new Map<string, SplitUnit | typeof SHARED>();
  for (const unit of units.values()) {
    const seen = new Set<string>();
    const reach = (name: string): void => {
      if (seen.has(name) || !named.has(name)) return;
      seen.add(name);
      const before = reachedBy.get(name);
      reachedBy.set(name, before === undefined || before === unit ? unit : SHARED);
      visit(named.get(name)!);
    };
    const visit = (schema: IRSchema): void => {
      if (schema.kind === 'ref') reach(schema.name);
      forEachChild(schema, visit);
    };
    for (const { op, refs } of unit.shapes) {
      operationSchemas(op).forEach(visit);
      if (op.streaming) visit(op.streaming.item);
      if (op.pagination) visit(op.pagination.item);
      for (const name of refs) reach(component.get(name) ?? name);
    }
  }

  const shared: IRNamedSchema[] = [];
  const other: IRNamedSchema[] = [];
  const homes = new Map<string, string>();
  for (const schema of ir.schemas) {
    const home = reachedBy.get(schema.name);
    const module = home === undefined ? OTHER_TYPES : home === SHARED ? SHARED_TYPES : `resources/${home.dir}/types`;
    if (home === undefined) other.push(schema);
    else if (home === SHARED) shared.push(schema);
    else home.schemas.push(schema);
    homes.set(schema.name, module);
    const variant = writable.get(schema.name);
    if (variant) homes.set(variant, module);
  }
  return { by, units: [...units.values()], shared, other, homes };
}

/** `fineTuning` → `fine-tuning`, `Audit Logs` → `audit-logs`: lower case, so names differ on any file system. */
function kebabCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
