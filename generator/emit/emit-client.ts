/**
 * `src/client.ts`: the client class (e.g. `OpenAI`). Its methods carry the operation names and signatures minus
 * the client argument, and delegate to the operation functions.
 */
import { StructureKind, VariableDeclarationKind, type ClassDeclarationStructure, type StatementStructures } from 'ts-morph';
import type { IRDocument } from '../ir/types.js';
import { jsDocs } from './jsdoc.js';
import { operationDoc } from './emit-operations.js';
import { parameterStructures, type OperationShape } from './signature.js';
import { literal, propertyKey } from './type-expr.js';

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
 * Whether the package declares its own `ClientOptions` in `src/defaults.ts` (extending the runtime's): when the
 * spec names its servers (the `environment` option) or deprecates the security scheme `apiKey` is sent with.
 */
export function hasOwnOptions(ir: IRDocument): boolean {
  return !!ir.environments || ir.security[0]?.deprecated === true;
}

/** The declarations of the package's own `ClientOptions` and, with environments, `environments` and `clientOptions()`. */
function ownOptionsStatements(ir: IRDocument, naming: ClientNaming): StatementStructures[] {
  const out: StatementStructures[] = [];
  const members: { name: string; type: string; docs: string }[] = [];
  const scheme = ir.security[0];
  if (scheme?.deprecated) {
    members.push({
      name: 'apiKey',
      type: 'string | null | undefined',
      docs: `Sent as configured by the spec's security scheme; defaults to the \`${naming.envPrefix}_API_KEY\` environment variable. The API deprecates the scheme it is sent with, \`${scheme.name}\`.`,
    });
  }
  if (ir.environments) {
    const quoted = (name: string) => (name.includes("'") ? JSON.stringify(name) : `'${name}'`);
    const listed = ir.environments.map((e) => `\`${quoted(e.name)}\` (${e.url})`).join(', ');
    out.push({
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: jsDocs("The API's named servers: the `environment` option → base URL."),
      declarations: [{ name: 'environments', initializer: `{ ${ir.environments.map((e) => `${propertyKey(e.name)}: ${literal(e.url)}`).join(', ')} } as const` }],
    });
    members.push({
      name: 'environment',
      type: 'keyof typeof environments | undefined',
      docs: `The named server to call: ${listed}. \`baseURL\` wins over it; an unknown name throws.`,
    });
  }
  out.push({
    kind: StructureKind.Interface,
    isExported: true,
    name: 'ClientOptions',
    extends: ['CoreClientOptions'],
    docs: jsDocs('The client options.'),
    properties: members.map((m) => ({ name: m.name, type: m.type, hasQuestionToken: true, docs: jsDocs(m.docs) })),
  });
  if (ir.environments) {
    out.push({
      kind: StructureKind.Function,
      isExported: true,
      name: 'clientOptions',
      docs: jsDocs('The core options for `options`: `environment` resolved to its base URL.'),
      parameters: [{ name: 'options', type: 'ClientOptions' }],
      returnType: 'CoreClientOptions',
      statements: 'return withEnvironment(options, environments);',
    });
  }
  return out;
}

/** The constructor argument `options` becomes for `ClientCore`. */
export function coreOptionsExpression(ir: IRDocument): string {
  return ir.environments ? 'clientOptions(options)' : 'options';
}

/**
 * `src/defaults.ts`: the spec's client defaults, and `createClient()`, a client without methods for use with the
 * standalone operation functions. It does not import the operations, so a bundle keeps only those it calls.
 */
export function defaultsStatements(ir: IRDocument, naming: ClientNaming, exampleOperation = 'operation'): StatementStructures[] {
  const own = hasOwnOptions(ir);
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './runtime/core.js',
      namedImports: ['ClientCore', 'type ClientDefaults', own ? 'type ClientOptions as CoreClientOptions' : 'type ClientOptions'],
    },
    ...(ir.environments ? [{ kind: StructureKind.ImportDeclaration as const, moduleSpecifier: './runtime/environments.js', namedImports: ['withEnvironment'] }] : []),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: jsDocs(`What \`${naming.clientName}\` and \`createClient\` take from the spec: base URL, environment prefix and authentication.`),
      declarations: [
        { name: 'clientDefaults', type: 'ClientDefaults', initializer: `{ baseURL: ${literal(ir.baseURL ?? '')}, envPrefix: ${literal(naming.envPrefix)}, auth: ${authLiteral(ir)} }` },
      ],
    },
    ...(own ? ownOptionsStatements(ir, naming) : []),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'createClient',
      docs: jsDocs(
        `A client without methods, to pass to the standalone operation functions (\`${exampleOperation}(client, …)\`): a bundle then keeps only the operations it calls. Same options and defaults as \`new ${naming.clientName}()\`.`,
      ),
      parameters: [{ name: 'options', type: 'ClientOptions', initializer: '{}' }],
      returnType: 'ClientCore',
      statements: `return new ClientCore(${coreOptionsExpression(ir)}, clientDefaults);`,
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
        statements: `super(${coreOptionsExpression(ir)}, clientDefaults);`,
      },
    ],
    methods: shapes.map((shape) => {
      const doc = operationDoc(shape.op);
      const docs = jsDocs(doc.description, doc.deprecated, doc.returns);
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
