/** `src/operations.ts`: one typed function per operation (see `emit-operations.ts`), and their parameter types. */
import { StructureKind, type ImportDeclarationStructure } from '../structures.js';
import { importStatement, moduleText } from '../code-layout.js';
import { operationStatements } from '../emit-operations.js';
import type { PackagePlan } from '../plan.js';
import type { OperationShape } from '../signature.js';
import { HEADER } from '../source-file.js';
import { runtimeImports, SRC_PATHS, typeImport, type ImportPaths } from './imports.js';

/**
 * A module of operation functions, in prettier's layout (`code-layout.ts`): `src/operations.ts`, or a unit's in
 * the split layout (`layout.ts`).
 */
export function operationsSource(shapes: OperationShape[], paths: ImportPaths): string {
  const usesPath = shapes.some((s) => s.op.parameters.path.length > 0);
  const imports: ImportDeclarationStructure[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: `${paths.runtime}core.js`,
      namedImports: [...(usesPath ? ['encodePath'] : []), 'type ClientCore', 'type RequestOptions'],
    },
    ...(runtimeImports(shapes, true, paths) as ImportDeclarationStructure[]),
    ...(typeImport(new Set(shapes.flatMap((s) => [...s.refs])), paths) as ImportDeclarationStructure[]),
  ];
  return moduleText(HEADER, [...imports.map(importStatement), ...operationStatements(shapes)]);
}

export function operationsFile({ shapes }: PackagePlan): [string, string][] {
  return [['src/operations.ts', operationsSource(shapes, SRC_PATHS)]];
}
