/**
 * `sdkforge diff OLD NEW`: what changed between two versions of a spec, for a user of the generated client.
 * Operations are matched by method and path, schemas by component name. Every change is classified breaking or
 * not, from the client's side: inputs (request bodies and parameters) break when they demand more, outputs
 * (responses) break when they promise less. The result suggests a semver bump and renders as a markdown
 * changelog or JSON.
 */
import { escapePointerToken } from './diagnostics.js';
import { typeExpr } from './emit/type-expr.js';
import { buildIR } from './ir/build.js';
import { forEachChild, operationSchemas } from './ir/filter.js';
import type { IRDocument, IRNamedSchema, IROperation, IRParameter, IRProperty, IRSchema } from './ir/types.js';
import { loadSpec } from './load/load-spec.js';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface SpecChange {
  subject: 'operation' | 'schema';
  /** Operation name (`listModels`) or schema name. */
  name: string;
  kind: ChangeKind;
  breaking: boolean;
  /** JSON pointer in the new document (the old one for removals). */
  pointer: string;
  message: string;
}

export type SemverBump = 'major' | 'minor' | 'patch' | 'none';

export interface SpecDiff {
  from: { title: string; version: string };
  to: { title: string; version: string };
  changes: SpecChange[];
  bump: SemverBump;
}

export async function diffSpecs(oldSource: string, newSource: string): Promise<SpecDiff> {
  const [a, b] = await Promise.all([loadSpec(oldSource), loadSpec(newSource)]);
  return diffIR(buildIR(a.document).ir, buildIR(b.document).ir);
}

type Direction = 'input' | 'output';

