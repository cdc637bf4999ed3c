/**
 * `src/operations.ts`: one exported, typed function per operation, named by operationId, taking the client
 * first: `createChatCompletion(client, body, options?)`. Also the parameter-object types they take.
 */
import { doc as prettierDoc } from 'prettier';
import { StructureKind } from './structures.js';
import { pathKey } from '../ir/build.js';
import type { IROperation } from '../ir/types.js';
import { jsDocs } from './jsdoc.js';
import type { Argument, OperationShape } from './signature.js';
import { leadingComments, returnBlock, signatureDoc, type LaidStatement } from './code-layout.js';
import { aliasDoc } from './emit-types.js';
import { httpMethod } from '../ir/methods.js';
import { reference } from './type-expr.js';

const { hardline } = prettierDoc.builders;

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

/**
 * The statements of an operations module after its imports, in prettier's layout (`code-layout.ts`): each
 * operation's parameter-object type, then its function (overloads first).
 */
export function operationStatements(shapes: OperationShape[]): LaidStatement[] {
  const statements: LaidStatement[] = [];
  for (const shape of shapes) {
    if (shape.paramsType) {
      const comment = leadingComments([{ kind: StructureKind.JSDoc, description: `Query, header and cookie parameters of \`${shape.op.name}\`.` }]);
      statements.push({ doc: [...comment, aliasDoc(shape.paramsType.name, shape.paramsType.node)], declaration: false, endsWithBrace: false });
    }
    const doc = operationDoc(shape.op);
    const comment = leadingComments(jsDocs(doc.description, doc.deprecated, doc.returns));
    const head = `export function ${shape.op.name}`;
    const withClient = (args: Argument[]) => [CLIENT, ...args];
    const overloads = shape.overloads.flatMap((o) => [...comment, head, signatureDoc(withClient(o.args), o.returnNode), ';', hardline]);
    const implementation = [...(shape.overloads.length ? [] : comment), head, signatureDoc(withClient(shape.args), shape.returnNode), ' ', returnBlock(shape.callCode)];
    statements.push({ doc: [...overloads, ...implementation], declaration: true, endsWithBrace: true });
  }
  return statements;
}

const CLIENT = { name: 'client', optional: false, type: reference('ClientCore') };
