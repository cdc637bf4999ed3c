/**
 * JSON pointers (RFC 6901) and walking raw documents: the one home for escaping a reference token, parsing a
 * pointer, writing one, resolving one in a parsed document, and visiting every object of a parsed document.
 *
 * It lives in `util/` rather than in `diagnostics.ts` (where escaping and parsing were first written) because
 * its users are mostly not reporting anything: the loader rewrites `$ref`s with it, the Swagger 2.0 conversion
 * moves schemas with it, the IR builder names components with it. Diagnostics only carry the pointers.
 *
 * Pointers are written in their URI-fragment form (`#/paths/~1pets/get`), the form `$ref`s use; parsing also
 * accepts the plain form (`/paths/~1pets/get`) and percent-encoded tokens (`#/components/schemas/Pet%20Shop`).
 */

type Raw = Record<string, unknown>;

/** Escapes one reference token for a JSON pointer: `~` → `~0`, `/` → `~1`. */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The pointer (`#/a/b~1c`) of a path of tokens (`['a', 'b/c']`); `#` for the document itself. */
export function pointerOf(tokens: readonly (string | number)[]): string {
  return '#' + tokens.map((t) => '/' + escapePointerToken(String(t))).join('');
}

/**
 * The tokens of a pointer (`#/a/b~1c` → `['a', 'b/c']`; `#` → `[]`). Throws a `URIError` when a token is not
 * valid percent-encoding (`%zz`).
 */
export function parsePointer(pointer: string): string[] {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '' || body === '/') return body === '/' ? [''] : [];
  return body
    .slice(1)
    .split('/')
    .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Follows `tokens` from `document` as far as they go: `depth` is how many were followed, `value` what they lead
 * to. Only a value's own members count (`constructor` or `toString` name nothing in a plain object); an array's
 * members are its indices.
 */
export function followPointer(document: unknown, tokens: readonly string[]): { value: unknown; depth: number } {
  let value = document;
  let depth = 0;
  for (const token of tokens) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, token)) break;
    value = (value as Raw)[token];
    depth++;
  }
  return { value, depth };
}

/** What `pointer` (a pointer, or its tokens) names in `document`, or `undefined` when it names nothing. */
export function resolvePointer(document: unknown, pointer: string | readonly string[]): unknown {
  const tokens = typeof pointer === 'string' ? parsePointer(pointer) : pointer;
  const { value, depth } = followPointer(document, tokens);
  return depth === tokens.length ? value : undefined;
}

/** What a visitor tells `walkDocument`: go on (nothing), leave this node's members out (`skip`), end (`stop`). */
export type WalkControl = void | 'skip' | 'stop';

/**
 * Visits every object and array of a parsed document, parents before their members, members in document order
 * (object keys in insertion order, array items by index). `tokens` is where the node is; the array is reused
 * while walking, so a visitor that keeps it copies it. A node met again below itself (a cyclic YAML alias) is
 * not entered again. Returns false when a visitor stopped the walk.
 */
export function walkDocument(document: unknown, visit: (node: object, tokens: readonly string[]) => WalkControl): boolean {
  const tokens: string[] = [];
  const ancestors = new Set<object>();
  const enter = (node: unknown): boolean => {
    if (!node || typeof node !== 'object' || ancestors.has(node)) return true;
    const control = visit(node, tokens);
    if (control === 'stop') return false;
    if (control === 'skip') return true;
    ancestors.add(node);
    try {
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) {
          tokens.push(String(i));
          const goOn = enter(node[i]);
          tokens.pop();
          if (!goOn) return false;
        }
      } else {
        for (const key of Object.keys(node)) {
          tokens.push(key);
          const goOn = enter((node as Raw)[key]);
          tokens.pop();
          if (!goOn) return false;
        }
      }
      return true;
    } finally {
      ancestors.delete(node);
    }
  };
  return enter(document);
}
