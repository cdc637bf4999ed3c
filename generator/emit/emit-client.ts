/**
 * `src/client.ts`: the client class (e.g. `OpenAI`). Its methods carry the operation names and signatures minus
 * the client argument, and delegate to the operation functions; for a spec with webhooks it has `webhooks`.
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from './structures.js';
import type { IRDocument } from '../ir/types.js';
import { jsDocs } from './jsdoc.js';
import { operationDoc } from './emit-operations.js';
import type { OperationShape } from './signature.js';
import { generic, keyword, literal, propertyKey, reference } from './type-expr.js';
import { call, member, name as codeName, object, prop } from './code.js';
import { blockDoc, classPropertyDoc, classStatement, expressionStatement, leadingComments, returnBlock, signatureDoc, type LaidMember, type LaidStatement } from './code-layout.js';
import type { PackagePlan } from './plan.js';
import { API_KEY_PLACEMENT, authLiteral, BASIC_CREDENTIAL, clientSchemes, sentAs, type ClientScheme } from './auth.js';
import { runtimeSpecifier } from './runtime-files.js';

export interface ClientNaming {
  clientName: string;
  envPrefix: string;
}

/**
 * Whether the package declares its own `ClientOptions` in `src/defaults.ts` (extending the runtime's): when the
 * spec names its servers (the `environment` option), has a security scheme the client can send (its option) or has
 * webhooks (`webhookSecret`).
 */
export function hasOwnOptions(ir: IRDocument): boolean {
  return !!ir.environments || ir.security.some((s) => s.kind !== 'other') || !!ir.webhooks;
}

/** The option's documentation: how the scheme is sent, where it is read, what else may give it. */
function schemeOptionDoc({ scheme, option, env, apiKey }: ClientScheme, envPrefix: string): string {
  const from =
    scheme.kind === 'basic'
      ? 'the `' + env + '_USERNAME` and `' + env + '_PASSWORD` environment variables'
      : apiKey && option !== 'apiKey'
        ? `the \`apiKey\` option, then the \`${env}\` environment variable, then \`${envPrefix}_API_KEY\``
        : `the \`${env}\` environment variable`;
  const value = scheme.kind === 'basic' ? '`{ username, password }`, or a function returning them' : 'A string, or a function returning one (or a promise of one)';
  return [
    `Security scheme \`${scheme.name}\`: ${sentAs(scheme)}. Defaults to ${from}.`,
    `${scheme.kind === 'basic' ? 'Either' : value}${scheme.kind === 'basic' ? ` ${value}` : ''}; a function is called once per request (its retries reuse the value), so expiring credentials can be refreshed. \`null\`: none, whatever the environment says.`,
    ...(scheme.deprecated ? [`The API deprecates this scheme, \`${scheme.name}\`.`] : []),
  ].join(' ');
}

