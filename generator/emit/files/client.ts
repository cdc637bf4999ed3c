/**
 * `src/client.ts`: the client class, whose methods delegate to the operation functions (see `emit-client.ts`),
 * with a field per top-level resource namespace (`src/resources.ts`).
 */
import { StructureKind, type StatementStructures } from '../structures.js';
import { clientClass, hasOwnOptions } from '../emit-client.js';
import type { PackagePlan } from '../plan.js';
import type { OperationShape } from '../signature.js';
import { sourceFile } from '../source-file.js';
import { runtimeImports, SRC_PATHS, typeImport, type ImportPaths } from './imports.js';

/**
 * What a file of methods delegating to the operation functions imports: `RequestOptions`, the runtime types the
 * signatures name, the operations (`ops`), the parameter-object types and the component types.
 */
export function delegateImports(shapes: OperationShape[], paths: ImportPaths = SRC_PATHS): StatementStructures[] {
  const paramsTypes = shapes.flatMap((s) => (s.paramsType ? [s.paramsType.name] : []));
  return [
    ...runtimeImports(shapes, false, paths),
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: paths.operations, namespaceImport: 'ops' },
    ...(paramsTypes.length ? [{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: paths.operations, namedImports: paramsTypes.sort() }] : []),
    ...typeImport(new Set(shapes.flatMap((s) => [...s.signatureRefs])), paths),
  ];
}

export function clientFile(plan: PackagePlan): [string, string][] {
  const { ir, ctx, shapes, resources, webhooks } = plan;
  const own = hasOwnOptions(ir);
  const methods = ctx.resourcesOnly ? [] : shapes;
  return [
    [
      'src/client.ts',
      sourceFile('client.ts', [
        {
          kind: StructureKind.ImportDeclaration,
          moduleSpecifier: './runtime/core.js',
          namedImports: ['ClientCore', ...(own ? [] : ['type ClientOptions']), ...(methods.length ? ['type RequestOptions'] : [])],
        },
        {
          kind: StructureKind.ImportDeclaration,
          moduleSpecifier: './defaults.js',
          namedImports: ['clientDefaults', ...(own ? ['type ClientOptions'] : [])],
        },
        ...(resources.length ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: './resources.js', namedImports: resources.map((r) => r.className) }] : []),
        ...(webhooks
          ? [
              { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/webhooks.js', namedImports: ['Webhooks'] },
              { kind: StructureKind.ImportDeclaration, moduleSpecifier: './webhooks.js', namedImports: ['webhookDefaults', `type ${webhooks.union}`] },
            ]
          : []),
        ...(methods.length ? delegateImports(methods) : []),
        clientClass(plan),
      ]),
    ],
  ];
}
