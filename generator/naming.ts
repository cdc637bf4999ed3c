/**
 * Default names derived from the spec's title: `OpenAI API` → client `OpenAI`, environment prefix `OPENAI`,
 * package `@sdkforge/openai`.
 */
import { errorDiagnostic, GenerationError } from './diagnostics.js';
import { isIdentifier, pascalCase } from './ir/names.js';
import { isSemver } from './semver.js';

/** The names a generated package is known by: its client class, its npm name, its environment variables' prefix. */
export interface PackageNaming {
  clientName: string;
  packageName: string;
  envPrefix: string;
}

/** Words that say what kind of document a title names, not whose API it is: dropped from the end of a name. */
const GENERIC = /^(?:apis?|rest|http|https|web|openapi|swagger|spec|specs|specification|documentation|docs|reference|v?\d+(?:\.\d+)*)$/i;

/**
 * The words of a short, natural name for the API a title names: what comes before an aside (`Swagger Petstore -
 * OpenAPI 3.0`, `Discord HTTP API (Preview)`, `Spotify Web API with fixes …`), the owner of a possessive
 * (`Netlify's API documentation` → `Netlify`), without generic trailing words (`API`, `REST`, `docs`, a version).
 */
export function titleWords(title: string): string[] {
  let main = title.split(/\s[-–—+|:]\s|[([]|\s(?:with|from|for|by)\s/i)[0]!;
  const possessive = /^(.*?\w)['’]s\b/.exec(main);
  if (possessive) main = possessive[1]!;
  const words = main.split(/[^A-Za-z0-9]+/).filter(Boolean);
  if (words.length > 1 && /^the$/i.test(words[0]!)) words.shift();
  while (words.length > 1 && GENERIC.test(words[words.length - 1]!)) words.pop();
  return words.length ? words : ['Api'];
}

/** npm's rule for package names (lowercase, URL-safe, an optional `@scope/`, at most 214 characters). */
const NPM_NAME = /^(?:@[a-z0-9-*~][a-z0-9-*._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

function invalid(code: string, message: string, hint: string): GenerationError {
  return new GenerationError([errorDiagnostic(code, message, { hint })]);
}

/**
 * `taken`: names the package exports besides the client (the runtime's: `Stream`, `APIError`, …). A client name
 * derived from the title that is taken gets `Client` appended (`Stream API` → `StreamClient`); a taken
 * `clientName` given explicitly is an error.
 */
export function defaultNaming(title: string, overrides: Partial<PackageNaming> = {}, taken: readonly string[] = []): PackageNaming {
  const words = titleWords(title);
  const { clientName: givenClient, packageName: givenPackage } = overrides;
  if (givenClient !== undefined && !isIdentifier(givenClient)) {
    throw invalid('client-name-invalid', `The client name ${JSON.stringify(givenClient)} is not a TypeScript class name.`, 'Use letters, digits, _ or $, not starting with a digit, and not a reserved word (--client-name).');
  }
  if (givenPackage !== undefined && (givenPackage.length > 214 || !NPM_NAME.test(givenPackage))) {
    throw invalid('package-name-invalid', `The package name ${JSON.stringify(givenPackage)} is not a valid npm package name.`, 'Use lowercase letters, digits, - . _ ~, optionally after a @scope/, at most 214 characters (--package-name).');
  }
  if (givenClient !== undefined && taken.includes(givenClient)) {
    throw invalid('client-name-taken', `The client name ${JSON.stringify(givenClient)} is also a name the package exports from its runtime.`, `Choose another client name (--client-name), for example ${JSON.stringify(`${givenClient}Client`)}.`);
  }
  let clientName = givenClient ?? pascalCase(words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''));
  if (taken.includes(clientName)) clientName = `${clientName}Client`;
  return {
    clientName,
    envPrefix: overrides.envPrefix ?? words.map((w) => w.toUpperCase()).join('_'),
    packageName: overrides.packageName ?? `@sdkforge/${words.map((w) => w.toLowerCase()).join('-')}`,
  };
}

/** An explicit package version must be one npm accepts: semver. */
export function checkPackageVersion(version: string | undefined): string | undefined {
  if (version !== undefined && !isSemver(version)) {
    throw invalid('package-version-invalid', `The package version ${JSON.stringify(version)} is not a semver version.`, 'Use MAJOR.MINOR.PATCH, optionally with a -prerelease and +build part, e.g. 1.4.0 or 2.0.0-beta.1 (--package-version).');
  }
  return version;
}
