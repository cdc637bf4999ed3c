/**
 * The package plan: what every output file is emitted from. Built once per package from the IR (type names,
 * `…Writable` variants, each operation's call shape, which runtime modules the package ships), then handed to each
 * output file's emitter (`emit/files/`), so that a file reads what it needs and nothing is computed twice.
 */
import { NameAllocator, pascalCase } from '../ir/names.js';
import type { IRDocument, IRSchema, IRWebhook } from '../ir/types.js';
import { forEachChild, propertiesOf, resolved } from '../ir/walk.js';
import type { PackageNaming } from '../naming.js';
import { splitBy, splitLayout, type Split, type SplitLayout } from './layout.js';
import { API_KEY_PLACEMENT, BASIC_CREDENTIAL } from './auth.js';
import { reservedTypeNames, runtimeSources } from './runtime-files.js';
import { operationShape, type OperationShape } from './signature.js';

export interface EmitContext extends PackageNaming {
  generatorVersion: string;
  /** The package's version; default the spec's `info.version` when it is a semver version, else `0.0.0`. */
  packageVersion?: string | undefined;
  /** sha256 of the spec's bundled content, hex. */
  specHash: string;
  /** The client class has the resource namespaces only, no flat method per operation (`--resources-only`). */
  resourcesOnly?: boolean | undefined;
  /** The output layout (`--split`, see `layout.ts`); `auto` when absent. */
  split?: Split | undefined;
}

export interface PackagePlan {
  ir: IRDocument;
  ctx: EmitContext;
  /** Component schemas by type name. */
  named: ReadonlyMap<string, IRSchema>;
  /** Type names taken so far (components, runtime exports): `…Writable` and `…Params` names are allocated here. */
  typeNames: NameAllocator;
  /** Component → its `…Writable` variant, for components whose request shape differs. */
  writable: ReadonlyMap<string, string>;
  shapes: OperationShape[];
  /** Some operation streams chat completion chunks (`choices[].delta`): the chat accumulator is shipped. */
  chatStream: boolean;
  /** The runtime modules shipped, as `[file name, text]`. */
  runtime: [string, string][];
  /** The client's top-level resource namespaces (`client.chat`, `client.models`), each a tree of resource classes. */
  resources: ResourceNode[];
  /** What `src/webhooks.ts` declares; absent when the spec has no webhooks. */
  webhooks?: WebhookPlan;
  /** The split layout's units and type homes; absent in the single layout (`layout.ts`). */
  split?: SplitLayout;
}

/**
 * One resource namespace (`client.chat.completions`): the class emitted for it, its sub-resources and the
 * operations it holds as methods, in document order. Names within a node are distinct (`ir/resources.ts`).
 */
export interface ResourceNode {
  /** The resource path from the client: `['chat', 'completions']`. */
  path: string[];
  /** The class emitted for it, a name taken from the type names: `ChatCompletionsResource`. */
  className: string;
  children: ResourceNode[];
  methods: { name: string; shape: OperationShape }[];
}

/** The resource tree of the operations' places; class names allocated from `typeNames`, in document order. */
function resourceTree(shapes: OperationShape[], typeNames: NameAllocator): ResourceNode[] {
  const top: ResourceNode[] = [];
  const nodes = new Map<string, ResourceNode>();
  const node = (path: string[]): ResourceNode => {
    const key = path.join('.');
    let found = nodes.get(key);
    if (!found) {
      found = { path, className: typeNames.allocate(`${pascalCase(path.join(' '))}Resource`), children: [], methods: [] };
      nodes.set(key, found);
      (path.length === 1 ? top : node(path.slice(0, -1)).children).push(found);
    }
    return found;
  };
  for (const shape of shapes) node(shape.op.place.resource).methods.push({ name: shape.op.place.method, shape });
  return top;
}

/** The webhook types of a package: each event's payload type, their union and the map by event type. */
export interface WebhookPlan {
  /** The union of every event payload (`WebhookEvent`). */
  union: string;
  /** Event type → payload (`WebhookEventMap`); absent when no webhook declares an event type. */
  map?: string;
  /** The webhooks with a JSON payload, in document order, each with the type it is emitted as. */
  events: WebhookEventPlan[];
}

export interface WebhookEventPlan {
  webhook: IRWebhook & { payload: IRSchema };
  /** The payload's type: the component's name for a `$ref`, else the name `src/webhooks.ts` declares it under. */
  type: string;
  /** Whether `src/webhooks.ts` declares `type` (an inline payload schema). */
  inline: boolean;
}

/**
 * The runtime modules a package ships: those the package's own files import (the client core, its errors and
 * `APIPromise`, which every package exports; the page classes and stream formats its operations name; the chat
 * accumulator where a chat-shaped stream exists; `features`, the modules the defaults and other files import for
 * what the spec has: environments, webhooks, HTTP basic credentials, API keys), and every module they import in turn.
 */
