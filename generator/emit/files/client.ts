/**
 * `src/client.ts`: the client class, whose methods delegate to the operation functions (see `emit-client.ts`),
 * with a field per top-level resource namespace (`src/resources.ts`).
 */
import { StructureKind, type ImportDeclarationStructure } from '../structures.js';
import { importStatement, moduleText } from '../code-layout.js';
import { clientClass, hasOwnOptions } from '../emit-client.js';
import type { PackagePlan } from '../plan.js';
import type { OperationShape } from '../signature.js';
import { HEADER } from '../source-file.js';
import { runtimeImports, SRC_PATHS, typeImport, type ImportPaths } from './imports.js';

/**
 * What a file of methods delegating to the operation functions imports: `RequestOptions`, the runtime types the
 * signatures name, the operations (`ops`), the parameter-object types and the component types.
 */
export function delegateImports(shapes: OperationShape[], paths: ImportPaths = SRC_PATHS): ImportDeclarationStructure[] {
  const paramsTypes = shapes.flatMap((s) => (s.paramsType ? [s.paramsType.name] : []));
  return [
    ...(runtimeImports(shapes, false, paths) as ImportDeclarationStructure[]),
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: paths.operations, namespaceImport: 'ops' },
    ...(paramsTypes.length ? [{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: paths.operations, namedImports: paramsTypes.sort() }] : []),
    ...(typeImport(new Set(shapes.flatMap((s) => [...s.signatureRefs])), paths) as ImportDeclarationStructure[]),
  ];
}

export function clientFile(plan: PackagePlan): [string, string][] {
  const { ir, ctx, shapes, resources, webhooks } = plan;
  const own = hasOwnOptions(ir);
  const methods = ctx.resourcesOnly ? [] : shapes;
  const imports: ImportDeclarationStructure[] = [
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
  ];
  // in prettier's layout (`code-layout.ts`)
  return [['src/client.ts', moduleText(HEADER, [...imports.map(importStatement), clientClass(plan)])]];
}
