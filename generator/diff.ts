/**
 * `sdkforge diff OLD NEW`: what changed between two versions of a spec, for a user of the generated client.
 * Operations are matched by method and path, schemas by component name; schemas are compared structurally
 * (`diff/compare-schema.ts`). Every change is judged by a named rule (`diff/rules.ts`, documented in
 * docs/diff-rules.md) by the direction it travels: request bodies and parameters are inputs, responses outputs,
 * and a component is judged in every direction the operations use it in (both when none uses it). The result
 * suggests a semver bump (and, given the current version, the next one) and renders as markdown or JSON.
 */
import { UsageError } from './config.js';
import { escapePointerToken } from './util/json-pointer.js';
import { type RawChange, SchemaComparer, type Site } from './diff/compare-schema.js';
import { FIXED_RULES, type FixedRule, judgeSchemaChange, type Level, maxLevel } from './diff/rules.js';
import { isSemver, nextVersion } from './semver.js';
import type { ChangeKind, Direction, SpecChange, SpecDiff } from './diff/types.js';
import { pathKey } from './ir/build.js';
import { describePagination } from './ir/pagination.js';
import { describeRetries } from './ir/retries.js';
import { FORMATS } from './ir/streaming.js';
import { forEachChild } from './ir/walk.js';
import type { IRContent, IRDocument, IROperation, IRParameter, IRSchema, IRStreaming, IRWebhook } from './ir/types.js';
import { loadSpec } from './load/load-spec.js';
import { packageIR } from './package-ir.js';
import { httpMethod } from './ir/methods.js';
import { placePath } from './ir/resources.js';

export type { ChangeKind, DiffSide, Direction, SemverBump, SpecChange, SpecDiff } from './diff/types.js';
export { renderMarkdown } from './diff/render.js';
export { nextVersion } from './semver.js';
export { allRuleIds } from './diff/rules.js';

export interface DiffOptions {
  /** The generated package's current version: the result then carries `nextVersion`. */
  currentVersion?: string | undefined;
  /** Names of the two inputs (paths or URLs), shown when their `info.version`s are equal. */
  sources?: [string, string] | undefined;
  /** Overlays (paths or URLs) applied, in order, to the old and to the new spec before comparing. */
  overlays?: { old?: readonly string[]; new?: readonly string[] } | undefined;
}

export async function diffSpecs(oldSource: string, newSource: string, options: DiffOptions = {}): Promise<SpecDiff> {
  checkVersion(options.currentVersion);
  const [a, b] = await Promise.all([loadSpec(oldSource, { overlays: options.overlays?.old }), loadSpec(newSource, { overlays: options.overlays?.new })]);
  const { overlays: _, ...rest } = options;
  return diffIR(packageIR(a).ir, packageIR(b).ir, { sources: [oldSource, newSource], ...rest });
}

function checkVersion(version: string | undefined): void {
  if (version !== undefined && !isSemver(version)) {
    throw new UsageError(`--current-version must be a semver version such as 1.4.2, not '${version}'`);
  }
}

/** Operations match by method and path, whatever their path parameters are called. */
/** Operations match by method and path key (a `?beta=true` path is another operation), whatever their path parameters are called. */
const opKey = (op: IROperation) => `${httpMethod(op.method)} ${pathKey(op).replace(/\{[^}]*\}/g, '{}')}`;
const DIRECTIONS: Direction[] = ['request', 'response'];

