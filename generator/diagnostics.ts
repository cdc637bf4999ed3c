/**
 * Diagnostics: every problem sdkforge reports, with where it is (file, line, column, JSON pointer),
 * what is wrong and what to do about it. Errors stop generation; warnings are listed once each.
 */

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `yaml-syntax`, `ref-missing`, `not-openapi`. */
  code: string;
  /** What is wrong, one sentence. */
  message: string;
  /** What to do about it. */
  hint?: string;
  file?: string;
  /** 1-based line, when the source gives it. */
  line?: number;
  /** 1-based column, when the source gives it. */
  column?: number;
  /** JSON pointer into the document, e.g. `#/paths/~1models/get`. */
  pointer?: string;
  /** A warning the CLI shows at `--verbose` only (a detection that found nothing to do). */
  verbose?: true;
}

/** How many further places a grouped warning names. */
const EXAMPLES = 2;

/** ` (+N more like this, e.g. at A, B, …)` for the places after the first of a grouped warning, or ''. */
export function moreLikeThis(rest: string[]): string {
  if (rest.length === 0) return '';
  return ` (+${rest.length} more like this, e.g. at ${rest.slice(0, EXAMPLES).join(', ')}${rest.length > EXAMPLES ? ', …' : ''})`;
}

/**
 * Warnings that say the same (code and message) at several places become one, located at the first place, whose
 * message names how many more there are and a few of them.
 */
export function groupRepeated(diagnostics: Diagnostic[]): Diagnostic[] {
  const groups = groupPlaces(
    diagnostics,
    // errors are never merged: each gets a key of its own
    (d) => (d.severity === 'warning' ? `${d.code}\0${d.message}` : {}),
    (d) => d.pointer ?? (d.line ? `${d.file ?? ''}:${d.line}` : (d.file ?? '?')),
  );
  return groups.map(({ first, rest }) =>
    rest.length ? { ...first, message: `${first.message.replace(/\.$/, '')}${moreLikeThis(rest)}.` } : first,
  );
}

/**
 * The grouping under `groupRepeated` and the loader's grouping of schema violations: `items` with the same `key`
 * (compared with `Map` semantics) become one group, in the order their first items come, holding that first item
 * and the places (`place`) of the others. With `distinct`, a place is named once, and never when it is the first
 * item's.
 */
export function groupPlaces<T>(
  items: Iterable<T>,
  key: (item: T) => unknown,
  place: (item: T) => string,
  { distinct = false }: { distinct?: boolean } = {},
): { first: T; rest: string[] }[] {
  const groups = new Map<unknown, { first: T; firstPlace: string; rest: string[] }>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (!group) groups.set(k, { first: item, firstPlace: distinct ? place(item) : '', rest: [] });
    else {
      const at = place(item);
      if (!distinct || (at !== group.firstPlace && !group.rest.includes(at))) group.rest.push(at);
    }
  }
  return [...groups.values()].map(({ first, rest }) => ({ first, rest }));
}

/** Thrown when generation cannot go on; carries every diagnostic collected so far. */
export class GenerationError extends Error {
  readonly diagnostics: Diagnostic[];

  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'));
    this.name = 'GenerationError';
    this.diagnostics = diagnostics;
  }
}

export function errorDiagnostic(code: string, message: string, at: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'error', code, message, ...at };
}

/** One paragraph: `error[code] file:line:col at #/pointer: message Fix: hint` */
export function formatDiagnostic(d: Diagnostic): string {
  let where = '';
  if (d.file) {
    where = d.file;
    if (d.line !== undefined) where += `:${d.line}` + (d.column !== undefined ? `:${d.column}` : '');
  }
  if (d.pointer) where += `${where ? ' ' : ''}at ${d.pointer}`;
  const text = d.message.replace(/\s+/g, ' ').trim();
  const hint = d.hint ? ` Fix: ${d.hint.replace(/\s+/g, ' ').trim()}` : '';
  return `${d.severity}[${d.code}]${where ? ` ${where}` : ''}: ${text}${hint}`;
}