/** A schema's type as text, without doc comments, on one line. */
const text = (s: IRSchema) => typeExpr(s).replace(/\/\*\*[^]*?\*\//g, '').replace(/\s+/g, ' ').trim();
/** Operations match by method and path, whatever their path parameters are called. */
const opKey = (op: IROperation) => `${op.method.toUpperCase()} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;
const schemaPointer = (s: IRNamedSchema) => s.pointer;

export function diffIR(before: IRDocument, after: IRDocument): SpecDiff {
  const changes: SpecChange[] = [];
  const usage = schemaUsage(after);
  const oldUsage = schemaUsage(before);

  const oldOps = new Map(before.operations.map((o) => [opKey(o), o]));
  const newOps = new Map(after.operations.map((o) => [opKey(o), o]));
  for (const [key, op] of newOps) {
    const old = oldOps.get(key);
    if (!old) changes.push({ subject: 'operation', name: op.name, kind: 'added', breaking: false, pointer: op.pointer, message: `${op.name} (${op.method.toUpperCase()} ${op.path}) added` });
    else diffOperation(old, op, changes);
  }
  for (const [key, op] of oldOps) {
    if (!newOps.has(key)) changes.push({ subject: 'operation', name: op.name, kind: 'removed', breaking: true, pointer: op.pointer, message: `${op.name} (${op.method.toUpperCase()} ${op.path}) removed` });
  }

  const oldSchemas = new Map(before.schemas.map((s) => [s.originalName, s]));
  const newSchemas = new Map(after.schemas.map((s) => [s.originalName, s]));
  for (const [name, s] of newSchemas) {
    const old = oldSchemas.get(name);
    if (!old) changes.push({ subject: 'schema', name: s.name, kind: 'added', breaking: false, pointer: schemaPointer(s), message: `schema ${s.name} added` });
    else diffSchema(old, s, usage.get(s.name) ?? new Set(), changes);
  }
  for (const [name, s] of oldSchemas) {
    if (!newSchemas.has(name)) {
      const used = (oldUsage.get(s.name)?.size ?? 0) > 0;
      changes.push({ subject: 'schema', name: s.name, kind: 'removed', breaking: true, pointer: schemaPointer(s), message: `schema ${s.name} removed${used ? '' : ' (it was not used by any operation)'}` });
    }
  }
  const bump: SemverBump = changes.some((c) => c.breaking) ? 'major' : changes.some((c) => c.kind !== 'changed' || !c.breaking) && changes.length ? 'minor' : 'none';
  return { from: { title: before.title, version: before.version }, to: { title: after.title, version: after.version }, changes, bump };
}

/** Which directions each component is used in (through refs, transitively). */
function schemaUsage(ir: IRDocument): Map<string, Set<Direction>> {
  const named = new Map(ir.schemas.map((s) => [s.name, s.schema]));
  const usage = new Map<string, Set<Direction>>();
  const mark = (schema: IRSchema, dir: Direction, seen = new Set<string>()): void => {
    if (schema.kind === 'ref') {
      const set = usage.get(schema.name) ?? new Set<Direction>();
      usage.set(schema.name, set);
      if (seen.has(schema.name)) return;
      seen.add(schema.name);
      set.add(dir);
      const target = named.get(schema.name);
      if (target) mark(target, dir, seen);
      return;
    }
    forEachChild(schema, (child) => mark(child, dir, seen));
  };
  for (const op of ir.operations) {
    const inputs = [...Object.values(op.parameters).flat().map((p) => p.schema), ...(op.requestBody?.contents.map((c) => c.schema) ?? [])];
    for (const s of inputs) mark(s, 'input');
    for (const s of operationSchemas(op).filter((s) => !inputs.includes(s))) mark(s, 'output');
  }
  return usage;
}

function diffOperation(old: IROperation, op: IROperation, out: SpecChange[]): void {
  const add = (breaking: boolean, pointer: string, message: string) =>
    out.push({ subject: 'operation', name: op.name, kind: 'changed', breaking, pointer, message: `${op.name}: ${message}` });
  if (old.name !== op.name) add(true, op.pointer, `renamed from ${old.name} (operationId ${old.operationId} → ${op.operationId})`);

  // path parameters match by position (a renamed placeholder is not a change for positional arguments)
  const params = (o: IROperation) =>
    new Map(Object.values(o.parameters).flat().map((p) => [p.in === 'path' ? `path:${o.parameters.path.indexOf(p)}` : `${p.in}:${p.name}`, p] as const));
  const before = params(old);
  const after = params(op);
  for (const [key, p] of after) {
    const prev = before.get(key);
    const at = `${op.pointer}/parameters/${escapePointerToken(p.name)}`;
    if (!prev) add(p.required, at, `${p.required ? 'required' : 'optional'} ${p.in} parameter \`${p.name}\` added`);
    else diffParameter(prev, p, at, add);
  }
  for (const [key, p] of before) {
    if (!after.has(key)) add(true, `${old.pointer}/parameters/${escapePointerToken(p.name)}`, `${p.in} parameter \`${p.name}\` removed`);
  }

  const types = (cs: { mediaType: string }[] | undefined) => new Set((cs ?? []).map((c) => c.mediaType));
  const reqBefore = types(old.requestBody?.contents);
  const reqAfter = types(op.requestBody?.contents);
  for (const t of reqAfter) if (!reqBefore.has(t)) add(reqBefore.size === 0 && op.requestBody?.required === true, `${op.pointer}/requestBody`, `request content type ${t} added`);
  for (const t of reqBefore) if (!reqAfter.has(t)) add(true, `${op.pointer}/requestBody`, `request content type ${t} removed`);
  if (old.requestBody && op.requestBody && !old.requestBody.required && op.requestBody.required) add(true, `${op.pointer}/requestBody`, 'request body is now required');

  const okTypes = (o: IROperation) => types(o.responses.filter((r) => /^2/.test(r.status)).flatMap((r) => r.contents));
  const resBefore = okTypes(old);
  const resAfter = okTypes(op);
  for (const t of resAfter) if (!resBefore.has(t)) add(false, `${op.pointer}/responses`, `response content type ${t} added`);
  for (const t of resBefore) if (!resAfter.has(t)) add(true, `${op.pointer}/responses`, `response content type ${t} removed`);
  if (!old.streaming && op.streaming) add(false, `${op.pointer}/responses`, 'now streams (server-sent events)');
  if (old.streaming && !op.streaming) add(true, `${op.pointer}/responses`, 'no longer streams');
  const req = (o: IROperation) => o.requestBody?.contents[0];
  const [rb, ra] = [req(old), req(op)];
  if (rb && ra && rb.mediaType === ra.mediaType) diffShape(rb.schema, ra.schema, `${op.pointer}/requestBody`, true, false, '', (b, p, m) => add(b, p, `request body ${m}`));
  const [sb, sa] = [old.success, op.success];
  if (sb && sa && sb.mediaType === sa.mediaType) diffShape(sb.schema, sa.schema, `${op.pointer}/responses`, false, true, '', (b, p, m) => add(b, p, `response ${m}`));
}

function diffParameter(prev: IRParameter, p: IRParameter, at: string, add: (breaking: boolean, pointer: string, message: string) => void): void {
  if (!prev.required && p.required) add(true, at, `${p.in} parameter \`${p.name}\` is now required`);
  if (prev.required && !p.required) add(false, at, `${p.in} parameter \`${p.name}\` is now optional`);
  diffShape(prev.schema, p.schema, at, true, false, '', (b, ptr, m) => add(b, ptr, `${p.in} parameter \`${p.name}\` ${m}`));
}

function diffSchema(old: IRNamedSchema, s: IRNamedSchema, dirs: Set<Direction>, out: SpecChange[]): void {
  const add: Add = (breaking, pointer, message) => out.push({ subject: 'schema', name: s.name, kind: 'changed', breaking, pointer, message: `${s.name}: ${message}` });
  diffShape(old.schema, s.schema, s.pointer, dirs.has('input'), dirs.has('output'), '', add);
}

type Add = (breaking: boolean, pointer: string, message: string) => void;

