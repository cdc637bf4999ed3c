/** `src/index.ts`: what the package exports; runtime exports only of the modules the plan ships. */
import { StructureKind, type StatementStructures } from '../structures.js';
import { hasOwnOptions } from '../emit-client.js';
import { ships, type PackagePlan } from '../plan.js';
import { sourceFile } from '../source-file.js';

/**
 * What every entry point exports beside the operations and types: `createClient` and the client defaults, the
 * errors, the core's client and option types, logging types, `APIPromise`, and the page and stream classes the
 * package ships. `root` is the path from the entry point to `src/` (`./`, or `../../` for a unit's).
 */
export function coreExports(plan: PackagePlan, root: string): StatementStructures[] {
  const own = hasOwnOptions(plan.ir);
  const statements: StatementStructures[] = [
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: `${root}defaults.js`, namedExports: ['clientDefaults', 'createClient', ...(plan.ir.environments ? ['environments'] : []), ...(own ? ['type ClientOptions'] : [])] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: `${root}runtime/errors.js` },
    {
      kind: StructureKind.ExportDeclaration,
      moduleSpecifier: `${root}runtime/core.js`,
      namedExports: ['ClientCore', 'type ClientDefaults', ...(own ? [] : ['type ClientOptions']), 'type FetchOptions', 'type RequestOptions'],
    },
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier: `${root}runtime/logging.js`, namedExports: ['Logger', 'LogLevel'] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: `${root}runtime/api-promise.js`, namedExports: ['APIPromise'] },
  ];
  const optional: [string, string[]][] = [
    ['pagination', ['Page', 'PagePromise']],
    ['stream', ['Stream']],
    ['accumulate', ['accumulateChatCompletion']],
  ];
  for (const [module, namedExports] of optional) {
    if (ships(plan, `${module}.ts`)) statements.push({ kind: StructureKind.ExportDeclaration, moduleSpecifier: `${root}runtime/${module}.js`, namedExports });
  }
  return statements;
}

export function indexFile(plan: PackagePlan): [string, string][] {
  const { clientName } = plan.ctx;
  const statements: StatementStructures[] = [
    { kind: StructureKind.ExportDeclaration, isTypeOnly: true, moduleSpecifier: './types.js' },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: './operations.js' },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: './client.js', namedExports: [clientName, { name: clientName, alias: 'default' }] },
    ...(plan.resources.length ? [{ kind: StructureKind.ExportDeclaration, moduleSpecifier: './resources.js' }] : []),
    ...coreExports(plan, './'),
  ];
  if (plan.webhooks) {
    const { union, map } = plan.webhooks;
    statements.push(
      { kind: StructureKind.ExportDeclaration, moduleSpecifier: './webhooks.js', namedExports: [`type ${union}`, ...(map ? [`type ${map}`] : []), 'unwrapWebhook'] },
      {
        kind: StructureKind.ExportDeclaration,
        moduleSpecifier: './runtime/webhooks.js',
        namedExports: ['Webhooks', 'verifySignature', 'WebhookVerificationError', 'type UnwrapOptions', 'type VerifyOptions', 'type WebhookHeaders', 'type WebhookSecret', 'type WebhookVerificationReason'],
      },
    );
  }
  return [['src/index.ts', sourceFile('index.ts', statements)]];
}