export function diffIR(before: IRDocument, after: IRDocument, options: DiffOptions = {}): SpecDiff {
  checkVersion(options.currentVersion);
  const changes: SpecChange[] = [];
  const levels: Level[] = [];
  const comparer = new SchemaComparer(before.schemas, after.schemas);
  const fixed = (subject: SpecChange['subject'], name: string, kind: ChangeKind, rule: FixedRule, pointer: string, message: string) => {
    levels.push(FIXED_RULES[rule]);
    changes.push({ subject, name, kind, breaking: FIXED_RULES[rule] === 'major', rule, pointer, message });
  };
  const judged = (subject: SpecChange['subject'], name: string, directions: Direction[], raw: RawChange[], shown = name) => {
    for (const c of raw) {
      const seen = directions.filter((d) => d !== c.hiddenIn);
      if (seen.length === 0) continue;
      const { rule, level } = judgeSchemaChange(c.change, c.scope, seen);
      levels.push(level);
      changes.push({ subject, name, kind: 'changed', breaking: level === 'major', rule, pointer: c.pointer, message: `${shown}: ${c.message}` });
    }
  };

  const oldOps = new Map(before.operations.map((o) => [opKey(o), o]));
  const newOps = new Map(after.operations.map((o) => [opKey(o), o]));
  for (const [key, op] of newOps) {
    const old = oldOps.get(key);
    if (!old) fixed('operation', op.name, 'added', 'operation-added', op.pointer, `${op.name} (${httpMethod(op.method)} ${pathKey(op)}) added`);
    else diffOperation(old, op, comparer, (rule, pointer, message) => fixed('operation', op.name, 'changed', rule, pointer, `${op.name}: ${message}`), (dir, raw) => judged('operation', op.name, [dir], raw));
  }
  for (const [key, op] of oldOps) {
    if (!newOps.has(key)) fixed('operation', op.name, 'removed', 'operation-removed', op.pointer, `${op.name} (${httpMethod(op.method)} ${pathKey(op)}) removed`);
  }

  const usage = schemaUsage(after);
  const oldUsage = schemaUsage(before);
  const oldSchemas = new Map(before.schemas.map((s) => [s.originalName, s]));
  const newSchemas = new Map(after.schemas.map((s) => [s.originalName, s]));
  for (const [name, s] of newSchemas) {
    const old = oldSchemas.get(name);
    if (!old) {
      fixed('schema', s.name, 'added', 'schema-added', s.pointer, `schema ${s.name} added`);
      continue;
    }
    const used = usage.get(s.name);
    const site: Site = { pointer: s.pointer, prefix: '', path: [], base: '' };
    judged('schema', s.name, used?.size ? DIRECTIONS.filter((d) => used.has(d)) : DIRECTIONS, comparer.diff(old.schema, s.schema, site));
  }
  // components that took another's place somewhere (`Response` → `BetaResponse`): compared once, as a pair
  for (let pair = comparer.nextPair(); pair; pair = comparer.nextPair()) {
    const { before: a, after: b } = pair;
    const used = usage.get(b.name);
    const site: Site = { pointer: b.pointer, prefix: '', path: [], base: '' };
    judged('schema', b.name, used?.size ? DIRECTIONS.filter((d) => used.has(d)) : DIRECTIONS, comparer.diff(a.schema, b.schema, site), `${b.name} (in place of ${a.name})`);
  }
  for (const [name, s] of oldSchemas) {
    if (newSchemas.has(name)) continue;
    const used = (oldUsage.get(s.name)?.size ?? 0) > 0;
    fixed('schema', s.name, 'removed', 'schema-removed', s.pointer, `schema ${s.name} removed${used ? '' : ' (it was not used by any operation)'}`);
  }

  diffDocumentLevel(before, after, fixed);
  diffWebhooks(before, after, comparer, fixed, judged);

  const bump = maxLevel(levels);
  const [fromSource, toSource] = options.sources ?? [];
  return {
    from: { title: before.title, version: before.version, ...(fromSource ? { source: fromSource } : {}) },
    to: { title: after.title, version: after.version, ...(toSource ? { source: toSource } : {}) },
    changes,
    bump,
    ...(options.currentVersion !== undefined ? { currentVersion: options.currentVersion, nextVersion: nextVersion(options.currentVersion, bump) } : {}),
  };
}

/**
 * What 3.2 adds beside operations and schemas: named servers (the `environment` option), deprecated security
 * schemes, and tag parents.
 */
