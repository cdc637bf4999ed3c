/** Import declarations the source files share: the runtime types signatures name, and component types. */
import { StructureKind, type StatementStructures } from '../structures.js';
import type { OperationShape } from '../signature.js';
import { runtimeSpecifier } from '../runtime-files.js';
import { genericNames } from '../type-expr.js';

/** Where a file's imports point, relative to it: the runtime directory, the operations module, each type's module. */
export interface ImportPaths {
  /** `./runtime/` */
  runtime: string;
  /** `./operations.js` */
  operations: string;
  /** The module that declares a component type (or its `…Writable` variant): `./types.js`. */
  typeModule(name: string): string;
}

/** The paths of a file in `src/`, in the single layout. */
export const SRC_PATHS: ImportPaths = { runtime: './runtime/', operations: './operations.js', typeModule: () => './types.js' };

/**
 * The runtime imports of the files that hold the signatures: `import type { APIPromise } …` and friends, for what
 * the signatures name; with `values` (the file that holds the calls), also the runtime values the calls name
 * (`requestPage`, a page class, a stream format), one declaration per module.
 */
export function runtimeImports(shapes: OperationShape[], values = false, paths: ImportPaths = SRC_PATHS): StatementStructures[] {
  const named = new Set<string>();
  for (const s of shapes) for (const node of [s.returnNode, ...s.overloads.map((o) => o.returnNode)]) genericNames(node, named);
  const types: [string, string][] = [
    ['APIPromise', 'api-promise.ts'],
    ['PagePromise', 'pagination.ts'],
    ['Stream', 'stream.ts'],
  ];
  const byFile = new Map<string, { values: Set<string>; types: Set<string> }>();
  const entry = (file: string) => byFile.get(file) ?? byFile.set(file, { values: new Set(), types: new Set() }).get(file)!;
  for (const [name, file] of types) if (named.has(name)) entry(file).types.add(name);
  if (values) for (const { file, name } of shapes.flatMap((s) => s.runtimeImports)) entry(file).values.add(name);
  return [...byFile].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, names]) => ({
    kind: StructureKind.ImportDeclaration,
    isTypeOnly: names.values.size === 0,
    moduleSpecifier: runtimeSpecifier(file, paths.runtime),
    namedImports: names.values.size === 0 ? [...names.types] : [...[...names.values].sort(), ...[...names.types].map((t) => `type ${t}`)],
  }));
}

/** `import type { … } from './types.js'` for the component types `names`, one declaration per module, if any. */
export function typeImport(names: Set<string>, paths: ImportPaths = SRC_PATHS): StatementStructures[] {
  const byModule = new Map<string, string[]>();
  for (const name of names) {
    const module = paths.typeModule(name);
    byModule.set(module, [...(byModule.get(module) ?? []), name]);
  }
  return [...byModule]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([moduleSpecifier, list]) => ({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier, namedImports: list.sort() }));
}
