/**
 * OpenAPI Overlay 1.0.0 and 1.1.0 (`--overlay FILE`): each overlay's actions are applied, in order, to the parsed
 * spec document before anything else reads it (validation, bundling, the IR). Targets are RFC 9535 JSONPath
 * queries, evaluated by `jsonpath-rfc9535`.
 *
 * - `update` on objects merges (a member only in the target stays, one only in the update is inserted, primitives
 *   replace primitives, arrays concatenate, objects merge recursively; any other pair is an error). On arrays, 1.1
 *   concatenates an array and appends anything else; 1.0 appends the value as one entry. On primitives (1.1 only)
 *   the value replaces each; 1.0 allows only objects and arrays as targets.
 * - `remove: true` removes each target from its object or array; it wins over `update` and `copy`.
 * - `copy` (1.1): a query that must select exactly one node, whose value is merged into the targets as `update`
 *   would be. An action with both `update` and `copy` is an error: the 1.1 text makes each void when the other is
 *   given.
 * - `extends` is not followed: the spec given is the target.
 *
 * The overlay document itself is checked against its version's JSON Schema first. A target selecting nothing is a
 * warning at the action's line; an invalid query, an invalid overlay, or an action the rules forbid is an error
 * there. `OverlayOrigins` remembers which nodes of the result the overlays wrote, so a diagnostic about one names
 * the overlay's action, and one about an untouched node keeps the spec's own place (also when removals shifted
 * array indices).
 */
import { readFile } from 'node:fs/promises';
import { exec } from 'jsonpath-rfc9535';
import { errorDiagnostic, GenerationError, type Diagnostic } from '../diagnostics.js';
import { escapePointerToken, parsePointer, pointerOf } from '../util/json-pointer.js';
import { DEFAULT_FETCH_TIMEOUT, FetchError, fetchText } from './fetch-text.js';
import { createLocator } from './locate.js';
import { overlayValidator, type AjvError, type OverlayVersion } from './overlay-validators.js';
import { parseText } from './parse-text.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

export interface OverlayAction {
  target: string;
  description?: string;
  update?: Json;
  copy?: string;
  remove?: boolean;
}

export interface OverlayDocument {
  overlay: string;
  info: { title: string; version: string; description?: string };
  extends?: string;
  actions: OverlayAction[];
}

