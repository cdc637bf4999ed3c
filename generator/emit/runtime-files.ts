/**
 * The runtime every generated package ships (`generator/runtime/*.ts`, copied to `src/runtime/`), and the names it
 * takes: the names it exports, which no schema type may take, and the members of the client class it provides,
 * which no operation may take. They are declared here, beside the runtime sources, because they change when the
 * runtime changes; the IR builder only applies the names it is given (`BuildOptions`), so it assumes no
 * particular client.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { camelCase, pascalCase } from '../ir/names.js';
import { PAGINATION_KINDS } from '../ir/pagination.js';
import { FORMATS } from '../ir/streaming.js';
import type { IRPagination, StreamFormat } from '../ir/types.js';
import { PACKAGE_ROOT } from '../package-root.js';

const RUNTIME_DIR = path.join(PACKAGE_ROOT, 'generator', 'runtime');

let runtime: [string, string][] | undefined;

/** A value emitted code imports from the runtime: its module (`src/runtime/<file>`) and its exported name. */
export interface RuntimeImport {
  file: string;
  name: string;
}

/** The specifier a file importing `file` (`auth.ts`) writes, from the path to the runtime directory: `./runtime/auth.js`. */
export const runtimeSpecifier = (file: string, runtimeDir = './runtime/'): string => `${runtimeDir}${file.replace(/\.ts$/, '.js')}`;

/** The object a format's module exports for `RequestSpec.stream.format`: `sse` → `sseFormat` from `sse.ts`. */
export const streamFormatImport = (format: StreamFormat): RuntimeImport => ({ file: `${format}.ts`, name: `${camelCase(format)}Format` });

/** A scheme's page class: `cursor` → `CursorPage` from `cursor-page.ts`. */
export const pageClassImport = (kind: IRPagination['kind']): RuntimeImport => ({ file: `${kind}-page.ts`, name: `${pascalCase(kind)}Page` });

/** What every list operation calls with its page class. */
export const REQUEST_PAGE: RuntimeImport = { file: 'pagination.ts', name: 'requestPage' };

/** What an operation with an OpenAPI 3.2 `in: querystring` parameter serializes it with. */
export const ENCODE_QUERYSTRING: RuntimeImport = { file: 'querystring.ts', name: 'encodeQuerystring' };

/** What an operation with a positional multipart body (`multipart/mixed`, …) encodes its parts with. */
export const ENCODE_PARTS: RuntimeImport = { file: 'multipart-parts.ts', name: 'encodeParts' };

/** `RequestSpec.encode` of an operation whose body may be other than JSON (multipart, form, binary, text). */
export const ENCODE_BODY: RuntimeImport = { file: 'body.ts', name: 'encodeRequestBody' };

/** `RequestSpec.idempotency` of an operation whose spec declares an idempotency header. */
export const IDEMPOTENCY_HEADER: RuntimeImport = { file: 'idempotency.ts', name: 'idempotencyHeader' };

/** `RequestSpec.retry` of an operation whose spec declares a retry policy. */
export const RETRY_POLICY: RuntimeImport = { file: 'retry-policy.ts', name: 'retryPolicy' };

/** `RequestSpec.queryStyles` of an operation with query parameters in other styles than `form`, exploded. */
export const PARAM_STYLES: RuntimeImport = { file: 'query-styles.ts', name: 'paramStyles' };

/** `RequestSpec.cookies` of an operation with cookie parameters. */
export const COOKIE_PARAMS: RuntimeImport = { file: 'cookies.ts', name: 'cookieParams' };

/** `StreamOpenOptions.events` of an operation that streams typed server-sent events (OpenAPI 3.2). */
export const TYPED_EVENTS: RuntimeImport = { file: 'sse-events.ts', name: 'typedEvents' };

/** Every runtime value emitted operations may import, beside `encodePath`. */
export const OPERATION_IMPORTS: readonly RuntimeImport[] = [
  REQUEST_PAGE,
  ENCODE_QUERYSTRING,
  ENCODE_PARTS,
  ENCODE_BODY,
  IDEMPOTENCY_HEADER,
  RETRY_POLICY,
  PARAM_STYLES,
  COOKIE_PARAMS,
  TYPED_EVENTS,
  ...PAGINATION_KINDS.map(pageClassImport),
  ...(Object.keys(FORMATS) as StreamFormat[]).map(streamFormatImport),
];

/** Runtime sources (tests excluded), as `[file name, text]`; read once. A plan ships those a package uses. */
export function runtimeSources(): [string, string][] {
  return (runtime ??= readdirSync(RUNTIME_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => [f, readFileSync(path.join(RUNTIME_DIR, f), 'utf8')]));
}

/** Every name the runtime modules export, plus the globals emitted code refers to (and the client's name). */
export function reservedTypeNames(clientName?: string): string[] {
  const names = new Set(['Blob', ...(clientName ? [clientName] : [])]);
  for (const [, text] of runtimeSources()) {
    for (const m of text.matchAll(/^export (?:declare )?(?:abstract )?(?:class|function|interface|type|const|let|enum) (\w+)/gm)) names.add(m[1]!);
  }
  return [...names].sort();
}

/** `Object.prototype`'s members: names an object literal (a client, its options) seems to have already. */
export const OBJECT_PROTOTYPE_NAMES: readonly string[] = [
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  '__proto__',
];

/**
 * Names an operation cannot take, because operations become both functions in `operations.ts` and methods of
 * the client class: the class's `constructor`, every member the client inherits from the runtime's `ClientCore`
 * (overriding `send` or `request` would break every call), `Object.prototype` members, and what `operations.ts`
 * imports from the runtime (`encodePath`, `requestPage`, `encodeQuerystring`, `encodeParts`, the page classes and stream formats). An operation with
 * such an id gets a numeric suffix (`send2`).
 * test/hostile.test.ts checks that this list covers every `ClientCore` member.
 */
export const OPERATION_NAMES_TAKEN: readonly string[] = [
  'constructor',
  'encodePath',
  ...OPERATION_IMPORTS.map((i) => i.name),
  // exported beside the operations by every package (src/defaults.ts)
  'createClient',
  'clientDefaults',
  // exported from src/defaults.ts where the spec names its servers
  'environments',
  'clientOptions',
  // the client's webhooks member, and what src/index.ts exports beside the operations where the spec has webhooks
  'webhooks',
  'unwrapWebhook',
  'webhookDefaults',
  'verifySignature',
  // ClientCore
  'apiKey',
  'baseURL',
  'envPrefix',
  'timeout',
  'maxRetries',
  'maxRetriesOption',
  'idleTimeout',
  'defaultHeaders',
  'defaultQuery',
  'fetchOptions',
  'fetchImpl',
  'givenOptions',
  'givenDefaults',
  'logging',
  'logLevel',
  'logger',
  'withOptions',
  'credentials',
  'request',
  'parse',
  'buildURL',
  'buildHeaders',
  'send',
  ...OBJECT_PROTOTYPE_NAMES,
];