/** An object's properties and the components it extends (through `allOf`), or undefined if not object-like. */
function objectLike(schema: IRSchema): { bases: string[]; properties: IRProperty[] } | undefined {
  if (schema.kind === 'object') return { bases: [], properties: schema.properties };
  if (schema.kind !== 'intersection') return undefined;
  const bases: string[] = [];
  const properties = new Map<string, IRProperty>();
  for (const part of schema.parts) {
    if (part.kind === 'ref') bases.push(part.name);
    else if (part.kind === 'object') {
      for (const p of part.properties) {
        const prev = properties.get(p.name);
        // a required-only entry (beside allOf) makes an inherited property required
        properties.set(p.name, prev ? { ...prev, required: prev.required || p.required } : p);
      }
    } else return undefined;
  }
  return { bases, properties: [...properties.values()] };
}

const isString = (s: IRSchema) => s.kind === 'primitive' && s.type === 'string';
const literals = (s: IRSchema): unknown[] => (s.kind === 'enum' ? s.values : s.kind === 'const' ? [s.value] : []);

/** Variant texts of a union (or the schema itself). */
const variants = (s: IRSchema) => (s.kind === 'union' ? s.variants.map(text) : [text(s)]);

function diffShape(a: IRSchema, b: IRSchema, pointer: string, input: boolean, output: boolean, label: string, add: Add): void {
  const what = label ? `property \`${label}\`` : 'type';
  const oa = objectLike(a);
  const ob = objectLike(b);
  if (oa && ob) {
    for (const base of ob.bases) if (!oa.bases.includes(base)) add(input, pointer, `${label ? `${what} ` : ''}now extends ${base}`);
    for (const base of oa.bases) if (!ob.bases.includes(base)) add(true, pointer, `${label ? `${what} ` : ''}no longer extends ${base}`);
    diffProperties(oa.properties, ob.properties, pointer, input, output, label, add);
  } else if (a.kind === 'array' && b.kind === 'array') {
    diffShape(a.items, b.items, `${pointer}/items`, input, output, label ? `${label}[]` : '[]', add);
  } else if (isString(a) && (b.kind === 'enum' || b.kind === 'const') && literals(b).every((v) => typeof v === 'string')) {
    // narrowed to known values: fine to read, stricter to send
    add(input, pointer, `${what} narrowed from ${text(a)} to ${text(b)}`);
  } else if (a.kind === 'enum' && b.kind === 'enum') {
    const added = b.values.filter((v) => !a.values.includes(v));
    const removed = a.values.filter((v) => !b.values.includes(v));
    if (added.length) add(false, pointer, `${what}: enum values added: ${added.map((v) => JSON.stringify(v)).join(', ')}`);
    if (removed.length) add(true, pointer, `${what}: enum values removed: ${removed.map((v) => JSON.stringify(v)).join(', ')}`);
  } else if (text({ ...a, nullable: false }) !== text({ ...b, nullable: false })) {
    const [va, vb] = [variants(a), variants(b)];
    if (va.every((v) => vb.includes(v))) add(false, pointer, `${what}: variants added: ${vb.filter((v) => !va.includes(v)).join(' | ')}`);
    else add(true, pointer, `${what} changed from ${text(a)} to ${text(b)}`);
  }
  if (!a.nullable && b.nullable) add(output, pointer, `${what} may now be null`);
  if (a.nullable && !b.nullable) add(input, pointer, `${what} may no longer be null`);
}

function diffProperties(before: IRProperty[], after: IRProperty[], pointer: string, input: boolean, output: boolean, prefix: string, add: Add): void {
  const old = new Map(before.map((p) => [p.name, p]));
  const now = new Map(after.map((p) => [p.name, p]));
  for (const [name, p] of now) {
    const at = `${pointer}/properties/${escapePointerToken(name)}`;
    const label = prefix ? `${prefix}.${name}` : name;
    const prev = old.get(name);
    if (!prev) {
      add(input && p.required, at, `${p.required ? 'required' : 'optional'} property \`${label}\` added`);
      continue;
    }
    if (!prev.required && p.required) add(input, at, `property \`${label}\` is now required`);
    if (prev.required && !p.required) add(output, at, `property \`${label}\` is now optional`);
    diffShape(prev.schema, p.schema, at, input, output, label, add);
  }
  for (const name of old.keys()) {
    if (!now.has(name)) add(true, `${pointer}/properties/${escapePointerToken(name)}`, `property \`${prefix ? `${prefix}.${name}` : name}\` removed`);
  }
}

export function renderMarkdown(diff: SpecDiff): string {
  const section = (title: string, items: SpecChange[]) =>
    items.length ? [`### ${title}`, '', ...items.map((c) => `- ${c.message} (\`${c.pointer}\`)`), ''] : [];
  const breaking = diff.changes.filter((c) => c.breaking);
  const added = diff.changes.filter((c) => !c.breaking && c.kind === 'added');
  const changed = diff.changes.filter((c) => !c.breaking && c.kind === 'changed');
  const lines = [
    `## ${diff.to.title} ${diff.from.version} → ${diff.to.version}`,
    '',
    `Suggested version bump for the generated package: **${diff.bump}** (${breaking.length} breaking, ${added.length} added, ${changed.length} other changes).`,
    '',
    ...section('Breaking changes', breaking),
    ...section('Added', added),
    ...section('Changed', changed),
  ];
  if (diff.changes.length === 0) lines.push('No changes for client users.', '');
  return lines.join('\n');
}
