/**
 * `README.md`: how to use the package, with an example call per operation, rendered from `templates/README.md.hbs`
 * in prettier's form (spec text in prose or code goes through `markdown.ts`).
 */
import { pathKey } from '../../ir/build.js';
import type { IRSchema } from '../../ir/types.js';
import { jsLiteral, sampleValue } from '../example.js';
import { codeLine, inlineCode, markdownStrong, markdownText } from '../markdown.js';
import { ships, type PackagePlan, type ResourceNode } from '../plan.js';
import { paramsObjectParameters, type OperationShape } from '../signature.js';
import { render } from '../templates.js';
import { packageData } from './package-data.js';
import { httpMethod } from '../../ir/methods.js';
import { clientSchemes, sentAs } from '../auth.js';

export function readmeFile(plan: PackagePlan): [string, string][] {
  const { ir, ctx, shapes, named } = plan;
  const data = packageData(plan);
  const streaming = shapes.filter((s) => s.op.streaming);
  const paginated = shapes.filter((s) => s.op.pagination);
  const deprecated = ir.security.filter((s) => s.deprecated);
  const schemes = clientSchemes(ir, ctx.envPrefix);
  const main = schemes.find((s) => s.apiKey);
  return [
    [
      'README.md',
      render('README.md.hbs', {
        ...data,
        firstOperation: shapes[0]?.op.name ?? '',
        units: plan.split?.units.map((u) => ({ dir: u.dir, title: u.resource ? `\`${u.title}\`` : u.title, operations: u.shapes.length === 1 ? '1 operation' : `${u.shapes.length} operations` })) ?? [],
        splitBy: plan.split?.by === 'tag' ? 'tag' : 'resource',
        splitByResource: plan.split?.by === 'resource',
        firstUnit: plan.split?.units[0]?.dir,
        firstUnitOperation: plan.split?.units[0]?.shapes[0]?.op.name,
        streamingOperation: streaming[0]?.op.name,
        streamingExample: streaming[0] ? streamingExample(streaming[0], named) : '',
        streamingOperations: streaming.map((s) => s.op.name).join('`, `'),
        chatStreaming: ships(plan, 'accumulate.ts'),
        paginatedOperation: paginated[0]?.op.name,
        paginatedOperations: paginated.map((s) => s.op.name).join('`, `'),
        paginatedExampleArgs: paginated[0] ? exampleArgs(paginated[0], named) : '',
        firstExampleArgs: shapes[0] ? exampleArgs(shapes[0], named) : '',
        firstExampleWithOptions: shapes[0] ? exampleArgs(shapes[0], named, '{ maxRetries: 0, signal: AbortSignal.timeout(5_000) }') : '',
        firstCall: shapes[0] ? callPath(shapes[0]) : '',
        streamingCall: streaming[0] ? callPath(streaming[0]) : '',
        paginatedCall: paginated[0] ? callPath(paginated[0]) : '',
        resourcesOnly: ctx.resourcesOnly === true,
        resources: resourceList(plan.resources).map((node) => ({
          path: node.path.join('.'),
          operations: node.methods.map(({ name, shape: s }) => ({
            heading: `\`${name}\` — ${inlineCode(`${httpMethod(s.op.method)} ${pathKey(s.op)}`)}${ctx.resourcesOnly ? '' : ` (\`client.${s.op.name}\`)`}`,
            example: `${s.op.summary ? `// ${codeLine(s.op.summary)}\n` : ''}const result = await client.${callPath(s)}(${exampleArgs(s, named)});`,
          })),
        })),
        packageHeading: markdownText(ctx.packageName),
        packageName: codeLine(ctx.packageName),
        titleStrong: markdownStrong(ir.title),
        specVersion: markdownText(ir.version),
        baseURL: codeLine(data.baseURL),
        environments: ir.environments?.map((e) => ({ name: inlineCode(e.name), url: inlineCode(e.url) })),
        environmentExample: ir.environments ? inlineCode(`new ${ctx.clientName}({ environment: ${jsLiteral(ir.environments[0]!.name)} })`) : '',
        deprecatedSchemes: deprecated.map((s) => inlineCode(s.name)).join(', '),
        deprecatedPlural: deprecated.length > 1,
        apiKeyDefault: !!main,
        apiKeyAlias: main && main.option !== 'apiKey' ? main.option : undefined,
        webhooks: webhooksData(plan),
        authSchemes: schemes.length
          ? schemes.map((s) => ({
              option: s.option,
              env: s.scheme.kind === 'basic' ? `\`${s.env}_USERNAME\` and \`${s.env}_PASSWORD\`` : `\`${s.env}\``,
              scheme: inlineCode(s.scheme.name),
              sent: sentAs(s.scheme, inlineCode),
            }))
          : undefined,
      }),
    ],
  ];
}

/** Where the operation is called on the client: `chat.completions.create`. */
const callPath = (shape: OperationShape): string => [...shape.op.place.resource, shape.op.place.method].join('.');

/** The resource nodes that hold operations, depth first in document order. */
function resourceList(nodes: ResourceNode[]): ResourceNode[] {
  return nodes.flatMap((n) => [...(n.methods.length ? [n] : []), ...resourceList(n.children)]);
}

/** The Webhooks section's data: the union, the map and an example event type, for a spec with webhooks. */
function webhooksData({ webhooks, ir }: PackagePlan) {
  if (!webhooks || !ir.webhookVerification) return undefined;
  const typed = webhooks.events.find((e) => e.webhook.eventType);
  const properties = new Set(webhooks.events.flatMap((e) => (e.webhook.eventType ? [e.webhook.eventType.property] : [])));
  const count = new Set(webhooks.events.map((e) => e.type)).size;
  return {
    count,
    plural: count !== 1,
    union: webhooks.union,
    map: properties.size === 1 ? webhooks.map : undefined,
    property: [...properties][0],
    exampleType: typed && properties.size === 1 ? codeLine(jsLiteral(typed.webhook.eventType!.value)) : undefined,
    examplePayload: typed?.type,
    verifies: ir.webhookVerification.signature === 'standard-webhooks',
    tolerance: ir.webhookVerification.tolerance,
  };
}

function streamingExample(shape: OperationShape, named: ReadonlyMap<string, IRSchema>): string {
  if (!shape.body) return exampleArgs(shape, named);
  const selector = shape.op.streaming?.selector;
  const flag = selector?.by === 'body-property' ? { [selector.property]: selector.value } : {};
  const body = { ...(sampleValue(shape.body.content.schema, named) as object), ...flag };
  return [...shape.op.parameters.path.map((p) => jsLiteral(`<${p.name}>`)), jsLiteral(body)].join(', ');
}

/** Example arguments: path parameters, a minimal body, required parameters; with `options`, every position. */
function exampleArgs(shape: OperationShape, named: ReadonlyMap<string, IRSchema>, options?: string): string {
  const args: string[] = shape.op.parameters.path.map((p) => jsLiteral(`<${p.name}>`));
  if (shape.body) args.push(jsLiteral(sampleValue(shape.body.content.schema, named) ?? {}));
  if (shape.paramsArg) {
    const params = paramsObjectParameters(shape.op).filter((p) => p.required);
    if (params.length || options) args.push(jsLiteral(Object.fromEntries(params.map((p) => [shape.paramKeys.get(p)!, sampleValue(p.schema, named)]))));
  }
  if (options) args.push(options);
  return args.join(', ');
}
