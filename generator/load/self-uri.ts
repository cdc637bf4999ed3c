/**
 * OpenAPI 3.2's `$self`: the document's own URI, and so the base URI for resolving its relative references. A
 * relative `$self` is itself resolved against the URI the document was read from. The result is what the bundler
 * uses as the root's location: an absolute path for a `file:` URI, else the URL.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/**
 * The base for relative references of a document read from `retrieval` (an absolute path or an http(s) URL)
 * whose `$self` is `self`; `retrieval` itself when there is no usable `$self` (not a string, has a fragment,
 * not a URI reference, or a scheme other than file, http and https).
 */
export function baseUri(self: unknown, retrieval: string): string {
  if (typeof self !== 'string' || self === '' || self.includes('#')) return retrieval;
  let url: URL;
  try {
    url = new URL(self, isUrl(retrieval) ? retrieval : pathToFileURL(path.resolve(retrieval)).href);
  } catch {
    return retrieval;
  }
  if (url.protocol === 'file:') return fileURLToPath(url);
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  return retrieval;
}
