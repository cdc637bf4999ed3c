/**
 * Which server-sent event streams are known to end with a terminator, and which one.
 *
 * The runtime ends every SSE stream at `data: [DONE]` whatever the spec says (it cannot be an event's JSON
 * data), so streams from published specs end cleanly without any extension. What this module decides is
 * stronger: that an operation's stream is *known* to end with a terminator, so that a body ending without it is
 * an incomplete answer (`APIConnectionError`) rather than a silently short one. Known, first match wins:
 *
 * 1. an extension on the `text/event-stream` media type or on the operation: `x-sdkforge-stream-terminator`
 *    (ours), `x-speakeasy-sse-sentinel` (Speakeasy's), or the `terminator` of `x-fern-streaming` (Fern's);
 * 2. the spec's own words: `[DONE]` is mentioned in the operation's summary or description, the response's
 *    description, or a description inside the request body's schema (OpenAI's: "the stream terminated by a
 *    `data: [DONE]` message" on `stream`, "an additional chunk will be streamed before the `data: [DONE]` message"
 *    on `stream_options`), followed through `$ref`s down to `REQUEST_PROSE_DEPTH` levels. The event schema's own
 *    text is not read: a union of typed events may document another stream's end.
 */
import { forEachChild } from './walk.js';
import type { IRSchema } from './types.js';

type Raw = Record<string, unknown>;

/** How deep into the request body's schema descriptions are read (the body, its properties, theirs, ...). */
export const REQUEST_PROSE_DEPTH = 4;

export const DONE = '[DONE]';

/** The extensions that name a terminator, as `[where it is read, how to read it]`. */
const EXTENSIONS: [name: string, read: (value: unknown) => unknown][] = [
  ['x-sdkforge-stream-terminator', (v) => v],
  ['x-speakeasy-sse-sentinel', (v) => v],
  ['x-fern-streaming', (v) => (v && typeof v === 'object' ? (v as Raw).terminator : undefined)],
];

export interface KnownTerminator {
  value: string;
  /** Why it is known: the extension's name, or `description` when the spec's prose names it. */
  source: string;
}

/**
 * The terminator of one operation's stream, if known. `objects` are the raw media type and operation objects, in
 * that order of precedence; `prose` is every text that may describe the stream.
 */
export function knownTerminator(objects: (Raw | undefined)[], prose: (string | undefined)[]): KnownTerminator | undefined {
  for (const object of objects) {
    for (const [name, read] of EXTENSIONS) {
      const value = object ? read(object[name]) : undefined;
      if (typeof value === 'string' && value !== '') return { value, source: name };
    }
  }
  return prose.some((text) => text?.includes(DONE)) ? { value: DONE, source: 'description' } : undefined;
}

/** Every description in `schema` down to `depth` levels, following `ref`s through `named` (each once). */
export function descriptionsIn(schema: IRSchema, named: ReadonlyMap<string, IRSchema>, depth = REQUEST_PROSE_DEPTH): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (s: IRSchema, level: number): void => {
    if (s.description) out.push(s.description);
    if (s.kind === 'ref') {
      const target = named.get(s.name);
      if (target && !seen.has(s.name)) {
        seen.add(s.name);
        visit(target, level);
      }
      return;
    }
    // unions and intersections are one level: their members describe the same value
    const next = s.kind === 'union' || s.kind === 'intersection' ? level : level + 1;
    if (next <= depth) forEachChild(s, (child) => visit(child, next));
  };
  visit(schema, 0);
  return out;
}
