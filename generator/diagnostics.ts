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
  // errors are never merged: each gets a key of its own
  const groups = new Map<unknown, { first: Diagnostic; rest: string[] }>();
  for (const d of diagnostics) {
    const key = d.severity === 'warning' ? `${d.code}\0${d.message}` : {};
    const group = groups.get(key);
    if (group) group.rest.push(d.pointer ?? (d.line ? `${d.file ?? ''}:${d.line}` : (d.file ?? '?')));
    else groups.set(key, { first: d, rest: [] });
  }
  return [...groups.values()].map(({ first, rest }) =>
    rest.length ? { ...first, message: `${first.message.replace(/\.$/, '')}${moreLikeThis(rest)}.` } : first,
  );
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

/** Escapes one reference token for a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointerOf(tokens: readonly (string | number)[]): string {
  return '#' + tokens.map((t) => '/' + escapePointerToken(String(t))).join('');
}

export function parsePointer(pointer: string): string[] {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '' || body === '/') return body === '/' ? [''] : [];
  return body
    .slice(1)
    .split('/')
    .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
}
