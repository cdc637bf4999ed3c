/**
 * `src/operations.ts`: one exported, typed function per operation, named by operationId, taking the client
 * first: `createChatCompletion(client, body, options?)`. Also the parameter-object types they take.
 */
import { StructureKind, type FunctionDeclarationStructure, type StatementStructures } from 'ts-morph';
import { pathKey } from '../ir/build.js';
import type { IROperation } from '../ir/types.js';
import { jsDocs } from './jsdoc.js';
import { parameterStructures, type OperationShape } from './signature.js';

export function operationDoc(op: IROperation): { description: string; deprecated: boolean } {
  const parts = [op.summary, op.description && op.description !== op.summary ? op.description : undefined].filter(Boolean);
  parts.push(`\`${op.method.toUpperCase()} ${pathKey(op)}\``);
  return { description: parts.join('\n\n'), deprecated: op.deprecated === true };
}

export function operationStatements(shapes: OperationShape[]): StatementStructures[] {
  const statements: StatementStructures[] = [];
  for (const shape of shapes) {
    if (shape.paramsType) {
      statements.push({
        kind: StructureKind.TypeAlias,
        name: shape.paramsType.name,
        isExported: true,
        docs: [{ kind: StructureKind.JSDoc, description: `Query, header and cookie parameters of \`${shape.op.name}\`.` }],
        type: `{\n${shape.paramsType.members}\n}`,
      });
    }
    const doc = operationDoc(shape.op);
    const docs = jsDocs(doc.description, doc.deprecated);
    const client = { name: 'client', type: 'ClientCore' };
    const fn: FunctionDeclarationStructure = {
      kind: StructureKind.Function,
      name: shape.op.name,
      isExported: true,
      docs: shape.overloads.length ? [] : docs,
      overloads: shape.overloads.map((o) => ({ docs, parameters: [client, ...parameterStructures(o.args)], returnType: o.returnType })),
      parameters: [client, ...parameterStructures(shape.args)],
      returnType: shape.returnType,
      statements: `return ${shape.call};`,
    };
    statements.push(fn);
  }
  return statements;
}
