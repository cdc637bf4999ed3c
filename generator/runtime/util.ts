/** Small helpers shared by the runtime modules; not part of the package's public API. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function castToError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : JSON.stringify(value));
}

/** A single value as the text of a query parameter or form field: dates in ISO 8601, objects as JSON. */
export function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * An environment variable's value, trimmed; `undefined` when unset or blank, where there is no `process`, or where
 * reading it is not allowed: Deno run without `--allow-env` throws `NotCapable` on `process.env.X`, and an
 * environment variable only ever stands in for an option, so a client given its options works there.
 */
export function readEnv(name: string): string | undefined {
  let value: string | undefined;
  try {
    value = (
      globalThis as { process?: { env?: Record<string, string | undefined> } }
    ).process?.env?.[name]?.trim();
  } catch {
    return undefined;
  }
  return value ? value : undefined;
}
