/**
 * Maps a JSON pointer in a YAML or JSON file to a 1-based line and column. Parsing with positions is slow on
 * big specs, so it only happens when a diagnostic needs a location.
 */
import { isCollection, LineCounter, parseDocument, type Node } from 'yaml';
import { parsePointer } from '../diagnostics.js';

export interface Position {
  line: number;
  column: number;
}

export function locatePointer(text: string, pointer: string): Position | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (const token of parsePointer(pointer)) {
    if (!isCollection(node)) break;
    const next = node.get(token, true);
    if (next === undefined) break;
    node = next;
    last = next as Node;
  }
  const offset = last?.range?.[0];
  if (offset === undefined) return undefined;
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/** Finds the first `$ref` whose value is `ref`, returning its JSON pointer (to the `$ref` key's object). */
export function findRef(document: unknown, ref: string): string | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value: document, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (!Array.isArray(value) && (value as Record<string, unknown>).$ref === ref) {
      return '#' + path.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i]!;
      stack.push({ value: v, path: [...path, k] });
    }
  }
  return undefined;
}
