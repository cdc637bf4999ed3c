/**
 * HTTP methods. A path item names its operations by the fixed methods (`get` … `trace`, and `query` since 3.2),
 * lowercase; 3.2's `additionalOperations` maps any other method name to an operation, and that name is sent with
 * the exact case its key has (`COPY`, `Purge`). `IROperation.method` holds a fixed method lowercase and an
 * additional one as its key has it; `httpMethod` gives what goes on the wire.
 */

/** The path item's fixed operation keys, in document order of the 3.2 text. */
export const FIXED_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'] as const;

export type FixedMethod = (typeof FIXED_METHODS)[number];

const FIXED: ReadonlySet<string> = new Set(FIXED_METHODS);

/** Whether `method` (an IR method) is one of the fixed methods. */
export function isFixedMethod(method: string): method is FixedMethod {
  return FIXED.has(method);
}

/** Whether an `additionalOperations` key names a fixed method, in any case (3.2 forbids those there). */
export function namesFixedMethod(key: string): boolean {
  return FIXED.has(key.toLowerCase());
}

/** The method as sent: a fixed method uppercase (`query` → `QUERY`), any other exactly as the spec writes it. */
export function httpMethod(method: string): string {
  return isFixedMethod(method) ? method.toUpperCase() : method;
}

/** An HTTP method token (RFC 9110 `token`): what an `additionalOperations` key must be to be sent. */
export function isMethodToken(key: string): boolean {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(key);
}
