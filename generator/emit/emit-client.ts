/**
 * `src/client.ts`: the client class (e.g. `OpenAI`). Its methods carry the operation names and signatures minus
 * the client argument, and delegate to the operation functions.
 */
import { StructureKind, VariableDeclarationKind, type ClassDeclarationStructure, type StatementStructures } from 'ts-morph';
import type { IRDocument } from '../ir/types.js';
import { jsDocs } from './jsdoc.js';
import { operationDoc } from './emit-operations.js';
import { parameterStructures, type OperationShape } from './signature.js';
import { literal } from './type-expr.js';

export interface ClientNaming {
  clientName: string;
  envPrefix: string;
}

export function authLiteral(ir: IRDocument): string {
  const scheme = ir.security[0];
  if (!scheme || scheme.kind === 'other') return `{ kind: 'none' }`;
  if (scheme.kind === 'apiKey') return `{ kind: 'apiKey', in: ${literal(scheme.in ?? 'header')}, name: ${literal(scheme.parameterName ?? '')} }`;
  return `{ kind: ${literal(scheme.kind)} }`;
}

/**
 * `src/defaults.ts`: the spec's client defaults, and `createClient()`, a client without methods for use with the
 * standalone operation functions. It does not import the operations, so a bundle keeps only those it calls.
 */
export function defaultsStatements(ir: IRDocument, naming: ClientNaming, exampleOperation = 'operation'): StatementStructures[] {
  return [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/core.js', namedImports: ['ClientCore', 'type ClientDefaults', 'type ClientOptions'] },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: jsDocs(`What \`${naming.clientName}\` and \`createClient\` take from the spec: base URL, environment prefix and authentication.`),
      declarations: [
        { name: 'clientDefaults', type: 'ClientDefaults', initializer: `{ baseURL: ${literal(ir.baseURL ?? '')}, envPrefix: ${literal(naming.envPrefix)}, auth: ${authLiteral(ir)} }` },
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'createClient',
      docs: jsDocs(
        `A client without methods, to pass to the standalone operation functions (\`${exampleOperation}(client, …)\`): a bundle then keeps only the operations it calls. Same options and defaults as \`new ${naming.clientName}()\`.`,
      ),
      parameters: [{ name: 'options', type: 'ClientOptions', initializer: '{}' }],
      returnType: 'ClientCore',
      statements: 'return new ClientCore(options, clientDefaults);',
    },
  ];
}

export function clientClass(ir: IRDocument, shapes: OperationShape[], naming: ClientNaming): ClassDeclarationStructure {
  return {
    kind: StructureKind.Class,
    name: naming.clientName,
    isExported: true,
    extends: 'ClientCore',
    docs: jsDocs(
      `Client for ${ir.title} ${ir.version}.\n\nThe API key defaults to \`${naming.envPrefix}_API_KEY\` and the base URL to \`${naming.envPrefix}_BASE_URL\`, then ${ir.baseURL ? `\`${ir.baseURL}\`` : 'none'}.`,
    ),
    ctors: [
      {
        kind: StructureKind.Constructor,
        parameters: [{ kind: StructureKind.Parameter, name: 'options', type: 'ClientOptions', initializer: '{}' }],
        statements: 'super(options, clientDefaults);',
      },
    ],
    methods: shapes.map((shape) => {
      const doc = operationDoc(shape.op);
      const docs = jsDocs(doc.description, doc.deprecated);
      const names = shape.args.map((a) => a.name).join(', ');
      return {
        kind: StructureKind.Method,
        name: shape.op.name,
        docs: shape.overloads.length ? [] : docs,
        overloads: shape.overloads.map((o) => ({ docs, parameters: parameterStructures(o.args), returnType: o.returnType })),
        parameters: parameterStructures(shape.args),
        returnType: shape.returnType,
        statements: `return ops.${shape.op.name}(this, ${names});`,
      };
    }),
  };
}
