/**
 * Specification extensions (`x-…` members) carried into the IR, on operations, parameters, media types and
 * schemas, so that detectors and emitters read them from the IR instead of the raw document: today the stream
 * terminators other generators declare (`x-speakeasy-sse-sentinel`, `x-fern-streaming`); next, pagination, retries
 * and naming extensions. Values are kept as the document has them (plain JSON data).
 */
export type Extensions = Record<string, unknown>;

/** The `x-` members of a raw OpenAPI object, or undefined when it has none. */
export function extensionsOf(raw: unknown): Extensions | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  let out: Extensions | undefined;
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('x-')) (out ??= {})[key] = value;
  }
  return out;
}
