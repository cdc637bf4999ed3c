/**
 * Default names derived from the spec's title: `OpenAI API` → client `OpenAI`, environment prefix `OPENAI`,
 * package `@sdkforge/openai`.
 */
import { errorDiagnostic, GenerationError } from './diagnostics.js';
import { pascalCase } from './ir/names.js';
import type { PackageNaming } from './emit/emit-package.js';

function titleWords(title: string): string[] {
  const words = title.split(/[^A-Za-z0-9]+/).filter(Boolean);
  while (words.length > 1 && /^(api|rest|openapi|spec|specification)$/i.test(words[words.length - 1]!)) words.pop();
  return words.length ? words : ['Api'];
}

/**
 * `taken`: names the package exports besides the client (the runtime's: `Stream`, `APIError`, …). A client name
 * derived from the title that is taken gets `Client` appended (`Stream API` → `StreamClient`); a taken
 * `clientName` given explicitly is an error.
 */
export function defaultNaming(title: string, overrides: Partial<PackageNaming> = {}, taken: readonly string[] = []): PackageNaming {
  const words = titleWords(title);
  if (overrides.clientName !== undefined && taken.includes(overrides.clientName)) {
    throw new GenerationError([
      errorDiagnostic('client-name-taken', `The client name ${JSON.stringify(overrides.clientName)} is also a name the package exports from its runtime.`, {
        hint: `Choose another client name (--client-name), for example ${JSON.stringify(`${overrides.clientName}Client`)}.`,
      }),
    ]);
  }
  let clientName = overrides.clientName ?? pascalCase(words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''));
  if (taken.includes(clientName)) clientName = `${clientName}Client`;
  return {
    clientName,
    envPrefix: overrides.envPrefix ?? words.map((w) => w.toUpperCase()).join('_'),
    packageName: overrides.packageName ?? `@sdkforge/${words.map((w) => w.toLowerCase()).join('-')}`,
  };
}
