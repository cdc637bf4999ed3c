/**
 * HTTP basic authentication (RFC 7617): the credential of a `basic` security scheme, `{ username, password }`
 * from the client option or the `<env>_USERNAME` and `<env>_PASSWORD` variables, sent as
 * `authorization: Basic <base64 of username:password>`. Its own module, so that only packages with such a scheme
 * ship it (`CredentialKind` in `auth.ts`).
 */
import type { CredentialKind } from './auth.js';
import { SDKError } from './errors.js';
import { readEnv } from './util.js';

/** HTTP basic credentials, or a function returning them (called once per request, like a token function). */
export type BasicCredential =
  | { username: string; password: string }
  | (() =>
      | { username: string; password: string }
      | Promise<{ username: string; password: string }>);

const isBasic = (value: unknown): value is { username: string; password: string } =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { username?: unknown }).username === 'string' &&
  typeof (value as { password?: unknown }).password === 'string';

export const basicCredential: CredentialKind = {
  shape: '{ username, password }',
  accepts: isBasic,
  envNames: (env) => [`${env}_USERNAME`, `${env}_PASSWORD`],
  fromEnv(env) {
    const username = readEnv(`${env}_USERNAME`);
    const password = readEnv(`${env}_PASSWORD`);
    return username === undefined && password === undefined
      ? undefined
      : { username: username ?? '', password: password ?? '' };
  },
  authorization(value, option) {
    if (!isBasic(value))
      throw new SDKError(
        `\`${option}\` gave no { username, password } strings; the request was not sent.`,
      );
    if (value.username.includes(':'))
      throw new SDKError(
        `\`${option}\`: a basic authentication username cannot contain ":"; the request was not sent.`,
      );
    return `Basic ${base64(`${value.username}:${value.password}`)}`;
  },
};

/** Base64 of the UTF-8 bytes of `text`, with Web APIs only (no `Buffer`). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