/** One overlay, read and checked: its document and where its nodes are in its text. */
export interface Overlay {
  file: string;
  version: OverlayVersion;
  document: OverlayDocument;
  /** File, line and column of a pointer into the overlay document. */
  at(pointer: string): Partial<Diagnostic>;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** Reads an overlay (a path or an http(s) URL); a missing file or an unreachable URL is an error. */
export async function readOverlay(source: string, fetchTimeout = DEFAULT_FETCH_TIMEOUT): Promise<Overlay> {
  let text: string;
  try {
    text = isUrl(source) ? await fetchText(source, fetchTimeout) : await readFile(source, 'utf8');
  } catch (err) {
    const reason =
      err instanceof FetchError ? err.reason : (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (err as Error).message;
    throw new GenerationError([
      errorDiagnostic('overlay-missing', `Cannot read the overlay: ${reason}.`, {
        file: source,
        hint: isUrl(source) ? 'Check the URL and that its server answers.' : 'Check the path given with --overlay (or in `overlays`).',
      }),
    ]);
  }
  return parseOverlay(text, source);
}

/** Parses and checks an overlay's text against its version's schema. */
export function parseOverlay(text: string, file: string): Overlay {
  const raw = parseText(text, file);
  const locate = createLocator(text);
  const at = (pointer: string): Partial<Diagnostic> => ({ file, pointer, ...locate(pointer) });
  const errors = checkOverlayDocument(raw, at);
  if (errors.length > 0) throw new GenerationError(errors);
  const document = raw as OverlayDocument;
  return { file, version: versionOf(document.overlay)!, document, at };
}

const versionOf = (overlay: unknown): OverlayVersion | undefined =>
  typeof overlay === 'string' ? (/^1\.0\.\d+$/.test(overlay) ? '1.0' : /^1\.1\.\d+$/.test(overlay) ? '1.1' : undefined) : undefined;

const schemaLabel = (e: AjvError): string => {
  const extra = e.params?.unevaluatedProperty ?? e.params?.additionalProperty;
  if (typeof extra === 'string') return `has the key \`${extra}\`, which an Overlay document does not allow there (extensions start with x-)`;
  if (e.keyword === 'required') return `lacks the required \`${String(e.params?.missingProperty)}\``;
  return e.message ?? 'is invalid';
};

/**
 * The errors of an overlay document: not a mapping, no supported `overlay` version, or what its version's schema
 * rejects (each located). Empty when it is valid.
 */
export function checkOverlayDocument(raw: unknown, at: (pointer: string) => Partial<Diagnostic> = (pointer) => ({ pointer })): Diagnostic[] {
  const hint = 'See the Overlay Specification (https://spec.openapis.org/overlay/latest.html): `overlay: 1.1.0`, `info` with `title` and `version`, and at least one action with a `target`.';
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return [errorDiagnostic('overlay-invalid', 'The overlay is not an Overlay document: its top level is not a mapping.', { ...at('#'), hint })];
  }
  const doc = raw as Record<string, unknown>;
  const version = versionOf(doc.overlay);
  if (!version) {
    const has = doc.overlay === undefined ? 'has no `overlay` field' : `declares overlay: ${JSON.stringify(doc.overlay)}`;
    return [
      errorDiagnostic('overlay-invalid', `The overlay is not an Overlay 1.0 or 1.1 document: it ${has}.`, {
        ...at(doc.overlay === undefined ? '#' : '#/overlay'),
        hint: 'sdkforge applies Overlay 1.0.x and 1.1.x documents: declare `overlay: 1.0.0` or `overlay: 1.1.0` (a string).',
      }),
    ];
  }
  const validate = overlayValidator(version);
  if (!validate) {
    return [
      errorDiagnostic('overlay-unchecked', `The overlay cannot be checked: this sdkforge has no compiled Overlay ${version} validator (dist/openapi-validators/overlay-${version}.cjs).`, {
        ...at('#'),
        hint: 'Reinstall sdkforge, or in a checkout run `npm run compile` with the Overlay schemas in ../shared (or SDKFORGE_SHARED).',
      }),
    ];
  }
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const e of validate(raw)) {
    // `$ref` + `unevaluatedProperties` reports an unknown key once per place; a pattern failure beside a type
    // failure is an echo
    const extra = e.params?.unevaluatedProperty ?? e.params?.additionalProperty;
    const pointer = '#' + (e.instancePath ?? '') + (typeof extra === 'string' ? `/${escapePointerToken(extra)}` : '');
    const message = `The overlay breaks the Overlay ${version} schema: the value here ${schemaLabel(e)}.`;
    if (seen.has(pointer + message)) continue;
    seen.add(pointer + message);
    out.push(errorDiagnostic('overlay-invalid', message, { ...at(pointer), pointer, hint }));
  }
  return out;
}

/** Where an overlay wrote a node: the action's place in the overlay. */
export interface OverlaySite {
  file: string;
  line?: number;
  column?: number;
  /** The action's pointer in the overlay (`#/actions/2`). */
  pointer: string;
}

/** A node of the result is the spec's own (at its pointer in the original document) or an overlay's. */
export type Origin = { spec: string } | { overlay: OverlaySite };

const isContainer = (v: unknown): v is Container => v !== null && typeof v === 'object';
const kindOf = (v: unknown) => (Array.isArray(v) ? 'array' : isContainer(v) ? 'object' : 'primitive');

/**
 * Which nodes of the document the overlays wrote. Containers keep their identity through merges and removals, so
 * each original container is recorded with its original pointer before any action runs; what an action inserts
 * or replaces is recorded against its container (an object's member, or an array's elements, whose origins move
 * with them when elements are removed or appended).
 */
export class OverlayOrigins {
  private readonly original = new WeakMap<object, string>();
  private readonly inserted = new WeakMap<object, OverlaySite>();
  private readonly members = new WeakMap<object, Map<string, OverlaySite>>();
  private readonly elements = new WeakMap<object, Origin[]>();

  constructor(readonly document: Container) {
    const visit = (node: unknown, tokens: (string | number)[]) => {
      if (!isContainer(node) || this.original.has(node)) return;
      this.original.set(node, pointerOf(tokens));
      if (Array.isArray(node)) node.forEach((v, i) => visit(v, [...tokens, i]));
      else for (const [k, v] of Object.entries(node)) visit(v, [...tokens, k]);
    };
    visit(document, []);
  }

  /** The origin of each element of `array`, kept from the first change on. */
  private elementsOf(array: Json[]): Origin[] {
    let list = this.elements.get(array);
    if (!list) {
      const base = this.originOfContainer(array);
      list = array.map((_, i) => ('spec' in base ? { spec: `${base.spec}/${i}` } : base));
      this.elements.set(array, list);
    }
    return list;
  }

  private originOfContainer(node: object): Origin {
    const spec = this.original.get(node);
    if (spec !== undefined) return { spec };
    const site = this.inserted.get(node);
    return site ? { overlay: site } : { spec: '#' };
  }

