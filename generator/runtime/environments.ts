/**
 * Named environments: the servers a spec names (OpenAPI 3.2 `servers[].name`), selected with the client's
 * `environment` option. Shipped only in packages whose spec names its servers.
 */
import type { ClientOptions } from './core.js';
import { SDKError } from './errors.js';

/**
 * The core client options for `options`: its `environment`, when set, becomes the base URL, unless `baseURL` is
 * given too (which wins). An environment the API does not name is an error, whether or not `baseURL` is given.
 */
export function withEnvironment(
  options: ClientOptions & { environment?: string | undefined },
  environments: Readonly<Record<string, string>>,
): ClientOptions {
  const { environment, ...rest } = options;
  if (environment === undefined) return rest;
  if (!Object.hasOwn(environments, environment)) {
    const known = Object.keys(environments)
      .map((name) => JSON.stringify(name))
      .join(', ');
    throw new SDKError(
      `Unknown environment ${JSON.stringify(environment)}: the API names ${known}. Pass one of them as \`environment\`, or pass \`baseURL\`.`,
    );
  }
  return rest.baseURL != null ? rest : { ...rest, baseURL: environments[environment] };
}