function diffDocumentLevel(
  before: IRDocument,
  after: IRDocument,
  fixed: (subject: SpecChange['subject'], name: string, kind: ChangeKind, rule: FixedRule, pointer: string, message: string) => void,
): void {
  const oldEnvs = new Map((before.environments ?? []).map((e) => [e.name, e]));
  const newEnvs = new Map((after.environments ?? []).map((e) => [e.name, e]));
  for (const [name, env] of newEnvs) {
    const old = oldEnvs.get(name);
    if (!old) fixed('environment', name, 'added', 'environment-added', env.pointer, `environment '${name}' (${env.url}) added`);
    else if (old.url !== env.url) fixed('environment', name, 'changed', 'environment-url-changed', env.pointer, `environment '${name}': ${old.url} → ${env.url}`);
  }
  for (const [name, env] of oldEnvs) {
    if (!newEnvs.has(name)) fixed('environment', name, 'removed', 'environment-removed', env.pointer, `environment '${name}' (${env.url}) removed`);
  }

  const oldSchemes = new Map(before.security.map((s) => [s.name, s]));
  for (const scheme of after.security) {
    const old = oldSchemes.get(scheme.name);
    if (scheme.deprecated && old && !old.deprecated) {
      fixed('security-scheme', scheme.name, 'changed', 'security-scheme-deprecated', `#/components/securitySchemes/${escapePointerToken(scheme.name)}`, `security scheme ${scheme.name} deprecated`);
    }
  }

  const oldTags = new Map((before.tags ?? []).map((t) => [t.name, t]));
  (after.tags ?? []).forEach((tag, i) => {
    const old = oldTags.get(tag.name);
    if (!old || old.parent === tag.parent) return;
    const was = old.parent === undefined ? 'top-level' : `under ${old.parent}`;
    const now = tag.parent === undefined ? 'top-level' : `under ${tag.parent}`;
    fixed('tag', tag.name, 'changed', 'tag-parent-changed', `#/tags/${i}`, `tag ${tag.name}: ${was} → ${now}`);
  });
}

/**
 * Webhooks, matched by name and method: added, removed, or their payload changed. A payload is read by the
 * client (`unwrap` returns it), so its changes are judged as a response's.
 */
function diffWebhooks(
  before: IRDocument,
  after: IRDocument,
  comparer: SchemaComparer,
  fixed: (subject: SpecChange['subject'], name: string, kind: ChangeKind, rule: FixedRule, pointer: string, message: string) => void,
  judged: (subject: SpecChange['subject'], name: string, directions: Direction[], raw: RawChange[], shown?: string) => void,
): void {
  const key = (w: IRWebhook) => `${w.method} ${w.name}`;
  const shown = (w: IRWebhook) => `webhook ${w.name} (${httpMethod(w.method)})`;
  const oldHooks = new Map((before.webhooks ?? []).map((w) => [key(w), w]));
  const newHooks = new Map((after.webhooks ?? []).map((w) => [key(w), w]));
  for (const [k, hook] of newHooks) {
    const old = oldHooks.get(k);
    if (!old) fixed('webhook', hook.name, 'added', 'webhook-added', hook.pointer, `${shown(hook)} added`);
    else if (old.payload && hook.payload) {
      const site: Site = { pointer: `${hook.pointer}/requestBody`, prefix: '', path: [], base: '' };
      judged('webhook', hook.name, ['response'], comparer.diff(old.payload, hook.payload, site), shown(hook));
    }
  }
  for (const [k, hook] of oldHooks) {
    if (!newHooks.has(k)) fixed('webhook', hook.name, 'removed', 'webhook-removed', hook.pointer, `${shown(hook)} removed`);
  }
}

/** Which directions each component is used in (through refs, transitively). */
function schemaUsage(ir: IRDocument): Map<string, Set<Direction>> {
  const named = new Map(ir.schemas.map((s) => [s.name, s.schema]));
  const usage = new Map<string, Set<Direction>>();
  const mark = (schema: IRSchema, dir: Direction): void => {
    if (schema.kind === 'ref') {
      const set = usage.get(schema.name) ?? new Set<Direction>();
      usage.set(schema.name, set);
      if (set.has(dir)) return;
      set.add(dir);
      const target = named.get(schema.name);
      if (target) mark(target, dir);
      return;
    }
    forEachChild(schema, (child) => mark(child, dir));
  };
  for (const op of ir.operations) {
    for (const p of Object.values(op.parameters).flat()) mark(p.schema, 'request');
    for (const c of op.requestBody?.contents ?? []) mark(c.schema, 'request');
    for (const r of op.responses) for (const c of r.contents) mark(c.schema, 'response');
  }
  for (const webhook of ir.webhooks ?? []) if (webhook.payload) mark(webhook.payload, 'response');
  return usage;
}

