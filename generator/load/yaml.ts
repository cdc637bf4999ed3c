/**
 * The `yaml` package, loaded on first use (about 20 ms at start-up): js-yaml reads specs; `yaml` is needed only
 * for lenient parsing, locating diagnostics and YAML config files.
 *
 * Its `parse()` writes what it tolerates (an unresolved tag, an ambiguous alias) to stderr as a Node process
 * warning (`YAMLWarning`); sdkforge reports problems as its own diagnostics only, so `parse` here logs nothing
 * unless a caller asks for a `logLevel`. Errors are still thrown.
 */
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');

let loaded: Yaml | undefined;

export function yaml(): Yaml {
  if (loaded) return loaded;
  const lib = createRequire(import.meta.url)('yaml') as Yaml;
  const parse = ((src: string, reviver?: unknown, options?: unknown) => {
    // parse(src, options) or parse(src, reviver, options)
    if (typeof reviver !== 'function') return lib.parse(src, { logLevel: 'error', ...(reviver as object | undefined) });
    return lib.parse(src, reviver as never, { logLevel: 'error', ...(options as object | undefined) });
  }) as Yaml['parse'];
  return (loaded = { ...lib, parse });
}