/** The declarations of the package's own `ClientOptions` and, with environments, `environments` and `clientOptions()`. */
function ownOptionsStatements(ir: IRDocument, naming: ClientNaming): StatementStructures[] {
  const out: StatementStructures[] = [];
  const members: { name: string; type: string; docs: string }[] = [];
  const schemes = clientSchemes(ir, naming.envPrefix);
  const main = schemes.find((s) => s.apiKey);
  if (main && main.option !== 'apiKey') {
    members.push({
      name: 'apiKey',
      type: 'TokenCredential | null | undefined',
      docs: `The credential of security scheme \`${main.scheme.name}\`, as the official clients name it: \`${main.option}\` wins over it, and it over the \`${main.env}\` and \`${naming.envPrefix}_API_KEY\` environment variables.${main.scheme.deprecated ? ` The API deprecates the scheme it is sent with, \`${main.scheme.name}\`.` : ''}`,
    });
  }
  for (const s of schemes) {
    members.push({ name: s.option, type: `${s.scheme.kind === 'basic' ? 'BasicCredential' : 'TokenCredential'} | null | undefined`, docs: schemeOptionDoc(s, naming.envPrefix) });
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
  if (ir.webhooks) {
    members.push({
      name: 'webhookSecret',
      type: 'WebhookSecret | null | undefined',
      docs: `The secret \`client.webhooks\` verifies webhook signatures with (\`whsec_…\`). Defaults to the \`${naming.envPrefix}_WEBHOOK_SECRET\` environment variable; \`null\`: none, whatever the environment says.`,
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


/**
 * `src/defaults.ts`: the spec's client defaults, and `createClient()`, a client without methods for use with the
 * standalone operation functions. It does not import the operations, so a bundle keeps only those it calls.
 */
export function defaultsStatements(ir: IRDocument, naming: ClientNaming, exampleOperation = 'operation'): StatementStructures[] {
  const own = hasOwnOptions(ir);
  const schemes = clientSchemes(ir, naming.envPrefix);
  const basic = schemes.some((s) => s.scheme.kind === 'basic');
  const apiKey = schemes.some((s) => s.scheme.kind === 'apiKey');
  const token = schemes.some((s) => s.scheme.kind !== 'basic') || schemes.some((s) => s.apiKey);
  return [
    ...(token ? [{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './runtime/auth.js', namedImports: ['TokenCredential'] }] : []),
    ...(basic ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: runtimeSpecifier(BASIC_CREDENTIAL.file), namedImports: [BASIC_CREDENTIAL.name, 'type BasicCredential'] }] : []),
    ...(apiKey ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: runtimeSpecifier(API_KEY_PLACEMENT.file), namedImports: [API_KEY_PLACEMENT.name] }] : []),
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './runtime/core.js',
      namedImports: ['ClientCore', 'type ClientDefaults', own ? 'type ClientOptions as CoreClientOptions' : 'type ClientOptions'],
    },
    ...(ir.environments ? [{ kind: StructureKind.ImportDeclaration, moduleSpecifier: './runtime/environments.js', namedImports: ['withEnvironment'] }] : []),
    ...(ir.webhooks ? [{ kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: './runtime/webhooks.js', namedImports: ['WebhookSecret'] }] : []),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: jsDocs(`What \`${naming.clientName}\` and \`createClient\` take from the spec: base URL, environment prefix and authentication.`),
      declarations: [
        {
          name: 'clientDefaults',
          type: 'ClientDefaults',
          initializer: `{ baseURL: ${literal(ir.baseURL ?? '')}, envPrefix: ${literal(naming.envPrefix)}, auth: ${authLiteral(schemes)}${ir.environments ? ', resolveOptions: clientOptions' : ''} }`,
        },
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
      statements: 'return new ClientCore(options, clientDefaults);',
    },
  ];
}

/**
 * A method that calls the operation's function with `client` (`this` in the client class, `this.client` in a
 * resource class): the operation's docs, overloads and signature, named `name`. Its declarations, overloads
 * first, in prettier's layout (`code-layout.ts`).
 */
export function delegatingMethod(shape: OperationShape, name: string, client: 'this' | 'this.client'): LaidMember[] {
  const doc = operationDoc(shape.op);
  const comments = leadingComments(jsDocs(doc.description, doc.deprecated, doc.returns));
  const receiver = client === 'this' ? codeName('this') : member(codeName('this'), 'client');
  const callCode = call(`ops.${shape.op.name}`, [receiver, ...shape.args.map((a) => codeName(a.name))]);
  const overloads = shape.overloads.map((o, i) => ({ doc: [...comments, name, signatureDoc(o.args, o.returnNode), ';'], blank: i === 0 }));
  const implementation = [...(shape.overloads.length ? [] : comments), name, signatureDoc(shape.args, shape.returnNode), ' ', returnBlock(callCode)];
  return [...overloads, { doc: implementation, blank: overloads.length === 0 }];
}

/**
 * The client class: the constructor, a field per top-level resource namespace (`chat`, `models`) and, unless
 * `resourcesOnly`, a flat method per operation, named by its operationId.
 */
