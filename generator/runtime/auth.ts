/**
 * Authentication: each security scheme's credential, read from the client options or the environment, and what
 * one request sends for its operation's security requirements (headers, query parameters, cookies).
 */
import { SDKError } from './errors.js';
import { readEnv } from './util.js';

/**
 * A token (bearer, API key, OAuth 2.0 or OpenID Connect access token): the value, or a function returning it (or
 * a promise of it). A function is called once per request, before it is sent, so an expiring token can be
 * refreshed; the request's retries reuse the value it returned.
 */
export type TokenCredential = string | (() => string | Promise<string>);

/**
 * A credential other than a token, implemented by its own module (HTTP basic: `basicCredential` in
 * `basic-auth.ts`), which the generated defaults import only where the spec has such a scheme: a package whose
 * schemes are all tokens ships none of it.
 */
export interface CredentialKind {
  /** What a configured value must be, in words, for errors: `{ username, password }`. */
  readonly shape: string;
  /** Whether a configured value (not a function, `null` or `undefined`) has that shape. */
  accepts(value: unknown): boolean;
  /** The environment variables read, from the scheme's `env` base name (`<env>_USERNAME`, `<env>_PASSWORD`). */
  envNames(env: string): string[];
  /** The credential from those variables, else `undefined`. */
  fromEnv(env: string): unknown;
  /** The `authorization` header for a resolved value; an `SDKError` naming `option` when it is not usable. */
  authorization(value: unknown, option: string): string;
}

/**
 * How an API key is sent and kept out of the log, implemented by its own module (`apiKeyPlacement` in
 * `api-key.ts`), which the generated defaults import only where the spec has an API-key scheme.
 */
export interface KeyPlacement {
  /** Adds the key to what one request sends: the header, query parameter or cookie the scheme names. */
  send(parts: AuthParts, scheme: ApiKeyScheme, key: string): void;
  /**
   * What the log hides for these schemes: the names of their headers (lowercase), and a logged URL with their
   * query parameters' values replaced by `***`.
   */
  hidden(schemes: readonly ApiKeyScheme[]): { headers: string[]; url(url: string): string };
}

/** An API-key scheme: where its key goes (`in`, `name`), and the module that sends it. */
export interface ApiKeyScheme {
  kind: 'apiKey';
  in: 'header' | 'query' | 'cookie';
  name: string;
  placement: KeyPlacement;
}

/** How the client sends one scheme's credential, and where it reads it (written by the generator from the spec). */
export type AuthScheme = (
  | { kind: 'bearer' | 'oauth2' | 'openIdConnect' }
  | { kind: 'basic'; credential: CredentialKind }
  | ApiKeyScheme
) & {
  /** The client option that holds the credential, e.g. `bearerAuth`. */
  option: string;
  /** The environment variable read when the option is not given (a base name for `credential.envNames`). */
  env: string;
  /** The `apiKey` option and the `<PREFIX>_API_KEY` variable are this scheme's credential too (after its own). */
  apiKey?: boolean | undefined;
};

/** The schemes a client can send, by their names in the spec. */
export type AuthSchemes = Record<string, AuthScheme>;

/** What one request sends for its credentials. */
export interface AuthParts {
  /** Credential cookies are one `cookie` entry, its `name=value` pairs joined by `; `. */
  headers: [string, string][];
  query: Record<string, string>;
}

/** The part of a `RequestSpec` authentication reads. */
interface Secured {
  method: string;
  path: string;
  /** The security requirement alternatives, each the names of schemes sent together; absent or `[]`: none. */
  security?: string[][] | undefined;
}

/** A token, or what a `CredentialKind` reads (a function returning it is called once per request). */
type Credential = TokenCredential | object;

/** The credentials a client was configured with, one per scheme that has one. */
export class ClientCredentials {
  /** The `apiKey` option's credential: the main scheme's when the API has one, else as given or from the environment. */
  readonly apiKey: TokenCredential | null;
  readonly #values = new Map<string, Credential>();
  readonly #schemes: AuthSchemes;
  readonly #envPrefix: string;

