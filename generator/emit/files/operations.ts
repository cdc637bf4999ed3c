/** `src/operations.ts`: one typed function per operation (see `emit-operations.ts`), and their parameter types. */
import { StructureKind } from 'ts-morph';
import { operationStatements } from '../emit-operations.js';
import type { PackagePlan } from '../plan.js';
import { sourceFile } from '../source-file.js';
import { runtimeImports, typeImport } from './imports.js';

export function operationsFile({ shapes }: PackagePlan): [string, string][] {
  const usesPath = shapes.some((s) => s.op.parameters.path.length > 0);
  return [
    [
      'src/operations.ts',
      sourceFile('operations.ts', [
        {
          kind: StructureKind.ImportDeclaration,
          moduleSpecifier: './runtime/core.js',
          namedImports: [...(usesPath ? ['encodePath'] : []), 'type ClientCore', 'type RequestOptions'],
        },
        ...runtimeImports(shapes, true),
        ...typeImport(new Set(shapes.flatMap((s) => [...s.refs]))),
        ...operationStatements(shapes),
      ]),
    ],
  ];
}