type Fixed = (rule: FixedRule, pointer: string, message: string) => void;
type Judged = (direction: Direction, raw: RawChange[]) => void;

function diffOperation(old: IROperation, op: IROperation, comparer: SchemaComparer, fixed: Fixed, judged: Judged): void {
  if (old.name !== op.name) fixed('operation-renamed', op.pointer, `renamed from ${old.name} (operationId ${old.operationId} → ${op.operationId})`);
  if (placePath(old.place) !== placePath(op.place)) fixed('operation-moved', op.pointer, `now client.${placePath(op.place)} (was client.${placePath(old.place)})`);

  // path parameters match by position (a renamed placeholder is not a change for positional arguments)
  const params = (o: IROperation) =>
    new Map(Object.values(o.parameters).flat().map((p) => [p.in === 'path' ? `path:${o.parameters.path.indexOf(p)}` : `${p.in}:${p.name}`, p] as const));
  const before = params(old);
  const after = params(op);
  for (const [key, p] of after) {
    const prev = before.get(key);
    const at = `${op.pointer}/parameters/${escapePointerToken(p.name)}`;
    if (!prev) fixed(p.required ? 'request-required-parameter-added' : 'request-optional-parameter-added', at, `${p.required ? 'required' : 'optional'} ${p.in} parameter \`${p.name}\` added`);
    else diffParameter(prev, p, at, comparer, fixed, judged);
  }
  for (const [key, p] of before) {
    if (!after.has(key)) fixed('request-parameter-removed', `${old.pointer}/parameters/${escapePointerToken(p.name)}`, `${p.in} parameter \`${p.name}\` removed`);
  }

  const body = `${op.pointer}/requestBody`;
  const [rb, ra] = [old.requestBody, op.requestBody];
  if (!rb?.contents.length && ra?.contents.length) {
    fixed(ra.required ? 'request-required-body-added' : 'request-optional-body-added', body, `${ra.required ? 'required' : 'optional'} request body added`);
  } else if (rb?.contents.length && !ra?.contents.length) {
    fixed('request-body-removed', `${old.pointer}/requestBody`, 'request body removed');
  } else if (rb && ra) {
    if (!rb.required && ra.required) fixed('request-body-became-required', body, 'request body is now required');
    if (rb.required && !ra.required) fixed('request-body-became-optional', body, 'request body is now optional');
    diffContents(rb.contents, ra.contents, body, 'request', comparer, fixed, judged);
  }

  const success = (o: IROperation) => o.responses.filter((r) => /^2/.test(r.status)).flatMap((r) => r.contents);
  diffContents(success(old), success(op), `${op.pointer}/responses`, 'response', comparer, fixed, judged, [old.success, op.success]);
  diffStreaming(old, op, fixed);
  // a stream's item type, where it is not the success content's schema compared above (an OpenAPI 3.2
  // `itemSchema`, typed events)
  const [sa, sb] = [old.streaming, op.streaming];
  if (sa && sb && !(sa.item === old.success?.schema && sb.item === op.success?.schema)) {
    judged('response', comparer.diff(sa.item, sb.item, { pointer: `${op.pointer}/responses`, prefix: 'stream item', path: [], base: '' }));
  }
  diffPagination(old, op, fixed);
  diffRetries(old, op, fixed);
}

/** The retry policy and the idempotency header, each compared in words (the policy's source is not a change). */
function diffRetries(old: IROperation, op: IROperation, fixed: Fixed): void {
  const [a, b] = [describeRetries(old.retries), describeRetries(op.retries)];
  if (a !== b) fixed('request-retry-policy-changed', op.pointer, `retry policy: ${b} (was: ${a})`);
  const [ia, ib] = [old.idempotency?.header, op.idempotency?.header];
  if (ia !== ib) {
    const message = !ia ? `now sends idempotency keys in ${ib}` : !ib ? `no longer sends idempotency keys (${ia})` : `sends idempotency keys in ${ib}, not ${ia}`;
    fixed('request-idempotency-changed', op.pointer, message);
  }
}