function shippedRuntime(shapes: OperationShape[], features: string[]): [string, string][] {
  const sources = new Map(runtimeSources());
  const roots = ['core.ts', 'errors.ts', 'api-promise.ts', ...shapes.flatMap((s) => s.runtimeImports.map((i) => i.file)), ...features];
  const shipped = new Set<string>();
  const visit = (file: string): void => {
    if (shipped.has(file)) return;
    const text = sources.get(file);
    if (text === undefined) throw new Error(`The runtime has no module ${file}.`);
    shipped.add(file);
    for (const m of text.matchAll(/^(?:import|export)\b[^;]*?\bfrom '\.\/([\w.-]+)\.js';/gm)) visit(`${m[1]}.ts`);
  };
  roots.forEach(visit);
  return [...sources].filter(([file]) => shipped.has(file));
}

export function planPackage(ir: IRDocument, ctx: EmitContext): PackagePlan {
  const named = new Map<string, IRSchema>(ir.schemas.map((s) => [s.name, s.schema]));
  const typeNames = new NameAllocator([...ir.schemas.map((s) => s.name), ...reservedTypeNames(ctx.clientName)]);
  const writable = writableVariants(ir, typeNames);
  const shapes = ir.operations.map((op) => operationShape(op, typeNames, writable));
  const chatStream = ir.operations.some((op) => op.streaming && isChatChunk(op.streaming.item, named));
  const resources = resourceTree(shapes, typeNames);
  const webhooks = webhookPlan(ir, typeNames);
  const by = splitBy(ir, ctx.split);
  return {
    ir,
    ctx,
    named,
    typeNames,
    writable,
    shapes,
    chatStream,
    runtime: shippedRuntime(shapes, [
      ...(chatStream ? ['accumulate.ts'] : []),
      ...(ir.environments ? ['environments.ts'] : []),
      ...(webhooks ? ['webhooks.ts'] : []),
      ...(ir.security.some((s) => s.kind === 'basic') ? [BASIC_CREDENTIAL.file] : []),
      ...(ir.security.some((s) => s.kind === 'apiKey') ? [API_KEY_PLACEMENT.file] : []),
    ]),
    resources,
    ...(webhooks ? { webhooks } : {}),
    ...(by ? { split: splitLayout(ir, shapes, by, writable) } : {}),
  };
}

/** The webhook type names, allocated after every other type name (so adding webhooks renames nothing else). */
function webhookPlan(ir: IRDocument, typeNames: NameAllocator): WebhookPlan | undefined {
  if (!ir.webhooks) return undefined;
  const events = ir.webhooks.flatMap((webhook): WebhookEventPlan[] => {
    const { payload } = webhook;
    if (!payload) return [];
    if (payload.kind === 'ref' && !payload.nullable) return [{ webhook: { ...webhook, payload }, type: payload.name, inline: false }];
    return [{ webhook: { ...webhook, payload }, type: typeNames.allocate(`${pascalCase(webhook.name)}WebhookEvent`), inline: true }];
  });
  const union = typeNames.allocate('WebhookEvent');
  const map = events.some((e) => e.webhook.eventType) ? typeNames.allocate('WebhookEventMap') : undefined;
  return { union, ...(map ? { map } : {}), events };
}

/** Whether the plan ships a runtime module (`'accumulate.ts'`, `'stream.ts'`). */
export const ships = (plan: PackagePlan, file: string) => plan.runtime.some(([name]) => name === file);

/**
 * A chat completion chunk: `choices`, an array of objects with a `delta` (the shape the chat accumulator folds), or a
 * union with such a member.
 */
function isChatChunk(item: IRSchema, named: ReadonlyMap<string, IRSchema>, depth = 0): boolean {
  const target = resolved(item, named);
  if (target?.kind === 'union') return depth < 4 && target.variants.some((v) => isChatChunk(v, named, depth + 1));
  const choices = resolved(propertiesOf(item, named).find((p) => p.name === 'choices')?.schema, named);
  return choices?.kind === 'array' && propertiesOf(choices.items, named).some((p) => p.name === 'delta');
}

/**
 * Components whose request-side shape differs from the response side: they (or components they refer to) have
 * readOnly or writeOnly properties. Each gets a `<Name>Writable` type, used in request bodies and parameters.
 */
function writableVariants(ir: IRDocument, typeNames: NameAllocator): Map<string, string> {
  const deps = new Map<string, Set<string>>();
  const differs = new Set<string>();
  for (const { name, schema } of ir.schemas) {
    const refs = new Set<string>();
    const visit = (s: IRSchema): void => {
      if (s.kind === 'ref') refs.add(s.name);
      if (s.kind === 'object' && s.properties.some((p) => p.schema.readOnly || p.schema.writeOnly)) differs.add(name);
      forEachChild(s, visit);
    };
    visit(schema);
    deps.set(name, refs);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, refs] of deps) {
      if (!differs.has(name) && [...refs].some((r) => differs.has(r))) {
        differs.add(name);
        changed = true;
      }
    }
  }
  return new Map(ir.schemas.filter((s) => differs.has(s.name)).map((s) => [s.name, typeNames.allocate(`${s.name}Writable`)]));
}
