/** `src/operations.ts`: one typed function per operation (see `emit-operations.ts`), and their parameter types. */
import { StructureKind } from '../structures.js';
import { operationStatements } from '../emit-operations.js';
import type { PackagePlan } from '../plan.js';
import type { OperationShape } from '../signature.js';
import { sourceFile } from '../source-file.js';
import { runtimeImports, SRC_PATHS, typeImport, type ImportPaths } from './imports.js';

/** A module of operation functions: `src/operations.ts`, or a unit's in the split layout (`layout.ts`). */
export function operationsSource(name: string, shapes: OperationShape[], paths: ImportPaths): string {
  const usesPath = shapes.some((s) => s.op.parameters.path.length > 0);
  return sourceFile(name, [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: `${paths.runtime}core.js`,
      namedImports: [...(usesPath ? ['encodePath'] : []), 'type ClientCore', 'type RequestOptions'],
    },
    ...runtimeImports(shapes, true, paths),
    ...typeImport(new Set(shapes.flatMap((s) => [...s.refs])), paths),
    ...operationStatements(shapes),
  ]);
}

export function operationsFile({ shapes }: PackagePlan): [string, string][] {
  return [['src/operations.ts', operationsSource('operations.ts', shapes, SRC_PATHS)]];
}