  /** `value` was set as `key` of `object` (inserted or replaced) by the action at `site`. */
  setMember(object: object, key: string, value: unknown, site: OverlaySite): void {
    if (isContainer(value)) this.inserted.set(value, site);
    let map = this.members.get(object);
    if (!map) this.members.set(object, (map = new Map()));
    map.set(key, site);
  }

  /** Elements appended to `array` by the action at `site`. */
  appended(array: Json[], values: unknown[], site: OverlaySite): void {
    const list = this.elementsOf(array);
    for (const v of values) {
      if (isContainer(v)) this.inserted.set(v, site);
      list.push({ overlay: site });
    }
  }

  /** Element `index` of `array` replaced by the action at `site`. */
  replacedElement(array: Json[], index: number, site: OverlaySite): void {
    this.elementsOf(array)[index] = { overlay: site };
  }

  /** Element `index` of `array` removed (call before splicing). */
  removedElement(array: Json[], index: number): void {
    this.elementsOf(array).splice(index, 1);
  }

  /**
   * The origin of what `pointer` names in the document as it is now: the nearest container on the way that the
   * overlays wrote, or the spec's pointer of the same node (which differs when array elements moved).
   */
  originOf(pointer: string): Origin {
    let node: unknown = this.document;
    let origin: Origin = this.originOfContainer(this.document);
    for (const token of parsePointer(pointer)) {
      if (!isContainer(node) || !Object.hasOwn(node, token)) {
        return 'spec' in origin ? { spec: `${origin.spec}/${escapePointerToken(token)}` } : origin;
      }
      const child: unknown = (node as Record<string, unknown>)[token];
      let next: Origin | undefined;
      if (isContainer(child) && (this.original.has(child) || this.inserted.has(child))) next = this.originOfContainer(child);
      else if (Array.isArray(node)) next = this.elements.get(node)?.[Number(token)];
      else {
        const site = this.members.get(node)?.get(token);
        if (site) next = { overlay: site };
      }
      origin = next ?? ('spec' in origin ? { spec: `${origin.spec}/${escapePointerToken(token)}` } : origin);
      node = child;
    }
    return origin;
  }
}

/** A normalized path's member name as the document spells it (`jsonpath-rfc9535` gives them escaped). */
function unescapeName(name: string): string {
  const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', "'": "'", '\\': '\\' };
  return name.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, c: string) => (c.length === 5 ? String.fromCharCode(parseInt(c.slice(1), 16)) : (simple[c] ?? c)));
}

interface Match {
  value: Json;
  /** Tokens from the root: member names and array indices. */
  path: (string | number)[];
}

/**
 * A deep copy made of this realm's plain objects and arrays. `jsonpath-rfc9535` descends only into plain objects
 * (prototype `Object.prototype` or null), so `structuredClone`, whose objects may come from another realm (as
 * under a test runner's VM context), or a class instance would hide members from later queries. Shared and
 * cyclic nodes stay shared and cyclic.
 */
export function plainCopy<T>(value: T, seen = new Map<object, unknown>()): T {
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done !== undefined) return done as T;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(plainCopy(v, seen));
    return out as T;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = plainCopy(v, seen);
  return out as T;
}

const clone = <T>(v: T): T => plainCopy(v);