  constructor(options: object, schemes: AuthSchemes, envPrefix: string) {
    this.#schemes = schemes;
    this.#envPrefix = envPrefix;
    const given = (name: string): unknown =>
      Object.hasOwn(options, name) ? (options as Record<string, unknown>)[name] : undefined;
    const apiKey = given('apiKey');
    let main: TokenCredential | null | undefined;
    for (const [name, scheme] of Object.entries(schemes)) {
      let value = given(scheme.option);
      if (value === undefined && scheme.apiKey) value = apiKey;
      if (value === undefined) value = fromEnv(scheme, envPrefix);
      checkCredential(scheme, value);
      if (value !== null && value !== undefined && value !== '')
        this.#values.set(name, value as Credential);
      if (scheme.apiKey) main = (value as TokenCredential | null | undefined) || null;
    }
    this.apiKey =
      main !== undefined
        ? main
        : apiKey !== undefined
          ? (apiKey as TokenCredential | null)
          : (readEnv(`${envPrefix}_API_KEY`) ?? null);
  }

  /**
   * What `spec` sends: the first alternative all of whose schemes have credentials (each function called now).
   * Nothing when the operation needs none, when an alternative is anonymous (`{}`) and none is configured, or when
   * an alternative needs a scheme the client cannot send (mutual TLS, digest: the `fetch` or headers given supply
   * it). Otherwise an `SDKError` naming the options and environment variables that would do: nothing is sent.
   */
  async resolve(spec: Secured): Promise<AuthParts> {
    const parts: AuthParts = { headers: [], query: {} };
    const alternatives = spec.security ?? [];
    const chosen = alternatives.find(
      (names) => names.length > 0 && names.every((name) => this.#values.has(name)),
    );
    if (!chosen) {
      const sendable = alternatives.filter((names) =>
        names.every((name) => this.#scheme(name) !== undefined),
      );
      // none needed, an anonymous call allowed, or a scheme only the `fetch` or headers given can supply
      if (sendable.length === 0 || sendable.length < alternatives.length) return parts;
      if (sendable.some((names) => names.length === 0)) return parts;
      throw new SDKError(
        `${spec.method} ${spec.path} requires credentials and none are configured: ${sendable.map((names) => this.#describe(names)).join('; or ')}. The request was not sent.`,
      );
    }
    for (const name of chosen) await this.#add(parts, name);
    return parts;
  }

  /** The scheme of that name, not an `Object.prototype` member (a spec may name a scheme `constructor`). */
  #scheme(name: string): AuthScheme | undefined {
    return Object.hasOwn(this.#schemes, name) ? this.#schemes[name] : undefined;
  }

  async #add(parts: AuthParts, name: string): Promise<void> {
    const scheme = this.#scheme(name)!;
    const value = this.#values.get(name)!;
    const resolved = typeof value === 'function' ? await value() : value;
    if (scheme.kind === 'basic') {
      parts.headers.push([
        'authorization',
        scheme.credential.authorization(resolved, scheme.option),
      ]);
      return;
    }
    if (typeof resolved !== 'string' || resolved === '')
      throw new SDKError(
        `\`${scheme.option}\` gave no token (a non-empty string); the request was not sent.`,
      );
    if (scheme.kind === 'apiKey') scheme.placement.send(parts, scheme, resolved);
    else parts.headers.push(['authorization', `Bearer ${resolved}`]);
  }

  /** `pass \`a\` and \`b\` in the client options or set A and B`: what one alternative needs. */
  #describe(names: string[]): string {
    const schemes = names.map((name) => this.#scheme(name)!);
    const options = schemes.map((s) => `\`${s.option}\`${s.apiKey ? ' (or `apiKey`)' : ''}`);
    const envs = schemes.flatMap((s) =>
      s.kind === 'basic'
        ? s.credential.envNames(s.env)
        : [`${s.env}${s.apiKey ? ` (or ${this.#envPrefix}_API_KEY)` : ''}`],
    );
    const several = envs.length > 1;
    return `pass ${options.join(' and ')} in the client options, or set the ${envs.join(' and ')} environment variable${several ? 's' : ''}`;
  }
}

/** A scheme's credential from its environment variables, else `undefined`. */
function fromEnv(scheme: AuthScheme, envPrefix: string): unknown {
  if (scheme.kind === 'basic') return scheme.credential.fromEnv(scheme.env);
  return readEnv(scheme.env) ?? (scheme.apiKey ? readEnv(`${envPrefix}_API_KEY`) : undefined);
}

/** Refuses, when the client is made, a credential of the wrong shape for its scheme. */
function checkCredential(scheme: AuthScheme, value: unknown): void {
  if (value === undefined || value === null || typeof value === 'function') return;
  const ok = scheme.kind === 'basic' ? scheme.credential.accepts(value) : typeof value === 'string';
  if (!ok)
    throw new SDKError(
      `\`${scheme.option}\` must be ${scheme.kind === 'basic' ? scheme.credential.shape : 'a string'}, a function returning one, or null.`,
    );
}
