/**
 * The scale series' input: a spec N times the size of a given one (the official OpenAI spec), made of N copies of
 * its paths, webhooks, tags and components under distinct prefixes and names, each copy referring only to itself.
 * Copy k (1-based):
 *
 * - every path key gets the prefix `/c{k}` (`/chat/completions` → `/c3/chat/completions`);
 * - every component (schemas, responses, parameters, requestBodies, headers, examples, links, callbacks,
 *   pathItems), webhook, tag and operationId gets the suffix `_c{k}` (`CreateChatCompletionRequest_c3`);
 * - every `$ref` into the components, the paths or the webhooks is rewritten to the copy's own name, as are
 *   discriminator mappings (pointers or bare schema names).
 *
 * Security schemes are the one part not copied: requirements name them outside any `$ref` (in `security` lists),
 * and a big API has one set of credentials, not N; copying them would give each generated client N identical
 * credential options. Top-level extensions (`x-oaiMeta`), `info` and `servers` are kept once. 1× is made the same
 * way (copy 1 only), so that every size of the series differs only in how many copies it holds.
 *
 * The spec is written as compact JSON (16× the official spec is about 36 MB). The input must be one file whose
 * `$ref`s are all internal (`#/...`): an external `$ref` is refused.
 *
 *   node dist/bench/scale-spec.js --copies N --out FILE [--spec SPEC]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseText } from '../generator/load/parse-text.js';
import { parsePointer, pointerOf } from '../generator/util/json-pointer.js';
import { OFFICIAL_SPEC } from './util.js';

type Raw = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'] as const;
/** Components that are copied (every kind but `securitySchemes`, which copies share). */
const SHARED_COMPONENTS = new Set(['securitySchemes']);

export interface ScaledSpec {
  file: string;
  copies: number;
  bytes: number;
  paths: number;
  /** Operations of the paths (webhooks' not counted). */
  operations: number;
  webhooks: number;
  schemas: number;
}

export const copySuffix = (k: number) => `_c${k}`;
export const copyPrefix = (k: number) => `/c${k}`;

const isObject = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The `$ref` of copy `k` for `ref` (an internal pointer); one into nothing copied is returned as it is. */
function rewriteRef(ref: string, k: number): string {
  if (!ref.startsWith('#')) throw new Error(`scale-spec: external $ref ${JSON.stringify(ref)} (bundle the spec into one file first)`);
  const tokens = parsePointer(ref);
  const [top, second, third] = tokens;
  if (top === 'components' && second !== undefined && third !== undefined && !SHARED_COMPONENTS.has(second)) tokens[2] = third + copySuffix(k);
  else if (top === 'paths' && second !== undefined) tokens[1] = copyPrefix(k) + second;
  else if (top === 'webhooks' && second !== undefined) tokens[1] = second + copySuffix(k);
  else return ref;
  return pointerOf(tokens);
}

/** A deep copy of `node` for copy `k`: `$ref`s, discriminator mappings and operationIds renamed. */
function copyNode(node: unknown, k: number): unknown {
  if (Array.isArray(node)) return node.map((v) => copyNode(v, k));
  if (!isObject(node)) return node;
  const out: Raw = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') out[key] = rewriteRef(value, k);
    // an operation's own, and a link's (or a callback's operation's) reference to one
    else if (key === 'operationId' && typeof value === 'string') out[key] = value + copySuffix(k);
    else if (key === 'discriminator' && isObject(value) && isObject(value.mapping)) {
      const mapping = Object.fromEntries(
        Object.entries(value.mapping).map(([name, target]) => [name, typeof target !== 'string' ? target : target.startsWith('#') ? rewriteRef(target, k) : target + copySuffix(k)]),
      );
      out[key] = { ...(copyNode(value, k) as Raw), mapping };
    } else out[key] = copyNode(value, k);
  }
  return out;
}

/** An operation of copy `k`: its tags suffixed too. */
function copyOperation(op: unknown, k: number): unknown {
  const out = copyNode(op, k);
  if (!isObject(out)) return out;
  if (Array.isArray(out.tags)) out.tags = out.tags.map((t) => (typeof t === 'string' ? t + copySuffix(k) : t));
  return out;
}

/** A path item (or webhook) of copy `k`. */
function copyPathItem(item: unknown, k: number): unknown {
  if (!isObject(item)) return copyNode(item, k);
  const out: Raw = {};
  for (const [key, value] of Object.entries(item)) {
    if ((METHODS as readonly string[]).includes(key)) out[key] = copyOperation(value, k);
    else if (key === '$ref' && typeof value === 'string') out[key] = rewriteRef(value, k);
    else out[key] = copyNode(value, k);
  }
  if (isObject(item.additionalOperations)) out.additionalOperations = Object.fromEntries(Object.entries(item.additionalOperations).map(([m, op]) => [m, copyOperation(op, k)]));
  return out;
}