/** Applies one overlay to `document` in place; returns its warnings. Errors are thrown. */
export function applyOverlay(document: Container, overlay: Overlay, origins: OverlayOrigins): Diagnostic[] {
  const warnings: Diagnostic[] = [];
  overlay.document.actions.forEach((action, i) => {
    const base = `#/actions/${i}`;
    const where = overlay.at(base);
    const site: OverlaySite = { file: overlay.file, line: where.line, column: where.column, pointer: base };
    const fail = (code: string, message: string, pointer = base, hint?: string): never => {
      throw new GenerationError([errorDiagnostic(code, message, { ...overlay.at(pointer), pointer, ...(hint ? { hint } : {}) })]);
    };
    const select = (expression: string, pointer: string): Match[] => {
      const found: Match[] = [];
      try {
        exec(document as never, expression, (value, path) => {
          found.push({ value: value as Json, path: path.map((t) => (typeof t === 'number' ? t : unescapeName(t))) });
        });
      } catch (err) {
        const offset = (err as { location?: { start?: { offset?: number } } }).location?.start?.offset;
        const first = (err as Error).message.split('\n')[0];
        fail(
          'overlay-jsonpath',
          `Invalid JSONPath ${JSON.stringify(expression)}${offset !== undefined ? ` at character ${offset + 1}` : ''}: ${first}`,
          pointer,
          "Write an RFC 9535 JSONPath query (https://www.rfc-editor.org/rfc/rfc9535): names with '-' or other punctuation go in brackets, `$.paths['/pets'].get`, filters as `[?@.name == 'x']`.",
        );
      }
      return found;
    };
    const shown = (m: Match) => pointerOf(m.path);

    const targets = select(action.target, `${base}/target`);
    if (targets.length === 0) {
      warnings.push({
        severity: 'warning',
        code: 'overlay-no-match',
        message: `The overlay's action target ${JSON.stringify(action.target)} selects nothing in the document: the action changes nothing.`,
        hint: 'Check the query against the spec (names are case-sensitive; an earlier action may have removed the node).',
        ...overlay.at(`${base}/target`),
        pointer: `${base}/target`,
      });
      return;
    }
    if (action.remove === true) {
      removeAll(document, targets, origins, (m) => fail('overlay-breaks-document', `The action removes the document's root (${JSON.stringify(action.target)} selects \`$\`): no document would be left.`, `${base}/target`));
      return;
    }
    let value: Json;
    let valuePointer: string;
    if (action.copy !== undefined && action.update !== undefined) {
      return fail(
        'overlay-action-ambiguous',
        'The action has both `update` and `copy`: Overlay 1.1 says each has no impact when the other is given, so it is unclear what it means.',
        base,
        'Split it into two actions with the same target, one with `update` and one with `copy`, in the order they should apply.',
      );
    } else if (action.copy !== undefined) {
      const sources = select(action.copy, `${base}/copy`);
      if (sources.length !== 1) {
        fail(
          'overlay-copy-source',
          `The action's copy query ${JSON.stringify(action.copy)} selects ${sources.length === 0 ? 'nothing' : `${sources.length} nodes (${sources.slice(0, 3).map(shown).join(', ')}${sources.length > 3 ? ', …' : ''})`}; it must select exactly one node.`,
          `${base}/copy`,
        );
      }
      value = clone(sources[0]!.value);
      valuePointer = `${base}/copy`;
    } else if (action.update !== undefined) {
      value = action.update;
      valuePointer = `${base}/update`;
    } else {
      warnings.push({
        severity: 'warning',
        code: 'overlay-action-empty',
        message: 'The action has no `update`, `copy` or `remove: true`: it changes nothing.',
        ...overlay.at(base),
        pointer: base,
      });
      return;
    }
    const kinds = new Set(targets.map((m) => kindOf(m.value)));
    if (overlay.version === '1.0' && kinds.has('primitive')) {
      const m = targets.find((t) => kindOf(t.value) === 'primitive')!;
      fail('overlay-target-primitive', `The action's target selects a primitive value (at ${shown(m)}); in Overlay 1.0 targets must be objects or arrays.`, `${base}/target`, 'Target the containing object and update the member in it, or declare `overlay: 1.1.0`, which replaces primitive targets.');
    }
    if (kinds.size > 1) {
      fail('overlay-mixed-targets', `The action's target selects ${[...kinds].join(' and ')} nodes together (${targets.slice(0, 3).map(shown).join(', ')}…); they must be all objects, all arrays or all primitives.`, `${base}/target`, 'Narrow the query so it selects nodes of one kind.');
    }
    const kind = [...kinds][0]!;
    for (const target of targets) {
      if (kind === 'object') {
        if (kindOf(value) !== 'object') fail('overlay-update-type', `The target ${shown(target)} is an object, so the action's value must be an object to merge into it, not ${describeKind(value)}.`, valuePointer);
        merge(target.value as Record<string, Json>, value as Record<string, Json>, { origins, site, at: shown(target), valuePointer, fail });
      } else if (kind === 'array') {
        const array = target.value as Json[];
        const added = overlay.version === '1.1' && Array.isArray(value) ? clone(value) : [clone(value)];
        origins.appended(array, added, site);
        array.push(...added);
      } else {
        if (kindOf(value) !== 'primitive') fail('overlay-update-type', `The target ${shown(target)} is a primitive value, so the action's value must be a primitive to replace it, not ${describeKind(value)}.`, valuePointer);
        const parent = containerAt(document, target.path.slice(0, -1));
        const key = target.path.at(-1)!;
        if (Array.isArray(parent)) {
          parent[Number(key)] = value;
          origins.replacedElement(parent, Number(key), site);
        } else {
          (parent as Record<string, Json>)[String(key)] = value;
          origins.setMember(parent, String(key), value, site);
        }
      }
    }
  });
  return warnings;
}

