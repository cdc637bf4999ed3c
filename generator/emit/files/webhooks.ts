/**
 * `src/webhooks.ts`, for a spec with webhooks: the payload types declared inline in the spec, the union of every
 * event payload (`WebhookEvent`), the map from event type to payload (`WebhookEventMap`), how the package verifies
 * its webhooks (`webhookDefaults`, from `IRDocument.webhookVerification`) and `unwrapWebhook`, `unwrap` without a
 * client (for `createClient()` users). The runtime's `Webhooks` class does the work (`runtime/webhooks.ts`).
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from '../structures.js';
import { jsDocs } from '../jsdoc.js';
import type { PackagePlan, WebhookPlan } from '../plan.js';
import { sourceFile } from '../source-file.js';
import { literal, propertyKey, typeExpr } from '../type-expr.js';
import { typeImport } from './imports.js';

/** The environment variable the webhook secret is read from: `<PREFIX>_WEBHOOK_SECRET`. */
export const webhookSecretEnv = (envPrefix: string) => `${envPrefix}_WEBHOOK_SECRET`;

export function webhooksFile(plan: PackagePlan): [string, string][] {
  const webhooks = plan.webhooks;
  const verification = plan.ir.webhookVerification;
  if (!webhooks || !verification) return [];
  return [['src/webhooks.ts', sourceFile('webhooks.ts', webhooksStatements(webhooks, verification, plan.ctx.envPrefix))]];
}

function webhooksStatements(plan: WebhookPlan, verification: NonNullable<PackagePlan['ir']['webhookVerification']>, envPrefix: string): StatementStructures[] {
  const refs = new Set<string>();
  const refer = (name: string) => refs.add(name);
  const inline: StatementStructures[] = plan.events
    .filter((e) => e.inline)
    .map(({ webhook, type }) => ({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: type,
      docs: jsDocs(webhook.payload.description ?? webhook.description ?? `The payload of the \`${webhook.name}\` webhook.`, webhook.deprecated),
      type: typeExpr(webhook.payload, { refer }),
    }));
  for (const e of plan.events) if (!e.inline) refs.add(e.type);

  const members = [...new Set(plan.events.map((e) => e.type))];
  const properties = [...new Set(plan.events.flatMap((e) => (e.webhook.eventType ? [e.webhook.eventType.property] : [])))];
  const toldApart = properties.length === 1 && plan.events.every((e) => e.webhook.eventType) ? `, told apart by \`${properties[0]}\`` : '';
  const byEventType = new Map<string, { types: Set<string>; names: string[] }>();
  for (const { webhook, type } of plan.events) {
    if (!webhook.eventType) continue;
    const entry = byEventType.get(webhook.eventType.value) ?? byEventType.set(webhook.eventType.value, { types: new Set(), names: [] }).get(webhook.eventType.value)!;
    entry.types.add(type);
    entry.names.push(webhook.name);
  }
  const secretEnv = webhookSecretEnv(envPrefix);
  const verifies = verification.signature === 'standard-webhooks';

  return [
    ...typeImport(refs),
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: './runtime/webhooks.js',
      namedImports: ['Webhooks', 'type UnwrapOptions', 'type WebhookDefaults', 'type WebhookHeaders'],
    },
    ...inline,
    {
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: plan.union,
      docs: jsDocs(
        members.length
          ? `An event the API sends to a webhook endpoint: one of its ${members.length} webhook payloads${toldApart}. \`unwrap\` returns it.`
          : 'An event the API sends to a webhook endpoint (its webhooks declare no JSON payload).',
      ),
      type: members.length ? members.join(' | ') : 'unknown',
    },
    ...(plan.map
      ? [
          {
            kind: StructureKind.Interface,
            isExported: true,
            name: plan.map,
            docs: jsDocs(`Each event's payload by its type (the \`${properties.join('`/`')}\` value).`),
            properties: [...byEventType].map(([value, { types, names }]) => ({
              name: propertyKey(value),
              type: [...types].join(' | '),
              docs: jsDocs(`The \`${names.join('`, `')}\` webhook.`),
            })),
          },
        ]
      : []),
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: jsDocs(
        verifies
          ? `How the API's webhooks are verified: Standard Webhooks signatures, a timestamp tolerance of ${verification.tolerance} s, the secret from \`${secretEnv}\` when no option gives it.`
          : `How the API's webhooks are read: unsigned (\`unwrap\` only parses them), as ${verification.source === 'option' ? 'the generate option' : 'the spec'} says.`,
      ),
      declarations: [
        {
          name: 'webhookDefaults',
          type: 'WebhookDefaults',
          initializer: `{ signature: ${literal(verification.signature)}, tolerance: ${verification.tolerance}, secretEnv: ${literal(secretEnv)} }`,
        },
      ],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: 'unwrapWebhook',
      docs: jsDocs(
        `${verifies ? 'Verifies the signature of an incoming webhook and parses' : 'Parses'} its payload (the raw request body, as received), without a client: \`client.webhooks.unwrap\` for \`createClient()\` users. ${verifies ? `The secret is \`options.secret\`, else the \`${secretEnv}\` environment variable; a payload that does not verify throws a \`WebhookVerificationError\`.` : ''}`.trim(),
      ),
      parameters: [
        { name: 'payload', type: 'string' },
        { name: 'headers', type: 'WebhookHeaders' },
        { name: 'options', type: 'UnwrapOptions', initializer: '{}' },
      ],
      returnType: `Promise<${plan.union}>`,
      statements: `return new Webhooks<${plan.union}>(webhookDefaults).unwrap(payload, headers, options);`,
    },
  ];
}
