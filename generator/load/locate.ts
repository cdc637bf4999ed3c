/**
 * Maps a JSON pointer in a YAML or JSON file to a 1-based line and column. Parsing with positions is slow on
 * big specs, so it only happens when a diagnostic needs a location.
 */
import type { LineCounter, Node, parseDocument } from 'yaml';
import { yaml } from './yaml.js';
import { parsePointer, pointerOf, walkDocument } from '../util/json-pointer.js';

export interface Position {
  line: number;
  column: number;
}

export function locatePointer(text: string, pointer: string): Position | undefined {
  return createLocator(text)(pointer);
}

/** A locator for many pointers into one text: the text is parsed once, on the first call. */
export function createLocator(text: string): (pointer: string) => Position | undefined {
  let parsed: { doc: ReturnType<typeof parseDocument>; lineCounter: LineCounter } | undefined;
  return (pointer) => {
    const { isCollection, isMap, isNode, isScalar, LineCounter, parseDocument } = yaml();
    if (!parsed) {
      const lineCounter = new LineCounter();
      parsed = { doc: parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false }), lineCounter };
    }
    const { doc, lineCounter } = parsed;
    let node: unknown = doc.contents;
    let last: Node | undefined = doc.contents ?? undefined;
    for (const token of parsePointer(pointer)) {
      if (!isCollection(node)) break;
      // keys are compared as text: YAML reads `200:` as the number 200; a mapping entry is located at its key
      // (`Pet:`), where the reader looks for it
      const pair = isMap(node) ? node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === token) : undefined;
      const next: unknown = isMap(node) ? pair?.value : node.get(/^\d+$/.test(token) ? Number(token) : token, true);
      if (next === undefined || next === null) break;
      node = next;
      last = isNode(pair?.key) ? pair.key : isNode(next) ? next : last;
    }
    const offset = last?.range?.[0];
    if (offset === undefined) return undefined;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
}

/** Finds the first `$ref` whose value is `ref`, returning its JSON pointer (to the `$ref` key's object). */
export function findRef(document: unknown, ref: string): string | undefined {
  let found: string | undefined;
  walkDocument(document, (node, tokens) => {
    if (Array.isArray(node) || (node as Record<string, unknown>).$ref !== ref) return;
    found = pointerOf(tokens);
    return 'stop';
  });
  return found;
}