/** Puts `key` into `into`, failing when a copy would overwrite a name another copy (or the original) holds. */
function put(into: Raw, key: string, value: unknown, where: string): void {
  if (Object.hasOwn(into, key)) throw new Error(`scale-spec: two copies would both define ${where} ${JSON.stringify(key)}`);
  into[key] = value;
}

/** The document of `copies` copies of `doc` (an OpenAPI 3.x document, not changed). */
export function scaleDocument(doc: Raw, copies: number): Raw {
  if (!Number.isInteger(copies) || copies < 1) throw new Error(`scale-spec: copies must be a positive integer, not ${copies}`);
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.')) throw new Error('scale-spec: the spec must be OpenAPI 3.x');
  const out: Raw = {};
  const paths: Raw = {};
  const webhooks: Raw = {};
  const tags: unknown[] = [];
  const components: Raw = {};
  const srcComponents = isObject(doc.components) ? doc.components : {};
  for (let k = 1; k <= copies; k++) {
    for (const [p, item] of Object.entries(isObject(doc.paths) ? doc.paths : {})) put(paths, copyPrefix(k) + p, copyPathItem(item, k), 'the path');
    for (const [name, item] of Object.entries(isObject(doc.webhooks) ? doc.webhooks : {})) put(webhooks, name + copySuffix(k), copyPathItem(item, k), 'the webhook');
    for (const tag of Array.isArray(doc.tags) ? doc.tags : []) tags.push(isObject(tag) && typeof tag.name === 'string' ? { ...(copyNode(tag, k) as Raw), name: tag.name + copySuffix(k) } : tag);
    for (const [kind, members] of Object.entries(srcComponents)) {
      if (SHARED_COMPONENTS.has(kind) || kind.startsWith('x-') || !isObject(members)) continue;
      const into = (components[kind] ??= {}) as Raw;
      for (const [name, value] of Object.entries(members)) {
        put(into, name + copySuffix(k), kind === 'pathItems' ? copyPathItem(value, k) : copyNode(value, k), `components.${kind}`);
      }
    }
  }
  for (const [kind, members] of Object.entries(srcComponents)) if (SHARED_COMPONENTS.has(kind) || kind.startsWith('x-')) components[kind] = members;
  // the document's own members in their order, each part replaced by its copies
  for (const key of Object.keys(doc)) {
    if (key === 'paths') out.paths = paths;
    else if (key === 'webhooks') out.webhooks = webhooks;
    else if (key === 'tags') out.tags = tags;
    else if (key === 'components') out.components = components;
    else out[key] = doc[key];
  }
  return out;
}

/** Counts of a document: its paths, their operations, its webhooks and component schemas. */
export function countDocument(doc: Raw): { paths: number; operations: number; webhooks: number; schemas: number } {
  const paths = Object.values(isObject(doc.paths) ? doc.paths : {});
  let operations = 0;
  for (const item of paths) if (isObject(item)) for (const m of METHODS) if (isObject(item[m])) operations++;
  const schemas = isObject(doc.components) && isObject(doc.components.schemas) ? Object.keys(doc.components.schemas).length : 0;
  return { paths: paths.length, operations, webhooks: isObject(doc.webhooks) ? Object.keys(doc.webhooks).length : 0, schemas };
}

/** Reads `spec` (YAML or JSON) once. */
export function readSpec(spec: string): Raw {
  const doc = parseText(readFileSync(spec, 'utf8'), spec);
  if (!isObject(doc)) throw new Error(`scale-spec: ${spec} is not an OpenAPI document`);
  return doc;
}

/** Writes `copies` copies of `doc` to `file` as compact JSON. */
export function writeScaledSpec(doc: Raw, copies: number, file: string): ScaledSpec {
  const scaled = scaleDocument(doc, copies);
  const text = JSON.stringify(scaled);
  writeFileSync(file, text);
  return { file, copies, bytes: Buffer.byteLength(text), ...countDocument(scaled) };
}

function parseArgs(argv: string[]): { spec: string; copies: number; out: string } {
  let spec = OFFICIAL_SPEC;
  let copies: number | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--spec') spec = argv[++i] ?? '';
    else if (a === '--copies') copies = Number(argv[++i]);
    else if (a === '--out') out = argv[++i];
    else throw new Error(`unknown argument ${a}; usage: scale-spec.js --copies N --out FILE [--spec SPEC]`);
  }
  if (copies === undefined || !out) throw new Error('usage: scale-spec.js --copies N --out FILE [--spec SPEC]');
  return { spec, copies, out: path.resolve(out) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const { spec, copies, out } = parseArgs(process.argv.slice(2));
    const made = writeScaledSpec(readSpec(spec), copies, out);
    process.stdout.write(`${JSON.stringify(made)}\n`);
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
