/**
 * `src/resources.ts`: one class per resource namespace (`client.chat.completions`), holding its sub-resources as
 * fields and its operations as methods that call the operation functions with the client it was made for.
 */
import { StructureKind } from '../structures.js';
import { blockDoc, classPropertyDoc, classStatement, expressionStatement, importStatement, leadingComments, moduleText, signatureDoc, type LaidStatement } from '../code-layout.js';
import { member, name } from '../code.js';
import { delegatingMethod } from '../emit-client.js';
import type { PackagePlan, ResourceNode } from '../plan.js';
import { HEADER } from '../source-file.js';
import { reference } from '../type-expr.js';
import type { OperationShape } from '../signature.js';
import { delegateImports } from './client.js';
import { SRC_PATHS, type ImportPaths } from './imports.js';

/** The class of `node` and those of its sub-resources, in prettier's layout (`code-layout.ts`). */
function resourceClasses(node: ResourceNode, clientName: string): LaidStatement[] {
  const comments = leadingComments([{ kind: StructureKind.JSDoc, description: `\`client.${node.path.join('.')}\` of \`${clientName}\`.` }]);
  const properties = node.children.map((c) => ({ doc: classPropertyDoc([], c.path.at(-1)!, reference(c.className)), blank: false }));
  const constructor = {
    doc: [
      'constructor',
      signatureDoc([{ name: 'client', optional: false, type: reference('ClientCore'), modifiers: 'protected readonly ' }], undefined),
      ' ',
      blockDoc(node.children.map((c) => expressionStatement({ kind: 'assign', left: member(name('this'), c.path.at(-1)!), right: { kind: 'new', callee: c.className, typeArgs: [], args: [name('client')] } }))),
    ],
    blank: properties.length > 0,
  };
  const methods = node.methods.flatMap((m) => delegatingMethod(m.shape, m.name, 'this.client'));
  const own = classStatement(comments, `export class ${node.className}`, [...properties, constructor, ...methods]);
  return [own, ...node.children.flatMap((c) => resourceClasses(c, clientName))];
}

/** A module of resource classes: `src/resources.ts`, or a unit's in the split layout (`layout.ts`). */
export function resourcesSource(nodes: ResourceNode[], shapes: OperationShape[], clientName: string, paths: ImportPaths): string {
  return moduleText(HEADER, [
    importStatement({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: `${paths.runtime}core.js`, namedImports: ['ClientCore', 'RequestOptions'] }),
    ...delegateImports(shapes, paths).map(importStatement),
    ...nodes.flatMap((r) => resourceClasses(r, clientName)),
  ]);
}

export function resourcesFile(plan: PackagePlan): [string, string][] {
  if (!plan.resources.length) return [];
  return [['src/resources.ts', resourcesSource(plan.resources, plan.shapes, plan.ctx.clientName, SRC_PATHS)]];
}
