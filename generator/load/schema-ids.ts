/**
 * OpenAPI 3.1 schemas may be named by URI: a schema's `$id` (resolved against the enclosing `$id`s and the
 * file's URL) identifies it, an `$anchor` names a schema inside one, and a `$ref` resolves against the nearest
 * enclosing `$id`. `$ref: /schemas/owner#contact` is then a schema of this document, not a file to fetch.
 * Such `$ref`s are rewritten into JSON pointers (`#/components/schemas/Owner/properties/contact`) before
 * bundling, so a bundler that knows only files and JSON pointers finds them.
 */
import { parsePointer, pointerOf } from '../util/json-pointer.js';
import type { FileScan } from './ref-positions.js';

/** Rewrites the scanned file's schema `$ref`s that name one of its `$id`s or `$anchor`s; returns how many. */
export function resolveSchemaIds(scan: FileScan): number {
  if (scan.ids.size === 0 && scan.anchors.size === 0) return 0;
  let rewritten = 0;
  for (const reference of scan.references) {
    const { ref, base } = reference;
    if (reference.role !== 'schema' || ref.startsWith('#/') || ref === '#') continue;
    let target: URL;
    try {
      target = new URL(ref, base);
    } catch {
      continue;
    }
    const fragment = decodeURIComponent(target.hash.slice(1));
    target.hash = '';
    const resource = target.href;
    let tokens: string[] | undefined;
    if (fragment === '') tokens = scan.ids.get(resource);
    else if (fragment.startsWith('/')) {
      const at = scan.ids.get(resource);
      tokens = at && [...at, ...parsePointer(`#${fragment}`)];
    } else tokens = scan.anchors.get(`${resource}#${fragment}`);
    if (!tokens) continue;
    reference.ref = reference.holder.$ref = pointerOf(tokens);
    rewritten++;
  }
  return rewritten;
}
