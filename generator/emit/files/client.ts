/** `src/client.ts`: the client class, whose methods delegate to the operation functions (see `emit-client.ts`). */
import { StructureKind } from 'ts-morph';
import { clientClass, hasOwnOptions } from '../emit-client.js';
import type { PackagePlan } from '../plan.js';
import { sourceFile } from '../source-file.js';
import { runtimeImports, typeImport } from './imports.js';

export function clientFile({ ir, ctx, shapes, webhooks }: PackagePlan): [string, string][] {
  const own = hasOwnOptions(ir);
  const paramsTypes = shapes.flatMap((s) => (s.paramsType ? [s.paramsType.name] : []));
  return [
    [
      'src/client.ts',
      sourceFile('client.ts', [
        { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/core.js', namedImports: own ? ['ClientCore', 'type RequestOptions'] : ['ClientCore', 'type ClientOptions', 'type RequestOptions'] },
        {
          kind: StructureKind.ImportDeclaration,
          moduleSpecifier: './defaults.js',
          namedImports: [...(ir.environments ? ['clientDefaults', 'clientOptions'] : ['clientDefaults']), ...(own ? ['type ClientOptions'] : [])],
        },
        ...runtimeImports(shapes),
        ...(webhooks
          ? [
              { kind: StructureKind.ImportDeclaration as const, moduleSpecifier: './runtime/webhooks.js', namedImports: ['Webhooks'] },
              { kind: StructureKind.ImportDeclaration as const, moduleSpecifier: './webhooks.js', namedImports: ['webhookDefaults', `type ${webhooks.union}`] },
            ]
          : []),
        { kind: StructureKind.ImportDeclaration, moduleSpecifier: './operations.js', namespaceImport: 'ops' },
        ...(paramsTypes.length ? [{ kind: StructureKind.ImportDeclaration as const, isTypeOnly: true, moduleSpecifier: './operations.js', namedImports: paramsTypes.sort() }] : []),
        ...typeImport(new Set(shapes.flatMap((s) => [...s.signatureRefs]))),
        clientClass(ir, shapes, ctx, webhooks?.union),
      ]),
    ],
  ];
}
