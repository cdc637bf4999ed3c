/**
 * The `yaml` package, loaded on first use (about 20 ms at start-up): js-yaml reads specs; `yaml` is needed only
 * for lenient parsing, locating diagnostics and YAML config files.
 */
import { createRequire } from 'node:module';

let loaded: typeof import('yaml') | undefined;

export function yaml(): typeof import('yaml') {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}
