/**
 * `src/operations.ts`: one exported, typed function per operation, named by operationId, taking the client
 * first: `createChatCompletion(client, body, options?)`. Also the parameter-object types they take.
 */
import { StructureKind, type FunctionDeclarationStructure, type StatementStructures } from './structures.js';
import { pathKey } from '../ir/build.js';
import type { IROperation } from '../ir/types.js';
import { jsDocs } from './jsdoc.js';
import { parameterStructures, type OperationShape } from './signature.js';
import { httpMethod } from '../ir/methods.js';
import { nodeText } from './type-expr.js';

export function operationDoc(op: IROperation): { description: string; deprecated: boolean; returns?: string } {
  const parts = [op.summary, op.description && op.description !== op.summary ? op.description : undefined].filter(Boolean);
  parts.push(`\`${httpMethod(op.method)} ${pathKey(op)}\``);
  const returns = returnsDoc(op);
  return { description: parts.join('\n\n'), deprecated: op.deprecated === true, ...(returns ? { returns } : {}) };
}

/**
 * The `@returns` text: the success response's, where it has a `summary` (3.2), which stands in for a missing
 * `description`. A response with a description only (3.0/3.1, where it is required and mostly "OK") gives none.
 */
function returnsDoc(op: IROperation): string | undefined {
  const success = op.success;
  const response = op.responses.find((r) => (success ? r.contents.includes(success) : /^2/.test(r.status)));
  if (!response?.summary) return undefined;
  return response.description || response.summary;
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
        type: nodeText(shape.paramsType.node),
      });
    }
    const doc = operationDoc(shape.op);
    const docs = jsDocs(doc.description, doc.deprecated, doc.returns);
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