/** How a request asks for the stream, in words. */
function selection(streaming: IRStreaming): string {
  const s = streaming.selector;
  if (s.by === 'body-property') return `when \`${s.property}\` is ${JSON.stringify(s.value)}`;
  if (s.by === 'accept') return `as ${streaming.mediaType}, asked for with Accept`;
  return s.by === 'always' ? 'always' : 'when the response says so';
}

/** Streams added, removed, or changed in format or in how a request selects them (the method's overloads). */
function diffStreaming(old: IROperation, op: IROperation, fixed: Fixed): void {
  const [a, b] = [old.streaming, op.streaming];
  const at = `${op.pointer}/responses`;
  if (!a && b) fixed('response-streaming-added', at, `now streams (${FORMATS[b.format].title})`);
  else if (a && !b) fixed('response-streaming-removed', at, 'no longer streams');
  else if (a && b && (a.format !== b.format || selection(a) !== selection(b))) {
    fixed('response-streaming-changed', at, `streams ${FORMATS[b.format].title} ${selection(b)}, not ${FORMATS[a.format].title} ${selection(a)}`);
  }
}



/** Pagination added, removed or changed: the method's return type (`PagePromise`) and its iteration change. */
function diffPagination(old: IROperation, op: IROperation, fixed: Fixed): void {
  const [a, b] = [old.pagination, op.pagination];
  const at = `${op.pointer}/responses`;
  if (!a && b) fixed('response-pagination-added', at, `now returns ${describePagination(b)}`);
  else if (a && !b) fixed('response-pagination-removed', at, `no longer returns ${describePagination(a)}`);
  else if (a && b && describePagination(a) !== describePagination(b)) fixed('response-pagination-changed', at, `returns ${describePagination(b)}, not ${describePagination(a)}`);
}

/**
 * Media types added and removed; the schemas of those in both compared. For responses, only the success content
 * the generated method returns is compared (`only`).
 */
function diffContents(
  before: IRContent[],
  after: IRContent[],
  pointer: string,
  direction: Direction,
  comparer: SchemaComparer,
  fixed: Fixed,
  judged: Judged,
  only?: [IRContent | undefined, IRContent | undefined],
): void {
  const types = (cs: IRContent[]) => new Set(cs.map((c) => c.mediaType));
  const [tb, ta] = [types(before), types(after)];
  for (const t of ta) if (!tb.has(t)) fixed(`${direction}-media-type-added`, pointer, `${direction} content type ${t} added`);
  for (const t of tb) if (!ta.has(t)) fixed(`${direction}-media-type-removed`, pointer, `${direction} content type ${t} removed`);
  const pairs: [IRContent, IRContent][] = only
    ? only[0] && only[1] && only[0].mediaType === only[1].mediaType
      ? [[only[0], only[1]]]
      : []
    : after.flatMap((c) => {
        const prev = before.find((p) => p.mediaType === c.mediaType);
        return prev ? [[prev, c] as [IRContent, IRContent]] : [];
      });
  const words = direction === 'request' ? 'request body' : 'response';
  for (const [b, a] of pairs) {
    const prefix = pairs.length > 1 ? `${words} (${a.mediaType})` : words;
    judged(direction, comparer.diff(b.schema, a.schema, { pointer, prefix, path: [], base: '' }));
  }
}

/** How a parameter goes on the wire, in words: its media type (a `content` parameter), else its style. */
const serialization = (p: IRParameter) => (p.mediaType ? `as ${p.mediaType}` : `in style ${p.style}${p.explode ? ', exploded' : ''}`);

function diffParameter(prev: IRParameter, p: IRParameter, at: string, comparer: SchemaComparer, fixed: Fixed, judged: Judged): void {
  if (!prev.required && p.required) fixed('request-parameter-became-required', at, `${p.in} parameter \`${p.name}\` is now required`);
  if (prev.required && !p.required) fixed('request-parameter-became-optional', at, `${p.in} parameter \`${p.name}\` is now optional`);
  if (serialization(prev) !== serialization(p)) fixed('request-parameter-serialization-changed', at, `${p.in} parameter \`${p.name}\` is now sent ${serialization(p)}, not ${serialization(prev)}`);
  judged('request', comparer.diff(prev.schema, p.schema, { pointer: at, prefix: `${p.in} parameter \`${p.name}\``, path: [], base: 'parameter' }));
}
