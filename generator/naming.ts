/**
 * Default names derived from the spec's title: `OpenAI API` → client `OpenAI`, environment prefix `OPENAI`,
 * package `@sdkforge/openai`.
 */
import { pascalCase } from './ir/names.js';
import type { PackageNaming } from './emit/emit-package.js';

function titleWords(title: string): string[] {
  const words = title.split(/[^A-Za-z0-9]+/).filter(Boolean);
  while (words.length > 1 && /^(api|rest|openapi|spec|specification)$/i.test(words[words.length - 1]!)) words.pop();
  return words.length ? words : ['Api'];
}

export function defaultNaming(title: string, overrides: Partial<PackageNaming> = {}): PackageNaming {
  const words = titleWords(title);
  const clientName = overrides.clientName ?? pascalCase(words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(''));
  return {
    clientName,
    envPrefix: overrides.envPrefix ?? words.map((w) => w.toUpperCase()).join('_'),
    packageName: overrides.packageName ?? `@sdkforge/${words.map((w) => w.toLowerCase()).join('-')}`,
  };
}
