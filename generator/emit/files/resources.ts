/**
 * `src/resources.ts`: one class per resource namespace (`client.chat.completions`), holding its sub-resources as
 * fields and its operations as methods that call the operation functions with the client it was made for.
 */
import { Scope, StructureKind, type ClassDeclarationStructure } from '../structures.js';
import { delegatingMethod } from '../emit-client.js';
import type { PackagePlan, ResourceNode } from '../plan.js';
import { sourceFile } from '../source-file.js';
import type { OperationShape } from '../signature.js';
import { delegateImports } from './client.js';
import { SRC_PATHS, type ImportPaths } from './imports.js';

function resourceClasses(node: ResourceNode, clientName: string): ClassDeclarationStructure[] {
  const own: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    name: node.className,
    isExported: true,
    docs: [{ kind: StructureKind.JSDoc, description: `\`client.${node.path.join('.')}\` of \`${clientName}\`.` }],
    properties: node.children.map((c) => ({ kind: StructureKind.Property, name: c.path.at(-1)!, isReadonly: true, type: c.className })),
    ctors: [
      {
        kind: StructureKind.Constructor,
        parameters: [{ kind: StructureKind.Parameter, name: 'client', type: 'ClientCore', isReadonly: true, scope: Scope.Protected }],
        statements: node.children.map((c) => `this.${c.path.at(-1)} = new ${c.className}(client);`),
      },
    ],
    methods: node.methods.map((m) => delegatingMethod(m.shape, m.name, 'this.client')),
  };
  return [own, ...node.children.flatMap((c) => resourceClasses(c, clientName))];
}

/** A module of resource classes: `src/resources.ts`, or a unit's in the split layout (`layout.ts`). */
export function resourcesSource(name: string, nodes: ResourceNode[], shapes: OperationShape[], clientName: string, paths: ImportPaths): string {
  return sourceFile(name, [
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: `${paths.runtime}core.js`, namedImports: ['ClientCore', 'RequestOptions'] },
    ...delegateImports(shapes, paths),
    ...nodes.flatMap((r) => resourceClasses(r, clientName)),
  ]);
}

export function resourcesFile(plan: PackagePlan): [string, string][] {
  if (!plan.resources.length) return [];
  return [['src/resources.ts', resourcesSource('resources.ts', plan.resources, plan.shapes, plan.ctx.clientName, SRC_PATHS)]];
}
