/**
 * The client's authentication options, one per security scheme it can send: the option named after the scheme
 * (`ApiKeyAuth` → `apiKeyAuth`), its environment variable (`<PREFIX>_API_KEY_AUTH`), and whether `apiKey` (and
 * `<PREFIX>_API_KEY`) is its credential too (the main scheme, `IRDocument.mainScheme`). Names are unique and
 * deterministic: a scheme whose name would take a core option or variable, or another scheme's, gets a numeric
 * suffix, in document order.
 */
import { camelCase, constantCase } from '../ir/names.js';
import { OBJECT_PROTOTYPE_NAMES, type RuntimeImport } from './runtime-files.js';
import type { IRDocument, IRSecurityScheme } from '../ir/types.js';
import { literal, propertyKey } from './type-expr.js';

export interface ClientScheme {
  scheme: IRSecurityScheme;
  option: string;
  /** The whole variable name; basic reads it with `_USERNAME` and `_PASSWORD`. */
  env: string;
  /** `apiKey` and `<PREFIX>_API_KEY` are this scheme's credential too. */
  apiKey: boolean;
}

/**
 * Names `ClientOptions` has besides the schemes' (the core's, `environment`), and `Object.prototype`'s, which an
 * options object literal would seem to have.
 */
const OPTIONS_TAKEN = [
  'apiKey',
  'baseURL',
  'timeout',
  'maxRetries',
  'idleTimeout',
  'fetch',
  'defaultHeaders',
  'environment',
  'constructor',
  ...OBJECT_PROTOTYPE_NAMES,
];

/** The schemes a client can send (not `other`), in document order, with their option and variable. */
export function clientSchemes(ir: IRDocument, envPrefix: string): ClientScheme[] {
  const options = new Set(OPTIONS_TAKEN);
  const envs = new Set(['API_KEY', 'BASE_URL']);
  const out: ClientScheme[] = [];
  for (const scheme of ir.security) {
    if (scheme.kind === 'other') continue;
    const main = scheme.name === ir.mainScheme;
    const option = camelCase(scheme.name);
    const env = constantCase(scheme.name) || 'AUTH';
    // the main scheme named `apiKey` (or `api_key`) is the `apiKey` option itself
    if (main && option === 'apiKey') {
      out.push({ scheme, option, env: `${envPrefix}_API_KEY`, apiKey: true });
      continue;
    }
    const suffixes = scheme.kind === 'basic' ? ['_USERNAME', '_PASSWORD'] : [''];
    let n = 1;
    const nth = (base: string) => (n === 1 ? base : `${base}${n}`);
    while (options.has(nth(option)) || suffixes.some((s) => envs.has(nth(env) + s))) n++;
    options.add(nth(option));
    for (const s of suffixes) envs.add(nth(env) + s);
    out.push({ scheme, option: nth(option), env: `${envPrefix}_${nth(env)}`, apiKey: main });
  }
  return out;
}

/** What a basic scheme's entry in `ClientDefaults.auth` names as its credential (`CredentialKind` in `auth.ts`). */
export const BASIC_CREDENTIAL: RuntimeImport = { file: 'basic-auth.ts', name: 'basicCredential' };

/** What an API-key scheme's entry in `ClientDefaults.auth` names as its placement (`KeyPlacement` in `auth.ts`). */
export const API_KEY_PLACEMENT: RuntimeImport = { file: 'api-key.ts', name: 'apiKeyPlacement' };

/**
 * `ClientDefaults.auth`: each sendable scheme by name, how it is sent, its option and variable. A basic scheme
 * names `basicCredential`, an API-key scheme `apiKeyPlacement`, which the module holding the literal imports.
 */
export function authLiteral(schemes: ClientScheme[]): string {
  const entries = schemes.map(({ scheme, option, env, apiKey }) => {
    const how =
      scheme.kind === 'apiKey'
        ? [`kind: ${literal('apiKey')}`, `in: ${literal(scheme.in ?? 'header')}`, `name: ${literal(scheme.parameterName ?? '')}`, `placement: ${API_KEY_PLACEMENT.name}`]
        : scheme.kind === 'basic'
          ? [`kind: ${literal('basic')}`, `credential: ${BASIC_CREDENTIAL.name}`]
          : [`kind: ${literal(scheme.kind)}`];
    const fields = [...how, `option: ${literal(option)}`, `env: ${literal(env)}`, ...(apiKey ? ['apiKey: true'] : [])];
    return `${propertyKey(scheme.name)}: { ${fields.join(', ')} }`;
  });
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

/** How a scheme's credential is sent, in words, for the option's documentation. */
export function sentAs(scheme: IRSecurityScheme, code: (text: string) => string = (text) => `\`${text}\``): string {
  switch (scheme.kind) {
    case 'basic':
      return 'HTTP basic authentication (`authorization: Basic …` of `username:password`, UTF-8)';
    case 'apiKey':
      return `the API key in the ${scheme.in === 'query' ? 'query parameter' : scheme.in} ${code(scheme.parameterName ?? '')}`;
    case 'oauth2':
      return 'an OAuth 2.0 access token, as `authorization: Bearer …` (obtaining it is up to you)';
    case 'openIdConnect':
      return 'an OpenID Connect access token, as `authorization: Bearer …` (obtaining it is up to you)';
    default:
      return 'a bearer token (`authorization: Bearer …`)';
  }
}
