/**
 * Selection: keeps the operations that match (and the webhooks, by the same tags, names or operationIds), and only
 * the component schemas they reach: a slice of a huge spec is as small as the slice.
 */
import { errorDiagnostic, GenerationError } from '../diagnostics.js';
import type { IRDocument, IRSchema } from './types.js';
import { forEachChild, operationSchemas } from './walk.js';

export interface Selection {
  /** Keep operations with at least one of these tags (case-insensitive). */
  includeTags?: string[] | undefined;
  /** Drop operations with any of these tags. */
  excludeTags?: string[] | undefined;
  /** Keep operations whose path matches one of these globs (`*` within a segment, `**` across segments). */
  includePaths?: string[] | undefined;
  /** Keep operations whose operationId or generated name is one of these. */
  includeOperations?: string[] | undefined;
}

/** A path glob as a regular expression: `*` matches within one segment, `**` any number of segments. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const nonEmpty = (list: string[] | undefined): list is string[] => Array.isArray(list) && list.length > 0;

export function selectOperations(ir: IRDocument, selection: Selection): IRDocument {
  const { includeTags, excludeTags, includePaths, includeOperations } = selection;
  if (![includeTags, excludeTags, includePaths, includeOperations].some(nonEmpty)) return ir;
  const lower = (list: string[]) => new Set(list.map((t) => t.toLowerCase()));
  const wanted = nonEmpty(includeTags) ? lower(includeTags) : undefined;
  const unwanted = nonEmpty(excludeTags) ? lower(excludeTags) : undefined;
  const paths = nonEmpty(includePaths) ? includePaths.map(globToRegExp) : undefined;
  const ids = nonEmpty(includeOperations) ? new Set(includeOperations) : undefined;
  const tagged = (tags: string[]) =>
    (!wanted || tags.some((t) => wanted.has(t.toLowerCase()))) && (!unwanted || !tags.some((t) => unwanted.has(t.toLowerCase())));
  const operations = ir.operations.filter(
    (op) => tagged(op.tags) && (!paths || paths.some((re) => re.test(op.path))) && (!ids || ids.has(op.operationId) || ids.has(op.name)),
  );
  // a webhook is kept by the tag filters, or by its name or operationId among the operations; it has no path, so
  // a path filter alone keeps none
  const webhooks = (ir.webhooks ?? []).filter((w) =>
    ids && (ids.has(w.name) || (w.operationId !== undefined && ids.has(w.operationId))) ? true : tagged(w.tags) && !paths && !ids,
  );
  if (operations.length === 0 && ir.operations.length > 0) throw nothingSelected(ir, selection);
  const byName = new Map(ir.schemas.map((s) => [s.name, s]));
  const reached = new Set<string>();
  const visit = (schema: IRSchema | undefined): void => {
    if (!schema) return;
    forEachChild(schema, visit);
    if (schema.kind === 'ref' && !reached.has(schema.name)) {
      reached.add(schema.name);
      visit(byName.get(schema.name)?.schema);
    }
  };
  for (const op of operations) {
    for (const s of operationSchemas(op)) visit(s);
    visit(op.streaming?.item);
    visit(op.pagination?.item);
  }
  for (const webhook of webhooks) visit(webhook.payload);
  const { webhooks: _all, ...rest } = ir;
  return { ...rest, operations, ...(webhooks.length ? { webhooks } : {}), schemas: ir.schemas.filter((s) => reached.has(s.name)) };
}

/** At most `limit` of `values`, then how many more. */
function some(values: string[], limit = 40): string {
  return values.length <= limit ? values.join(', ') : `${values.slice(0, limit).join(', ')} (+${values.length - limit} more)`;
}

/** The error for a selection that keeps no operation: what exists, for each filter that was given. */
function nothingSelected(ir: IRDocument, selection: Selection): GenerationError {
  const tags = [...new Set(ir.operations.flatMap((op) => op.tags))].sort();
  const given: string[] = [];
  const exist: string[] = [];
  if (nonEmpty(selection.includeTags) || nonEmpty(selection.excludeTags)) {
    given.push(...(selection.includeTags ?? []).map((t) => `--include-tags ${t}`), ...(selection.excludeTags ?? []).map((t) => `--exclude-tags ${t}`));
    exist.push(tags.length ? `tags: ${some(tags)}` : 'no operation has a tag');
  }
  if (nonEmpty(selection.includePaths)) {
    given.push(...selection.includePaths.map((p) => `--include-paths ${p}`));
    exist.push(`paths: ${some([...new Set(ir.operations.map((op) => op.path))].sort())}`);
  }
  if (nonEmpty(selection.includeOperations)) {
    given.push(...selection.includeOperations.map((o) => `--include-operations ${o}`));
    exist.push(`operations: ${some(ir.operations.map((op) => op.operationId))}`);
  }
  return new GenerationError([
    errorDiagnostic('selection-empty', `The selection (${given.join(', ')}) keeps none of the spec's ${ir.operations.length} operations.`, {
      hint: `Choose among what exists. ${exist.join('; ')}.`,
    }),
  ]);
}