const describeKind = (v: unknown) => (Array.isArray(v) ? 'an array' : isContainer(v) ? 'an object' : v === null ? 'null' : `a ${typeof v}`);

function containerAt(document: Container, path: (string | number)[]): Container {
  let node: unknown = document;
  for (const t of path) node = (node as Record<string, unknown>)[t];
  return node as Container;
}

interface MergeContext {
  origins: OverlayOrigins;
  site: OverlaySite;
  /** The target's pointer in the document, for messages. */
  at: string;
  valuePointer: string;
  fail: (code: string, message: string, pointer?: string, hint?: string) => never;
}

/** The Overlay merge of `value` into `target`, recursively (see the module comment). */
function merge(target: Record<string, Json>, value: Record<string, Json>, ctx: MergeContext): void {
  for (const [key, v] of Object.entries(value)) {
    const here = `${ctx.valuePointer}/${escapePointerToken(key)}`;
    if (!Object.hasOwn(target, key)) {
      const inserted = clone(v);
      target[key] = inserted;
      ctx.origins.setMember(target, key, inserted, ctx.site);
      continue;
    }
    const t = target[key]!;
    const [tk, vk] = [kindOf(t), kindOf(v)];
    if (tk === 'primitive' && vk === 'primitive') {
      target[key] = v;
      ctx.origins.setMember(target, key, v, ctx.site);
    } else if (tk === 'array' && vk === 'array') {
      const added = clone(v as Json[]);
      ctx.origins.appended(t as Json[], added, ctx.site);
      (t as Json[]).push(...added);
    } else if (tk === 'object' && vk === 'object') {
      merge(t as Record<string, Json>, v as Record<string, Json>, { ...ctx, at: `${ctx.at}/${escapePointerToken(key)}`, valuePointer: here });
    } else {
      ctx.fail(
        'overlay-merge-incompatible',
        `The action's \`${key}\` is ${describeKind(v)} but the document's (at ${ctx.at}/${escapePointerToken(key)}) is ${describeKind(t)}: Overlay merges only primitives with primitives, arrays with arrays and objects with objects.`,
        here,
        'Remove the member first with a `remove` action on it, then add it with `update`; or give a value of the same kind.',
      );
    }
  }
}

/**
 * Makes the document a tree: a YAML alias (`*pet`) parses to the same object as its anchor, so an action on one
 * place would change the other too. Each further occurrence becomes a copy; an alias inside its own anchor (a
 * cycle, which JSON cannot express) is left as it is.
 */
function untangle(document: Container): void {
  const seen = new Set<object>();
  const ancestors = new Set<object>();
  const visit = (node: Container) => {
    ancestors.add(node);
    const entries: [string | number, Json][] = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
    for (const [key, value] of entries) {
      if (!isContainer(value) || ancestors.has(value)) continue;
      let child = value;
      if (seen.has(value)) {
        child = plainCopy(value);
        (node as Record<string | number, Json>)[key] = child;
      }
      seen.add(child);
      visit(child);
    }
    ancestors.delete(node);
  };
  seen.add(document);
  visit(document);
}

/** Removes every match from its container: array elements from the highest index down, so indices stay right. */
function removeAll(document: Container, matches: Match[], origins: OverlayOrigins, root: (m: Match) => never): void {
  const byParent = new Map<Container, Set<string | number>>();
  for (const m of matches) {
    if (m.path.length === 0) root(m);
    const parent = containerAt(document, m.path.slice(0, -1));
    if (!byParent.has(parent)) byParent.set(parent, new Set());
    byParent.get(parent)!.add(m.path.at(-1)!);
  }
  for (const [parent, keys] of byParent) {
    if (Array.isArray(parent)) {
      for (const index of [...keys].map(Number).sort((a, b) => b - a)) {
        origins.removedElement(parent, index);
        parent.splice(index, 1);
      }
    } else {
      for (const key of keys) delete (parent as Record<string, Json>)[String(key)];
    }
  }
}

/**
 * Applies `overlays` in order to `document` (in place). Returns the warnings and the origins of the result's
 * nodes; an overlay that breaks a rule throws a `GenerationError`.
 */
export function applyOverlays(document: unknown, overlays: Overlay[]): { warnings: Diagnostic[]; origins: OverlayOrigins } {
  if (!isContainer(document) || Array.isArray(document)) {
    throw new GenerationError([errorDiagnostic('not-openapi', 'The document is not an OpenAPI description: its top level is not a mapping, so overlays cannot apply to it.')]);
  }
  untangle(document);
  const origins = new OverlayOrigins(document);
  const warnings = overlays.flatMap((overlay) => applyOverlay(document, overlay, origins));
  return { warnings, origins };
}