export function clientClass(plan: PackagePlan): LaidStatement {
  const { ir, shapes, ctx: naming } = plan;
  const webhookEvent = plan.webhooks?.union;
  const webhooks = ir.webhooks && webhookEvent;
  const comments = leadingComments(
    jsDocs(`Client for ${ir.title} ${ir.version}.\n\n${credentialsDoc(ir, naming)}The base URL defaults to \`${naming.envPrefix}_BASE_URL\`, then ${ir.baseURL ? `\`${ir.baseURL}\`` : 'none'}.`),
  );
  const properties: LaidMember[] = [
    ...plan.resources.map((r) => ({ doc: classPropertyDoc([], r.path[0]!, reference(r.className), { kind: 'new' as const, callee: r.className, typeArgs: [], args: [codeName('this')] }), blank: false })),
    ...(webhooks
      ? [
          {
            doc: classPropertyDoc(
              leadingComments(
                jsDocs(
                  `Incoming webhooks: \`unwrap(payload, headers, options?)\` verifies and parses an event (a \`${webhookEvent}\`), \`verifySignature\` only verifies. The secret defaults to the \`webhookSecret\` option, then \`${naming.envPrefix}_WEBHOOK_SECRET\`.`,
                ),
              ),
              'webhooks',
              generic('Webhooks', [reference(webhookEvent)]),
            ),
            blank: false,
          },
        ]
      : []),
  ];
  const constructor: LaidMember = {
    doc: [
      'constructor',
      signatureDoc([{ name: 'options', optional: false, type: reference('ClientOptions'), initializer: object([]) }], undefined),
      ' ',
      blockDoc([
        expressionStatement(call('super', [codeName('options'), codeName('clientDefaults')])),
        ...(webhooks
          ? [
              expressionStatement({
                kind: 'assign',
                left: member(codeName('this'), 'webhooks'),
                right: { kind: 'new', callee: 'Webhooks', typeArgs: [reference(webhookEvent)], args: [codeName('webhookDefaults'), object([prop('secret', member(codeName('options'), 'webhookSecret'))])] },
              }),
            ]
          : []),
      ]),
    ],
    blank: properties.length > 0,
  };
  // typed with the package's own options (named servers, one option per security scheme)
  const withOptions: LaidMember[] = hasOwnOptions(ir)
    ? [
        {
          doc: [
            ...leadingComments(jsDocs("A client with `options` merged over this one's (`defaultHeaders`, `defaultQuery` and `fetchOptions` key by key); this client is unchanged, and the two share no mutable state.")),
            'override withOptions',
            signatureDoc([{ name: 'options', optional: false, type: reference('ClientOptions') }], keyword('this')),
            ' ',
            returnBlock(call('super.withOptions', [codeName('options')])),
          ],
          blank: true,
        },
      ]
    : [];
  const methods = naming.resourcesOnly ? [] : shapes.flatMap((shape) => delegatingMethod(shape, shape.op.name, 'this'));
  return classStatement(comments, `export class ${naming.clientName} extends ClientCore`, [...properties, constructor, ...withOptions, ...methods]);
}

/** The client class's sentence on credentials: each option and its variable, `apiKey` for the main scheme. */
function credentialsDoc(ir: IRDocument, naming: ClientNaming): string {
  const schemes = clientSchemes(ir, naming.envPrefix);
  if (!schemes.length) return '';
  const listed = schemes.map((s) => `\`${s.option}\` (${s.scheme.kind === 'basic' ? `\`${s.env}_USERNAME\`, \`${s.env}_PASSWORD\`` : `\`${s.env}\``})`).join(', ');
  const main = schemes.find((s) => s.apiKey);
  const alias = main && main.option !== 'apiKey' ? ` \`apiKey\` (\`${naming.envPrefix}_API_KEY\`) is \`${main.option}\`'s too.` : '';
  return `Credentials, one option per security scheme, each defaulting to its environment variable: ${listed}.${alias} Each operation sends those its security requirements name.\n\n`;
}
